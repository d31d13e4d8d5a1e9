import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, diffEdits } from '../../server/src/textEdits';
import { fixAll } from '../../server/src/fixAll';
import { analyze } from '../../server/src/analysis';
import { doc, row, settings, week } from './helpers';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['| 1) **A** - d |', '', '## Week (Jan 1 - Jan 7)', 'plain', '😀 emoji', '模型', '\tTab', '- [x](#y)', '|', 'same', 'same'];

function mutate(lines: string[], rnd: () => number): string[] {
  const out = [...lines];
  const ops = 1 + Math.floor(rnd() * 6);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const word = WORDS[Math.floor(rnd() * WORDS.length)];
    const op = rnd();
    if (op < 0.3) out.splice(at, 0, word);
    else if (op < 0.55 && out.length > 0) out.splice(Math.min(at, out.length - 1), 1);
    else if (out.length > 0) {
      const i = Math.min(at, out.length - 1);
      const c = Math.floor(rnd() * (out[i].length + 1));
      out[i] = out[i].slice(0, c) + (rnd() < 0.5 ? word : '') + out[i].slice(c + Math.floor(rnd() * 3));
    }
  }
  return out;
}

test('applyEdits(a, diffEdits(a, b)) === b for many generated pairs, LF and CRLF', () => {
  const rnd = random(20250701);
  for (let n = 0; n < 600; n++) {
    const length = Math.floor(rnd() * 12);
    const a = Array.from({ length }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
    const b = mutate(a, rnd);
    for (const eol of ['\n', '\r\n']) {
      const before = a.join(eol);
      const after = b.join(eol);
      const edits = diffEdits(before, after);
      assert.equal(applyEdits(before, edits), after, `pair ${n} (${JSON.stringify(eol)}): ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      if (before === after) assert.deepEqual(edits, []);
    }
  }
});

test('diffEdits keeps edits small: one changed character is one one-character edit', () => {
  const before = doc('line one', '| 5. **T** |', 'line three');
  const after = before.replace('5.', '5)');
  assert.deepEqual(diffEdits(before, after), [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: ')' }]);
});

test('applyEdits applies non-overlapping edits against the original positions, in any order', () => {
  const text = 'abc\ndef';
  const edits = [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'D' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '>' },
  ];
  assert.equal(applyEdits(text, edits), '>abc\nDef');
});

test('fixAll is idempotent and leaves nothing fixable, on a list with every fixable kind', () => {
  const text = doc(
    '- [Top ML Papers of the Week (Feb 27 - Mar 5)](./#top-ml-papers-of-the-week-feb-20-26)',
    '- [Top ML Papers of the Week (Feb 13 - 19)](./#top-ml-papers-of-the-week-feb-13---19)',
    '',
    week('Feb 27 - Mar 5', [row('1.', 'A'), row(3, 'B'), '| 4) **C** - d | [Paper](https://arxiv.org/abs/2501.00071), [Tweet)](https://x.com/a/status/71)']),
    week('Feb 19 - Feb 26', [row(1, 'D'), row('2).', 'E')]),
    week('Feb 13 - 19', [row(1, 'F')]),
  );
  const s = settings();
  const once = fixAll(text, s);
  assert.ok(once.fixesApplied >= 5, `applied ${once.fixesApplied}`);
  assert.equal(applyEdits(text, once.edits), once.text, 'the edits reproduce the fixed text');
  const twice = fixAll(once.text, s);
  assert.equal(twice.text, once.text);
  assert.equal(twice.fixesApplied, 0);
  assert.deepEqual(
    analyze(once.text, s)
      .problems.filter((p) => p.fix)
      .map((p) => p.message),
    [],
  );
  assert.ok(once.text.includes('## Top ML Papers of the Week (Feb 20 - Feb 26)'), 'week-sequence fixed the start date');
  assert.ok(
    once.text.includes('- [Top ML Papers of the Week (Feb 20 - Feb 26)](#top-ml-papers-of-the-week-feb-20---feb-26)'),
    'toc entry inserted for the renamed week (and every ./# entry rewritten #, by relative-anchor)',
  );
});
