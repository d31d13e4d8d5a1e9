import { weekLabel, type PaperList, type Week } from '../model/model';
import { formatDay } from '../model/dates';
import { datesRange } from './weekDates';
import { type Problem, type Rule } from './rule';
import { isOffLength, redateFix, usualLength } from './weekConventions';

/**
 * The problem between two weeks listed one above the other, or undefined when the newer one starts where the list's
 * convention says (the day after the older ends; the same day in a list of eight-day Sunday-to-Sunday weeks).
 */
function checkPair(newer: Week, older: Week, usual: number, newerList: PaperList, olderUri?: string, olderFile?: string): Omit<Problem, 'rule'> | undefined {
  if (!newer.span || !older.span || !newer.dates) return undefined;
  const expectedStart = older.span.end + 1 - (usual - 7);
  if (newer.span.start === expectedStart) return undefined;
  // An overlap or gap no larger than a wrong-length label explains is that label's problem: week-heading reports it.
  const excess = (span: { start: number; end: number }) => (isOffLength(span, usual) ? Math.abs(span.end - span.start + 1 - usual) : 0);
  if (Math.abs(newer.span.start - expectedStart) <= Math.max(excess(newer.span), excess(older.span))) return undefined;
  const olderText = olderFile ? `${weekLabel(older)} (${olderFile})` : weekLabel(older);
  const related = [{ range: datesRange(older), message: `Older week ${olderText}`, ...(olderUri ? { uri: olderUri } : {}) }];
  const full = newer.dates.style.fullMonths;
  const gap = newer.span.start - expectedStart;
  let message: string;
  if (newer.span.end < older.span.start) message = `Week ${weekLabel(newer)} comes before ${olderText} in time but is listed above it; weeks are newest first`;
  else if (newer.span.start <= older.span.end)
    message = `Week ${weekLabel(newer)} overlaps the week before (${olderText}); expected it to start ${formatDay(expectedStart, full)}`;
  else
    message = `Week ${weekLabel(newer)} leaves a gap of ${gap} day${gap === 1 ? '' : 's'} after ${olderText}; expected it to start ${formatDay(expectedStart, full)}`;
  const fixable = newer.span.end - expectedStart + 1 === usual && newer.span.end >= older.span.start;
  return {
    range: datesRange(newer),
    message,
    related,
    fix: fixable ? redateFix(newerList, newer, expectedStart, newer.span.end) : undefined,
    // A gap of whole weeks is a newsletter that skipped a week: worth knowing, not a mistake in the list.
    severity: gap > 0 && gap % 7 === 0 ? 'info' : undefined,
  };
}

export const weekSequence: Rule = {
  name: 'week-sequence',
  description:
    'Consecutive weeks (newest first) follow each other without overlap, gap or reordering, across the files of a multi-file list; a gap of whole weeks (a skipped newsletter) is information, and an overlap caused by a week of the wrong length is reported once, by `week-heading`.',
  defaultSeverity: 'warning',
  fix: "Sets the newer week's start date to the day after the older week's end, when that makes a week of the usual length, rewriting the TOC entries that link it (and the week's index entry).",
  readsHeadingsOnly: true,
  check({ list }, report) {
    const weeks = list.weeks;
    const usual = usualLength(weeks);
    for (let i = 0; i + 1 < weeks.length; i++) {
      const problem = checkPair(weeks[i], weeks[i + 1], usual, list);
      if (problem) report(problem);
    }
  },
  checkList({ list }, report) {
    const weeks = list.weeks;
    const usual = usualLength(weeks.map((w) => w.week));
    for (let i = 0; i + 1 < weeks.length; i++) {
      const newer = weeks[i];
      const older = weeks[i + 1];
      const otherFile = older.file !== newer.file;
      const problem = checkPair(
        newer.week,
        older.week,
        usual,
        newer.file.list,
        otherFile ? older.file.uri : undefined,
        otherFile ? list.nameOf(older.file.uri) : undefined,
      );
      if (problem) report({ ...problem, uri: newer.file.uri });
    }
  },
};
