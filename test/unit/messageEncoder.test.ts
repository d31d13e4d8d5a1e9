// The stdio transport's encoder (node/messageEncoder.ts) must write exactly what JSON.stringify writes, for the
// messages the server sends and for the values JSON.stringify treats specially, and encode a frozen object once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from 'vscode-languageserver/node';
import { PassThrough, Writable } from 'node:stream';
import { encodeMessage, FramedMessageWriter } from '../../server/src/node/messageEncoder';
import { analyze } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { diagnosticsOf, toDiagnostic } from '../../server/src/features/diagnostics';
import { WeekCache } from '../../server/src/model/cache';
import { documentSymbols } from '../../server/src/features/symbols';
import { weeksOf } from '../../server/src/features/weeksRequest';

const root = join(__dirname, '..', '..');

test('the messages the server sends encode as JSON.stringify encodes them', () => {
  const text = readFileSync(join(root, 'samples/papers.md'), 'utf8');
  const uri = 'file:///samples/papers.md';
  const state = { uri, version: 3, analysis: analyze(text, DEFAULT_SETTINGS), settings: DEFAULT_SETTINGS, isPaperList: true };
  const diagnostics = diagnosticsOf(state);
  assert.ok(diagnostics.length > 0 && diagnostics.every((d) => Object.isFrozen(d)), 'the sample has frozen diagnostics');
  const messages: Message[] = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics } } as Message,
    { jsonrpc: '2.0', id: 7, result: documentSymbols(state.analysis.list) } as Message,
    { jsonrpc: '2.0', id: 8, result: weeksOf(state) } as Message,
    { jsonrpc: '2.0', id: 9, error: { code: -32601, message: 'Unhandled method x' } } as Message,
    { jsonrpc: '2.0', id: 10, result: null } as Message,
  ];
  // Twice: the second time from the memo.
  for (let round = 0; round < 2; round++)
    for (const message of messages)
      assert.ok(encodeMessage(message).equals(Buffer.from(JSON.stringify(message), 'utf8')), JSON.stringify(message).slice(0, 200));
});

test('values JSON.stringify treats specially encode the same, at any depth', () => {
  const dated = { toJSON: () => 'as-json' };
  const odd = {
    gone: undefined,
    fn: () => 1,
    list: [undefined, () => 1, Symbol('s'), NaN, Infinity, -0, 'é\u2028"\\\ud800😀', [1, [2, [3, [4, [5, { deep: undefined, kept: 1 }]]]]]],
    dated,
    nested: { frozen: Object.freeze({ a: [1, undefined], b: { c: undefined }, text: 'Ünïcode ✓ 😀' }), empty: {}, none: [] },
  };
  const message = { jsonrpc: '2.0', id: 1, result: odd } as unknown as Message;
  assert.ok(encodeMessage(message).equals(Buffer.from(JSON.stringify(message), 'utf8')), JSON.stringify(message).slice(0, 200));
});

test('a frozen object is encoded twice at most (its bytes are kept from its second message on), an unfrozen one every time', () => {
  let reads = 0;
  const counted = (frozen: boolean) => {
    const value = {};
    Object.defineProperty(value, 'x', { enumerable: true, get: () => ++reads });
    return frozen ? Object.freeze(value) : value;
  };
  const frozen = counted(true);
  const message = (value: object) => ({ jsonrpc: '2.0', id: 1, result: [value] }) as unknown as Message;
  encodeMessage(message(frozen));
  const second = encodeMessage(message(frozen));
  assert.deepEqual(encodeMessage(message(frozen)), second);
  assert.deepEqual(encodeMessage(message(frozen)), second);
  assert.equal(reads, 2);
  const open = counted(false);
  encodeMessage(message(open));
  encodeMessage(message(open));
  encodeMessage(message(open));
  assert.equal(reads, 5);
});

test("a publish's diagnostics met the first time encode as JSON.stringify does, with or without an earlier one of the same message", () => {
  const uri = 'file:///list.md';
  const range = (line: number, character: number) => ({ start: { line, character }, end: { line: line + 1, character: character + 3 } });
  const finding = (rule: string, severity: 'error' | 'warning' | 'info' | 'hint', message: string, line: number, character = 2) => ({
    rule,
    severity,
    message,
    range: range(line, character),
  });
  const message = 'Row "A \\"quoted\\" Ünïcode ✓ title" appears twice';
  // The same message under another rule or severity, at other lines (a moved week), with related information, and a new one.
  const findings = [
    finding('duplicate-title', 'warning', message, 4),
    finding('duplicate-title', 'warning', message, 40, 7),
    finding('duplicate-paper', 'warning', message, 41),
    finding('duplicate-paper', 'error', message, 42),
    { ...finding('duplicate-title', 'warning', message, 43), related: [{ message: 'first listed here', range: range(4, 0) }] },
    finding('row-number', 'info', 'Expected 3)', 0, 0),
  ];
  for (let round = 0; round < 3; round++) {
    // New diagnostic objects each round, as a moved week gets: each is met the first time.
    const diagnostics = findings.map((f) => toDiagnostic(uri, { ...f, range: range(f.range.start.line + round * 10, f.range.start.character) }));
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: round, diagnostics } } as Message;
    assert.equal(encodeMessage(publish).toString('utf8'), JSON.stringify(publish));
  }
});

