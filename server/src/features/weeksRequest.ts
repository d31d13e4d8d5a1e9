// paperList/weeks and paperList/rowDetails: what the tree, status bar, pickers and exports show of a list.
import type { DayInfo, ListFileInfo, OutsideWeeksInfo, ProblemInfo, ProblemSeverity, RowDetailsResult, WeekInfo, WeeksResult } from '../protocol';
import { SEVERITY_RANK, type Finding } from '../analysis';
import { fromDayNumber } from '../model/dates';
import { isTemplateRow, paperLink, rowOfLine, statedYear, weekOfLine, type PaperList, type Week } from '../model/model';
import { placeholderReason } from '../model/urls';
import type { DocumentState } from '../service';
import type { Settings } from '../settings';
import { rowRange, toRange, weekRange } from '../model/ranges';

/** The Problems panel leaves hints out; so do the tree and the status bar, so all three count the same. */
function counted(problem: Finding): boolean {
  return problem.severity !== 'hint';
}

/** One file's weeks and its problems outside them. */
interface FileWeeks {
  readonly weeks: WeekInfo[];
  readonly outside: ProblemInfo[];
}

/** The full answer per document state (one per version): the tree asks again on every refresh and focus. */
const answers = new WeakMap<DocumentState, WeeksResult>();

export function weeksOf(state: DocumentState, knownRevision?: string): WeeksResult {
  if (!state.isPaperList) return { isPaperList: false, version: state.version, revision: '', files: [], weeks: [], paperCount: 0, problemCount: 0 };
  let answer = answers.get(state);
  if (!answer) answers.set(state, (answer = buildWeeks(state)));
  if (answer.revision === knownRevision)
    return {
      isPaperList: true,
      version: state.version,
      revision: answer.revision,
      unchanged: true,
      files: [],
      weeks: [],
      paperCount: answer.paperCount,
      problemCount: answer.problemCount,
    };
  return answer;
}

function buildWeeks(state: DocumentState): WeeksResult {
  const files: ListFileInfo[] = [];
  const weeks: WeekInfo[] = [];
  const outside: ProblemInfo[] = [];
  let tocOf: { uri: string; list: PaperList } = { uri: state.uri, list: state.analysis.list };
  const add = (uri: string, list: PaperList, found: readonly Finding[], settings: Settings, role: ListFileInfo['role'], year?: number) => {
    const part = fileWeeks(uri, list, found, settings);
    weeks.push(...part.weeks);
    outside.push(...part.outside);
    const problemCount = part.weeks.reduce((n, w) => n + w.problemCount, 0) + part.outside.length;
    files.push({ uri, role, ...(year !== undefined ? { year } : {}), problemCount });
  };
  if (state.inList) {
    const { model, problems } = state.inList.analysis;
    for (const file of model.files) add(file.uri, file.list, problems.get(file.uri) ?? [], state.inList.settings, file.role, file.year);
    // Files outside the model (over maxFileSize) still count their one problem.
    for (const [uri, found] of problems) if (!model.file(uri)) files.push({ uri, role: 'weeks', problemCount: found.filter(counted).length });
    const index = model.files.find((f) => f.role === 'index');
    if (index) tocOf = { uri: index.uri, list: index.list };
  } else add(state.uri, state.analysis.list, state.analysis.problems, state.settings, 'index');
  const problemCount = files.reduce((n, f) => n + f.problemCount, 0);
  const summary: Omit<WeeksResult, 'weeks' | 'revision' | 'version'> = {
    isPaperList: true,
    files,
    outside: outsideWeeks(tocOf.list, tocOf.uri, outside),
    paperCount: weeks.reduce((n, w) => n + w.rowCount, 0),
    problemCount,
  };
  const revision = hash(`${weeks.map(revisionOf).join('\n')}\n${JSON.stringify(summary, withoutProblemDetails)}`);
  return Object.freeze({ ...summary, weeks, version: state.version, revision });
}

/** Range ends are left out of the revision: typing in a row moves its end column, which nothing the tree shows or does depends on. */
function withoutEndColumns(key: string, value: unknown): unknown {
  return key === 'end' ? (value as { line: number }).line : value;
}

/** In the revision, the problems outside the weeks count by their own revisions, which they keep while unchanged. */
function withoutProblemDetails(key: string, value: unknown): unknown {
  if (key === 'problems' && Array.isArray(value)) return (value as ProblemInfo[]).map(problemRevisionOf);
  return withoutEndColumns(key, value);
}

/** A problem's entry outside the weeks, kept with its finding: an unchanged problem keeps its finding (analysis.ts). */
const outsideInfos = new WeakMap<Finding, ProblemInfo>();
function outsideInfo(uri: string, problem: Finding): ProblemInfo {
  let info = outsideInfos.get(problem);
  if (info?.uri !== uri)
    outsideInfos.set(problem, (info = { uri, message: problem.message, rule: problem.rule, severity: problem.severity, range: problem.range }));
  return info;
}

const problemRevisions = new WeakMap<ProblemInfo, string>();
function problemRevisionOf(problem: ProblemInfo): string {
  let revision = problemRevisions.get(problem);
  if (revision === undefined) problemRevisions.set(problem, (revision = hash(JSON.stringify(problem, withoutEndColumns))));
  return revision;
}

