import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/textEdits';
import { fixAll } from '../../server/src/fixAll';
import { parseRow } from '../../server/src/model/parseWeek';
import { WeekCache } from '../../server/src/model/cache';
import { buildModel } from '../../server/src/model/model';
import { LineIndex } from '../../server/src/model/text';
import { HEADER, doc, row, rows, run, rulesOf, settings, week, where, columnOf } from './helpers';

const rowNumbers = (text: string) => rulesOf(run(text), 'row-number');

test('a week numbered 1..10 with N) markers is silent', () => {
  assert.deepEqual(rowNumbers(week('Feb 13 - 19', rows(10))), []);
});

test('a gap is reported at the number token, saying which number the week skips', () => {
  const text = week('Feb 13 - 19', [row(1, 'Alpha'), row(2, 'Beta'), row(3, 'Gamma'), row(4, 'Delta'), row(6, 'Epsilon'), row(7, 'Zeta')]);
  const problems = rowNumbers(text);
  assert.equal(problems.length, 1, 'row 7 continues the wrong sequence: one report, at its start');
  const at = columnOf(text, '6)');
  assert.deepEqual(problems[0].range, { start: at, end: { line: at.line, character: at.character + 2 } });
  assert.equal(problems[0].message, 'Row number 6 should be 5: week Feb 13 - 19 skips 5');
});

test('repeated and out-of-order numbers say so', () => {
  const repeated = rowNumbers(week('Feb 13 - 19', [row(1, 'A'), row(2, 'B'), row(2, 'C')]));
  assert.equal(repeated.length, 1);
  assert.match(repeated[0].message, /^Row number 2 repeats the previous row's; expected 3 in week Feb 13 - 19$/);
  const outOfOrder = rowNumbers(week('Feb 13 - 19', [row(1, 'A'), row(3, 'B'), row(2, 'C')]));
  assert.deepEqual(
    outOfOrder.map((p) => p.message),
    ['Row number 3 should be 2: week Feb 13 - 19 skips 2', 'Row number 2 is out of order after 3; expected 3 in week Feb 13 - 19'],
  );
});

test('a row without a number is reported with the number expected', () => {
  const text = week('Feb 13 - 19', [row(1, 'A'), '| **No Number Here** - desc | [Paper](https://arxiv.org/abs/2501.00001) |', row(3, 'C')]);
  const problems = rowNumbers(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].message, 'Row has no number; expected 2) in week Feb 13 - 19');
  const fixed = fixAll(text, settings()).text;
  assert.match(fixed, /^\| 2\) \*\*No Number Here\*\*/m);
});

for (const [marker, written] of [
  ['5.', '5.'],
  ['5).', '5).'],
  ['5:', '5:'],
] as const) {
  test(`marker "${marker}" is reported and fixed to "5)"`, () => {
    const body = rows(6).map((r, i) => (i === 4 ? row(marker, 'Fifth') : r));
    const text = week('Feb 20-26', body);
    const problems = rowNumbers(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].message, `Row number "${written}" should be written "5)"`);
    assert.equal(where(problems[0]), `row-number ${columnOf(text, marker + ' **Fifth').line + 1}:3`);
    const fixed = applyEdits(text, problems[0].fix!.edits);
    assert.equal(fixed, text.replace(`| ${marker} **Fifth**`, '| 5) **Fifth**'));
  });
}

test('bold markers: `**5).**  **Title**` and `|**5). Title**|` rows are numbered rows with a wrong marker', () => {
  const text = week('Aug 14 - Aug 20', [
    row(1, 'One'),
    '| **2).**  **Second Title** - desc | [Paper](https://arxiv.org/abs/2501.00002) |',
    '|**3). Third Title** - desc|[paper](https://arxiv.org/abs/2501.00003) [tweet](https://twitter.com/a/status/3)|',
  ]);
  const problems = rulesOf(run(text));
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Row number "2)." should be written "2)"', 'Row number "3)." should be written "3)"'],
    'titles, lowercase labels and the links cell are all understood: nothing else is reported',
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.includes('| **2)**  **Second Title**'));
  assert.ok(fixed.includes('|**3) Third Title** - desc|'));
});

test('renumbering touches only number tokens: one edit per wrong token', () => {
  const text = week('Feb 13 - 19', [row(1, 'A'), row('3.', 'B'), row(4, 'C'), row(4, 'D')]);
  const fix = rowNumbers(text)[0].fix!;
  assert.equal(fix.edits.length, 2, '`3.` → `2)`, the first `4)` → `3)`; the last `4)` is already right');
  for (const edit of fix.edits) assert.equal(edit.range.start.line, edit.range.end.line);
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(
    fixed
      .split('\n')
      .filter((l) => /^\| \d/.test(l))
      .map((l) => l.slice(0, 4)),
    ['| 1)', '| 2)', '| 3)', '| 4)'],
  );
  assert.equal(fixed.replace(/\| \d+[).]+ /g, ''), text.replace(/\| \d+[).]+ /g, ''), 'nothing but numbers changed');
});

test('each week is numbered on its own', () => {
  const text = doc(week('Feb 20-26', rows(3)), week('Feb 13 - 19', rows(3)));
  assert.deepEqual(rowNumbers(text), []);
});

test('padded 2023-style tables with images and `---` rules', () => {
  const text = doc(
    '## Top ML Papers of the Week (Jan 23-29)',
    '![My Image](https://example.org/pics/week.png)',
    '',
    '| **Paper**  | **Links** |',
    '| ------------- | ------------- |',
    '| 1) **Padded Title One** - the first paper.   | [Paper](https://arxiv.org/abs/2301.00001), [Tweet](https://twitter.com/a/status/1)                                        |',
    '| 2) **Padded Title Two** -- the second paper.  | [Paper](https://arxiv.org/abs/2301.00002) [Tweet](https://twitter.com/a/status/2)  |',
    '',
    '---',
  );
  const problems = run(text).filter((p) => p.rule !== 'placeholder-link');
  assert.deepEqual(problems.map(where), []);
});

