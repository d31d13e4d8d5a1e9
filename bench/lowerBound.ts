// The lower bound of an edit stream: what any design of the server would pay for the same edits over the same
// transport, measured next to the real server in the same run. The bench records, per version of the real server's
// stream, which diagnostics it published (as operations on the previous version's: kept, moved by the edit's line
// shift, or new) and the section the edit is in; lowerBoundServer.ts then re-analyses only that section and publishes
// those diagnostics. What the real server pays above it is the work its design does outside the edited section.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BenchClient, type Published } from './lspClient';
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

interface Diagnostic {
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly relatedInformation?: unknown;
}

/** Records a stream's table as the bench sends it: call record after each edit's check, with the lines after the edit. */
export class BoundRecorder {
  private readonly versions: { section: readonly [number, number]; ops?: DiagnosticOp[] }[] = [];
  private readonly opened: readonly string[];
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
      this.versions.push({ section });
      return;
    }
    const json = published.diagnostics.map((d) => JSON.stringify(d));
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
function sectionOf(edit: Edit, lines: readonly string[], added: number): readonly [number, number] {
  const first = edit.range.start.line;
  if (edit.kind === 'toc-line') return [first, first + 1];
  let start = first;
  while (start > 0 && !lines[start].startsWith('#')) start--;
  let end = first + added + 1;
  while (end < lines.length && !lines[end].startsWith('#')) end++;
  return [start, end];
}

/**
 * The lower-bound server's bundle in `folder`, beside the real server's code cache loader (dist/server.js), so it
 * starts as the real one does: from a V8 code cache once a first session has saved one.
 */
export async function buildBoundServer(root: string, folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench/lowerBoundServer.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    outfile: join(folder, 'languageServer.js'),
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'dist/server.js'), join(folder, 'server.js'));
  return join(folder, 'server.js');
}

/**
 * The same edits on the lower-bound server: a first session saves its code cache (as the real servers' priming
 * session does), then a fresh server is timed. Each edit is timed as the bench times the real server's.
 */
export async function boundStream(
  server: string,
  table: BoundTable,
  tablePath: string,
  text: string,
  edits: readonly Edit[],
): Promise<{ samples: number[]; published: number; last: Published | undefined }> {
  writeFileSync(tablePath, JSON.stringify(table));
  const cacheDir = join(dirname(server), 'code-cache');
  const args = [`--code-cache-dir=${cacheDir}`, `--table=${tablePath}`];
  const session = async (measured: boolean) => {
    const client = new BenchClient(server, [], args);
    try {
      await client.initialize(pathToFileURL(dirname(resolve(tablePath))).href);
      const opened = client.diagnosticsFor(table.uri, 1);
      client.notify('textDocument/didOpen', { textDocument: { uri: table.uri, languageId: 'markdown', version: 1, text } });
      await opened;
      const samples: number[] = [];
      let published = 0;
      let last: Published | undefined;
      for (let i = 0; i < edits.length; i++) {
        const { range, text: newText } = edits[i];
        const checked = await client.timedChange(table.uri, i + 2, { range, text: newText });
        samples.push(checked.ms);
        if (checked.published) {
          published++;
          last = checked.published;
        }
      }
      if (!measured) await until(() => existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.endsWith('.v8cache')), 10_000);
      return { samples, published, last };
    } finally {
      await client.stop();
    }
  };
  await session(false);
  return session(true);
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`the lower-bound server saved no code cache in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
