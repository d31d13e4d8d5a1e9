// The week length a list keeps (seven days, Monday to Sunday, for most lists; some run eight by their own
// convention), the correction of a week whose label breaks it, and a redating fix that keeps the TOC working.
import type { PaperList, TocEntry, Week } from '../model/model';
import { formatRange, fromDayNumber } from '../model/dates';
import { githubSlug } from '../model/urls';
import { tocEntryText, tocStyleOf } from '../model/toc';
import { lineRange } from '../model/ranges';
import type { Fix } from './rule';

/** Weeks of another length it takes before a list's convention is read as other than seven days. */
const CONVENTION_WEEKS = 3;

export interface WeekConventions {
  /** The length most weeks have: 7, unless at least three weeks and more than have 7 days agree on another. */
  readonly usual: number;
  /** The weekday most weeks of the usual length start on (0 = Sunday), undefined without such weeks. */
  readonly startWeekday?: number;
}

export function weekConventions(list: PaperList): WeekConventions {
  const usual = usualLength(list.weeks);
  const weekdays = new Array<number>(7).fill(0);
  for (const week of list.weeks) if (week.span && week.span.end - week.span.start + 1 === usual) weekdays[weekday(week.span.start)]++;
  const most = Math.max(...weekdays);
  return { usual, startWeekday: most > 0 ? weekdays.indexOf(most) : undefined };
}

/** The usual length of these weeks (see WeekConventions.usual). */
export function usualLength(weeks: readonly Week[]): number {
  const counts = new Map<number, number>();
  for (const week of weeks) {
    if (!week.span) continue;
    const length = week.span.end - week.span.start + 1;
    counts.set(length, (counts.get(length) ?? 0) + 1);
  }
  let usual = 7;
  for (const [length, count] of counts) if (length > 0 && count >= CONVENTION_WEEKS && count > (counts.get(usual) ?? 0)) usual = length;
  return usual;
}

/** 0 = Sunday for an absolute day (day 0 is Thursday, 1 January 1970). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Whether a week's label breaks the list's convention: neither its usual length nor seven days. */
export function isOffLength(span: { start: number; end: number }, usual: number): boolean {
  const length = span.end - span.start + 1;
  return length !== usual && length !== 7;
}

/**
 * The days a week of the wrong length should run. From its neighbours of the usual length (weeks are newest first):
 * it starts the day after the older one ends and ends the day before the newer one starts; without such neighbours
 * (a run of eight-day labels), on the weekday the list's weeks start. A label slip moves one end only, so a
 * correction that would move both is none. Undefined when nothing decides it.
 */
export function correctedSpan(list: PaperList, week: Week, conventions: WeekConventions): { start: number; end: number } | undefined {
  const span = week.span;
  if (!span) return undefined;
  const { usual, startWeekday } = conventions;
  const trusted = (other: Week | undefined) => (other?.span && !isOffLength(other.span, usual) ? other.span : undefined);
  const older = trusted(list.weeks[week.index + 1]);
  const newer = week.index > 0 ? trusted(list.weeks[week.index - 1]) : undefined;
  const keepsAnEnd = (c: { start: number; end: number }) => c.end - c.start + 1 === usual && (c.start === span.start || c.end === span.end);
  const fitsNeighbours = (c: { start: number; end: number }) => (!older || c.start > older.end) && (!newer || c.end < newer.start);
  let corrected: { start: number; end: number } | undefined;
  if (older && newer) corrected = { start: older.end + 1, end: newer.start - 1 };
  else if (older) corrected = { start: older.end + 1, end: older.end + usual };
  else if (newer) corrected = { start: newer.start - usual, end: newer.start - 1 };
  if (corrected && keepsAnEnd(corrected)) return corrected;
  if (startWeekday === undefined) return undefined;
  for (const candidate of [
    { start: span.end - usual + 1, end: span.end },
    { start: span.start, end: span.start + usual - 1 },
  ])
    if (weekday(candidate.start) === startWeekday && fitsNeighbours(candidate)) return candidate;
  return undefined;
}

const entriesByAnchor = new WeakMap<PaperList, ReadonlyMap<string, readonly TocEntry[]>>();

/** The list's TOC entries by lowercased anchor, in TOC order; computed once per model. */
function tocEntriesByAnchor(list: PaperList): ReadonlyMap<string, readonly TocEntry[]> {
  let byAnchor = entriesByAnchor.get(list);
  if (!byAnchor) {
    const map = new Map<string, TocEntry[]>();
    for (const entry of list.toc) {
      if (entry.anchor === undefined) continue;
      const key = entry.anchor.toLowerCase();
      const same = map.get(key);
      if (same) same.push(entry);
      else map.set(key, [entry]);
    }
    entriesByAnchor.set(list, (byAnchor = map));
  }
  return byAnchor;
}

/**
 * Rewrites a week's dates and, in the same fix, every TOC entry that reaches the week: its anchor follows the new
 * heading, and its text too when it named the old dates. Undefined when that cannot be done safely (the heading's
 * date text does not round-trip, the year would change, the new anchor is taken, an entry text has brackets).
 */
export function redateFix(list: PaperList, week: Week, start: number, end: number): Fix | undefined {
  const dates = week.dates;
  if (!dates || !week.span) return undefined;
  const line = list.lines.line(week.headingLine);
  const oldText = line.slice(dates.startColumn, dates.endColumn);
  if (oldText.trim() !== formatRange(week.span.start, week.span.end, dates.style)) return undefined;
  if (fromDayNumber(end).year !== fromDayNumber(week.span.end).year) return undefined;
  const newText = formatRange(start, end, dates.style);
  const lead = oldText.length - oldText.trimStart().length;
  const from = dates.startColumn + lead;
  const heading = line.slice(week.headingSpan.start, from) + newText + line.slice(from + oldText.trim().length, week.headingSpan.end);
  const oldAnchor = week.anchor;
  const newAnchor = githubSlug(heading);
  if (list.anchors.get(oldAnchor) !== week.headingLine) return undefined;
  if (newAnchor !== oldAnchor && list.anchors.has(newAnchor)) return undefined;
  const edits = [{ range: lineRange(week.headingLine, from, from + oldText.trim().length), newText }];
  for (const entry of tocEntriesByAnchor(list).get(oldAnchor) ?? []) {
    if (entry.link.nested) continue;
    const hash = entry.link.target.indexOf('#');
    const target = entry.link.targetSpan;
    edits.push({ range: lineRange(target.line, target.start + hash + 1, target.end), newText: newAnchor });
    const named = entry.dates && entry.dates.start.month === dates.start.month && entry.dates.start.day === dates.start.day;
    if (named) {
      const text = tocEntryText(tocStyleOf(entry), heading);
      if (/[[\]]/.test(text)) return undefined;
      if (text !== entry.text) edits.push({ range: lineRange(entry.link.labelSpan.line, entry.link.labelSpan.start, entry.link.labelSpan.end), newText: text });
    }
  }
  return { title: `Make the week ${newText}${edits.length > 1 ? ' (and its TOC entry)' : ''}`, edits };
}
