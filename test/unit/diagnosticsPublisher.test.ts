// Diagnostics are re-sent for a document only when its version or its diagnostics changed since the last send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { DiagnosticsPublisher } from '../../server/src/diagnosticsPublisher';
import { DocumentStore } from '../../server/src/documents';
import { diskHost } from '../../server/src/node/diskHost';
import { PaperListService } from '../../server/src/service';
import { doc, row, week } from './helpers';

function setup() {
  const sent: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; resolve: () => void }[] = [];
  const connection = {
    sendDiagnostics(params: PublishDiagnosticsParams) {
      sent.push(params);
      for (const w of waiters.filter((w) => w.uri === params.uri)) w.resolve();
      return Promise.resolve();
    },
  } as unknown as Connection;
  const documents = new DocumentStore();
  const service = new PaperListService(diskHost);
  const publisher = new DiagnosticsPublisher(connection, documents, service);
  const sentFor = (uri: string) => new Promise<void>((resolve) => waiters.push({ uri, resolve }));
  return { sent, documents, service, publisher, sentFor };
}

test('a re-check that changes nothing is not re-sent; a new version or changed diagnostics are', async () => {
  const { sent, documents, service, publisher, sentFor } = setup();
  const a = documents.open('untitled:a', 'markdown', 1, doc('# A', '', week('Feb 13 - 19', [row(1, 'One'), row(3, 'Two')])));
  const b = documents.open('untitled:b', 'markdown', 1, doc('# B', '', week('Feb 13 - 19', [row(1, 'One')])));
  let done = sentFor(b.uri);
  publisher.schedule(a.uri);
  publisher.schedule(b.uri);
  await done;
  assert.deepEqual(
    sent.map((s) => [s.uri, s.version]),
    [
      [a.uri, 1],
      [b.uri, 1],
    ],
  );
  // Same version, same diagnostics for a; b has a new version with the same diagnostics: only b is sent.
  b.update([{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: 'x' }], 2);
  done = sentFor(b.uri);
  publisher.schedule(a.uri);
  publisher.schedule(b.uri);
  await done;
  assert.deepEqual(
    sent.slice(2).map((s) => [s.uri, s.version]),
    [[b.uri, 2]],
  );
  // Settings that change a's diagnostics (row-number off) re-send it at the same version.
  assert.ok(service.setSettings(a.uri, { ...service.settingsFor(a.uri), rules: { ...service.settingsFor(a.uri).rules, 'row-number': 'off' } }));
  done = sentFor(a.uri);
  publisher.schedule(a.uri);
  await done;
  const last = sent[sent.length - 1];
  assert.equal(last.version, 1);
  assert.ok(sent[0].diagnostics.some((d) => d.code === 'row-number'));
  assert.ok(!last.diagnostics.some((d) => d.code === 'row-number'));
  // Closing clears what was shown.
  publisher.clear(a.uri);
  assert.deepEqual(sent[sent.length - 1].diagnostics, []);
});

test('one file whose check throws is logged; the other files are still published and the server lives on', async () => {
  const { documents, service } = setup();
  const sent: string[] = [];
  const errors: string[] = [];
  let fineSent!: () => void;
  const fineWasSent = new Promise<void>((resolve) => (fineSent = resolve));
  const connection = {
    sendDiagnostics: (params: PublishDiagnosticsParams) => {
      sent.push(params.uri);
      if (params.uri === 'untitled:fine') fineSent();
      return Promise.resolve();
    },
    console: { error: (message: string) => errors.push(message) },
  } as unknown as Connection;
  const publisher = new DiagnosticsPublisher(connection, documents, service);
  const broken = documents.open('untitled:broken', 'markdown', 1, doc('# B', '', week('Feb 13 - 19', [row(1, 'One')])));
  const fine = documents.open('untitled:fine', 'markdown', 1, doc('# F', '', week('Feb 13 - 19', [row(1, 'One')])));
  const stateOf = service.stateOf.bind(service);
  service.stateOf = (document) => {
    if (document.uri === broken.uri) throw new TypeError('a bug in one analysis');
    return stateOf(document);
  };
  publisher.schedule(broken.uri);
  publisher.schedule(fine.uri);
  await fineWasSent;
  assert.deepEqual(sent, [fine.uri]);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /could not check untitled:broken: TypeError: a bug in one analysis/);
});
