import { weekLabel } from '../model/model';
import { formatDay, fromDayNumber, monthName } from '../model/dates';
import { datesRange } from './weekDates';
import { type Rule } from './rule';
import { lineRange } from '../model/ranges';

export const weekSequence: Rule = {
  name: 'week-sequence',
  description: 'Consecutive weeks (newest first) follow each other without overlap, gap or reordering.',
  defaultSeverity: 'warning',
  fix: "Sets the newer week's start date to the day after the older week's end, when that makes a 7-day week.",
  check({ list }, report) {
    const weeks = list.weeks;
    for (let i = 0; i + 1 < weeks.length; i++) {
      const newer = weeks[i];
      const older = weeks[i + 1];
      if (!newer.span || !older.span || !newer.dates) continue;
      const expectedStart = older.span.end + 1;
      if (newer.span.start === expectedStart) continue;
      const olderText = weekLabel(older);
      const related = [{ range: datesRange(older), message: `Older week ${olderText}` }];
      let message: string;
      if (newer.span.end < older.span.start)
        message = `Week ${weekLabel(newer)} comes before ${olderText} in time but is listed above it; weeks are newest first`;
      else if (newer.span.start <= older.span.end)
        message = `Week ${weekLabel(newer)} overlaps the week before (${olderText}); expected it to start ${formatDay(expectedStart, newer.dates.style.fullMonths)}`;
      else
        message = `Week ${weekLabel(newer)} leaves a gap of ${newer.span.start - expectedStart} day${newer.span.start - expectedStart === 1 ? '' : 's'} after ${olderText}; expected it to start ${formatDay(expectedStart, newer.dates.style.fullMonths)}`;
      const fixable = newer.span.end - expectedStart + 1 === 7 && newer.span.end >= older.span.start;
      const d = fromDayNumber(expectedStart);
      const newStart = `${monthName(d.month, newer.dates.style.fullMonths)} ${d.day}`;
      report({
        range: datesRange(newer),
        message,
        related,
        fix: fixable
          ? {
              title: `Start the week on ${newStart}`,
              edits: [{ range: lineRange(newer.headingLine, newer.dates.startDateColumn, newer.dates.startDateEndColumn), newText: newStart }],
            }
          : undefined,
      });
    }
  },
};
