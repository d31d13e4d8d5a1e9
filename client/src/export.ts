// Papers as CSV or JSON, with the columns the issue fixes: Title, Description, PaperURL, TweetURL, Week.
import type { WeeksResult } from '../../server/src/protocol';
import { paperUrl, tweetUrl, weekStartIso } from './format';

export type ExportFormat = 'csv' | 'json';

export interface PaperRecord {
  Title: string;
  Description: string;
  PaperURL: string | null;
  TweetURL: string | null;
  /** The week's first day (`2025-06-23`), or its heading when the date is unknown. */
  Week: string;
}

const COLUMNS: readonly (keyof PaperRecord)[] = ['Title', 'Description', 'PaperURL', 'TweetURL', 'Week'];

export function paperRecords(list: WeeksResult): PaperRecord[] {
  return list.weeks.flatMap((week) =>
    week.rows.map((row) => ({
      Title: row.title,
      Description: row.description,
      PaperURL: paperUrl(row) ?? null,
      TweetURL: tweetUrl(row) ?? null,
      Week: weekStartIso(week),
    })),
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
