import type { Position } from 'vscode-languageserver-types';

/**
 * Line table of a text. The one conversion point between string offsets and LSP positions:
 * JavaScript strings are UTF-16, so a column is simply an index into the line, as LSP expects.
 * Lines end at `\n`; a `\r` before it belongs to the line break, not to the line.
 */
export class LineIndex {
  /** Offsets of the lines' starts: a typed array, which an edit copies natively and the garbage collector never moves. */
  readonly lineStarts: Readonly<Float64Array>;
  readonly length: number;
  /**
   * The text as pieces (slices of an earlier version and inserted strings), joined on first use of `text`.
   * An edit splices pieces instead of building the new text: flattening a fresh copy of a 1 MB string costs
   * milliseconds per version (a 10 MB one tens of them), and most versions are never read whole.
   */
  private pieces: string[];
  /** Line texts, filled on demand; an edited index shares the untouched ones with its predecessor. */
  private readonly texts: (string | undefined)[];
  /** Set on edited indexes, whose line texts outlive the version they were cut from. */
  private copyLines = false;

  constructor(text: string, lineStarts?: Float64Array, texts?: (string | undefined)[], pieces?: string[], length?: number) {
    this.pieces = pieces ?? [text];
    this.length = length ?? text.length;
    if (lineStarts) {
      this.lineStarts = lineStarts;
    } else {
      const starts = [0];
      let at = text.indexOf('\n');
      while (at !== -1) {
        starts.push(at + 1);
        at = text.indexOf('\n', at + 1);
      }
      this.lineStarts = Float64Array.from(starts);
    }
    this.texts = texts ?? new Array<string | undefined>(this.lineStarts.length);
  }

  get text(): string {
    if (this.pieces.length !== 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0];
  }

  /** text.slice(start, end) without joining the pieces. */
  private slice(start: number, end: number): string {
    if (this.pieces.length === 1) return this.pieces[0].slice(start, end);
    let result = '';
    let at = 0;
    for (const piece of this.pieces) {
      const next = at + piece.length;
      if (next > start && at < end) result += piece.slice(Math.max(0, start - at), Math.min(piece.length, end - at));
      if (next >= end) break;
      at = next;
    }
    return result;
  }

  /**
   * The index of the text with [start, end) replaced by `insert`. Line starts after the edit are shifted,
   * not rescanned, and unchanged lines keep their string objects, so a section cache can tell them unchanged
   * by identity. Costs a copy of the line table and of the piece list, not a scan or copy of the text.
   */
  edit(start: number, end: number, insert: string): LineIndex {
    const pieces: string[] = [];
    let at = 0;
    let inserted = false;
    for (const piece of this.pieces) {
      const next = at + piece.length;
      if (at < start) pieces.push(next <= start ? piece : piece.slice(0, start - at));
      if (!inserted && next >= start) {
        if (insert !== '') pieces.push(insert);
        inserted = true;
      }
      if (next > end) pieces.push(at >= end ? piece : piece.slice(end - at));
      at = next;
    }
    if (!inserted && insert !== '') pieces.push(insert);
    const startLine = this.lineAt(start);
    const endLine = this.lineAt(end);
    const delta = insert.length - (end - start);
    const oldStarts = this.lineStarts;
    const breaks: number[] = [];
    for (let i = insert.indexOf('\n'); i !== -1; i = insert.indexOf('\n', i + 1)) breaks.push(start + i + 1);
    const changedLines = breaks.length + 1;
    const after = oldStarts.length - endLine - 1;
    const starts = new Float64Array(startLine + changedLines + after);
    starts.set(oldStarts.subarray(0, startLine + 1));
    starts.set(breaks, startLine + 1);
    for (let l = 0, to = startLine + changedLines, from = endLine + 1; l < after; l++) starts[to + l] = oldStarts[from + l] + delta;
    // One native copy, the changed lines then replaced in place by unknown ones (read on demand): slicing both sides and
    // concatenating them allocated the table twice over (on a 10 MB list, 350 KB per keystroke).
    const texts = this.texts.slice();
    if (changedLines === 1 && endLine === startLine) texts[startLine] = undefined;
    else texts.splice(startLine, endLine - startLine + 1, ...new Array<undefined>(changedLines).fill(undefined));
    // Many small pieces make slicing slow; past a bound, join them once.
    const edited = new LineIndex('', starts, texts, pieces.length > 256 ? [pieces.join('')] : pieces, this.length + delta);
    edited.copyLines = true;
    return edited;
  }

  /** The line containing the offset (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line's text without its line break. */
  line(line: number): string {
    const known = this.texts[line];
    if (known !== undefined) return known;
    const start = this.lineStarts[line];
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.length;
    let text = this.slice(start, end);
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    // A flat copy, not a slice: a slice would keep this whole version of the text alive as long as the
    // line is shared with later versions.
    if (this.copyLines && text.length > 12) text = (' ' + text).slice(1);
    this.texts[line] = text;
    return text;
  }

  /** Every line's text (shared with the index: do not modify). */
  lines(): string[] {
    const result = this.texts as string[];
    for (let i = 0; i < result.length; i++) if (result[i] === undefined) this.line(i);
    return result;
  }

  /** Length of the line's text, line break excluded. */
  lineLength(line: number): number {
    return this.line(line).length;
  }

  /** The line break ending the line: `\r\n`, `\n`, or '' for the last line. */
  lineBreak(line: number): string {
    if (line + 1 >= this.lineStarts.length) return '';
    return this.lineStarts[line + 1] - this.lineStarts[line] - 1 > this.lineLength(line) ? '\r\n' : '\n';
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[position.line];
    return start + Math.max(0, Math.min(position.character, this.lineLength(position.line)));
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const low = this.lineAt(offset);
    return { line: low, character: Math.min(offset - this.lineStarts[low], this.lineLength(low)) };
  }
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

const BLANK = /\s/;

/** Whether a character code is one that String.prototype.trim removes (what `\s` matches). */
export function isBlank(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && BLANK.test(String.fromCharCode(c));
}
