import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

/**
 * Line table of a text. The one conversion point between string offsets and LSP positions:
 * JavaScript strings are UTF-16, so a column is simply an index into the line, as LSP expects.
 * Lines end at `\n`; a `\r` before it belongs to the line break, not to the line.
 */
export class LineIndex {
  readonly lineStarts: readonly number[];

  constructor(readonly text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line's text without its line break. */
  line(line: number): string {
    const start = this.lineStarts[line];
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  lines(): string[] {
    const result = new Array<string>(this.lineStarts.length);
    for (let i = 0; i < result.length; i++) result[i] = this.line(i);
    return result;
  }

  /** Length of the line's text, line break excluded. */
  lineLength(line: number): number {
    return this.line(line).length;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return start + Math.max(0, Math.min(position.character, this.lineLength(position.line)));
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset - this.lineStarts[low], this.lineLength(low)) };
  }
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, position: Position): boolean {
  return comparePositions(outer.start, position) <= 0 && comparePositions(position, outer.end) <= 0;
}

/** Splits text into lines the way LineIndex does (without line breaks, `\r` dropped). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return lines;
}
