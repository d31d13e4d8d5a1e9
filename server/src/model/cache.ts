// Parsed week sections, cached by their text: an edit re-parses only the week it touches.
// A parse is position-independent (lines relative to the section); its copy rebased to the section's
// current start line is memoized too, so unchanged weeks above an edit cost nothing.
import { parseWeek, type Link, type PaperRow, type ParsedTable, type ParsedWeek, type Span } from './parseWeek';

export interface PlacedWeek {
  readonly parsed: ParsedWeek;
  readonly rows: readonly PaperRow[];
  readonly tables: readonly ParsedTable[];
  readonly otherLinks: readonly Link[];
}

interface Entry {
  readonly parsed: ParsedWeek;
  placedAt: number;
  placed: PlacedWeek;
  /** Build in which the entry was last used; entries unused by the previous build are dropped. */
  used: number;
}

export class WeekCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  /** Sections parsed since creation (tests and the benchmark read it). */
  parses = 0;

  /** Call once per model build. */
  beginBuild(): void {
    const previous = this.generation++;
    for (const [key, entry] of this.entries) if (entry.used < previous) this.entries.delete(key);
  }

  /** The parsed section lines[start, end), with positions on the document's lines. */
  section(lines: readonly string[], start: number, end: number): PlacedWeek {
    const sectionLines = lines.slice(start, end);
    const key = sectionLines.join('\n');
    let entry = this.entries.get(key);
    if (!entry) {
      this.parses++;
      const parsed = parseWeek(sectionLines);
      entry = { parsed, placedAt: start, placed: place(parsed, start), used: this.generation };
      this.entries.set(key, entry);
    } else if (entry.placedAt !== start) {
      entry.placedAt = start;
      entry.placed = place(entry.parsed, start);
    }
    entry.used = this.generation;
    return entry.placed;
  }
}

function place(parsed: ParsedWeek, offset: number): PlacedWeek {
  if (offset === 0) return { parsed, rows: parsed.rows, tables: parsed.tables, otherLinks: parsed.otherLinks };
  const span = (s: Span): Span => ({ line: s.line + offset, start: s.start, end: s.end });
  const link = (l: Link): Link => ({ ...l, span: span(l.span), labelSpan: span(l.labelSpan), targetSpan: span(l.targetSpan) });
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
    parsed,
    rows,
    tables: parsed.tables.map((t) => ({ ...t, headerLine: t.headerLine + offset, endLine: t.endLine + offset, rows: t.rows.map((r) => byLine.get(r.line + offset)!) })),
    otherLinks: parsed.otherLinks.map(link),
  };
}
