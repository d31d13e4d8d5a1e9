import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
function cpu(pid: number): number { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
async function main() {
  const path = '/work/shared/corpus/potw-2025-07-README.md';
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).href;
  const lines = text.split('\n');
  const row = lines.findIndex((l, i) => i > 1000 && l.startsWith('| '));
  for (const server of [process.env.BASE!, join(__dirname, '../dist/server.js')]) {
    const client = new BenchClient(server);
    await client.initialize(pathToFileURL(dirname(path)).href);
    const p = client.diagnosticsFor(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await p;
    let revision: string | undefined;
    const per: Record<string, number> = { edit: 0, documentSymbol: 0, foldingRange: 0, weeks: 0, codeAction: 0 };
    const c0 = cpu(client.pid);
    let col = 30;
    for (let v = 2; v < 159; v++) {
      const d = client.diagnosticsFor(uri, v);
      let t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: row, character: col }, end: { line: row, character: col } }, text: 'x' }] });
      await d; per.edit += performance.now() - t; col++;
      t = performance.now(); await client.request('textDocument/documentSymbol', { textDocument: { uri } }); per.documentSymbol += performance.now() - t;
      t = performance.now(); await client.request('textDocument/foldingRange', { textDocument: { uri } }); per.foldingRange += performance.now() - t;
      t = performance.now(); const w = await client.request<{ revision: string }>('paperList/weeks', { textDocument: { uri }, knownRevision: revision }); revision = w.revision; per.weeks += performance.now() - t;
      t = performance.now(); await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: row, character: col }, end: { line: row, character: col } }, context: { diagnostics: [] } }); per.codeAction += performance.now() - t;
    }
    const total = cpu(client.pid) - c0;
    console.log(server.includes('main') ? 'base' : 'new ', 'server CPU', total, 'ms for 157 keys;', Object.entries(per).map(([k, v]) => `${k} ${(v / 157).toFixed(2)}`).join(', '), '(ms/key wall)');
    await client.stop();
  }
}
main();
