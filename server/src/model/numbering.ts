// Row markers as lists write them (`1)`, `(1)`, `1.`, `**1)**`, `1 -`) and the numbering style a list or a week
// follows: the style most of its numbered rows use. The row-number rule reports rows that deviate, and every
// writer of numbers (renumbering, completions, New Week) writes the norm, so a fix never imposes another list's habit.
import type { NumberToken, PaperRow } from './parseWeek';

/** A marker with `N` for the digits: `N)`, `(N)`, `N.`, `N).`, `N:`, `N -`, `N` (digits then a space). Bold is not part of it. */
export type MarkerStyle = string;

export const DEFAULT_MARKER_STYLE: MarkerStyle = 'N)';

export function renderMarker(style: MarkerStyle, value: number): string {
  return style.replace('N', String(value));
}

/** The styles a list may adopt; `N).`, `N.)`, `N:` and bare digits are slips of the pen, always fixed to the norm. */
export const NORM_STYLES: ReadonlySet<MarkerStyle> = new Set(['N)', '(N)', 'N.', 'N -', 'N –']);

/** The adoptable style used by most of the rows (ties go to `fallback`, then to the first style seen); undefined without one. */
export function dominantStyle(tokens: Iterable<NumberToken | undefined>, fallback?: MarkerStyle): MarkerStyle | undefined {
  const counts = new Map<MarkerStyle, number>();
  for (const token of tokens) if (token && NORM_STYLES.has(token.style)) counts.set(token.style, (counts.get(token.style) ?? 0) + 1);
  return mostUsedStyle(counts, fallback);
}

/** The style with the highest count (ties go to `fallback`, then to the first in the map's order). */
export function mostUsedStyle(counts: ReadonlyMap<MarkerStyle, number>, fallback?: MarkerStyle): MarkerStyle | undefined {
  let best: MarkerStyle | undefined;
  let bestCount = 0;
  for (const [style, count] of counts) {
    if (count > bestCount || (count === bestCount && style === fallback)) {
      best = style;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The norm for one week: the week's own style when most of its numbered rows (at least three, and more than half)
 * agree on one, as in a list that changed its style over the years; otherwise the list's.
 */
export function weekMarkerStyle(rows: readonly PaperRow[], listStyle: MarkerStyle): MarkerStyle {
  const numbered = rows.filter((r) => r.number);
  const own = dominantStyle(
    numbered.map((r) => r.number),
    listStyle,
  );
  if (own === undefined || own === listStyle) return listStyle;
  const count = numbered.filter((r) => r.number!.style === own).length;
  return count >= 3 && count * 2 > numbered.length ? own : listStyle;
}

/** A first cell that starts with something marker-like the parser did not read as a number (`#3`, `[3]`, `3-`): inserting a marker there would make two. */
export function startsWithUnreadMarker(cellText: string): boolean {
  return /^(?:\*\*|__)?\s*(?:[#[(]?\s*\d|[-–•·]\s)/.test(cellText);
}
