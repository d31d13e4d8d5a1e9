// The document model on the format variants of real lists, with invented titles and links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { HEADER, doc, row, rows, run, settings, week, where } from './helpers';

const model = (text: string) => analyze(text, settings()).list;
const firstRow = (line: string) => model(week('Feb 13 - 19', [line])).weeks[0].rows[0];

test('title forms: bold with dash, plain with dash, 2025 two-space form with <br>●', () => {
  assert.equal(firstRow('| 1) **Bold Title: With Colon** - the desc | [Paper](https://a.org/1) |').title, 'Bold Title: With Colon');
  const plain = firstRow('| 1) Plain Title - the desc - with a second dash | [Paper](https://a.org/1) |');
  assert.equal(plain.title, 'Plain Title');
  assert.equal(plain.description, 'the desc - with a second dash');
  const r2025 = firstRow('| 1) Sparse Widgets for Agents  Proposes a sparse widget - scaled up. <br>● Point one <br>● Point two | [Paper](https://a.org/1) |');
  assert.equal(r2025.title, 'Sparse Widgets for Agents');
  assert.match(r2025.description, /^Proposes a sparse widget - scaled up\./);
});

test('title span points at the title text itself', () => {
  const line = '| 3) **Spanned Title** - desc | [Paper](https://a.org/1) |';
  const text = week('Feb 13 - 19', [row(1, 'A'), row(2, 'B'), line]);
  const r = model(text).weeks[0].rows[2];
  const lineText = text.split('\n')[r.line];
  assert.equal(lineText.slice(r.titleSpan.start, r.titleSpan.end), 'Spanned Title');
});

test("one-space title/description boundary: cut at the description's opening words only when no plausible separator exists", () => {
  const long = 'x'.repeat(80);
  const oneSpace = firstRow(
    `| 1) Widget Graphs for Shop Agents This paper presents a ${long} framework.  Key findings: <br>● one | [Paper](https://a.org/1) |`,
  );
  assert.equal(oneSpace.title, 'Widget Graphs for Shop Agents');
  const lateDoubleSpace = firstRow(
    `| 1) A Memory System for Widget LLMs Introduces a unified ${long} memory, addressing a gap in  current systems. | [Paper](https://a.org/1) |`,
  );
  assert.equal(lateDoubleSpace.title, 'A Memory System for Widget LLMs');
  // A verb inside a short title stays in it when the two-space separator is plausible.
  const verbInTitle = firstRow('| 1) Lab Introduces Widgets  This model widgets everything. | [Paper](https://a.org/1) |');
  assert.equal(verbInTitle.title, 'Lab Introduces Widgets');
  const dashInTitle = firstRow('| 1) Widget Proposes Nothing - Presents a study | [Paper](https://a.org/1) |');
  assert.equal(dashInTitle.title, 'Widget Proposes Nothing');
});

test('links: lowercase labels, missing commas, parentheses and titles in URLs', () => {
  const r = firstRow(
    '| 1) **T** - d | [paper](https://a.org/1) [Tweet](https://x.com/a/status/1)[Code](https://github.com/o/r), [Wiki](https://en.wikipedia.org/wiki/Widget_(toy)) [Blog](https://b.org/p "Blog title") |',
  );
  assert.deepEqual(
    r.links.map((l) => [l.label, l.target]),
    [
      ['paper', 'https://a.org/1'],
      ['Tweet', 'https://x.com/a/status/1'],
      ['Code', 'https://github.com/o/r'],
      ['Wiki', 'https://en.wikipedia.org/wiki/Widget_(toy)'],
      ['Blog', 'https://b.org/p'],
    ],
  );
  assert.deepEqual(
    run(week('Feb 13 - 19', ['| 1) **T** - d | [paper](https://a.org/1) [Tweet](https://x.com/a/status/1) |'])),
    [],
    'lowercase [paper] is the paper link',
  );
});

test('headings and tables inside code fences are ignored', () => {
  const text = doc(
    '# List',
    '',
    '```markdown',
    '## Top ML Papers of the Week (Jan 1 - Jan 99)',
    HEADER,
    '| 9. **Fenced** | [Paper](xxx) |',
    '```',
    '',
    '~~~',
    '## Top ML Papers of the Week (March4 - March 10)',
    '~~~',
    '',
    week('Feb 13 - 19', rows(2)),
  );
  const list = model(text);
  assert.equal(list.weeks.length, 1);
  assert.deepEqual(run(text), []);
});

