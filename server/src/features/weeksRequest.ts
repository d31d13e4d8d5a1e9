import type { DayInfo, ListFileInfo, ProblemSeverity, WeekInfo, WeeksResult } from '../protocol';
import type { Finding } from '../analysis';
import { fromDayNumber } from '../model/dates';
import { paperLink, type PaperList, type Week } from '../model/model';
import type { DocumentState, ListState } from '../service';
import { rowRange, toRange, weekRange } from '../model/ranges';

const RANK: Record<ProblemSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function weeksOf(state: DocumentState): WeeksResult {
  if (!state.isPaperList) return { isPaperList: false, version: state.version, weeks: [], files: [], paperCount: 0, problemCount: 0 };
  if (state.inList) return weeksOfList(state, state.inList);
  const weeks = weekInfos(state.uri, state.analysis.list, state.analysis.problems, state.settings.requiredLinks[0]);
  const problemCount = state.analysis.problems.length;
  return {
    isPaperList: true,
    version: state.version,
    weeks,
    files: [{ uri: state.uri, role: 'index', problemCount }],
    paperCount: weeks.reduce((n, w) => n + w.rowCount, 0),
    problemCount,
  };
}

/** The whole list's weeks, newest first across its files, each with its file's URI. */
function weeksOfList(state: DocumentState, inList: ListState): WeeksResult {
  const { model, problems } = inList.analysis;
  const weeks: WeekInfo[] = [];
  const files: ListFileInfo[] = [];
  for (const file of model.files) {
    const found = problems.get(file.uri) ?? [];
    files.push({ uri: file.uri, role: file.role, ...(file.year !== undefined ? { year: file.year } : {}), problemCount: found.length });
    weeks.push(...weekInfos(file.uri, file.list, found, inList.settings.requiredLinks[0], file.year !== undefined));
  }
  // Files outside the model (over maxFileSize) still count their one problem.
  for (const [uri, found] of problems) if (!model.file(uri)) files.push({ uri, role: 'weeks', problemCount: found.length });
  return {
    isPaperList: true,
    version: state.version,
    weeks,
    files,
    paperCount: weeks.reduce((n, w) => n + w.rowCount, 0),
    problemCount: files.reduce((n, f) => n + f.problemCount, 0),
  };
}

function weekInfos(uri: string, list: PaperList, found: readonly Finding[], paperLabel: string, yearKnown = false): WeekInfo[] {
  const explicitYears = yearKnown || list.weeks.some((w) => w.dates?.year !== undefined);
  const problemsByLine = new Map<number, ProblemSeverity[]>();
  for (const p of found) {
    const line = p.range.start.line;
    const at = problemsByLine.get(line);
    if (at) at.push(p.severity);
    else problemsByLine.set(line, [p.severity]);
  }
  return list.weeks.map((week) => {
    let problemCount = 0;
    let worst: ProblemSeverity | undefined;
    for (let line = week.startLine; line < week.endLine; line++) {
      for (const severity of problemsByLine.get(line) ?? []) {
        problemCount++;
        if (!worst || RANK[severity] > RANK[worst]) worst = severity;
      }
    }
    return {
      uri,
      heading: week.heading,
      anchor: week.anchor,
      headingRange: toRange(week.headingSpan),
      range: weekRange(list.lines, week),
      ...days(week, explicitYears),
      year: explicitYears ? week.year : undefined,
      rowCount: week.rows.length,
      problemCount,
      worstSeverity: worst,
      rows: week.rows.map((row) => ({
        number: row.number ? String(row.number.value) : null,
        title: row.title,
        description: row.description,
        range: rowRange(row),
        paperUrl: paperLink(row, paperLabel)?.target,
        links: row.links.filter((l) => !l.isImage).map((l) => ({ label: l.label, url: l.target })),
        problemCount: problemsByLine.get(row.line)?.length ?? 0,
      })),
    };
  });
}

function days(week: Week, withYear: boolean): { start?: DayInfo; end?: DayInfo } {
  if (!week.dates) return {};
  if (!week.span) return { start: { ...week.dates.start }, end: { ...week.dates.end } };
  const start = fromDayNumber(week.span.start);
  const end = fromDayNumber(week.span.end);
  return withYear ? { start, end } : { start: { month: start.month, day: start.day }, end: { month: end.month, day: end.day } };
}