/** A week's part of the revision, the hash of its answer, once per answer object (an unchanged week keeps its answer). */
const weekRevisions = new WeakMap<WeekInfo, string>();
function revisionOf(week: WeekInfo): string {
  let revision = weekRevisions.get(week);
  if (revision === undefined) weekRevisions.set(week, (revision = hash(JSON.stringify(week, withoutEndColumns))));
  return revision;
}

function fileWeeks(uri: string, list: PaperList, found: readonly Finding[], settings: Settings): FileWeeks {
  const problemsByLine = new Map<number, ProblemSeverity[]>();
  const outside: ProblemInfo[] = [];
  for (const p of found) {
    if (!counted(p)) continue;
    const line = p.range.start.line;
    if (!weekOfLine(list, line)) outside.push(outsideInfo(uri, p));
    const at = problemsByLine.get(line);
    if (at) at.push(p.severity);
    else problemsByLine.set(line, [p.severity]);
  }
  const weeks = list.weeks.map((week): WeekInfo => {
    // A week the edit did not touch is the same Week object (model.ts): its answer is reused while its problems,
    // year and settings are too, so typing costs the edited week, not the whole tree.
    const year = statedYear(list, week);
    const range = weekRange(list.lines, week);
    let signature = `${uri}\n${year}\n${range.end.line}:${range.end.character}`;
    for (let line = week.startLine; line < week.endLine; line++) {
      const at = problemsByLine.get(line);
      if (at) signature += `\n${line}:${at.join(',')}`;
    }
    const cached = weekInfos.get(week);
    if (cached && cached.signature === signature && cached.settings === settings) return cached.info;
    const info = weekInfo(uri, week, year, range, problemsByLine, settings);
    weekInfos.set(week, { signature, settings, info });
    return info;
  });
  return { weeks, outside };
}

/** What the tree shows of one week, built once per week object (see fileWeeks). */
const weekInfos = new WeakMap<Week, { signature: string; settings: Settings; info: WeekInfo }>();

function weekInfo(
  uri: string,
  week: Week,
  year: number | undefined,
  range: WeekInfo['range'],
  problemsByLine: ReadonlyMap<number, ProblemSeverity[]>,
  settings: Settings,
): WeekInfo {
  const paperLabel = settings.requiredLinks[0];
  let problemCount = 0;
  let worst: ProblemSeverity | undefined;
  for (let line = week.startLine; line < week.endLine; line++) {
    for (const severity of problemsByLine.get(line) ?? []) {
      problemCount++;
      if (!worst || SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
    }
  }
  // Frozen: kept while the week is (fileWeeks), so the transport encodes it once (node/messageEncoder.ts).
  return Object.freeze({
    uri,
    heading: week.heading,
    anchor: week.anchor,
    headingRange: toRange(week.headingSpan),
    range,
    ...days(week, year !== undefined),
    year,
    rowCount: week.rows.length,
    problemCount,
    worstSeverity: worst,
    rows: week.rows.map((row) => {
      const paper = paperLink(row, paperLabel)?.target;
      return {
        number: row.number ? String(row.number.value) : null,
        title: row.title,
        range: rowRange(row),
        ...(paper && !placeholderReason(paper, false, settings.placeholderPatterns) ? { paperUrl: paper } : {}),
        ...(isTemplateRow(row) ? { template: true } : {}),
        problemCount: problemsByLine.get(row.line)?.length ?? 0,
      };
    }),
  });
}

function outsideWeeks(list: PaperList, uri: string, problems: ProblemInfo[]): OutsideWeeksInfo | undefined {
  if (list.toc.length === 0 && problems.length === 0) return undefined;
  const first = list.toc[0]?.line ?? 0;
  const last = list.toc[list.toc.length - 1]?.line ?? 0;
  let worst: ProblemSeverity | undefined;
  for (const p of problems) if (!worst || SEVERITY_RANK[p.severity] > SEVERITY_RANK[worst]) worst = p.severity;
  return {
    uri,
    range: { start: { line: first, character: 0 }, end: { line: last, character: list.lines.lineLength(last) } },
    problemCount: problems.length,
    worstSeverity: worst,
    problems,
  };
}

/** Descriptions and links of the rows of `list` at `lines` (the tree's tooltips, exports); `version` is the file's, 0 when it is not open. */
export function rowDetailsOf(list: PaperList, version: number, settings: Settings, lines: readonly number[]): RowDetailsResult {
  return {
    version,
    rows: lines.map((line) => {
      const week = typeof line === 'number' ? weekOfLine(list, line) : undefined;
      const row = week && rowOfLine(week, line);
      if (!row) return null;
      return {
        description: row.description,
        links: row.links
          .filter((l) => !l.isImage)
          .map((l) => ({ label: l.label, url: l.target, ...(placeholderReason(l.target, false, settings.placeholderPatterns) ? { placeholder: true } : {}) })),
      };
    }),
  };
}

function days(week: Week, withYear: boolean): { start?: DayInfo; end?: DayInfo } {
  if (!week.dates) return {};
  if (!week.span) return { start: { ...week.dates.start }, end: { ...week.dates.end } };
  const start = fromDayNumber(week.span.start);
  const end = fromDayNumber(week.span.end);
  return withYear ? { start, end } : { start: { month: start.month, day: start.day }, end: { month: end.month, day: end.day } };
}

/** FNV-1a (32 bits) plus the length: a collision would need equal length too, and would cost one skipped refresh. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}
