// Profiles the server over an edit stream: node bench/profile-edits.ts <file> [edits] [kind]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
import { applyToLines, landmarks, randomEdit, type Edit } from './edits';
import { rng } from './generate';

async function main() {
  const path = resolve(process.argv[2]);
  const count = Number(process.argv[3] ?? 300);
  const only = process.argv[4];
  const client = new BenchClient(process.env.SERVER ?? join(__dirname, '../dist/server.js'), process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : process.env.NODEARGS ? process.env.NODEARGS.split(' ') : []);
  await client.initialize(pathToFileURL(dirname(path)).href);
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const opened = client.diagnosticsFor(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await opened;
  const cpu = () => { const f = readFileSync(`/proc/${client.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
  const cpuStart = cpu();
  const lines = text.split('\n');
  const random = rng(4);
  let version = 1;
  const samples: number[] = [];
  const slow: [number, string, number, string][] = [];
  const kinds = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    let edit: Edit = randomEdit(lines, landmarks(lines), random, i);
    while (only && edit.kind !== only) edit = randomEdit(lines, landmarks(lines), random, i);
    applyToLines(lines, edit);
    version++;
    const start = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: edit.range, text: edit.text }] });
    const p = await client.checked(uri, version);
    samples.push(p.at - start);
    slow.push([p.at - start, edit.kind, edit.range.start.line, p.published ? 'pub' : 'nopub']);
    kinds.set(edit.kind, [...(kinds.get(edit.kind) ?? []), p.at - start]);
  }
  for (const [k, v] of kinds) { v.sort((a, b) => a - b); console.log(k.padEnd(14), v.length, 'p50', v[v.length >> 1].toFixed(2), 'p95', v[Math.ceil(v.length * 0.95) - 1].toFixed(2)); }
  console.log('server cpu ms/edit', ((cpu() - cpuStart) / count).toFixed(2));
  if (process.env.SLOW) console.log(slow.sort((a, b) => b[0] - a[0]).slice(0, Number(process.env.SLOW)).map((x) => `${x[0].toFixed(1)} ${x[1]} L${x[2]} ${x[3]}`).join('\n'));
  samples.sort((a, b) => a - b);
  console.log('median', samples[samples.length >> 1].toFixed(2), 'p95', samples[Math.ceil(samples.length * 0.95) - 1].toFixed(2));
  await client.stop();
}
main();
