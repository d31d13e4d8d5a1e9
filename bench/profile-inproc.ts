// In-process per-stage timing of the server's edit path: node --import tsx bench/profile-inproc.ts <file> [edits] [kind]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OpenDocument } from '../server/src/documents';
import { PaperListService } from '../server/src/service';
import { diskHost } from '../server/src/node/diskHost';
import { diagnosticsOf } from '../server/src/features/diagnostics';
import { applyToLines, landmarks, randomEdit, type Edit } from './edits';
import { rng } from './generate';

const path = resolve(process.argv[2]);
const count = Number(process.argv[3] ?? 300);
const only = process.argv[4];
const uri = pathToFileURL(path).href;
const text = readFileSync(path, 'utf8');
const service = new PaperListService(diskHost);
const doc = new OpenDocument(uri, 'markdown', 1, text);
service.openDocument = (u) => (u === uri ? doc : undefined);
const first = diagnosticsOf(service.stateOf(doc));
JSON.stringify({ uri, diagnostics: first });
const lines = text.split('\n');
const random = rng(4);
const stages: Record<string, number[]> = { update: [], analyze: [], convert: [], encode: [], total: [] };
let bytes = 0;
for (let i = 0; i < count; i++) {
  let edit: Edit = randomEdit(lines, landmarks(lines), random, i);
  while (only && edit.kind !== only) edit = randomEdit(lines, landmarks(lines), random, i);
  applyToLines(lines, edit);
  const t0 = performance.now();
  doc.update([{ range: edit.range, text: edit.text }], i + 2);
  const t1 = performance.now();
  const state = service.stateOf(doc);
  const t2 = performance.now();
  const diagnostics = diagnosticsOf(state);
  const t3 = performance.now();
  bytes = Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: i + 2, diagnostics } }));
  const t4 = performance.now();
  stages.update.push(t1 - t0);
  stages.analyze.push(t2 - t1);
  stages.convert.push(t3 - t2);
  stages.encode.push(t4 - t3);
  stages.total.push(t4 - t0);
}
const q = (s: number[], p: number) => [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
for (const [name, s] of Object.entries(stages)) console.log(name.padEnd(8), 'p50', q(s, 0.5).toFixed(2), 'p95', q(s, 0.95).toFixed(2), 'max', q(s, 1).toFixed(2));
console.log('message bytes', bytes);
