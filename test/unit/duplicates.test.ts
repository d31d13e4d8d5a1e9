import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/fixAll';
import { applyEdits } from '../../server/src/textEdits';
import { analyze } from '../../server/src/analysis';
import { hover } from '../../server/src/features/hover';
import { doc, row, run, rulesOf, settings, week } from './helpers';

test('duplicate-paper: the same arXiv paper as abs and pdf in two weeks, both reported with related locations', () => {
  const text = doc(
    week('Aug 19 - Aug 25) - 2024', [row(1, 'Widget Scaling', 'https://arxiv.org/pdf/2408.01234v2'), row(2, 'Other')]),
    week('Aug 12 - Aug 18) - 2024', [row(1, 'Widget Scaling Laws', 'https://arxiv.org/abs/2408.01234'), row(2, 'Third')]),
  );
  const problems = rulesOf(run(text), 'duplicate-paper');
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'Paper https://arxiv.org/pdf/2408.01234v2 is also listed as row 1 of week Aug 12 - Aug 18',
      'Paper https://arxiv.org/abs/2408.01234 is also listed as row 1 of week Aug 19 - Aug 25',
    ],
  );
  assert.equal(problems[0].related?.length, 1);
  assert.equal(problems[0].related?.[0].range.start.line, problems[1].range.start.line);
  assert.equal(problems[0].fix, undefined, 'no safe fix');
  // Removing row 1 moves "Other" up to 1: the week stays numbered 1..N in the same edit.
  const remove = problems[0].suggestions?.[0];
  assert.equal(remove?.title, 'Remove this row and renumber the rows after it');
  const after = applyEdits(text, [...remove!.edits]);
  assert.ok(after.includes('| 1) **Other**'), after);
  assert.ok(!after.includes('Widget Scaling**'), after);
  assert.deepEqual(rulesOf(run(after), 'row-number'), []);
  assert.equal(fixAll(text, settings()).text, text, 'fix-all never removes rows');
});

test('duplicate-paper: same week, tracking parameters and www ignored', () => {
  const text = week('Feb 13 - 19', [row(1, 'A', 'https://www.widget.ai/paper?utm_source=feed'), row(2, 'B', 'https://widget.ai/paper/')]);
  assert.equal(rulesOf(run(text), 'duplicate-paper').length, 2);
});

test('duplicate-paper: different openreview ids and different arXiv ids stay silent', () => {
  const text = week('Feb 13 - 19', [
    row(1, 'A', 'https://openreview.net/forum?id=Abc1'),
    row(2, 'B', 'https://openreview.net/forum?id=Xyz2'),
    row(3, 'C', 'https://arxiv.org/abs/2501.00001'),
    row(4, 'D', 'https://arxiv.org/abs/2501.00010'),
  ]);
  assert.deepEqual(rulesOf(run(text), 'duplicate-paper'), []);
});

test('duplicate-title: case, spacing, emphasis and punctuation folded; same week or another', () => {
  const text = doc(
    week('Feb 20-26', [row(1, 'StyleWidget-T: Fast Widgets'), row(2, 'Unique One')]),
    week('Feb 13 - 19', [
      '| 1) **stylewidget t  fast widgets!** - again | [Paper](https://arxiv.org/abs/2501.00031) |',
      '| 2) ***Unique Two*** - d | [Paper](https://arxiv.org/abs/2501.00032) |',
    ]),
  );
  const problems = rulesOf(run(text), 'duplicate-title');
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Title "StyleWidget-T: Fast Widgets" is also row 1 of week Feb 13 - 19', 'Title "stylewidget t  fast widgets!" is also row 1 of week Feb 20-26'],
  );
});

test('duplicate-title: similar but different titles stay silent', () => {
  const text = week('Feb 13 - 19', [row(1, 'Widget Models'), row(2, 'Widget Models 2'), row(3, 'Widget Modeling')]);
  assert.deepEqual(rulesOf(run(text), 'duplicate-title'), []);
});

