import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/fixAll';
import { row, run, rulesOf, settings, week, where } from './helpers';

test('missing trailing and leading pipes are reported and fixed (a row pasted without its leading pipe stays in the table)', () => {
  const text = week('Feb 20-26', [
    row(1, 'A'),
    '| 2) **Pasted Without End** - d | [Paper](https://arxiv.org/abs/2501.00041), [Tweet](https://x.com/a/status/41)',
    '3) **Pasted Without Start** - d | [Paper](https://arxiv.org/abs/2501.00042) |',
  ]);
  const problems = rulesOf(run(text), 'table-row');
  assert.deepEqual(
    problems.map((p) => `${where(p)} ${p.message}`),
    [`table-row 6:${text.split('\n')[5].length} Row 2 of week Feb 20-26 has no trailing "|"`, 'table-row 7:1 Row 3 of week Feb 20-26 has no leading "|"'],
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.includes('[Tweet](https://x.com/a/status/41) |'));
  assert.ok(fixed.includes('| 3) **Pasted Without Start**'));
  assert.deepEqual(rulesOf(run(fixed), 'table-row'), []);
  assert.deepEqual(rulesOf(run(text), 'row-number'), [], 'the pasted row is row 3, not a list item');
});

test('cell counts: a stray pipe splitting the links cell, a missing pipe before the links, an empty links cell', () => {
  const text = week('Feb 20-26', [
    '| 1) **A** - d | [Paper](https://arxiv.org/abs/2501.00051) | [Tweet](https://x.com/a/status/51) |',
    '| 2) **B** - d  [Paper](https://arxiv.org/abs/2501.00052) |',
    '| 3) **C** - d |  |',
  ]);
  const problems = rulesOf(run(text), 'table-row');
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'Row 1 of week Feb 20-26: a stray "|" splits the links cell into 2 cells; expected 2 cells like the header',
      'Row 2 of week Feb 20-26 has 1 cell; the header has 2 (description | links)',
      'Row 3 of week Feb 20-26 has an empty links cell',
    ],
  );
  assert.ok(
    problems.every((p) => p.fix === undefined),
    'cell problems have no safe fix',
  );
});

test('escaped pipes do not split cells', () => {
  const text = week('Feb 20-26', ['| 1) **A \\| B** - d | [Paper](https://arxiv.org/abs/2501.00061) |']);
  assert.deepEqual(rulesOf(run(text), 'table-row'), []);
});
