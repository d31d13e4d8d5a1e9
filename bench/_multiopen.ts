import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
async function main() {
  const dir = '/work/shared/corpus/aipotw-2026-06';
  const files = ['README.md', ...readdirSync(join(dir, 'years')).filter((f) => f.endsWith('.md')).map((f) => `years/${f}`)];
  const runs: number[] = [];
  for (let r = 0; r < Number(process.argv[2] ?? 5); r++) {
    const client = new BenchClient(process.env.SERVER ?? join(__dirname, '../dist/server.js'), process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []);
    await client.initialize(pathToFileURL(dir).href);
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    const uris = files.map((f) => pathToFileURL(join(dir, f)).href);
    const all = Promise.all(uris.map((u) => client.diagnosticsFor(u, 1)));
    const t = performance.now();
    uris.forEach((u, i) => client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: texts[i] } }));
    const got = await all;
    runs.push(Math.max(...got.map((g) => g.at)) - t);
    await client.stop();
  }
  console.log(runs.map((r) => r.toFixed(0)).join(' '));
}
main();
