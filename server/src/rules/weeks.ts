import type { Week } from '../model/model';
import { weekLabel } from '../model/model';
import { formatDay, fromDayNumber, monthName } from '../model/dates';
import { insertAt, lineRange, toRange, type Rule } from './rule';

function datesRange(week: Week) {
  return week.dates ? lineRange(week.headingLine, week.dates.startColumn, week.dates.endColumn) : toRange(week.headingSpan);
}

export const weekHeading: Rule = {
  name: 'week-heading',
  description: 'Week headings have parseable dates spanning 7 days inclusive and are not repeated.',
  defaultSeverity: 'warning',
  fix: 'Adds the missing space between a month and its day (`March4` → `March 4`).',
  check({ list }, report) {
    const seen = new Map<string, Week>();
    for (const week of list.weeks) {
      if (week.dateError) {
        report({ range: toRange(week.headingSpan), message: `Week heading ${week.dateError}; expected "(Month D - Month D)"` });
      } else if (week.dates && week.dates.missingSpaces.length > 0) {
        const line = list.lines.line(week.headingLine);
        const parts = week.dates.missingSpaces.map((c) => [monthBefore(line, c), /^\d+/.exec(line.slice(c))![0]]);
        report({
          range: datesRange(week),
          message: `Week heading has no space between month and day in ${parts.map(([m, d]) => `"${m}${d}"`).join(', ')}; expected ${parts.map(([m, d]) => `"${m} ${d}"`).join(', ')}`,
          fix: { title: 'Add the space between month and day', edits: week.dates.missingSpaces.map((c) => insertAt(week.headingLine, c, ' ')) },
        });
      }
      if (!week.dateError && week.span) {
        const days = week.span.end - week.span.start + 1;
        if (days !== 7) {
          const expectedEnd = formatDay(week.span.start + 6, week.dates!.style.fullMonths);
          report({
            range: datesRange(week),
            message:
              days <= 0
                ? `Week ${weekLabel(week)} ends before it starts`
                : `Week ${weekLabel(week)} spans ${days} days; expected 7 (${formatDay(week.span.start, week.dates!.style.fullMonths)} - ${expectedEnd})`,
          });
        }
      }
      const key = week.heading.trim().toLowerCase();
      const first = seen.get(key);
      if (first) {
        report({
          range: toRange(week.headingSpan),
          message: `Week heading repeats line ${first.headingLine + 1}`,
          related: [{ range: toRange(first.headingSpan), message: 'First heading with this text' }],
        });
      } else {
        seen.set(key, week);
      }
    }
  },
};

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

/** The letters right before column `c`, walked back by hand: `/[A-Za-z]+$/` on the line's start is quadratic in a long run of letters. */
function monthBefore(line: string, c: number): string {
  let start = c;
  while (start > 0 && /[A-Za-z]/.test(line[start - 1])) start--;
  return line.slice(start, c);
}
