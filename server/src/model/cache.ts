// Parsed week sections, cached by their text: an edit re-parses only the week it touches. The cache also
// holds the line table of the text last analysed and per-line values outside the weeks (TOC entries).
// A parse is position-independent (lines relative to the section); its copy rebased to the section's
// current start line is memoized too, so unchanged weeks above an edit cost nothing.
import { LineIndex } from './text';
import { parseWeek, type Link, type PaperRow, type ParsedTable, type ParsedWeek, type Span } from './parseWeek';
import type { LastBuild, Week } from './model';
import type { LineFactsMemo } from './sectionIndex';
import type { HeadingInputs } from '../analysis';
import type { RuleProblem } from '../weekProblems';
import type { Settings } from '../settings';

export interface PlacedWeek {
  readonly parsed: ParsedWeek;
  /** The section's place in the list across versions (see WeekSlot). */
  readonly slot: WeekSlot;
  readonly rows: readonly PaperRow[];
  readonly tables: readonly ParsedTable[];
  readonly otherLinks: readonly Link[];
}

/**
 * One section of the document, the same from version to version while its text is: what the title and paper indexes
 * point at, so a section that only moved changes no index. `week` is the section's Week in the newest build of this
 * cache (model.ts sets it), which is why a cache serves one line of versions (a preview on other text forks it).
 */
export interface WeekSlot {
  readonly parsed: ParsedWeek;
  week: Week | undefined;
}

interface Entry {
  /** The section's lines, to tell a cached section from a different one with the same heading. */
  readonly lines: readonly string[];
  readonly parsed: ParsedWeek;
  readonly slot: WeekSlot;
  placedAt: number;
  placed: PlacedWeek;
  /** Build in which the entry was last used; entries unused by the previous build are dropped. */
  used: number;
}

/**
 * The cached sections with one heading line. Copies of a section (a pasted week, a template repeated) are looked up in
 * document order and each takes the first copy no lookup of this build has taken: those taken form a prefix, skipped
 * once instead of on every lookup, so n copies cost n lookups, not n²/2.
 */
interface Bucket {
  entries: Entry[];
  /** How many entries at the start this build (`takenIn`) has used, at least. */
  taken: number;
  takenIn: number;
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
  private readonly entries = new Map<string, Bucket>();
  private readonly lineMemos = new Map<number, LineMemo>();
  private lineIndex: LineIndex | undefined;
  private generation = 0;
  /** The previous section scan's per-line facts (sectionIndex.ts). */
  readonly lineFacts: LineFactsMemo = {};
  /** The problems of the rules that read only headings and the TOC, with what they read (analysis.ts). */
  headingRules:
    | { readonly settings: Settings; readonly enabled: readonly boolean[]; readonly inputs: HeadingInputs; readonly problems: readonly RuleProblem[] }
    | undefined;
  /** What the last build left for the next one to adjust (model.ts). */
  lastBuild: LastBuild | undefined;
  /** Sections parsed since creation (tests and the benchmark read it). */
  parses = 0;
  /** Cached entries looked at while finding sections' entries, since creation (a test reads it: see Bucket). */
  examined = 0;
  /** The entries of the sections this build placed, in order, and the previous build's (see sameSection). */
  private placedNow: Entry[] = [];
  private placedBefore: Entry[] = [];

