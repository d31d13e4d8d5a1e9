// The stdio transport's encoder (node/messageEncoder.ts) must write exactly what JSON.stringify writes, for the
// messages the server sends and for the values JSON.stringify treats specially, and encode a frozen object once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from 'vscode-languageserver/node';
import { encodeMessage } from '../../server/src/node/messageEncoder';
import { analyze } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { diagnosticsOf } from '../../server/src/features/diagnostics';
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
