// The VS Code suite's web bundle swaps node:assert/strict for test/vscode/suite/support/assert.web.ts (the web worker
// extension host has no Node). The same assertion must pass or fail the same way in both hosts: compared here case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as web from '../vscode/suite/support/assert.web';

type Call = [name: 'ok' | 'equal' | 'notEqual' | 'deepEqual' | 'match', ...args: unknown[]];

const CASES: Call[] = [
  ['ok', true],
  ['ok', 1],
  ['ok', 'text'],
  ['ok', 0],
  ['ok', ''],
  ['ok', undefined],
  ['equal', 2, 2],
  ['equal', 2, '2'],
  ['equal', NaN, NaN],
  ['equal', 0, -0],
  ['equal', {}, {}],
  ['notEqual', 1, 2],
  ['notEqual', 'a', 'a'],
  ['deepEqual', [1, 2, 3], [1, 2, 3]],
  ['deepEqual', [1, 2, 3], [1, 2]],
  ['deepEqual', ['1'], [1]],
  ['deepEqual', { a: 1, b: [2] }, { b: [2], a: 1 }],
  ['deepEqual', { a: 1 }, { a: 1, b: undefined }],
  ['deepEqual', { a: { b: 'c' } }, { a: { b: 'd' } }],
  ['deepEqual', [], {}],
  ['deepEqual', new Date(5), new Date(5)],
  ['deepEqual', new Date(5), new Date(6)],
  ['deepEqual', null, undefined],
  ['match', 'Row 6 should be 5', /should be \d/],
  ['match', 'no digits', /\d/],
];

function outcome(fn: () => void): string {
  try {
    fn();
    return 'passes';
  } catch (error) {
    return error instanceof Error && /Assertion/.test(error.name) ? 'fails' : `throws ${String(error)}`;
  }
}

test('the web assert passes and fails exactly where node:assert/strict does', () => {
  const differences = CASES.flatMap(([name, ...args]) => {
    const node = outcome(() => (assert[name] as (...a: unknown[]) => void)(...args));
    const ours = outcome(() => (web[name] as (...a: unknown[]) => void)(...args));
    return node === ours ? [] : [`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}): node ${node}, web ${ours}`];
  });
  assert.deepEqual(differences, []);
  assert.ok(
    CASES.some(([name, ...args]) => outcome(() => (web[name] as (...a: unknown[]) => void)(...args)) === 'fails'),
    'some cases fail',
  );
});

test('a failing web assertion keeps the message it was given', () => {
  assert.throws(() => web.equal(1, 2, 'the row number'), { name: 'AssertionError', message: 'the row number' });
  assert.throws(
    () => web.deepEqual([1], [2]),
    (error: Error) => error.message.includes('[1]') && error.message.includes('[2]'),
  );
});
