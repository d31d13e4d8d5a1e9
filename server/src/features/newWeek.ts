// The next week's section: heading in the list's own style, table header, row templates, TOC entry.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';
import { formatRange, fromDayNumber, dayNumber, type DateStyle } from '../model/dates';
import { githubSlug } from '../model/urls';
import type { PaperList } from '../model/model';
import { tocEntryLine, tocEntryText, tocStyleOf } from '../model/toc';

export interface NextWeek {
  readonly heading: string;
  readonly start: number;
  readonly end: number;
}

const DEFAULT_STYLE: DateStyle = { fullMonths: true, repeatMonth: true, spacedDash: true };
const ROWS = 10;

/** The week after the newest one (or the coming Monday-Sunday when the list has no dated week yet). */
export function nextWeek(list: PaperList, today = new Date()): NextWeek | undefined {
  const newest = list.weeks.find((w) => w.span && w.dates);
  let start: number;
  if (newest) start = newest.span!.end + 1;
  else {
    const day = dayNumber(today.getFullYear(), today.getMonth() + 1, today.getDate());
    const weekday = (new Date(day * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
    start = day + (weekday === 0 ? 0 : 7 - weekday);
  }
  const end = start + 6;
  const style = newest?.dates?.style ?? DEFAULT_STYLE;
  const template = newest?.heading ?? 'Top ML Papers of the Week (June 23 - June 29) - 2025';
  const open = template.indexOf('(');
  const close = template.indexOf(')', open);
  const hasYear = newest ? newest.dates!.year !== undefined : true;
  const prefix = template.slice(0, open);
  const heading = `${prefix}(${formatRange(start, end, style)})${hasYear ? ` - ${fromDayNumber(end).year}` : template.slice(close + 1).replace(/\s*[-–,]?\s*\d{4}\s*$/, '')}`;
  return { heading, start, end };
}

export interface NewWeekEdit {
  readonly edits: TextEdit[];
  readonly selection: Position;
}

export function newWeekEdits(list: PaperList): NewWeekEdit | undefined {
  const next = nextWeek(list);
  if (!next) return undefined;
  const eol = list.lines.text.includes('\r\n') ? '\r\n' : '\n';
  const newest = list.weeks[0];
  const level = newest ? '#'.repeat(newest.level) : '##';
  const table = newest?.tables[0];
  const header = table
    ? [list.lines.line(table.headerLine), list.lines.line(table.headerLine + 1)]
    : ['| **Paper**  | **Links** |', '| ------------- | ------------- |'];
  const rows = Array.from({ length: ROWS }, (_, i) => `| ${i + 1})  | [Paper](), [Tweet]() |`);
  const sectionLines = [`${level} ${next.heading}`, ...header, ...rows, ''];
  const edits: TextEdit[] = [];
  let insertLine: number;
  let shift = 0;
  // The TOC entry goes above the newest entry, in its style.
  const entry = list.toc[0];
  if (entry && newest) {
    const style = tocStyleOf(entry);
    edits.push({
      range: { start: { line: entry.line, character: 0 }, end: { line: entry.line, character: 0 } },
      newText: tocEntryLine(style, tocEntryText(style, next.heading), githubSlug(next.heading)) + eol,
    });
    shift = entry.line < newest.headingLine ? 1 : 0;
  }
  if (newest) {
    insertLine = newest.headingLine;
    edits.push({ range: { start: { line: insertLine, character: 0 }, end: { line: insertLine, character: 0 } }, newText: sectionLines.join(eol) + eol });
  } else {
    const last = list.lines.lineCount - 1;
    const lastText = list.lines.line(last);
    insertLine = lastText === '' ? last : last + 1;
    const lead = lastText === '' ? '' : eol + eol;
    edits.push({
      range: { start: { line: last, character: lastText.length }, end: { line: last, character: lastText.length } },
      newText: lead + sectionLines.join(eol),
    });
    if (lastText !== '') insertLine = last + 2;
  }
  // Cursor after "1) " in the first row: heading, header, delimiter, then the row.
  return { edits, selection: { line: insertLine + shift + 3, character: '| 1) '.length } };
}
