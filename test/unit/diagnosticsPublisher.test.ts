// Diagnostics are re-sent for a document only when they changed since the last send (or it was opened since).
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
  const connection = {
    sendDiagnostics(params: PublishDiagnosticsParams) {
      sent.push(params);
      return Promise.resolve();
    },
  } as unknown as Connection;
  const documents = new DocumentStore();
  const service = new PaperListService(diskHost);
  // The scheduled checks run when the test says, so "nothing was sent" is a fact and not a wait.
  const scheduled: (() => void)[] = [];
  const publisher = new DiagnosticsPublisher(connection, documents, service, (work) => scheduled.push(work));
  const runScheduled = () => scheduled.splice(0).forEach((work) => work());
  return { sent, documents, service, publisher, runScheduled };
}

test('a check that changes no diagnostic is not re-sent, whatever the version; changed diagnostics are', () => {
  const { sent, documents, service, publisher, runScheduled } = setup();
  const a = documents.open('untitled:a', 'markdown', 1, doc('# A', '', week('Feb 13 - 19', [row(1, 'One'), row(3, 'Two')])));
  const b = documents.open('untitled:b', 'markdown', 1, doc('# B', '', week('Feb 13 - 19', [row(1, 'One')])));
  publisher.schedule(a.uri);
  publisher.schedule(b.uri);
  runScheduled();
  assert.deepEqual(
    sent.map((s) => [s.uri, s.version]),
    [
      [a.uri, 1],
      [b.uri, 1],
    ],
  );
  // a re-checked at the same version, b at a new version whose edit (in the title) changes no diagnostic: nothing is sent.
  b.update([{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: 'x' }], 2);
  publisher.schedule(a.uri);
  publisher.schedule(b.uri);
  runScheduled();
  assert.equal(sent.length, 2);
  // An edit that changes a diagnostic (row 3 becomes row 2, which is right) is sent at its version.
  const rowLine = a.text.split('\n').findIndex((line) => line.includes('Two'));
  a.update([{ range: { start: { line: rowLine, character: 2 }, end: { line: rowLine, character: 3 } }, text: '2' }], 2);
  publisher.schedule(a.uri);
  runScheduled();
  assert.deepEqual(
    sent.slice(2).map((s) => [s.uri, s.version]),
    [[a.uri, 2]],
  );
  assert.ok(sent[0].diagnostics.some((d) => d.code === 'row-number'));
  assert.ok(!sent[2].diagnostics.some((d) => d.code === 'row-number'));
  // Settings that change b's diagnostics (row-number on a misnumbered row) re-send it at the same version.
  b.update([{ range: { start: { line: rowLineOf(b.text, 'One'), character: 2 }, end: { line: rowLineOf(b.text, 'One'), character: 3 } }, text: '5' }], 3);
  publisher.schedule(b.uri);
  runScheduled();
  assert.ok(sent[sent.length - 1].diagnostics.some((d) => d.code === 'row-number'));
  const before = sent.length;
  assert.ok(service.setSettings(b.uri, { ...service.settingsFor(b.uri), rules: { ...service.settingsFor(b.uri).rules, 'row-number': 'off' } }));
  publisher.schedule(b.uri);
  runScheduled();
  assert.equal(sent.length, before + 1);
  assert.equal(sent[before].version, 3);
  assert.ok(!sent[before].diagnostics.some((d) => d.code === 'row-number'));
  // Closing clears what was shown; reopened, the document is published again even with the same diagnostics.
  const shown = sent.filter((s) => s.uri === a.uri).pop()!.diagnostics;
  documents.close(a.uri);
  publisher.clear(a.uri);
  assert.deepEqual(sent[sent.length - 1].diagnostics, []);
  const reopened = documents.open(a.uri, 'markdown', 7, a.text);
  publisher.schedule(reopened.uri);
  runScheduled();
  assert.deepEqual([sent[sent.length - 1].version, sent[sent.length - 1].diagnostics], [7, shown]);
});

function rowLineOf(text: string, title: string): number {
  return text.split('\n').findIndex((line) => line.includes(title));
}

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