test('a table that is not in a week section is not checked', () => {
  const text = doc('# Notes', '', HEADER, '| 7) **Out of place** | [Paper](https://arxiv.org/abs/2501.00009) |', '', week('Feb 13 - 19', rows(2)));
  assert.deepEqual(rowNumbers(text), []);
});

test('every common marker style is a number, and no title keeps its marker', () => {
  for (const [marker, style] of [
    ['3)', 'N)'],
    ['(3)', '(N)'],
    ['3.', 'N.'],
    ['**3)**', 'N)'],
    ['3 -', 'N -'],
  ] as const) {
    const parsed = parseRow(`| ${marker} **Sandpiper Decoding** - decodes fast. | [Paper](https://arxiv.org/abs/2501.00003) |`, 0, 2);
    assert.equal(parsed.number?.value, 3, marker);
    assert.equal(parsed.number?.style, style, marker);
    assert.equal(parsed.title, 'Sandpiper Decoding', marker);
  }
  assert.equal(parseRow('| 3D Gaussians for Maps - desc | [Paper](https://arxiv.org/abs/2501.00003) |', 0, 2).number, undefined, '`3D` is a title');
});

for (const style of ['(N)', 'N.', 'N -'] as const) {
  test(`a list numbered "${style}" is the norm: silent when consistent, gaps and deviants fixed in that style`, () => {
    const mark = (n: number) => style.replace('N', String(n));
    const consistent = week(
      'Feb 13 - 19',
      [1, 2, 3, 4].map((n) => row(mark(n), `Title ${n}`)),
    );
    assert.deepEqual(rulesOf(run(consistent)), []);
    const wrong = week('Feb 13 - 19', [row(mark(1), 'One'), row(mark(2), 'Two'), row('3)', 'Three'), row(mark(5), 'Five')]);
    assert.deepEqual(
      rowNumbers(wrong).map((p) => p.message),
      [`Row number "3)" should be written "${mark(3)}"`, `Row number 5 should be 4: week Feb 13 - 19 skips 4`],
    );
    const fixed = fixAll(wrong, settings()).text;
    assert.deepEqual(rulesOf(run(fixed)), []);
    assert.ok(fixed.includes(`| ${mark(3)} **Three**`) && fixed.includes(`| ${mark(4)} **Five**`));
  });
}

test('a row with a marker the parser does not read gets no second marker', () => {
  const text = week('Feb 13 - 19', [row(1, 'One'), '| #2 **Two** - desc | [Paper](https://arxiv.org/abs/2501.00902) |', row(3, 'Three')]);
  const problems = rowNumbers(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].fix, undefined, 'inserting "2) " would make "2) #2"');
});

test("the list's marker style follows edits as a fresh build reads it: counts changed by the edited weeks, ties by first use", () => {
  // Weeks numbered in one style each; edits restyle a week, add and remove weeks, and pass through ties between two
  // styles that are not the default (the one the list uses first wins) and ties with the default (the default wins).
  const styled = (dates: string, style: string, count: number) =>
    week(
      dates,
      Array.from({ length: count }, (_, i) => row(style.replace('N', String(i + 1)), `${dates} ${style} ${i}`)),
    );
  const weeks = [
    styled('Mar 6 - 12', 'N.', 2),
    styled('Feb 27 - Mar 5', '(N)', 2),
    styled('Feb 20 - 26', 'N)', 1),
    styled('Feb 13 - 19', 'N.', 1),
    styled('Feb 6 - 12', '(N)', 1),
  ];
  const cache = new WeekCache();
  let text = doc('# List', '', ...weeks);
  let index = new LineIndex(text);
  const styles: string[] = [];
  const check = (what: string) => {
    const incremental = buildModel(index, cache).markerStyle;
    assert.equal(incremental, buildModel(text, new WeekCache()).markerStyle, what);
    styles.push(incremental);
  };
  // Week w's text replaced (by '' to remove it); the styled texts carry fresh URLs, so the current ones are kept.
  const replace = (w: number, to: string, what: string) => {
    const from = weeks[w];
    const at = text.indexOf(from);
    assert.ok(at >= 0, from);
    index = index.edit(at, at + from.length, to);
    text = text.slice(0, at) + to + text.slice(at + from.length);
    weeks[w] = to;
    check(what);
  };
  check('open: N. 3, (N) 3, N) 1 (N. first)');
  replace(0, styled('Mar 6 - 12', '(N)', 2), 'restyled to (N): (N) 5');
  replace(1, styled('Feb 27 - Mar 5', 'N)', 4), 'N) 5, (N) 3');
  replace(4, '', 'a week removed: N) 5, (N) 2');
  replace(2, styled('Feb 20 - 26', 'N.', 4), 'N) 4, N. 5');
  replace(0, styled('Mar 6 - 12', '(N)', 3), 'N) 4, N. 5, (N) 3');
  replace(3, styled('Feb 13 - 19', 'N)', 1), 'N) 5, N. 4, (N) 3');
  replace(2, styled('Feb 20 - 26', 'N.', 5), 'N) 5, N. 5: tied with the default');
  replace(1, styled('Feb 27 - Mar 5', '(N)', 2), '(N) 5, N. 5, N) 1: tied, (N) first');
  assert.deepEqual(styles, ['N.', '(N)', 'N)', 'N)', 'N.', 'N.', 'N)', 'N)', '(N)']);
});
