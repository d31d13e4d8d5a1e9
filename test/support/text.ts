// Applying LSP text edits to a string, independently of the server's own implementation.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';

/** Offset of an LSP position (UTF-16 columns; a line ends at \n, and a \r before it is part of the line break). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > offset && text[end - 1] === '\r') end--;
  return Math.min(offset + position.character, end);
}

/** Applies non-overlapping edits made against `text`, as an editor applies a WorkspaceEdit; throws on overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let result = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) throw new Error(`overlapping edits at offset ${span.start}`);
    result += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return result + text.slice(at);
}
