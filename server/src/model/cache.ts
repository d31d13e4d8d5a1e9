// Parsed week sections, cached by their text: an edit re-parses only the week it touches. The cache also
// holds the line table of the text last analysed and per-line values outside the weeks (TOC entries).
// A parse is position-independent (lines relative to the section); its copy rebased to the section's
// current start line is memoized too, so unchanged weeks above an edit cost nothing.
import { LineIndex } from './text';
import { parseWeek, type Link, type PaperRow, type ParsedTable, type ParsedWeek, type Span } from './parseWeek';
import type { BuiltIndexes } from './model';
import type { LineFactsMemo } from './sectionIndex';
import type { HeadingInputs } from '../analysis';
import type { RuleProblem } from '../weekProblems';
import type { Settings } from '../settings';

export interface PlacedWeek {
  readonly parsed: ParsedWeek;
  readonly rows: readonly PaperRow[];
  readonly tables: readonly ParsedTable[];
  readonly otherLinks: readonly Link[];
}

interface Entry {
  /** The section's lines, to tell a cached section from a different one with the same heading. */
  readonly lines: readonly string[];
  readonly parsed: ParsedWeek;
  placedAt: number;
  placed: PlacedWeek;
  /** Build in which the entry was last used; entries unused by the previous build are dropped. */
  used: number;
}

interface LineMemo {
  readonly text: string;
  readonly value: unknown;
  used: number;
}

export class WeekCache {
  /**
   * Entries by the section's heading line: a lookup hashes one short line, not the whole section, and the
   * candidate is confirmed line by line (lines an edit did not touch are the same strings, so that is cheap).
   */
  private readonly entries = new Map<string, Entry[]>();
  private readonly lineMemos = new Map<number, LineMemo>();
  private lineIndex: LineIndex | undefined;
  private generation = 0;
  /** The previous section scan's per-line facts (sectionIndex.ts). */
  readonly lineFacts: LineFactsMemo = {};
  /** The problems of the rules that read only headings and the TOC, with what they read (analysis.ts). */
  headingRules:
    | { readonly settings: Settings; readonly enabled: readonly boolean[]; readonly inputs: HeadingInputs; readonly problems: readonly RuleProblem[] }
    | undefined;
  /** The title and paper indexes of the last build, which the next one updates (model.ts). */
  indexes: BuiltIndexes | undefined;
  /** Sections parsed since creation (tests and the benchmark read it). */
  parses = 0;

  /** Call once per model build. */
  beginBuild(): void {
    const previous = this.generation++;
    for (const [key, bucket] of this.entries) {
      const kept = bucket.filter((entry) => entry.used >= previous);
      if (kept.length === 0) this.entries.delete(key);
      else if (kept.length !== bucket.length) this.entries.set(key, kept);
    }
    for (const [line, memo] of this.lineMemos) if (memo.used < previous) this.lineMemos.delete(line);
  }

  /**
   * The line table of the text being analysed: the caller's own (the server's document keeps one up to date
   * per edit), else the previous build's when the text is the same, else a fresh scan.
   */
  lineIndexFor(source: string | LineIndex): LineIndex {
    if (typeof source !== 'string') this.lineIndex = source;
    else if (!(this.lineIndex && this.lineIndex.length === source.length && this.lineIndex.text === source)) this.lineIndex = new LineIndex(source);
    return this.lineIndex;
  }

  /** The parsed section lines[start, end), with positions on the document's lines. */
  section(lines: readonly string[], start: number, end: number): PlacedWeek {
    const heading = lines[start];
    let bucket = this.entries.get(heading);
    let entry = bucket?.find((e) => sameLines(e.lines, lines, start, end));
    if (!entry) {
      this.parses++;
      const sectionLines = lines.slice(start, end);
      const parsed = parseWeek(sectionLines);
      entry = { lines: sectionLines, parsed, placedAt: start, placed: place(parsed, start), used: this.generation };
      if (!bucket) this.entries.set(heading, (bucket = []));
      bucket.push(entry);
    } else if (entry.placedAt !== start) {
      entry.placedAt = start;
      entry.placed = place(entry.parsed, start);
    }
    entry.used = this.generation;
    return entry.placed;
  }

  /** A value computed from one line outside the weeks (a TOC entry), reused while the line keeps its number and text. */
  outsideLine<T>(line: number, text: string, compute: () => T): T {
    const memo = this.lineMemos.get(line);
    if (memo && memo.text === text) {
      memo.used = this.generation;
      return memo.value as T;
    }
    const value = compute();
    this.lineMemos.set(line, { text, value, used: this.generation });
    return value;
  }
}

function sameLines(cached: readonly string[], lines: readonly string[], start: number, end: number): boolean {
  if (cached.length !== end - start) return false;
  for (let i = 0; i < cached.length; i++) if (cached[i] !== lines[start + i]) return false;
  return true;
}

/**
 * A parse placed at a start line. The copy with document lines is made when first read: in an edit that moves the
 * weeks below it, most moved weeks are never read row by row (their problems are cached, relative to the week).
 */
class Placement implements PlacedWeek {
  private copy: Omit<PlacedWeek, 'parsed'> | undefined;

  constructor(
    readonly parsed: ParsedWeek,
    private readonly offset: number,
  ) {}

  private get placed(): Omit<PlacedWeek, 'parsed'> {
    return (this.copy ??= placeCopy(this.parsed, this.offset));
  }
  get rows(): readonly PaperRow[] {
    return this.placed.rows;
  }
  get tables(): readonly ParsedTable[] {
    return this.placed.tables;
  }
  get otherLinks(): readonly Link[] {
    return this.placed.otherLinks;
  }
}

function place(parsed: ParsedWeek, offset: number): PlacedWeek {
  return offset === 0 ? { parsed, rows: parsed.rows, tables: parsed.tables, otherLinks: parsed.otherLinks } : new Placement(parsed, offset);
}

function placeCopy(parsed: ParsedWeek, offset: number): Omit<PlacedWeek, 'parsed'> {
  const span = (s: Span): Span => ({ line: s.line + offset, start: s.start, end: s.end });
  const link = (l: Link): Link => ({
    ...l,
    span: span(l.span),
    labelSpan: span(l.labelSpan),
    targetSpan: span(l.targetSpan),
    nested: l.nested && { ...l.nested, targetSpan: span(l.nested.targetSpan) },
  });
  const row = (r: PaperRow): PaperRow => ({
    ...r,
    line: r.line + offset,
    number: r.number && { ...r.number, span: span(r.number.span) },
    titleSpan: span(r.titleSpan),
    cells: r.cells.map((c) => ({ ...c, span: span(c.span) })),
    links: r.links.map(link),
  });
  const rows = parsed.rows.map(row);
  const byLine = new Map(rows.map((r) => [r.line, r]));
  return {
    rows,
    tables: parsed.tables.map((t) => ({
      ...t,
      headerLine: t.headerLine + offset,
      endLine: t.endLine + offset,
      rows: t.rows.map((r) => byLine.get(r.line + offset)!),
    })),
    otherLinks: parsed.otherLinks.map(link),
  };
}