test('the diagnostics of a list whose weeks all moved encode as JSON.stringify encodes them', () => {
  const text = readFileSync(join(root, 'samples/papers.md'), 'utf8');
  const uri = 'file:///samples/papers.md';
  const cache = new WeekCache();
  for (const [version, source] of [text, `\n\n${text}`, `\n${text}`].entries()) {
    const analysis = analyze(source, DEFAULT_SETTINGS, { cache });
    const diagnostics = diagnosticsOf({ uri, version, analysis, settings: DEFAULT_SETTINGS, isPaperList: true });
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } } as Message;
    assert.equal(encodeMessage(publish).toString('utf8'), JSON.stringify(publish));
  }
});

test("a new frozen answer made of earlier frozen parts reuses their bytes (a version's symbols), and its own from its second time on", () => {
  let reads = 0;
  const counted = (n: number) => {
    const value = { n };
    Object.defineProperty(value, 'read', { enumerable: true, get: () => ++reads });
    return Object.freeze(value);
  };
  const parts = [counted(1), counted(2), counted(3)];
  const answer = (value: unknown) => ({ jsonrpc: '2.0', id: 1, result: value }) as unknown as Message;
  // Three versions' answers, each a new frozen array of the same parts: the parts are read twice at most, in all.
  for (let version = 0; version < 3; version++) encodeMessage(answer(Object.freeze([...parts])));
  assert.equal(reads, 2 * parts.length);
  // One answer asked again and again: read twice, then its own bytes.
  const kept = Object.freeze([counted(4)]);
  for (let time = 0; time < 4; time++) encodeMessage(answer(kept));
  assert.equal(reads, 2 * parts.length + 2);
  // And the bytes are JSON.stringify's, every time, with what JSON.stringify leaves out or turns into null.
  const plain = (n: number) => Object.freeze({ n, label: `é ${n} 😀`, gone: undefined, range: { start: { line: n, character: 0 } } });
  const frozenParts = [plain(1), plain(2)];
  for (let version = 0; version < 4; version++) {
    const value = Object.freeze({
      items: Object.freeze([...frozenParts, plain(version + 10)]),
      rows: [...frozenParts, NaN, undefined],
      skipped: undefined,
      version,
    });
    for (let time = 0; time < 3; time++)
      assert.equal(encodeMessage(answer(value)).toString('utf8'), JSON.stringify(answer(value)), `version ${version}, time ${time}`);
  }
  const dated = Object.freeze({ toJSON: () => 'as-json' });
  assert.equal(encodeMessage(answer(dated)).toString('utf8'), JSON.stringify(answer(dated)));
});

test('the stdio writer sends each message in one write: its Content-Length header (in UTF-8 bytes), then its JSON, in the order sent', async () => {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const writer = new FramedMessageWriter(stream);
  const messages = [
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'Ünïcode ✓ 😀' } },
    { jsonrpc: '2.0', id: 2, result: Object.freeze({ items: ['a', 'b'] }) },
    { jsonrpc: '2.0', id: 3, result: null },
  ] as unknown as Message[];
  await Promise.all(messages.map((m) => writer.write(m)));
  assert.equal(chunks.length, messages.length, 'one write per message');
  chunks.forEach((chunk, i) => {
    const body = Buffer.from(JSON.stringify(messages[i]), 'utf8');
    assert.ok(chunk.equals(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body])), chunk.toString('utf8'));
  });
});

test('the stdio writer reports a failed write as an error of the message, and a closed stream as closed', async () => {
  const failing = new Writable({
    write(_chunk, _encoding, done) {
      done(new Error('pipe broken'));
    },
  });
  failing.on('error', () => undefined);
  const writer = new FramedMessageWriter(failing);
  const errors: unknown[] = [];
  writer.onError(([error, message]) => errors.push([(error as Error).message, message?.jsonrpc]));
  await assert.rejects(writer.write({ jsonrpc: '2.0', id: 1, result: null } as unknown as Message), /pipe broken/);
  assert.deepEqual(errors[0], ['pipe broken', '2.0']);
  const stream = new PassThrough();
  const closed = new Promise<void>((resolve) => new FramedMessageWriter(stream).onClose(() => resolve()));
  stream.destroy();
  await closed;
});
