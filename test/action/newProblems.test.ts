// Which problems are new: matched by rule, message and pointed-at text as a multiset; the event's base commit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newProblems, problemKey } from '../../server/src/action/newProblems';
import { baseOfEvent } from '../../server/src/action/git';
import { LineIndex } from '../../server/src/model/text';
import type { Finding } from '../../server/src/analysis';

const finding = (line: number, start: number, end: number, message = 'Row 3 should be numbered 2', rule = 'row-number'): Finding => ({
  rule,
  severity: 'warning',
  message,
  range: { start: { line, character: start }, end: { line, character: end } },
});

describe('new problems', () => {
  const base = { file: 'README.md', text: 'intro\n| 3) A |\n| 3) B |\n', problems: [finding(1, 2, 4), finding(2, 2, 4)] };

  test('a problem that moved down is old; a third identical one is new (multiset)', () => {
    const text = 'intro\nadded\nadded\n| 3) A |\n| 3) B |\n| 3) C |\n';
    const current = { file: 'README.md', text, problems: [finding(3, 2, 4), finding(4, 2, 4), finding(5, 2, 4)] };
    assert.deepEqual(newProblems([current], [base]), [{ file: 'README.md', problem: current.problems[2] }]);
  });

  test('the same message pointing at other text is new; the same text with another message is new', () => {
    const text = 'intro\n| 4) A |\n| 3) B |\n';
    const current = { file: 'README.md', text, problems: [finding(1, 2, 4), finding(2, 2, 4, 'Row 3 should be numbered 9')] };
    assert.equal(newProblems([current], [base]).length, 2);
  });

  test('a problem in another file is new even when the same problem exists in the base of a different file', () => {
    const current = { ...base, file: 'years/2026.md' };
    assert.equal(newProblems([current], [base]).length, 2);
  });

  test('line numbers inside messages are not identity ("repeats the entry on line 12")', () => {
    const lines = new LineIndex('x\n- [Week](#a)\n');
    const at = (n: number) => finding(1, 2, 8, `TOC entry "Week" repeats the entry on line ${n} (both for week June 2 - June 8)`, 'toc');
    assert.equal(problemKey(at(12), lines), problemKey(at(40), lines));
    assert.notEqual(
      problemKey(at(12), lines),
      problemKey(finding(1, 2, 8, 'TOC entry "Week" repeats the entry on line 12 (both for week June 9 - June 15)', 'toc'), lines),
    );
  });

  test('an empty range is known by its whole line', () => {
    const lines = new LineIndex('## Week one\n## Week two\n');
    assert.notEqual(problemKey(finding(0, 0, 0, 'm', 'toc'), lines), problemKey(finding(1, 0, 0, 'm', 'toc'), lines));
  });
});

describe('the base commit of an event', () => {
  const sha = 'a'.repeat(40);
  test('push compares with before; pull_request and pull_request_target with the base sha; merge_group with its base', () => {
    assert.deepEqual(baseOfEvent('push', { before: sha }), { sha });
    assert.deepEqual(baseOfEvent('pull_request', { before: 'b'.repeat(40), pull_request: { base: { sha } } }), { sha });
    assert.deepEqual(baseOfEvent('pull_request_target', { pull_request: { base: { sha } } }), { sha });
    assert.deepEqual(baseOfEvent('merge_group', { merge_group: { base_sha: sha } }), { sha });
  });
  test('no base: a first push, a missing or malformed sha, other events', () => {
    for (const [name, payload] of [
      ['push', { before: '0'.repeat(40) }],
      ['push', {}],
      ['push', { before: 'HEAD~1' }],
      ['pull_request', { pull_request: {} }],
      ['workflow_dispatch', {}],
      ['schedule', {}],
    ] as const)
      assert.ok('reason' in baseOfEvent(name, payload), `${name} ${JSON.stringify(payload)}`);
  });
});
