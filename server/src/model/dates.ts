// Week heading dates: "Jun 23 - Jun 29", "Jan 30-Feb 5", "May 29 - June 4", "(December 30 - January 5) - 2025".

export interface MonthDay {
  /** 1-12 */
  readonly month: number;
  readonly day: number;
}

export interface WeekDates {
  readonly start: MonthDay;
  readonly end: MonthDay;
  /** From the heading's ` - 2025` suffix; the year the week ends in. */
  readonly year?: number;
  /** Column range of the date text (inside the parentheses) in the heading line. */
  readonly startColumn: number;
  readonly endColumn: number;
  /** Column range of the start date text, e.g. `April 6`, for the week-sequence fix. */
  readonly startDateColumn: number;
  readonly startDateEndColumn: number;
  /** How the heading spells months: full names ("June") or abbreviations ("Jun"), and whether the end repeats the month. */
  readonly style: DateStyle;
  /** Columns where a month runs into its day (`March4`): read leniently, but a space belongs there. */
  readonly missingSpaces: readonly number[];
}

export interface DateStyle {
  readonly fullMonths: boolean;
  readonly repeatMonth: boolean;
  readonly spacedDash: boolean;
}

export type DateParse = { readonly ok: true; readonly dates: WeekDates } | { readonly ok: false; readonly reason: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const FULL_NAMES = MONTHS.map((m) => m[0].toUpperCase() + m.slice(1));
const SHORT_NAMES = FULL_NAMES.map((m) => m.slice(0, 3));

/** 1-12 for a full or abbreviated English month name ("Sept" and "Sep" included), else 0. */
export function monthNumber(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return 0;
  if (lower === 'sept') return 9;
  const index = MONTHS.findIndex((m) => m === lower || (lower.length === 3 && m.startsWith(lower)));
  return index + 1;
}

export function monthName(month: number, full: boolean): string {
  return (full ? FULL_NAMES : SHORT_NAMES)[month - 1];
}

// `(Month D - [Month] D) [- YYYY]`, spaces around the dash optional. Anchored, and no two `\s*` that can share a
// run of spaces (`\s*,?\s*` could, and backtracked cubically on a long run of spaces before the `)`).
const WEEK_DATES =
  /^\(\s*([A-Za-z]+\.?)\s*(\d{1,2})(?:st|nd|rd|th)?\s*([-–—]|to)\s*(?:([A-Za-z]+\.?)\s*)?(\d{1,2})(?:st|nd|rd|th)?\s*(?:,\s*)?(?:(\d{4})\s*)?\)(?:\s*(?:[-–,]\s*)?(\d{4}))?/;

/** Parses the dates of a week heading's text (the part after `#`s). `offset` is the column of `text` in its line. */
export function parseWeekDates(text: string, offset = 0): DateParse {
  const open = text.indexOf('(');
  if (open === -1) return { ok: false, reason: 'has no date range in parentheses' };
  const match = WEEK_DATES.exec(text.slice(open));
  if (!match || match.index !== 0) {
    const inner = text.slice(open);
    if (/[A-Za-z]\d/.test(inner)) return { ok: false, reason: `has no space between month and day in "${inner.trim()}"` };
    return { ok: false, reason: `has dates "${inner.trim()}" that do not read as "Month D - Month D"` };
  }
  const [whole, startMonthName, startDay, dash, endMonthName, endDay, innerYear, suffixYear] = match;
  const startMonth = monthNumber(startMonthName);
  if (!startMonth) return { ok: false, reason: `has an unknown month "${startMonthName}"` };
  const endMonth = endMonthName ? monthNumber(endMonthName) : startMonth;
  if (!endMonth) return { ok: false, reason: `has an unknown month "${endMonthName}"` };
  const start = { month: startMonth, day: Number(startDay) };
  const end = { month: endMonth, day: Number(endDay) };
  for (const d of [start, end]) {
    if (d.day < 1 || d.day > daysInMonth(d.month, 2024)) return { ok: false, reason: `has no day ${d.day} in ${FULL_NAMES[d.month - 1]}` };
  }
  const yearText = suffixYear ?? innerYear;
  const startColumn = offset + open + 1;
  const closing = whole.lastIndexOf(')');
  const startDateText = whole.slice(1).match(/^\s*[A-Za-z]+\.?\s*\d{1,2}(?:st|nd|rd|th)?/)![0];
  const leading = startDateText.length - startDateText.trimStart().length;
  const missingSpaces: number[] = [];
  const datePart = whole.slice(0, closing);
  for (let at = datePart.search(/[A-Za-z]\d/); at !== -1;) {
    missingSpaces.push(offset + open + at + 1);
    const next = datePart.slice(at + 1).search(/[A-Za-z]\d/);
    at = next === -1 ? -1 : at + 1 + next;
  }
  return {
    ok: true,
    dates: {
      start,
      end,
      year: yearText ? Number(yearText) : undefined,
      startColumn,
      endColumn: offset + open + closing,
      startDateColumn: startColumn + leading,
      startDateEndColumn: startColumn + startDateText.length,
      style: {
        fullMonths: startMonthName.replace(/\.$/, '').length > 3 || (!!endMonthName && endMonthName.replace(/\.$/, '').length > 3),
        repeatMonth: !!endMonthName,
        spacedDash: /\s/.test(whole.slice(whole.indexOf(dash) - 1, whole.indexOf(dash))),
      },
      missingSpaces,
    },
  };
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since the epoch, for arithmetic on calendar days. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function fromDayNumber(days: number): { year: number; month: number; day: number } {
  const date = new Date(days * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Resolves a week's start and end to absolute days, given the year its end falls in. Weeks may cross New Year. */
export function weekSpan(dates: { start: MonthDay; end: MonthDay }, endYear: number): { start: number; end: number } {
  const startYear = dates.start.month > dates.end.month ? endYear - 1 : endYear;
  return { start: dayNumber(startYear, dates.start.month, dates.start.day), end: dayNumber(endYear, dates.end.month, dates.end.day) };
}

/** "Feb 13 - 19" style text of a span of days in the heading's own style. */
export function formatRange(start: number, end: number, style: DateStyle): string {
  const s = fromDayNumber(start);
  const e = fromDayNumber(end);
  const dash = style.spacedDash ? ' - ' : '-';
  const endText = style.repeatMonth || s.month !== e.month ? `${monthName(e.month, style.fullMonths)} ${e.day}` : `${e.day}`;
  return `${monthName(s.month, style.fullMonths)} ${s.day}${dash}${endText}`;
}

export function formatDay(days: number, full: boolean): string {
  const d = fromDayNumber(days);
  return `${monthName(d.month, full)} ${d.day}`;
}
