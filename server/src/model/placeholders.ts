// Placeholder text a curator leaves while a row or link is unfinished: in link targets (urls.placeholderReason) and
// in titles and descriptions. Extra patterns come from settings and are plain, case-insensitive text, never regular
// expressions (workspace settings must not be able to inject a pathological pattern).
import { isBlank } from './text';

/** Words that stand for a link target or a row's text not written yet. */
export const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(['xxx', 'todo', 'tbd', 'tba', 'fixme', 'placeholder', '...', '…']);

/** Whole titles or descriptions that are placeholders (after emphasis and surrounding punctuation are dropped). */
const PLACEHOLDER_TEXT = /^(?:x{2,}|todo|tbd|tba|fixme|placeholder|\.{2,}|…|title|paper title|description|summary|lorem ipsum)$/i;

/** Why a title or description is a placeholder, or undefined when it reads as real text. Empty text is not a placeholder here. */
export function placeholderTextReason(text: string, extraPatterns: readonly string[] = []): string | undefined {
  const bare = trimDashes(text.replace(/[*_`]/g, '')).trim();
  if (bare === '') return undefined;
  if (PLACEHOLDER_TEXT.test(bare)) return `is the placeholder "${bare}"`;
  const lower = bare.toLowerCase();
  for (const pattern of extraPatterns) {
    if (pattern.trim() !== '' && lower.includes(pattern.toLowerCase())) return `matches the placeholder pattern "${pattern}"`;
  }
  return undefined;
}

/** The text without blanks, colons and dashes at either end; by hand, as a `[…]+$` regex retries from every blank of a long description. */
function trimDashes(text: string): string {
  const dash = (c: number) => c === 58 /* : */ || c === 45 /* - */ || c === 0x2013 /* – */ || c === 0x2014 /* — */ || isBlank(c);
  let start = 0;
  let end = text.length;
  while (start < end && dash(text.charCodeAt(start))) start++;
  while (end > start && dash(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** A title placeholder (`XXX`, `TODO`, `Title`) marks an unfinished row: such rows are no duplicates of each other. */
export function isPlaceholderTitle(normalizedTitle: string): boolean {
  return PLACEHOLDER_TEXT.test(normalizedTitle);
}
