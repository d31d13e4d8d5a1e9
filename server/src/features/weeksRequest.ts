import type { DayInfo, ProblemSeverity, WeekInfo, WeeksResult } from '../protocol';
import { fromDayNumber } from '../model/dates';
import { paperLink, type Week } from '../model/model';
import type { DocumentState } from '../service';
import { rowRange, toRange, weekRange } from '../model/ranges';

const RANK: Record<ProblemSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function weeksOf(state: DocumentState): WeeksResult {
  const { analysis } = state;
  if (!state.isPaperList) return { isPaperList: false, version: state.version, weeks: [], files: [], paperCount: 0, problemCount: 0 };
  const list = analysis.list;
  const explicitYears = list.weeks.some((w) => w.dates?.year !== undefined);
  const problemsByLine = new Map<number, ProblemSeverity[]>();
  for (const p of analysis.problems) {
    const line = p.range.start.line;
    const at = problemsByLine.get(line);
    if (at) at.push(p.severity);
    else problemsByLine.set(line, [p.severity]);
  }
  const weeks: WeekInfo[] = list.weeks.map((week) => {
    let problemCount = 0;
    let worst: ProblemSeverity | undefined;
    for (let line = week.startLine; line < week.endLine; line++) {
      for (const severity of problemsByLine.get(line) ?? []) {
        problemCount++;
        if (!worst || RANK[severity] > RANK[worst]) worst = severity;
      }
    }
    return {
      uri: state.uri,
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
        paperUrl: paperLink(row, state.settings.requiredLinks[0])?.target,
        links: row.links.filter((l) => !l.isImage).map((l) => ({ label: l.label, url: l.target })),
        problemCount: problemsByLine.get(row.line)?.length ?? 0,
      })),
    };
  });
  return {
    isPaperList: true,
    version: state.version,
    weeks,
    files: [{ uri: state.uri, role: 'index', problemCount: analysis.problems.length }],
    paperCount: weeks.reduce((n, w) => n + w.rowCount, 0),
    problemCount: analysis.problems.length,
  };
}

function days(week: Week, withYear: boolean): { start?: DayInfo; end?: DayInfo } {
  if (!week.dates) return {};
  if (!week.span) return { start: { ...week.dates.start }, end: { ...week.dates.end } };
  const start = fromDayNumber(week.span.start);
  const end = fromDayNumber(week.span.end);
  return withYear ? { start, end } : { start: { month: start.month, day: start.day }, end: { month: end.month, day: end.day } };
}
