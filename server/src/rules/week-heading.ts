import type { Week } from '../model/model';
import { weekLabel } from '../model/model';
import { formatDay } from '../model/dates';
import { datesRange } from './weekDates';
import { insertAt, type Rule } from './rule';
import { toRange } from '../model/ranges';

export const weekHeading: Rule = {
  name: 'week-heading',
  description: 'Week headings have parseable dates spanning 7 days inclusive and are not repeated.',
  defaultSeverity: 'warning',
  fix: 'Adds the missing space between a month and its day (`March4` → `March 4`).',
  checkWeek({ week, line }, report) {
    if (week.dateError) {
      report({ range: toRange(week.headingSpan), message: `Week heading ${week.dateError}; expected "(Month D - Month D)"` });
    } else if (week.dates && week.dates.missingSpaces.length > 0) {
      const text = line(week.headingLine)!;
      const parts = week.dates.missingSpaces.map((c) => [monthBefore(text, c), /^\d+/.exec(text.slice(c))![0]]);
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
  },
  check({ list }, report) {
    const seen = new Map<string, Week>();
    for (const week of list.weeks) {
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

/** The letters right before column `c`, walked back by hand: `/[A-Za-z]+$/` on the line's start is quadratic in a long run of letters. */
function monthBefore(line: string, c: number): string {
  let start = c;
  while (start > 0 && /[A-Za-z]/.test(line[start - 1])) start--;
  return line.slice(start, c);
}