test('a fence inside a week hides its table rows', () => {
  const text = week('Feb 13 - 19', [row(1, 'A'), '', '```', HEADER, '| 7. **Example** | [Paper](xxx) |', '```']);
  assert.equal(model(text).weeks[0].rows.length, 1);
  assert.deepEqual(run(text), []);
});

test('multi-line HTML comments hide headings and links', () => {
  const text = doc(
    '# List',
    '<!--',
    '## Top ML Papers of the Week (Jan 1 - Jan 99)',
    '- [Top ML Papers of the Week (Jan 1 - Jan 99)](#nowhere)',
    '[Paper](xxx)',
    '-->',
    '',
    week('Feb 13 - 19', rows(2)),
  );
  assert.equal(model(text).weeks.length, 1);
  assert.deepEqual(run(text), []);
});

test('week heading variants: #, ##, ### levels; year groups end a week', () => {
  const text = doc(
    '# List',
    '## 2025',
    week('Jan 6 - Jan 12', rows(1, 'New'), '###'),
    '## 2024',
    week('Dec 30 - Jan 5', rows(1, 'Old'), '###'),
    '# Top ML Papers of the Week (Dec 23 - Dec 29)',
    '',
    HEADER,
    row(1, 'Z'),
  );
  const list = model(text);
  assert.deepEqual(
    list.weeks.map((w) => [w.level, w.heading]),
    [
      [3, 'Top ML Papers of the Week (Jan 6 - Jan 12)'],
      [3, 'Top ML Papers of the Week (Dec 30 - Jan 5)'],
      [1, 'Top ML Papers of the Week (Dec 23 - Dec 29)'],
    ],
  );
  // The `## 2024` group heading closes the first week (level 2 <= 3).
  assert.equal(list.weeks[0].endLine, text.split('\n').indexOf('## 2024'));
  assert.deepEqual(run(text), []);
});

test('positions are UTF-16 columns: emoji, CJK and tabs before a wrong marker', () => {
  const line = '| 2. **🚀 Rocket 模型\tTitle** - 説明 😀 | [Paper](xxx) |';
  const text = week('Feb 13 - 19', [row(1, 'A'), line]);
  const lineNo = text.split('\n').indexOf(line);
  const problems = run(text);
  const placeholder = problems.find((p) => p.rule === 'placeholder-link')!;
  const start = line.indexOf('[Paper](xxx)');
  assert.ok(start > 20, 'the emoji count as two UTF-16 units each');
  assert.deepEqual(placeholder.range, { start: { line: lineNo, character: start }, end: { line: lineNo, character: start + '[Paper](xxx)'.length } });
  const number = problems.find((p) => p.rule === 'row-number')!;
  assert.deepEqual(number.range.start, { line: lineNo, character: 2 });
  assert.equal(model(text).weeks[0].rows[1].title, '🚀 Rocket 模型\tTitle');
});

test('CRLF line endings: same problems, same columns, line breaks not part of lines', () => {
  const lf = week('Feb 13 - 19', [row(1, 'A'), '| 3. **B** - d | [Paper](xxx) |']);
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(run(crlf).map(where), run(lf).map(where));
  assert.deepEqual(
    run(crlf).map((p) => p.range),
    run(lf).map((p) => p.range),
  );
  assert.ok(run(crlf).length >= 3);
});

test('a BOM before a first-line heading: the heading is still a heading; columns on line 1 count the BOM', () => {
  const text = '\uFEFF' + week('Feb 13 - 19', [row(1, 'A')]).replace('(Feb 13 - 19)', '(Feb 13 - 20)');
  const list = model(text);
  assert.equal(list.weeks.length, 1);
  const problem = run(text).find((p) => p.rule === 'week-heading')!;
  const column = text.split('\n')[0].indexOf('Feb 13');
  assert.equal(problem.range.start.character, column);
  assert.equal(column, 1 + '## Top ML Papers of the Week ('.length);
});
