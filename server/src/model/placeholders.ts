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
  if (extraPatterns.length === 0 && cannotBePlaceholderText(text)) return undefined;
  const bare = trimDashes(text.replace(/[*_`]/g, '')).trim();
  if (bare === '') return undefined;
  if (PLACEHOLDER_TEXT.test(bare)) return `is the placeholder "${bare}"`;
  const lower = bare.toLowerCase();
  for (const pattern of extraPatterns) {
    if (pattern.trim() !== '' && lower.includes(pattern.toLowerCase())) return `matches the placeholder pattern "${pattern}"`;
  }
  return undefined;
}

/** The longest PLACEHOLDER_TEXT alternative that is not a run of one character (`lorem ipsum`, `placeholder`, …). */
const LONGEST_PLACEHOLDER_WORDS = 11;

/**
 * True when PLACEHOLDER_TEXT cannot match the text however it is trimmed: read without copying it (every title and
 * description of a list goes through here on a cold analysis, and copying them was a sixth of its garbage). The text
 * left after dropping `*_\`` and trimming (`bare`) keeps every other character but the dashes and blanks at its ends, so
 * more than LONGEST_PLACEHOLDER_WORDS such characters leave only the runs `xx…` and `..…`, which any other character rules out.
 */
function cannotBePlaceholderText(text: string): boolean {
  let kept = 0;
  let other = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 96 /* ` */ || isDash(c)) continue;
    kept++;
    if (c !== 120 /* x */ && c !== 88 /* X */ && c !== 46 /* . */) other = true;
    if (other && kept > LONGEST_PLACEHOLDER_WORDS) return true;
  }
  return false;
}

const isDash = (c: number) => c === 58 /* : */ || c === 45 /* - */ || c === 0x2013 /* – */ || c === 0x2014 /* — */ || isBlank(c);

/** The text without blanks, colons and dashes at either end; by hand, as a `[…]+$` regex retries from every blank of a long description. */
function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDash(text.charCodeAt(start))) start++;
  while (end > start && isDash(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** A title placeholder (`XXX`, `TODO`, `Title`) marks an unfinished row: such rows are no duplicates of each other. */
export function isPlaceholderTitle(normalizedTitle: string): boolean {
  return PLACEHOLDER_TEXT.test(normalizedTitle);
}
