// Protocol robustness over real stdio: unknown and closed documents, stale versions, cancellation, malformed
// params (an LSP error, then the server keeps serving), 1,000 rapid edits, and a clean exit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { CancellationTokenSource, DidChangeTextDocumentNotification, ResponseError, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri } from '../support/lspClient';
import { distServer, makeTempDir, requireBuilt } from '../support/paths';
import { analyze } from '../../server/src/analysis';
import { applyEdits } from '../../server/src/textEdits';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import type { WeeksResult } from '../../server/src/protocol';
import { Rng } from '../fuzz/rng';

const temp = makeTempDir('paper-list-protocol-');
after(() => temp.remove());
const uri = (name: string) => fileUri(join(temp.dir, name));

const LIST = [
  '# Invented list',
  '',
  '- [Top ML Papers of the Week (Jun 23 - Jun 29) - 2025](#top-ml-papers-of-the-week-jun-23---jun-29---2025)',
  '',
  '## Top ML Papers of the Week (Jun 23 - Jun 29) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  '| 1) **Invented Alpha** - first. | [Paper](https://arxiv.org/abs/2506.00001) |',
  '| 3. **Invented Beta** - second. | [Paper](https://arxiv.org/abs/2506.00002) |',
  '',
].join('\n');

/** Rejection code of a request (a ResponseError), or 'ok' when it was answered. */
async function outcome(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof ResponseError, `expected an LSP error, got ${String(error)}`);
    return error.code;
  }
}

/** The server still answers and publishes: open a fresh document and see its diagnostics. */
async function stillServing(client: LspClient, name: string): Promise<void> {
  const diagnostics = await client.open(uri(name), LIST);
  assert.ok(
    diagnostics.some((d) => d.code === 'row-number'),
    'diagnostics of a fresh document',
  );
  const answer = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: uri(name) } });
  assert.equal(answer.weeks.length, 1);
}

const shape = (d: { code?: unknown; rule?: string; range: unknown; message: unknown }) => JSON.stringify([d.code ?? d.rule, d.range, d.message]);