test('duplicate-title: placeholder titles of rows not written yet are not duplicates', () => {
  const text = week('Feb 13 - 19', [
    '| 1) **XXX** - XXX | [Paper](XXX), [Tweet](XXX) |',
    '| 2) **xxxx** - XXX | [Paper](XXX), [Tweet](XXX) |',
    '| 3) **TODO** - d | [Paper](https://arxiv.org/abs/2501.00081) |',
    '| 4) **todo** - d | [Paper](https://arxiv.org/abs/2501.00082) |',
  ]);
  assert.deepEqual(rulesOf(run(text), 'duplicate-title'), []);
  assert.equal(rulesOf(run(text), 'placeholder-link').length, 4, 'the unfinished rows are still reported, by their links');
});

test('a key repeated many times names the first five other places, in its message and as related locations, and counts the rest', () => {
  const same = (n: number) => row(n, 'Pasted Template Title', 'https://arxiv.org/abs/2401.00001');
  const problems = run(
    week(
      'Jan 1 - Jan 7) - 2024',
      Array.from({ length: 40 }, (_, i) => same(i + 1)),
    ),
  );
  for (const rule of ['duplicate-title', 'duplicate-paper']) {
    const found = rulesOf(problems, rule).filter((p) => p.message.includes('row'));
    assert.equal(found.length, 40, rule);
    const [first, second] = found;
    assert.match(first.message, /is also (?:listed as )?row 2 of week Jan 1 - Jan 7, row 3 .*, row 6 of week Jan 1 - Jan 7 and 34 more rows$/);
    assert.match(second.message, /is also (?:listed as )?row 1 of week Jan 1 - Jan 7, row 3 .*, row 6 of week Jan 1 - Jan 7 and 34 more rows$/);
    assert.equal(first.related?.length, 5, `${rule}: related locations`);
    assert.deepEqual(
      first.related!.map((r) => r.range.start.line),
      found.slice(1, 6).map((p) => p.range.start.line),
      `${rule}: the related locations are the rows the message names`,
    );
    assert.ok(!first.related!.some((r) => r.range.start.line === first.range.start.line), `${rule}: a problem is not related to itself`);
  }
  // A list without weeks: its bullet items are checked.
  const readingList = ['## Reading list', '', ...Array.from({ length: 8 }, () => '- [Paper](https://arxiv.org/abs/2402.00002) a paper listed again'), ''];
  const items = rulesOf(run(readingList.join('\n')), 'duplicate-paper');
  assert.equal(items.length, 8);
  assert.match(items[0].message, /listed on line \d+ \(under "Reading list"\)(?:, line \d+ \(under "Reading list"\)){4} and 2 more lines$/);
  assert.equal(items[0].related?.length, 5);
});

test('removing a repeated row renumbers the rows after it, unless more follow than any weekly table has', () => {
  const table = (count: number) =>
    week(
      'Jan 1 - Jan 7) - 2024',
      Array.from({ length: count }, (_, i) => row(i + 1, i === 0 || i === count - 1 ? 'Twice Listed' : `Paper ${i + 1}`)),
    );
  const removalOf = (text: string) => rulesOf(run(text), 'duplicate-title')[0].suggestions![0];
  const short = removalOf(table(30));
  assert.equal(short.title, 'Remove this row and renumber the rows after it');
  assert.equal(short.edits.length, 30, 'the row, and the 29 after it renumbered');
  const long = removalOf(table(102));
  assert.equal(long.title, 'Remove this row');
  assert.equal(long.edits.length, 1, 'the 101 rows after it keep their numbers: row-number renumbers the week');
});

test('hovering a row pasted thirty times names twenty of the other rows, linked, and counts the rest', () => {
  const text = week(
    'Jan 1 - Jan 7) - 2024',
    Array.from({ length: 30 }, (_, i) => row(i + 1, 'Pasted', 'https://arxiv.org/abs/2401.00001')),
  );
  const { list } = analyze(text, settings());
  const first = list.weeks[0].rows[0];
  const value = (hover(list, { line: first.line, character: 4 }, 'Paper', 'file:///list.md')!.contents as { value: string }).value;
  for (const what of ['paper', 'title']) {
    const line = value.split('\n\n').find((l) => l.startsWith(`Same ${what} also at: `))!;
    assert.equal(line.match(/\(\[line \d+\]/g)?.length, 20, `${what}: twenty linked rows`);
    assert.ok(line.endsWith('; and 9 more'), line.slice(-40));
    assert.ok(!line.includes(`[line ${first.line + 1}]`), `${what}: not the hovered row itself`);
  }
});
