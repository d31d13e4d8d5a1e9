// Labels shared by the tree, the status bar, the pickers and the exports, so each reads the same everywhere.
import type { DayInfo, LinkInfo, RowInfo, WeekInfo } from '../../server/src/protocol';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `1,300 papers`, `1 problem`: English plural with thousands separators. */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** `10 papers · 2 problems`; the problem part is left out when there are none. */
export function papersAndProblems(papers: number, problems: number, alwaysProblems = false): string {
  const parts = [count(papers, 'paper')];
  if (problems > 0 || alwaysProblems) parts.push(count(problems, 'problem'));
  return parts.join(' · ');
}

function day(d: DayInfo): string {
  return `${MONTHS[d.month - 1] ?? '?'} ${d.day}`;
}

/** `Jun 23 – Jun 29` from the parsed dates, or the heading itself when its dates did not parse. */
export function weekDatesLabel(week: WeekInfo): string {
  if (week.start && week.end) return `${day(week.start)} – ${day(week.end)}`;
  return week.heading;
}

/** The dates as the heading writes them (`June 23 - June 29`), so a picker matches the month names the list uses. */
export function weekDatesAsWritten(week: WeekInfo): string {
  const match = /\(([^()]*\d[^()]*)\)/.exec(week.heading);
  return match ? match[1]!.trim() : week.heading;
}

/**
 * `2025-06-23`: the week's first day in ISO 8601; `--06-23` (ISO's month-day form) when the list never states
 * the year; the heading when the dates did not parse.
 */
export function weekStartIso(week: WeekInfo): string {
  const start = week.start;
  if (!start) return week.heading;
  const monthDay = `${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`;
  const year = start.year ?? week.year;
  return year === undefined ? `--${monthDay}` : `${year}-${monthDay}`;
}

/** `5) Title`, or the bare title when the row has no number. */
export function rowLabel(row: RowInfo): string {
  if (row.template) return `${row.number ?? '?'}) (to fill in)`;
  return row.number === null ? row.title : `${row.number}) ${row.title}`;
}

/** The row's paper URL (the server leaves placeholders out). */
export function paperUrl(row: RowInfo): string | undefined {
  return row.paperUrl;
}

/** The row's tweet: a link labelled Tweet, else any link to x.com or twitter.com; placeholders never count. */
export function tweetUrl(links: readonly LinkInfo[]): string | undefined {
  const real = links.filter((link) => !link.placeholder);
  const byLabel = real.find((link) => link.label.trim().toLowerCase() === 'tweet');
  if (byLabel) return byLabel.url;
  return real.find((link) => /^https?:\/\/(www\.|mobile\.)?(x|twitter)\.com\//i.test(link.url))?.url;
}

/** The last segment of a URI's path, for titles and messages. */
export function baseName(uri: { path: string }): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
