// The one conversion point from the model's positions (line, UTF-16 column) to LSP Ranges.
import type { Range } from 'vscode-languageserver-types';
import type { LineIndex } from './text';
import type { PaperRow, Span, Week } from './model';

export function toRange(span: Span): Range {
  return { start: { line: span.line, character: span.start }, end: { line: span.line, character: span.end } };
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** A row's content on its line (the table row without surrounding spaces). */
export function rowRange(row: PaperRow): Range {
  return lineRange(row.line, row.contentStart, row.contentEnd);
}

/** A week from its heading to the end of its last non-blank line. */
export function weekRange(lines: LineIndex, week: Week): Range {
  const lastLine = Math.max(week.headingLine, week.lastContentLine);
  return { start: { line: week.startLine, character: 0 }, end: { line: lastLine, character: lines.lineLength(lastLine) } };
}
