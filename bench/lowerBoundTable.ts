// The floor of an edit stream's table (lowerBound.ts): per version of the real server's stream, the section the edit
// is in and the diagnostics it published, as operations on the previous version's (kept, moved by the edit's line
// shift, or new), which applyOps turns back into diagnostics in the floor server (lowerBoundServer.ts).
import { createHash } from 'node:crypto';
import type { Published } from './lspClient';
import type { Edit } from './edits';

/** Kept from the previous version (`[index, 0]`), moved by a line shift (`[index, shift]`), or new (its JSON). */
export type DiagnosticOp = readonly [index: number, shift: number] | string;

export interface BoundTable {
  readonly uri: string;
  /** The JSON of each diagnostic published for the opened version. */
  readonly opened: readonly string[];
  /** Per version after the opened one: the lines [start, end) of the section edited, and the publish, if any. */
  readonly versions: readonly { readonly section: readonly [number, number]; readonly ops?: readonly DiagnosticOp[] }[];
}

export interface Diagnostic {
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly relatedInformation?: unknown;
}

/** A publish's identity for comparing streams: a digest of its diagnostics' JSON. */
export function publishDigest(diagnostics: readonly unknown[]): string {
  return digestOfJson(JSON.stringify(diagnostics));
}

function digestOfJson(json: string): string {
  return createHash('sha1').update(json).digest('hex');
}

/**
 * A version's diagnostics from the previous version's, as an ideal cache would hold them: kept ones are the same
 * objects (the server's encoder reuses their bytes), moved ones get a shifted range (first, as the real server's
 * diagnostics have it), new ones are parsed. Each is frozen, as the real server's are.
 */
export function applyOps<D extends Diagnostic>(previous: readonly D[], ops: readonly DiagnosticOp[]): readonly D[] {
  return Object.freeze(
    ops.map((op) => {
      if (typeof op === 'string') return Object.freeze(JSON.parse(op) as D);
      const [index, shift] = op;
      if (shift === 0) return previous[index];
      const { range, ...rest } = previous[index];
      const moved = {
        start: { line: range.start.line + shift, character: range.start.character },
        end: { line: range.end.line + shift, character: range.end.character },
      };
      return Object.freeze({ range: moved, ...rest } as unknown as D);
    }),
  );
}

/** Records a stream's table as the bench sends it: call record after each edit's check, with the lines after the edit. */
export class BoundRecorder {
  private readonly versions: { section: readonly [number, number]; ops?: DiagnosticOp[] }[] = [];
  private readonly opened: readonly string[];
  /** Per version after the opened one: the publish's digest, or undefined when there was none. */
  readonly digests: (string | undefined)[] = [];
  /** The previous publish's diagnostics by JSON: index in it. */
  private previous: Map<string, number>;

  constructor(
    private readonly uri: string,
    opened: readonly unknown[],
  ) {
    this.opened = opened.map((d) => JSON.stringify(d));
    this.previous = indexByJson(this.opened);
  }

  record(edit: Edit, lines: readonly string[], published: Published | undefined): void {
    const added = edit.text.split('\n').length - 1;
    const shift = added - (edit.range.end.line - edit.range.start.line);
    const section = sectionOf(edit, lines, added);
    if (!published) {
      this.digests.push(undefined);
      this.versions.push({ section });
      return;
    }
    const json = published.diagnostics.map((d) => JSON.stringify(d));
    // The array's JSON is its elements' joined: each diagnostic is stringified once for both.
    this.digests.push(digestOfJson(`[${json.join(',')}]`));
    const ops = (published.diagnostics as readonly Diagnostic[]).map((d, i): DiagnosticOp => {
      const kept = this.previous.get(json[i]);
      if (kept !== undefined) return [kept, 0];
      if (shift !== 0 && d.relatedInformation === undefined) {
        const { start, end } = d.range;
        const before = { ...d, range: { start: { ...start, line: start.line - shift }, end: { ...end, line: end.line - shift } } };
        const moved = this.previous.get(JSON.stringify(before));
        if (moved !== undefined) return [moved, shift];
      }
      return json[i];
    });
    this.versions.push({ section, ops });
    this.previous = indexByJson(json);
  }

  table(): BoundTable {
    return { uri: this.uri, opened: this.opened, versions: this.versions };
  }
}

function indexByJson(json: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  json.forEach((j, i) => {
    if (!index.has(j)) index.set(j, i);
  });
  return index;
}

/**
 * The lines of the section the edit is in, after it: from the heading at or above it to the next heading. A TOC edit
 * is its one line (a design that re-reads its TOC line by line re-reads that one).
 */
export function sectionOf(edit: Edit, lines: readonly string[], added: number): readonly [number, number] {
  const first = edit.range.start.line;
  if (edit.kind === 'toc-line') return [first, first + 1];
  let start = first;
  while (start > 0 && !lines[start].startsWith('#')) start--;
  let end = first + added + 1;
  while (end < lines.length && !lines[end].startsWith('#')) end++;
  return [start, end];
}
