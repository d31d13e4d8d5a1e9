import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector';
import { OpenDocument } from '../server/src/documents';
import { PaperListService } from '../server/src/service';
import { diskHost } from '../server/src/node/diskHost';
import { diagnosticsOf } from '../server/src/features/diagnostics';
import { encodeMessage } from '../server/src/node/messageEncoder';
import { applyToLines, landmarks, randomEdit, type Edit } from './edits';
import { rng } from './generate';
const path = resolve(process.argv[2]);
const count = Number(process.argv[3] ?? 200);
const uri = pathToFileURL(path).href;
const text = readFileSync(path, 'utf8');
const service = new PaperListService(diskHost);
const doc = new OpenDocument(uri, 'markdown', 1, text);
service.openDocument = (u) => (u === uri ? doc : undefined);
const random = rng(4);
const edits: Edit[] = [];
{ const l2 = text.split('\n'); for (let i = 0; i < count + 20; i++) { const e = randomEdit(l2, landmarks(l2), random, i); applyToLines(l2, e); edits.push(e); } }
let last: unknown;
const step = (i: number) => {
  doc.update([{ range: edits[i].range, text: edits[i].text }], i + 2);
  const diagnostics = diagnosticsOf(service.stateOf(doc));
  if (diagnostics !== last) encodeMessage({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: i + 2, diagnostics } } as never);
  last = diagnostics;
};
for (let i = 0; i < 20; i++) step(i);
const session = new Session(); session.connect();
const post = (m: string, p?: object) => new Promise<{ profile: { head: Node } }>((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r as never))));
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
(async () => {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 2048, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !!process.env.ALL });
  for (let i = 20; i < 20 + count; i++) step(i);
  const { profile } = await post('HeapProfiler.stopSampling');
  const self = new Map<string, number>(); let total = 0;
  const walk = (n: Node, parent: string) => { const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-1).join('/')}:${n.callFrame.lineNumber + 1}`; const key = n.callFrame.url ? name : `${name} <- ${parent}`; total += n.selfSize; self.set(key, (self.get(key) ?? 0) + n.selfSize); n.children.forEach((c) => walk(c, name)); };
  walk(profile.head, '');
  console.log('KB per edit', (total / count / 1024).toFixed(0));
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log((v / count / 1024).toFixed(1).padStart(8), 'KB', k);
})();
