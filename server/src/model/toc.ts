// The list's own style of table-of-contents entries, read from an existing entry: its bullet, whether its text keeps
// the heading's year, and the link base before `#` (`./`, ``, `years/2026.md`, a GitHub URL). The toc rule's fixes,
// completion and New Week all write entries through here, so a new entry looks like its neighbours.
import type { TocEntry } from './model';

export interface TocStyle {
  /** Bullet and indentation before the link, e.g. `- `. */
  readonly prefix: string;
  /** What goes before `#anchor`; an entry without `#` gives `` (`./#` fails in GitHub's file view). */
  readonly base: string;
  /** Whether entry texts keep the heading's ` - 2025` suffix. */
  readonly keepsYear: boolean;
}

export function tocStyleOf(entry: TocEntry): TocStyle {
  const hash = entry.target.indexOf('#');
  return { prefix: entry.prefix, base: hash === -1 ? '' : entry.target.slice(0, hash), keepsYear: /\d{4}\s*$/.test(entry.text) };
}

/** The heading without its ` - 2025` suffix. Not `/\s*[-–,]\s*\d{4}\s*$/`: that retries from every space of a long run. */
export function withoutYear(heading: string): string {
  const suffix = /[-–,]\s*\d{4}\s*$/.exec(heading);
  return suffix ? heading.slice(0, suffix.index).trimEnd() : heading;
}

/** An entry's text for a week heading, in the style's habit of keeping or dropping the year. */
export function tocEntryText(style: Pick<TocStyle, 'keepsYear'>, heading: string): string {
  return style.keepsYear ? heading : withoutYear(heading);
}

/** The entry's Markdown line, without a line break. */
export function tocEntryLine(style: TocStyle, text: string, anchor: string, prefix = style.prefix): string {
  return `${prefix}[${text}](${style.base}#${anchor})`;
}
