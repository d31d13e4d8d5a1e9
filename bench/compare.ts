// Two builds of the server side by side: the same seeded edit stream is sent to both, edit by edit, alternating which
// goes first, each edit timed from didChange to its diagnostics (or to the answer that it was checked, as in bench.ts).
// On a VM whose speed drifts within minutes, this compares two builds where two bench runs one after the other cannot.
// Usage: node --import tsx bench/compare.ts <before/dist/server.js> <after/dist/server.js> [edits] [list]
//   list: a Markdown file (its folder is the workspace), or "today" (default) for ../shared/corpus/aipotw-2026-06
//   with the edits in years/2025.md and every file open.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
import { applyToLines, landmarks, randomEdit, type EditKind } from './edits';
import { rng } from './generate';

const corpusDir = resolve(__dirname, '..', process.env.PAPER_LIST_CORPUS ?? '../shared/corpus');

/** The files to open, the edited one first, and the workspace folder. */
function listFiles(list: string): { folder: string; files: string[] } {
  if (list !== 'today') return { folder: dirname(resolve(list)), files: [basename(list)] };
  const folder = join(corpusDir, 'aipotw-2026-06');
  const years = readdirSync(join(folder, 'years')).filter((f) => f.endsWith('.md') && f !== '2025.md');
  return { folder, files: ['years/2025.md', 'README.md', ...years.map((f) => `years/${f}`)] };
}

const quantile = (samples: readonly number[], q: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];

async function main() {
  const [before, after, editsArg = '200', list = 'today'] = process.argv.slice(2);
  if (!before || !after) {
    console.error('Usage: node --import tsx bench/compare.ts <before/dist/server.js> <after/dist/server.js> [edits] [list.md | today]');
    process.exit(2);
  }
  const { folder, files } = listFiles(list);
  if (!existsSync(join(folder, files[0]))) {
    console.error(`${join(folder, files[0])} does not exist${list === 'today' ? ' (../shared/corpus is needed for today’s list)' : ''}`);
    process.exit(2);
  }
  const texts = files.map((f) => readFileSync(join(folder, f), 'utf8'));
  const uris = files.map((f) => pathToFileURL(join(folder, f)).href);
  const builds = { before, after };
  const clients = new Map<keyof typeof builds, BenchClient>();
  for (const [name, server] of Object.entries(builds) as [keyof typeof builds, string][]) {
    const client = new BenchClient(resolve(server));
    await client.initialize(pathToFileURL(folder).href);
    const opened = Promise.all(uris.map((uri) => client.diagnosticsFor(uri, 1)));
    uris.forEach((uri, i) => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: texts[i] } }));
    await opened;
    clients.set(name, client);
  }
  const lines = texts[0].split('\n');
  const random = rng(list === 'today' ? 9 : 4);
  const times = { before: new Map<EditKind, number[]>(), after: new Map<EditKind, number[]>() };
  const count = Number(editsArg);
  for (let version = 2; version < count + 2; version++) {
    const edit = randomEdit(lines, landmarks(lines), random, version);
    applyToLines(lines, edit);
    for (const name of version % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
      const { ms } = await clients.get(name)!.timedChange(uris[0], version, { range: edit.range, text: edit.text });
      const byKind = times[name];
      byKind.set(edit.kind, [...(byKind.get(edit.kind) ?? []), ms]);
    }
  }
  console.log(`${count} edits in ${files[0]}${files.length > 1 ? ` with ${files.length} files open` : ''}, p50 / p95 in ms`);
  for (const name of ['before', 'after'] as const) {
    const all = [...times[name].values()].flat();
    const kinds = [...times[name]].map(([kind, samples]) => `${kind} ${quantile(samples, 0.5).toFixed(2)} / ${quantile(samples, 0.95).toFixed(1)}`);
    console.log(`${name.padEnd(6)} all ${quantile(all, 0.5).toFixed(2)} / ${quantile(all, 0.95).toFixed(1)} | ${kinds.join(' | ')}`);
    await clients.get(name)!.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