  /** Call once per model build. */
  beginBuild(): void {
    const previous = this.generation++;
    this.placedBefore = this.placedNow;
    this.placedNow = [];
    // forEach, not for-of: iterating a Map's entries allocates a pair per entry, a 10 MB list's 1,300 on every build.
    this.entries.forEach((bucket, key) => {
      // Most buckets hold one section the previous build used: nothing to drop, nothing to copy.
      if (bucket.entries.every((entry) => entry.used >= previous)) return;
      const kept = bucket.entries.filter((entry) => entry.used >= previous);
      if (kept.length === 0) this.entries.delete(key);
      else bucket.entries = kept;
    });
    this.lineMemos.forEach((memo, line) => {
      if (memo.used < previous) this.lineMemos.delete(line);
    });
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
    const bucket = this.entries.get(heading);
    // A section repeated in the document gets an entry per copy: each copy is its own slot.
    let entry = bucket && this.untakenCopy(bucket, lines, start, end);
    if (!entry) {
      this.parses++;
      const sectionLines = lines.slice(start, end);
      const parsed = parseWeek(sectionLines);
      const slot = { parsed, week: undefined };
      entry = { lines: sectionLines, parsed, slot, placedAt: start, placed: place(parsed, slot, start), used: this.generation };
      if (bucket) bucket.entries.push(entry);
      else this.entries.set(heading, { entries: [entry], taken: 1, takenIn: this.generation });
    } else if (entry.placedAt !== start) {
      entry.placedAt = start;
      entry.placed = place(entry.parsed, entry.slot, start);
    }
    entry.used = this.generation;
    this.placedNow.push(entry);
    return entry.placed;
  }

  /** The bucket's first entry with these lines that this build has not used yet. */
  private untakenCopy(bucket: Bucket, lines: readonly string[], start: number, end: number): Entry | undefined {
    const generation = this.generation;
    const entries = bucket.entries;
    let i = bucket.takenIn === generation ? bucket.taken : 0;
    for (; i < entries.length && entries[i].used === generation; i++) this.examined++;
    bucket.taken = i;
    bucket.takenIn = generation;
    for (; i < entries.length; i++) {
      this.examined++;
      if (entries[i].used !== generation && sameLines(entries[i].lines, lines, start, end)) return entries[i];
    }
    return undefined;
  }

  /**
   * The section the previous build placed `nth` (with section or sameSection), kept as it was: for a caller that knows
   * its lines and place are unchanged, which saves the lookup and the line-by-line comparison (a 10 MB list has 1,300
   * sections, and typing changes one). Calls must come in order, as section's do.
   */
  sameSection(nth: number): PlacedWeek {
    const entry = this.placedBefore[nth];
    entry.used = this.generation;
    this.placedNow.push(entry);
    return entry.placed;
  }

  /**
   * A cache for analysing other text (a fix-all preview) without moving this one's slots: it shares the parses,
   * each with a slot of its own, and nothing else.
   */
  fork(): WeekCache {
    const fork = new WeekCache();
    fork.generation = this.generation;
    for (const [heading, bucket] of this.entries)
      fork.entries.set(heading, {
        entries: bucket.entries.map((e) => {
          const slot = { parsed: e.parsed, week: undefined };
          return { ...e, slot, placed: place(e.parsed, slot, e.placedAt) };
        }),
        taken: 0,
        takenIn: -1,
      });
    return fork;
  }

  /** A value computed from one line outside the weeks (a TOC entry), reused while the line keeps its number and text. */
  outsideLine<T>(line: number, text: string, compute: (text: string, line: number) => T): T {
    const memo = this.lineMemos.get(line);
    if (memo && memo.text === text) {
      memo.used = this.generation;
      return memo.value as T;
    }
    const value = compute(text, line);
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
  private copy: Omit<PlacedWeek, 'parsed' | 'slot'> | undefined;

  constructor(
    readonly parsed: ParsedWeek,
    readonly slot: WeekSlot,
    private readonly offset: number,
  ) {}

  private get placed(): Omit<PlacedWeek, 'parsed' | 'slot'> {
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

function place(parsed: ParsedWeek, slot: WeekSlot, offset: number): PlacedWeek {
  return offset === 0 ? { parsed, slot, rows: parsed.rows, tables: parsed.tables, otherLinks: parsed.otherLinks } : new Placement(parsed, slot, offset);
}

function placeCopy(parsed: ParsedWeek, offset: number): Omit<PlacedWeek, 'parsed' | 'slot'> {
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
