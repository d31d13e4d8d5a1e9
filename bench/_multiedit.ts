import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
import { applyToLines, landmarks, randomEdit } from './edits';
import { rng } from './generate';
async function main() {
  const dir = '/work/shared/corpus/aipotw-2026-06';
  const files = ['years/2025.md', 'README.md', ...readdirSync(join(dir, 'years')).filter((f) => f.endsWith('.md') && f !== '2025.md').map((f) => `years/${f}`)];
  const client = new BenchClient(process.env.SERVER ?? join(__dirname, '../dist/server.js'), process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []);
  await client.initialize(pathToFileURL(dir).href);
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const uris = files.map((f) => pathToFileURL(join(dir, f)).href);
  const all = Promise.all(uris.map((u) => client.diagnosticsFor(u, 1)));
  uris.forEach((u, i) => client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: texts[i] } }));
  await all;
  const lines = texts[0].split('\n');
  const random = rng(9);
  const s: number[] = [];

  const kinds: Record<string, number[]> = {};
  for (let v = 2; v < Number(process.argv[2] ?? 300); v++) {
    const edit = randomEdit(lines, landmarks(lines), random, v);
    applyToLines(lines, edit);
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri: uris[0], version: v }, contentChanges: [{ range: edit.range, text: edit.text }] });
    const k = await client.checked(uris[0], v);
    s.push(k.at - t);
    (kinds[edit.kind] ??= []).push(k.at - t);
  }
  for (const [k, v] of Object.entries(kinds)) { v.sort((a, b) => a - b); console.log(k.padEnd(14), v.length, 'p50', v[v.length >> 1].toFixed(2), 'p95', v[Math.ceil(v.length * 0.95) - 1].toFixed(2)); }

  s.sort((a, b) => a - b);
  console.log('multi edit median', s[s.length >> 1].toFixed(2), 'p95', s[Math.ceil(s.length * 0.95) - 1].toFixed(2));
  await client.stop();
}
main();
