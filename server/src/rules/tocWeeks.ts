// What the toc rule's single-file and multi-file checks share: comparing an entry's dates with a heading's, and anchors of weeks.
import type { PaperList, Week } from '../model/model';
import type { WeekDates } from '../model/dates';
import { githubSlug } from '../model/urls';

/** A number for a week's first and last day (months 1-12, days 1-31): a map key that builds no string per week and run. */
export const dayKey = (d: WeekDates): number => ((d.start.month * 32 + d.start.day) * 13 + d.end.month) * 32 + d.end.day;

/**
 * The items by the days of their week (dayKey), items without dates left out, each group in the items' order. Built once
 * per check: a scan of all weeks per entry is quadratic in a long list.
 */
export function byDays<T>(items: readonly T[], datesOf: (item: T) => WeekDates | undefined): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const dates = datesOf(item);
    if (!dates) continue;
    const key = dayKey(dates);
    const same = groups.get(key);
    if (same) same.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function sameDates(a: WeekDates, b: WeekDates): boolean {
  return (
    a.start.month === b.start.month &&
    a.start.day === b.start.day &&
    a.end.month === b.end.month &&
    a.end.day === b.end.day &&
    (a.year === undefined || b.year === undefined || a.year === b.year)
  );
}

/** The anchor a heading with a month run into its day (`March4`) gets once the space is added. */
export function spacedAnchor(list: PaperList, week: Week): string | undefined {
  if (!week.dates || week.dates.missingSpaces.length === 0) return undefined;
  let heading = week.heading;
  for (const column of [...week.dates.missingSpaces].reverse()) {
    const at = column - week.headingSpan.start;
    heading = heading.slice(0, at) + ' ' + heading.slice(at);
  }
  const slug = githubSlug(heading);
  return list.anchors.has(slug) ? undefined : slug;
}

/** Anchor of each week as GitHub numbers it (the week's own heading line), from one pass over the anchors. */
export function anchorsOfWeeks(list: PaperList): Map<Week, string> {
  const byLine = anchorsByLine(list.anchors);
  return new Map(list.weeks.map((w) => [w, byLine.get(w.headingLine) ?? w.anchor]));
}

/** anchorsOfWeeks one week at a time: nothing is computed for a check that asks for no anchor. */
export function lazyAnchorsOfWeeks(list: PaperList): { get(week: Week): string } {
  return { get: (week) => anchorsByLine(list.anchors).get(week.headingLine) ?? week.anchor };
}

/** Each heading line's first anchor, once per anchor map (the model keeps one per section index). */
const byLineOf = new WeakMap<ReadonlyMap<string, number>, ReadonlyMap<number, string>>();

function anchorsByLine(anchors: ReadonlyMap<string, number>): ReadonlyMap<number, string> {
  let byLine = byLineOf.get(anchors);
  if (!byLine) {
    const map = new Map<number, string>();
    for (const [anchor, line] of anchors) if (!map.has(line)) map.set(line, anchor);
    byLineOf.set(anchors, (byLine = map));
  }
  return byLine;
}

export function hasBrackets(text: string): boolean {
  return text.includes('[') || text.includes(']');
}

/** Whether the entry text's parentheses do not pair up (`(June 2 - June 8`, `June 2 - June 8))`). */
export function unbalanced(text: string): boolean {
  // Most entries have one pair, `(Month D - Month D)`: found by native searches, without a walk over every character.
  const open = text.indexOf('(');
  const close = text.indexOf(')');
  if (open !== -1 && close > open && text.indexOf('(', open + 1) === -1 && text.indexOf(')', close + 1) === -1) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */ && --depth < 0) return true;
  }
  return depth !== 0;
}