test('unknown and closed documents: requests get an error or an empty answer, the server keeps serving', async () => {
  const client = await LspClient.start();
  try {
    const unknown = { textDocument: { uri: uri('never-opened.md') } };
    assert.equal(await outcome(client.request('paperList/weeks', unknown)), -32602);
    assert.equal(await outcome(client.request('paperList/fixAll', unknown)), -32602);
    assert.equal(await client.request('textDocument/hover', { ...unknown, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(
      await client.request('textDocument/codeAction', {
        ...unknown,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      [],
    );

    const closed = uri('closed.md');
    await client.open(closed, LIST);
    const since = client.publishCount(closed);
    await client.close(closed);
    const cleared = await client.waitForDiagnostics(closed, { since });
    assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
    assert.equal(await outcome(client.request('paperList/weeks', { textDocument: { uri: closed } })), -32602);
    // A change for a closed document is ignored, not a crash.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: closed, version: 9 },
      contentChanges: [{ text: 'x' }],
    });
    await stillServing(client, 'after-unknown.md');
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('out-of-order versions: a stale change is ignored, the newest text wins', async () => {
  const client = await LspClient.start();
  try {
    const doc = uri('versions.md');
    await client.open(doc, LIST);
    const newest = LIST.replace('| 3. **Invented Beta**', '| 2) **Invented Beta**');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc, version: 5 },
      contentChanges: [{ text: newest }],
    });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc, version: 3 },
      contentChanges: [{ text: 'stale text' }],
    });
    const published = await client.waitForDiagnostics(doc, { version: 5 });
    assert.deepEqual(published.diagnostics, [], 'the fixed newest text has no problems');
    const answer = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: doc } });
    assert.equal(answer.version, 5);
    assert.equal(answer.weeks.length, 1, 'the stale full-text change was not applied');
    assert.ok(!(client.published.get(doc) ?? []).some((p) => p.version === 3));
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('cancelled requests settle (answer or RequestCancelled) and the server keeps serving', async () => {
  const client = await LspClient.start();
  try {
    const doc = uri('cancel.md');
    await client.open(doc, LIST);
    const results = [];
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('paperList/fixAll', { textDocument: { uri: doc } }, source.token);
      source.cancel();
      results.push(outcome(pending));
    }
    for (const result of await Promise.all(results)) assert.ok(result === 'ok' || result === -32800, `unexpected outcome ${result}`);
    await stillServing(client, 'after-cancel.md');
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('malformed params are answered with an LSP error and the server keeps serving', async () => {
  const client = await LspClient.start();
  try {
    const doc = uri('malformed.md');
    await client.open(doc, LIST);
    const bad: [string, unknown][] = [
      ['paperList/weeks', {}],
      ['paperList/weeks', { textDocument: 5 }],
      ['paperList/weeks', { textDocument: { uri: 42 } }],
      ['paperList/renumberWeek', { textDocument: { uri: doc } }],
      ['paperList/renumberWeek', { textDocument: { uri: doc }, position: { line: 'x' } }],
      ['paperList/newWeek', null],
      ['paperList/noSuchRequest', {}],
    ];
    for (const [method, params] of bad) {
      const result = await outcome(client.request(method, params));
      assert.equal(typeof result, 'number', `${method} ${JSON.stringify(params)} should fail with an LSP error, got ${result}`);
    }
    // Standard requests with nonsense: an error or an empty answer, never a dead server.
    for (const [method, params] of [
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri: doc }, position: { line: -5, character: 1e9 } }],
      ['textDocument/completion', { textDocument: { uri: doc }, position: { line: 1e6, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri: doc }, range: null, context: null }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['workspace/symbol', { query: 42 }],
    ] as [string, unknown][]) {
      await outcome(client.request(method, params));
    }
    await stillServing(client, 'after-malformed.md');
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('1,000 rapid edits: the last diagnostics published match the final text', async () => {
  const client = await LspClient.start();
  try {
    const doc = uri('rapid.md');
    await client.open(doc, LIST);
    const rng = new Rng(1000);
    let text = LIST;
    const version = 1000 + 1;
    for (let v = 2; v <= version; v++) {
      // Typing, deleting and pasting at random places, including line breaks and pipes.
      const lines = text.split('\n');
      const line = rng.int(0, lines.length - 1);
      const start = { line, character: rng.int(0, lines[line].length) };
      const end = rng.chance(0.3) ? { line, character: Math.min(lines[line].length, start.character + rng.int(0, 5)) } : start;
      const insert = rng.pick(['a', '|', ' ', '\n', '1', ')', '[', '](x)', '', '## Week (Jun 1 - 7)\n', '| 4) **T** | [Paper](u) |\n']);
      const edit = { range: { start, end }, newText: insert };
      text = applyEdits(text, [edit]);
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: doc, version: v },
        contentChanges: [{ range: edit.range, text: insert }],
      });
    }
    const last = await client.waitForDiagnostics(doc, { version, timeoutMs: 60_000 });
    const expected = analyze(text, DEFAULT_SETTINGS, { fileExists: () => true }).problems.filter((p) => p.rule !== 'missing-file');
    const got = last.diagnostics.filter((d: Diagnostic) => d.code !== 'missing-file');
    assert.deepEqual(got.map(shape).sort(), expected.map(shape).sort());
    const publishes = (client.published.get(doc) ?? []).length;
    console.log(`1,000 edits: ${publishes} publishes, last at version ${last.version}`);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('a document over maxFileSize: one information diagnostic, the server stays responsive', async () => {
  const client = await LspClient.start({ settings: { maxFileSize: 2000 } });
  try {
    const big = uri('big.md');
    const diagnostics = await client.open(big, LIST + 'x'.repeat(5000));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 3);
    assert.match(String(diagnostics[0].message), /maxFileSize/);
    await stillServing(client, 'small.md');
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('shutdown then exit: exit code 0', async () => {
  const client = await LspClient.start();
  await client.open(uri('exit.md'), LIST);
  assert.equal(await client.stop(), 0);
});

test('stdin closing ends the server: code 0 after shutdown, and it exits without one too', async () => {
  const server = requireBuilt(distServer);
  for (const withShutdown of [true, false]) {
    const client = await LspClient.start();
    if (withShutdown) await client.request('shutdown', null);
    const exited = once(client.process, 'exit');
    client.process.stdin!.end();
    const guard = setTimeout(() => client.process.kill('SIGKILL'), 10_000);
    const [code, signal] = await exited;
    clearTimeout(guard);
    client.connection.dispose();
    assert.equal(signal, null, `the server exited by itself (${withShutdown ? 'after' : 'without'} shutdown)`);
    if (withShutdown) assert.equal(code, 0);
  }
  // A server that never got `initialize` also exits when its input ends.
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = once(child, 'exit');
  child.stdin.end();
  const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const [, signal] = await exited;
  clearTimeout(guard);
  assert.equal(signal, null);
});
