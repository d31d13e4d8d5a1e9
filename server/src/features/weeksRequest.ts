// paperList/weeks and paperList/rowDetails: what the tree, status bar, pickers and exports show of a list.
import type { DayInfo, OutsideWeeksInfo, ProblemInfo, ProblemSeverity, RowDetailsResult, WeekInfo, WeeksResult } from '../protocol';
import { fromDayNumber } from '../model/dates';
import { isTemplateRow, paperLink, rowOfLine, statedYear, weekOfLine, type PaperList, type Week } from '../model/model';
import { placeholderReason } from '../model/urls';
import type { DocumentState } from '../service';
import { rowRange, toRange, weekRange } from '../model/ranges';
import type { Finding } from '../analysis';

const RANK: Record<ProblemSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The Problems panel leaves hints out; so do the tree and the status bar, so all three count the same. */
function counted(problem: Finding): boolean {
  return problem.severity !== 'hint';
}

export function weeksOf(state: DocumentState, knownRevision?: string): WeeksResult {
  if (!state.isPaperList) return { isPaperList: false, version: state.version, revision: '', files: [], weeks: [], paperCount: 0, problemCount: 0 };
  const { analysis, uri } = state;
  const list = analysis.list;
  const problemsByLine = new Map<number, ProblemSeverity[]>();
  const outside: ProblemInfo[] = [];
  for (const p of analysis.problems) {
    if (!counted(p)) continue;
    const line = p.range.start.line;
    if (!weekOfLine(list, line)) outside.push({ message: p.message, rule: p.rule, severity: p.severity, range: p.range });
    const at = problemsByLine.get(line);
    if (at) at.push(p.severity);
    else problemsByLine.set(line, [p.severity]);
  }
  const paperLabel = state.settings.requiredLinks[0];
  const weeks: WeekInfo[] = list.weeks.map((week) => {
    let problemCount = 0;
    let worst: ProblemSeverity | undefined;
    for (let line = week.startLine; line < week.endLine; line++) {
      for (const severity of problemsByLine.get(line) ?? []) {
        problemCount++;
        if (!worst || RANK[severity] > RANK[worst]) worst = severity;
      }
    }
    const year = statedYear(list, week);
    return {
      uri,
      heading: week.heading,
      anchor: week.anchor,
      headingRange: toRange(week.headingSpan),
      range: weekRange(list.lines, week),
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
          ...(paper && !placeholderReason(paper, false, state.settings.placeholderPatterns) ? { paperUrl: paper } : {}),
          ...(isTemplateRow(row) ? { template: true } : {}),
          problemCount: problemsByLine.get(row.line)?.length ?? 0,
        };
      }),
    };
  });
  const problemCount = weeks.reduce((n, w) => n + w.problemCount, 0) + outside.length;
  const result: Omit<WeeksResult, 'revision' | 'version'> = {
    isPaperList: true,
    files: [{ uri, role: 'index', problemCount }],
    weeks,
    outside: outsideWeeks(list, uri, outside),
    paperCount: weeks.reduce((n, w) => n + w.rowCount, 0),
    problemCount,
  };
  // Range ends are left out: typing in a row moves its end column, which nothing the tree shows or does depends on.
  const revision = hash(JSON.stringify(result, (key, value: unknown) => (key === 'end' ? (value as { line: number }).line : value)));
  if (revision === knownRevision)
    return { isPaperList: true, version: state.version, revision, unchanged: true, files: [], weeks: [], paperCount: result.paperCount, problemCount };
  return { ...result, version: state.version, revision };
}

function outsideWeeks(list: PaperList, uri: string, problems: ProblemInfo[]): OutsideWeeksInfo | undefined {
  if (list.toc.length === 0 && problems.length === 0) return undefined;
  const first = list.toc[0]?.line ?? 0;
  const last = list.toc[list.toc.length - 1]?.line ?? 0;
  let worst: ProblemSeverity | undefined;
  for (const p of problems) if (!worst || RANK[p.severity] > RANK[worst]) worst = p.severity;
  return {
    uri,
    range: { start: { line: first, character: 0 }, end: { line: last, character: list.lines.lineLength(last) } },
    problemCount: problems.length,
    worstSeverity: worst,
    problems,
  };
}

/** Descriptions and links of the rows at `lines` (the tree's tooltips, exports). */
export function rowDetailsOf(state: DocumentState, lines: readonly number[]): RowDetailsResult {
  const list = state.analysis.list;
  return {
    version: state.version,
    rows: lines.map((line) => {
      const week = typeof line === 'number' ? weekOfLine(list, line) : undefined;
      const row = week && rowOfLine(week, line);
      if (!row) return null;
      return {
        description: row.description,
        links: row.links
          .filter((l) => !l.isImage)
          .map((l) => ({
            label: l.label,
            url: l.target,
            ...(placeholderReason(l.target, false, state.settings.placeholderPatterns) ? { placeholder: true } : {}),
          })),
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
