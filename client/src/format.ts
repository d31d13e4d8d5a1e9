// Labels shared by the tree, the status bar, the pickers and the exports, so each reads the same everywhere.
import type { DayInfo, RowInfo, WeekInfo } from '../../server/src/protocol';

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

/** `2025-06-23`: the week's first day, sortable; the heading when the date or year is unknown. */
export function weekStartIso(week: WeekInfo): string {
  const start = week.start;
  const year = start?.year ?? week.year;
  if (!start || year === undefined) return week.heading;
  return `${year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`;
}

/** `5) Title`, or the bare title when the row has no number. */
export function rowLabel(row: RowInfo): string {
  return row.number === null ? row.title : `${row.number}) ${row.title}`;
}

/** The row's paper URL: the server's pick, else the first link. */
export function paperUrl(row: RowInfo): string | undefined {
  return row.paperUrl ?? row.links[0]?.url;
}

/** The row's tweet: a link labelled Tweet, else any link to x.com or twitter.com. */
export function tweetUrl(row: RowInfo): string | undefined {
  const byLabel = row.links.find((link) => link.label.trim().toLowerCase() === 'tweet');
  if (byLabel) return byLabel.url;
  return row.links.find((link) => /^https?:\/\/(www\.|mobile\.)?(x|twitter)\.com\//i.test(link.url))?.url;
}
