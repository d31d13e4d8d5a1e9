import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { OpenDocument } from '../server/src/documents';
import { PaperListService } from '../server/src/service';
import { diskHost } from '../server/src/node/diskHost';
import { diagnosticsOf } from '../server/src/features/diagnostics';
import { encodeMessage } from '../server/src/node/messageEncoder';
const path = process.argv[2];
const uri = pathToFileURL(path).href;
const text = readFileSync(path, 'utf8');
const service = new PaperListService(diskHost);
const doc = new OpenDocument(uri, 'markdown', 1, text);
service.openDocument = () => doc;
const s: number[] = [];
for (let v = 2; v < 600; v++) {
  const t = performance.now();
  doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: text[0] }], v);
  const d = diagnosticsOf(service.stateOf(doc));
  encodeMessage({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: v, diagnostics: d } } as never);
  s.push(performance.now() - t);
}
s.sort((a, b) => a - b);
console.log('no-op in-process median', s[s.length >> 1].toFixed(2), 'p95', s[Math.ceil(s.length * 0.95) - 1].toFixed(2), 'max', s[s.length - 1].toFixed(2));
