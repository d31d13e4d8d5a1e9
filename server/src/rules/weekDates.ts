// Where the week rules point: a heading's dates, or the whole heading when they did not parse.
import type { Week } from '../model/model';
import { lineRange, toRange } from '../model/ranges';

export function datesRange(week: Week) {
  return week.dates ? lineRange(week.headingLine, week.dates.startColumn, week.dates.endColumn) : toRange(week.headingSpan);
}
