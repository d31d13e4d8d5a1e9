import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OpenDocument } from '../server/src/documents';
import { PaperListService } from '../server/src/service';
import { diskHost } from '../server/src/node/diskHost';
import { diagnosticsOf } from '../server/src/features/diagnostics';
import { encodeMessage } from '../server/src/node/messageEncoder';
import { applyToLines, landmarks, randomEdit, type Edit } from './edits';
import { rng } from './generate';
const path = resolve(process.argv[2]);
const count = Number(process.argv[3] ?? 200);
const only = process.argv[4];
const uri = pathToFileURL(path).href;
const text = readFileSync(path, 'utf8');
const service = new PaperListService(diskHost);
const doc = new OpenDocument(uri, 'markdown', 1, text);
service.openDocument = (u) => (u === uri ? doc : undefined);
const lines = text.split('\n');
const random = rng(4);
const edits: Edit[] = [];
{ const l2 = [...lines]; for (let i = 0; i < count + 20; i++) { let e = randomEdit(l2, landmarks(l2), random, i); while (only && e.kind !== only) e = randomEdit(l2, landmarks(l2), random, i); applyToLines(l2, e); edits.push(e); } }
const times: number[] = [];
const step = (i: number) => {
  const t = performance.now();
  doc.update([{ range: edits[i].range, text: edits[i].text }], i + 2);
  const diagnostics = diagnosticsOf(service.stateOf(doc));
  if (process.env.PLAIN) JSON.stringify({ uri, diagnostics }); else encodeMessage({ jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri, version: i + 2, diagnostics } } as never);
  times.push(performance.now() - t);
};
encodeMessage({ jsonrpc: '2.0', method: 'x', params: { diagnostics: diagnosticsOf(service.stateOf(doc)) } } as never);
for (let i = 0; i < 20; i++) step(i);
times.length = 0;
if (process.env.HEAP) { (globalThis as any).gc(); console.log("heap before (MB)", (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)); }
for (let i = 20; i < 20 + count; i++) step(i);
times.sort((a, b) => a - b);
console.log('p50', times[times.length >> 1].toFixed(2), 'p95', times[Math.ceil(times.length * 0.95) - 1].toFixed(2), 'mean', (times.reduce((a, b) => a + b) / times.length).toFixed(2));
if (process.env.HEAP) {
  const gc = (globalThis as any).gc; gc(); const a = process.memoryUsage().heapUsed;
  for (let i = 20 + count; i < 20 + count; i++) step(i);
  console.log('heapUsed after', count, 'edits (MB)', (a / 2 ** 20).toFixed(1));
}
