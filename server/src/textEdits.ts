// Text edits as data: applying a set of LSP TextEdits to a string, and the minimal edits between two texts.
import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from './model/text';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.start) + edit.newText;
    at = Math.max(at, edit.end);
  }
  return result + text.slice(at);
}

/**
 * Minimal-ish edits turning `before` into `after`: unchanged lines are matched greedily (fixes change a few
 * lines and insert a few), changed lines become one edit each, trimmed to the characters that differ.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = new LineIndex(before);
  const b = new LineIndex(after);
  const aLines = a.lines();
  const bLines = b.lines();
  // Lines are matched with their `\r`: in a mixed CRLF/LF file, lines equal but for it are different lines.
  const aRaw = before.split('\n');
  const bRaw = after.split('\n');
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  const LOOKAHEAD = 64;
  while (i < aLines.length || j < bLines.length) {
    if (i < aLines.length && j < bLines.length && aRaw[i] === bRaw[j]) {
      i++;
      j++;
      continue;
    }
    // Find the nearest resynchronisation point: lines inserted in `after` or removed from `before`.
    let inserted = -1;
    let removed = -1;
    for (let k = 1; k <= LOOKAHEAD; k++) {
      if (inserted === -1 && i < aLines.length && j + k < bLines.length && aRaw[i] === bRaw[j + k]) inserted = k;
      if (removed === -1 && j < bLines.length && i + k < aLines.length && aRaw[i + k] === bRaw[j]) removed = k;
      if (inserted !== -1 || removed !== -1) break;
    }
    if (inserted !== -1 && (removed === -1 || inserted <= removed)) {
      // The inserted lines as `after` has them, line breaks included: a mixed CRLF/LF file stays exact.
      const text = after.slice(b.lineStarts[j], b.lineStarts[j + inserted]);
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: 0 } }, newText: text });
      j += inserted;
    } else if (removed !== -1) {
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i + removed, character: 0 } }, newText: '' });
      i += removed;
    } else if (i < aLines.length && j < bLines.length) {
      const sameBreak = aRaw[i].endsWith('\r') === bRaw[j].endsWith('\r');
      // A changed line break cannot be addressed inside the line: the line is replaced up to the next one.
      if (!sameBreak && i + 1 < aRaw.length && j + 1 < bRaw.length)
        edits.push({ range: { start: { line: i, character: 0 }, end: { line: i + 1, character: 0 } }, newText: bRaw[j] + '\n' });
      else edits.push(lineEdit(i, aLines[i], bLines[j]));
      i++;
      j++;
    } else if (i < aLines.length) {
      // Trailing lines removed.
      const prevEnd = i > 0 ? { line: i - 1, character: aLines[i - 1].length } : { line: 0, character: 0 };
      edits.push({ range: { start: prevEnd, end: { line: aLines.length - 1, character: aLines[aLines.length - 1].length } }, newText: '' });
      i = aLines.length;
    } else {
      const last = aLines.length - 1;
      edits.push({
        range: { start: { line: last, character: aLines[last].length }, end: { line: last, character: aLines[last].length } },
        newText: after.slice(b.lineStarts[j - 1] + bLines[j - 1].length),
      });
      j = bLines.length;
    }
  }
  return edits;
}

function lineEdit(line: number, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { range: { start: { line, character: start }, end: { line, character: endBefore } }, newText: after.slice(start, endAfter) };
}
