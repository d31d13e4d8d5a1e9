// What the toc rule's single-file and multi-file checks share: comparing an entry's dates with a heading's, and anchors of weeks.
import type { PaperList, Week } from '../model/model';
import type { WeekDates } from '../model/dates';
import { githubSlug } from '../model/urls';

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
  const byLine = new Map<number, string>();
  for (const [anchor, line] of list.anchors) if (!byLine.has(line)) byLine.set(line, anchor);
  return new Map(list.weeks.map((w) => [w, byLine.get(w.headingLine) ?? w.anchor]));
}

export function hasBrackets(text: string): boolean {
  return text.includes('[') || text.includes(']');
}

/** Whether the entry text's parentheses do not pair up (`(June 2 - June 8`, `June 2 - June 8))`). */
export function unbalanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */ && --depth < 0) return true;
  }
  return depth !== 0;
}
