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
  /** The whole text: given to a first index, joined from the lines on first use of `text` in an edited one. */
  private source: string | undefined;
  /** Line texts, filled on demand from `source` (a first index) or all known (an edited one, which shares the untouched ones with its predecessor). */
  private readonly texts: (string | undefined)[];
  /** Whether every line's text is known. */
  private complete: boolean;
  private crlf: boolean | undefined;

  /** An edited index (edit) passes its line starts, every line's text and its length, with no text. */
  constructor(text: string, lineStarts?: Float64Array, texts?: (string | undefined)[], length?: number) {
    this.source = texts ? undefined : text;
    this.length = length ?? text.length;
    this.complete = texts !== undefined;
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

  /**
   * The text. An edited index joins it from its lines on first use: most versions are never read whole, and building
   * each version's text (or splicing pieces of the previous one, joined now and then) cost a 10 MB list tens of
   * milliseconds on the edits that paid it.
   */
  get text(): string {
    if (this.source === undefined) {
      const raw = new Array<string>(this.texts.length);
      for (let line = 0; line < raw.length; line++) raw[line] = this.rawLine(line);
      this.source = raw.join('\n');
    }
    return this.source;
  }

  /** Whether the text has a `\r\n` line break (the line break an edit we make should use), without joining it. */
  get usesCrlf(): boolean {
    if (this.crlf === undefined) {
      if (this.source !== undefined) this.crlf = this.source.includes('\r\n');
      else {
        this.crlf = false;
        for (let line = 0; line + 1 < this.lineStarts.length && !this.crlf; line++) this.crlf = this.endsInCr(line);
      }
    }
    return this.crlf;
  }

  /** The line break an edit we make uses: the text's own. */
  get eol(): '\r\n' | '\n' {
    return this.usesCrlf ? '\r\n' : '\n';
  }

  /** The line as it is in the text: with the `\r` of a `\r\n` line break, without the `\n`. */
  private rawLine(line: number): string {
    return this.endsInCr(line) ? this.line(line) + '\r' : this.line(line);
  }

  /** Where the line ends in the text: before its `\n`, after a `\r` that line() leaves out. */
  private rawEnd(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.length;
  }

  /** Whether the line ends in a `\r` (of a `\r\n` break, or the text's last character) that line() leaves out. */
  private endsInCr(line: number): boolean {
    return this.rawEnd(line) - this.lineStarts[line] > this.line(line).length;
  }

  /**
   * The index of the text with [start, end) replaced by `insert`. Line starts after the edit are shifted, not
   * rescanned; the edited lines are cut from the old ones, and unchanged lines keep their string objects, so a
   * section cache can tell them unchanged by identity. Costs a copy of the line table, not a scan or copy of the text.
   */
  edit(start: number, end: number, insert: string): LineIndex {
    if (!this.complete) this.lines();
    const startLine = this.lineAt(start);
    const endLine = this.lineAt(end);
    const delta = insert.length - (end - start);
    const oldStarts = this.lineStarts;
    // The edited lines, from the start of the first to the end of the last (its `\n` excluded), as they are now.
    const startColumn = start - oldStarts[startLine];
    const endRaw = this.rawLine(endLine);
    const region = this.rawLine(startLine).slice(0, startColumn) + insert + endRaw.slice(end - oldStarts[endLine]);
    const edited = splitLines(region);
    const breaks: number[] = [];
    for (let i = insert.indexOf('\n'); i !== -1; i = insert.indexOf('\n', i + 1)) breaks.push(start + i + 1);
    const changedLines = breaks.length + 1;
    const after = oldStarts.length - endLine - 1;
    const starts = new Float64Array(startLine + changedLines + after);
    starts.set(oldStarts.subarray(0, startLine + 1));
    starts.set(breaks, startLine + 1);
    for (let l = 0, to = startLine + changedLines, from = endLine + 1; l < after; l++) starts[to + l] = oldStarts[from + l] + delta;
    // One native copy, the changed lines then replaced in place: slicing both sides and concatenating them allocated
    // the table twice over (on a 10 MB list, 350 KB per keystroke).
    let texts: (string | undefined)[];
    if (changedLines <= SPREAD_LIMIT) {
      texts = this.texts.slice();
      if (changedLines === 1 && endLine === startLine) texts[startLine] = edited[0];
      else texts.splice(startLine, endLine - startLine + 1, ...edited);
    } else {
      // A paste of many lines: spread into arguments, they would overflow the stack.
      texts = this.texts.slice(0, startLine).concat(edited, this.texts.slice(endLine + 1));
    }
    return new LineIndex('', starts, texts, this.length + delta);
  }

  /** The line containing the offset (a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    return Math.max(0, indexStartingBy(this.lineStarts, offset, lineStart));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line's text without its line break. */
  line(line: number): string {
    const known = this.texts[line];
    if (known !== undefined) return known;
    // Only a first index has lines not read yet, and its text.
    let text = this.source!.slice(this.lineStarts[line], this.rawEnd(line));
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    this.texts[line] = text;
    return text;
  }

  /** Every line's text (shared with the index: do not modify). */
  lines(): string[] {
    const result = this.texts as string[];
    if (!this.complete) {
      for (let i = 0; i < result.length; i++) if (result[i] === undefined) this.line(i);
      this.complete = true;
    }
    return result;
  }

  /** Length of the line's text, line break excluded. */
  lineLength(line: number): number {
    return this.line(line).length;
  }

  /** The line break ending the line: `\r\n`, `\n`, or '' for the last line. */
  lineBreak(line: number): string {
    if (line + 1 >= this.lineStarts.length) return '';
    return this.endsInCr(line) ? '\r\n' : '\n';
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

const lineStart = (start: number) => start;

/** Lines an edit splices in as arguments; more are joined with concat (a spread of 100,000s of arguments overflows the stack). */
const SPREAD_LIMIT = 10_000;

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

/** The position of the last item starting at or before `line` in items sorted by start, or -1. */
export function indexStartingBy<T>(items: ArrayLike<T>, line: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(items[mid]) <= line) low = mid + 1;
    else high = mid - 1;
  }
  return high;
}

/** The position of the item on `line` in items sorted by line, or -1. */
export function indexOfLine<T>(items: readonly T[], line: number, lineOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = lineOf(items[mid]);
    if (at < line) low = mid + 1;
    else if (at > line) high = mid - 1;
    else return mid;
  }
  return -1;
}
