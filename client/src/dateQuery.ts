// What Go to Week understands besides the labels: a day inside a week ("June 23", "Feb 10", "2025-06-23"),
// a month ("Dec 2024", "December"). Pure, so it is tested without VS Code.
import type { DayInfo, WeekInfo } from '../../server/src/protocol';

export interface DateQuery {
  month: number;
  /** Absent for a whole month ("Dec 2024"). */
  day?: number;
  year?: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month as lists write it: full (`June`), short (`Jun`, `Sept`), any case, an optional dot. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i === -1 ? undefined : i + 1;
}

export function parseDateQuery(text: string): DateQuery | undefined {
  const q = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(q);
  if (m) return valid({ year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined });
  m = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/i.exec(q);
  if (m && monthOf(m[1]!)) return valid({ month: monthOf(m[1]!)!, day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined });
  m = /^(\d{1,2}) ([a-z]+\.?)(?: (\d{4}))?$/i.exec(q);
  if (m && monthOf(m[2]!)) return valid({ month: monthOf(m[2]!)!, day: Number(m[1]), year: m[3] ? Number(m[3]) : undefined });
  m = /^([a-z]+\.?)(?: (\d{4}))?$/i.exec(q);
  if (m && monthOf(m[1]!)) return { month: monthOf(m[1]!)!, year: m[2] ? Number(m[2]) : undefined };
  return undefined;
}

function valid(q: DateQuery): DateQuery | undefined {
  if (q.month < 1 || q.month > 12) return undefined;
  if (q.day !== undefined && (q.day < 1 || q.day > 31)) return undefined;
  return q;
}

/** Days since an epoch, with a year of 2000 standing in when the list or the query gives none (a leap year: Feb 29 fits). */
function ordinal(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Whether the week contains the day, or overlaps the month, the query names. */
export function weekMatches(week: WeekInfo, query: DateQuery): boolean {
  const { start, end } = week;
  if (!start || !end) return false;
  const yearOf = (d: DayInfo) => d.year ?? (query.year !== undefined && week.year === undefined ? undefined : week.year);
  if (query.year !== undefined) {
    const years = [yearOf(start), yearOf(end)];
    if (years.every((y) => y !== undefined && y !== query.year)) return false;
  }
  // Compare within a year: a week over New Year (Dec 29 – Jan 4) is two ranges.
  const wraps = end.month < start.month;
  const from = ordinal(2000, start.month, start.day);
  const to = wraps ? ordinal(2001, end.month, end.day) : ordinal(2000, end.month, end.day);
  const inWeek = (o: number) => (o >= from && o <= to) || (wraps && o + 366 >= from && o + 366 <= to);
  if (query.day !== undefined) {
    if (query.year !== undefined) {
      const y = query.month === start.month ? yearOf(start) : yearOf(end);
      if (y !== undefined && y !== query.year) return false;
    }
    return inWeek(ordinal(2000, query.month, query.day));
  }
  const monthStart = ordinal(2000, query.month, 1);
  const monthEnd = ordinal(2000, query.month + 1, 1) - 1;
  const overlaps = (a: number, b: number) => a <= to && b >= from;
  return overlaps(monthStart, monthEnd) || (wraps && overlaps(monthStart + 366, monthEnd + 366));
}
