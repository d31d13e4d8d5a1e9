import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient';
async function main() {
  const path = process.argv[2];
  const client = new BenchClient(process.env.SERVER!, process.env.NODEARGS ? process.env.NODEARGS.split(' ') : []);
  await client.initialize(pathToFileURL(dirname(path)).href);
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  await new Promise((r) => setTimeout(r, 200));
  const p = client.diagnosticsFor(uri, 1);
  const t = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const got = await p;
  console.log('open -> first diagnostics', (got.at - t).toFixed(1), 'ms');
  await client.stop();
}
main();
