// Papers as CSV or JSON, with the columns the issue fixes: Title, Description, PaperURL, TweetURL, Week.
import type { RowDetails, WeeksResult } from '../../server/src/protocol';
import { paperUrl, tweetUrl, weekStartIso } from './format';

export type ExportFormat = 'csv' | 'json';

export interface PaperRecord {
  Title: string;
  Description: string;
  PaperURL: string | null;
  TweetURL: string | null;
  /** The week's first day in ISO 8601 (`2025-06-23`, or `--06-23` when the list never states the year). */
  Week: string;
}

const COLUMNS: readonly (keyof PaperRecord)[] = ['Title', 'Description', 'PaperURL', 'TweetURL', 'Week'];

/** `details(uri, line)`: the row's description and links (paperList/rowDetails). Untouched template rows are left out. */
export function paperRecords(list: WeeksResult, details: (uri: string, line: number) => RowDetails | null | undefined): PaperRecord[] {
  return list.weeks.flatMap((week) =>
    week.rows
      .filter((row) => !row.template)
      .map((row) => {
        const more = details(week.uri, row.range.start.line);
        return {
          Title: row.title,
          Description: more?.description ?? '',
          PaperURL: paperUrl(row) ?? null,
          TweetURL: (more && tweetUrl(more.links)) ?? null,
          Week: weekStartIso(week),
        };
      }),
  );
}

/** RFC 4180: every field quoted only when it must be, CRLF between records. */
function csvField(value: string | null): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatPapers(records: readonly PaperRecord[], format: ExportFormat): string {
  if (format === 'json') return JSON.stringify(records, null, 2) + '\n';
  const lines = [COLUMNS.join(','), ...records.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
