import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
async function main() {
  const path = resolve(process.argv[2]);
  const client = new BenchClient(process.env.SERVER ?? join(__dirname, '../dist/server.js'));
  await client.initialize(pathToFileURL(dirname(path)).href);
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const opened = client.diagnosticsFor(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await opened;
  const ch = text[0];
  const s: number[] = [];
  for (let v = 2; v < 400; v++) {
    const p = client.diagnosticsFor(uri, v);
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: ch }] });
    s.push((await p).at - t);
  }
  s.sort((a, b) => a - b);
  console.log('no-op edit median', s[s.length >> 1].toFixed(2), 'p95', s[Math.ceil(s.length * 0.95) - 1].toFixed(2));
  await client.stop();
}
main();
