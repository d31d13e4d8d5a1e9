import type { Week } from '../model/model';
import { weekLabel } from '../model/model';
import { formatDay } from '../model/dates';
import { datesRange } from './weekDates';
import { insertAt, type Rule } from './rule';
import { correctedSpan, isOffLength, redateFix, weekConventions } from './weekConventions';
import { toRange } from '../model/ranges';

export const weekHeading: Rule = {
  name: 'week-heading',
  description:
    "Week headings have parseable dates spanning the list's usual week (7 days, or 8 in a list that runs eight-day weeks by convention) and are not repeated.",
  defaultSeverity: 'warning',
  fix: "Adds the missing space between a month and its day (`March4` → `March 4`); gives a week of the wrong length the days its neighbours leave it (an eight-day label's start moves to the day after the older week), rewriting the TOC entries that link it so they keep working.",
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
  },
  readsHeadingsOnly: true,
  check({ list }, report) {
    // The length a week should have is the list's own (seven days, or eight in a list that runs Sunday to Sunday
    // by convention): a cross-week fact, so checked here. The label's fix keeps its TOC entries working.
    const conventions = weekConventions(list);
    const usual = conventions.usual;
    for (const week of list.weeks) {
      if (week.dateError || !week.span || !isOffLength(week.span, usual)) continue;
      const days = week.span.end - week.span.start + 1;
      const full = week.dates!.style.fullMonths;
      if (days <= 0) {
        report({ range: datesRange(week), message: `Week ${weekLabel(week)} ends before it starts` });
        continue;
      }
      const corrected = correctedSpan(list, week, conventions);
      const expected = corrected ?? { start: week.span.start, end: week.span.start + usual - 1 };
      report({
        range: datesRange(week),
        message: `Week ${weekLabel(week)} spans ${days} days; expected ${usual} (${formatDay(expected.start, full)} - ${formatDay(expected.end, full)})`,
        fix: corrected && redateFix(list, week, corrected.start, corrected.end),
      });
    }
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
