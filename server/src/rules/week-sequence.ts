import { weekLabel } from '../model/model';
import { formatDay } from '../model/dates';
import { datesRange } from './weekDates';
import { type Rule } from './rule';
import { isOffLength, redateFix, weekConventions } from './weekConventions';

export const weekSequence: Rule = {
  name: 'week-sequence',
  description:
    'Consecutive weeks (newest first) follow each other without overlap, gap or reordering; a gap of whole weeks (a skipped newsletter) is information. An overlap caused by a week of the wrong length is reported once, by `week-heading`.',
  defaultSeverity: 'warning',
  fix: "Sets the newer week's start date to the day after the older week's end, when that makes a week of the usual length, rewriting the TOC entries that link it.",
  check({ list }, report) {
    const weeks = list.weeks;
    const { usual } = weekConventions(list);
    const excess = (span: { start: number; end: number }) => (isOffLength(span, usual) ? Math.abs(span.end - span.start + 1 - usual) : 0);
    for (let i = 0; i + 1 < weeks.length; i++) {
      const newer = weeks[i];
      const older = weeks[i + 1];
      if (!newer.span || !older.span || !newer.dates) continue;
      // Weeks follow each other every seven days: an eight-day convention (Sunday to Sunday) shares a day.
      const expectedStart = older.span.end + 1 - (usual - 7);
      if (newer.span.start === expectedStart) continue;
      // An overlap or gap no larger than a wrong-length label explains is that label's problem: week-heading reports it.
      if (Math.abs(newer.span.start - expectedStart) <= Math.max(excess(newer.span), excess(older.span))) continue;
      const olderText = weekLabel(older);
      const related = [{ range: datesRange(older), message: `Older week ${olderText}` }];
      const full = newer.dates.style.fullMonths;
      const gap = newer.span.start - expectedStart;
      let message: string;
      if (newer.span.end < older.span.start)
        message = `Week ${weekLabel(newer)} comes before ${olderText} in time but is listed above it; weeks are newest first`;
      else if (newer.span.start <= older.span.end)
        message = `Week ${weekLabel(newer)} overlaps the week before (${olderText}); expected it to start ${formatDay(expectedStart, full)}`;
      else
        message = `Week ${weekLabel(newer)} leaves a gap of ${gap} day${gap === 1 ? '' : 's'} after ${olderText}; expected it to start ${formatDay(expectedStart, full)}`;
      const fixable = newer.span.end - expectedStart + 1 === usual && newer.span.end >= older.span.start;
      report({
        range: datesRange(newer),
        message,
        related,
        fix: fixable ? redateFix(list, newer, expectedStart, newer.span.end) : undefined,
        // A gap of whole weeks is a newsletter that skipped a week: worth knowing, not a mistake in the list.
        severity: gap > 0 && gap % 7 === 0 ? 'info' : undefined,
      });
    }
  },
};
