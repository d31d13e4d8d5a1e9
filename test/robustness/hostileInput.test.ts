// Hostile and odd documents: each must analyse without throwing, in bounded time, with exact UTF-16 columns and
// fixes that keep every other character (checkProperties runs the fuzzer's full property set on each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { applyEdits } from '../../server/src/textEdits';
import { fixAll } from '../../server/src/fixAll';
import { LineIndex } from '../../server/src/model/text';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../server/src/settings';
import { checkProperties } from '../fuzz/properties';
import { Rng } from '../fuzz/rng';

const HEADER = '| **Paper** | **Links** |\n| --- | --- |';

function holds(text: string): void {
  const failure = checkProperties({ text, fileExists: () => false });
  assert.equal(failure, undefined, `${failure?.property}: ${failure?.message}`);
}

/** The text a problem's range covers. */
function covered(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** Hang guard for long inputs: linear analysis takes well under a second; quadratic or worse takes hours. */
function bounded(text: string, guardMs = 15_000) {
  const started = performance.now();
  const analysis = analyze(text, DEFAULT_SETTINGS);
  const ms = performance.now() - started;
  assert.ok(ms < guardMs, `analysis of ${text.length} characters took ${ms.toFixed(0)} ms`);
  return { analysis, ms };
}

test('empty document: no weeks, no problems, nothing to fix', () => {
  const analysis = analyze('', DEFAULT_SETTINGS);
  assert.equal(analysis.list.weeks.length, 0);
  assert.deepEqual(analysis.problems, []);
  assert.deepEqual(fixAll('', DEFAULT_SETTINGS).edits, []);
  holds('');
});

test('whitespace only: no weeks, no problems', () => {
  const text = '   \n\t\n\r\n \u00a0\u3000\n\n';
  const analysis = analyze(text, DEFAULT_SETTINGS);
  assert.equal(analysis.list.weeks.length, 0);
  assert.deepEqual(analysis.problems, []);
  holds(text);
});

test('binary content (NUL, control bytes, lone surrogates) inside and outside a week', () => {
  const rng = new Rng(7);
  let noise = '';
  for (let i = 0; i < 64 * 1024; i++) noise += String.fromCharCode(rng.chance(0.02) ? 0xd800 + rng.int(0, 0x7ff) : rng.int(0, 255));
  holds(noise);
  holds(`## Top ML Papers of the Week (Jun 23 - Jun 29)\n${HEADER}\n| 1) **A\0B** - ${noise.slice(0, 2000)} | [Paper](https://a.org/\0) |\n${noise}`);
});

test('a document over maxFileSize is skipped with one information problem', () => {
  const settings = sanitizeSettings({ maxFileSize: 1000 });
  const text = `## Top ML Papers of the Week (Jun 23 - Jun 29)\n${HEADER}\n| 7) **Invented** | [Paper](#) |\n`.padEnd(1001, 'x');
  const analysis = analyze(text, settings);
  assert.ok(analysis.skipped);
  assert.equal(analysis.problems.length, 1);
  assert.equal(analysis.problems[0].severity, 'info');
  assert.match(analysis.problems[0].message, /maxFileSize/);
  assert.equal(analysis.list.weeks.length, 0);
  assert.equal(analyze(text.slice(0, 1000), settings).skipped, undefined);
});

test('one 5 MB line: a pasted paragraph in a row is analysed in bounded time', () => {
  const paragraph = 'lorem ipsum dolor sit amet, '.repeat(Math.ceil(5_000_000 / 28)).slice(0, 5_000_000);
  const text = `## Top ML Papers of the Week (Jun 23 - Jun 29)\n${HEADER}\n| 1) **Invented Long** - ${paragraph} | [Paper](https://arxiv.org/abs/2506.00001) |\n`;
  const { analysis, ms } = bounded(text);
  console.log(`5 MB row: analysis ${ms.toFixed(0)} ms`);
  assert.equal(analysis.list.weeks[0].rows.length, 1);
  assert.equal(analysis.list.weeks[0].rows[0].title, 'Invented Long');
});

// Shapes that made a regex backtrack quadratically or worse before (sectionIndex HEADING, dates WEEK_DATES,
// githubSlug, the year suffix, links scanned per cell); 1 MB each, so a regression costs hours, not a flaky ms.
const PATHOLOGICAL: Record<string, (n: number) => string> = {
  'spaces inside a heading': (n) => `# a${' '.repeat(n)}b\n`,
  'spaces before the closing parenthesis of week dates': (n) => `## Top ML Papers of the Week (Jun 1 - 7${' '.repeat(n)}x)\n`,
  'the word week repeated without a parenthesis': (n) => `## ${'week '.repeat(n / 5)}\n`,
  'unclosed < in a week heading with a TOC': (n) => `- [Top ML Papers of the Week (Jun 30 - Jul 6)](./#x)\n## ${'<'.repeat(n)} Week (Jun 1 - 7)\n`,
  'letters before a month run into its day': (n) => `## ${'a'.repeat(n)} Week (March4 - 10)\n`,
  'spaces before a year-like suffix': (n) =>
    `- [Top ML Papers of the Week (Jun 30 - Jul 6)](./#x)\n## Top ML Papers of the Week (Jun 23 - Jun 29)\n## Top ML Papers of the Week (Jun 16 - Jun 22)${' '.repeat(n)}x\n`,
  'unclosed disable comments': (n) => `${'<!-- paper-list-disable '.repeat(n / 24)}\n## Top ML Papers of the Week (Jun 23 - Jun 29)\n`,
  'a row of many cells with a link at the end': (n) =>
    `## Top ML Papers of the Week (Jun 23 - Jun 29)\n${HEADER}\n| ${'a |'.repeat(n / 3)} [Paper](https://a.org/x) |\n`,
  'many unclosed links in a row': (n) => `## Top ML Papers of the Week (Jun 23 - Jun 29)\n${HEADER}\n| 1) ${'[a]('.repeat(n / 4)} |\n`,
};
for (const [name, make] of Object.entries(PATHOLOGICAL)) {
  test(`1 MB line, ${name}: bounded`, () => {
    const { ms } = bounded(make(1_000_000));
    console.log(`${name}: ${ms.toFixed(0)} ms`);
  });
}

function weekHeading(endDay: number, style: 'year' | 'plain' = 'year'): string {
  const date = (d: number) => new Date(d * 86_400_000).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const year = new Date(endDay * 86_400_000).getUTCFullYear();
  return `Top ML Papers of the Week (${date(endDay - 6)} - ${date(endDay)})${style === 'year' ? ` - ${year}` : ''}`;
}
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

test('10,000 weeks with a TOC: every week found, a clean list has no problem', () => {
  const sunday = Date.UTC(2025, 5, 29) / 86_400_000;
  const headings = Array.from({ length: 10_000 }, (_, i) => weekHeading(sunday - 7 * i));
  const toc = headings.map((h) => `- [${h}](#${slug(h)})`);
  const weeks = headings.map(
    (h, i) => `## ${h}\n${HEADER}\n| 1) **Invented Paper ${i}** - about ${i}. | [Paper](https://arxiv.org/abs/2506.${String(i).padStart(5, '0')}) |\n`,
  );
  const text = ['# Invented list', '', ...toc, '', ...weeks].join('\n');
  const { analysis, ms } = bounded(text, 60_000);
  console.log(`10,000 weeks (${(text.length / 1e6).toFixed(1)} MB): analysis ${ms.toFixed(0)} ms`);
  assert.equal(analysis.list.weeks.length, 10_000);
  assert.equal(analysis.list.toc.length, 10_000);
  assert.deepEqual(analysis.problems.map((p) => `${p.rule} ${p.range.start.line}: ${p.message}`).slice(0, 5), []);
});

test('mixed CRLF/LF and a BOM: diagnostic columns and fixes are exact, line endings kept byte for byte', () => {
  const lines = [
    '\ufeff## Top ML Papers of the Week (Jun 23 - Jun 29) - 2025',
    HEADER.split('\n')[0],
    HEADER.split('\n')[1],
    '| 1) **Invented Alpha** - first. | [Paper](https://arxiv.org/abs/2506.00001), [Tweet)](https://x.com/a/status/1) |',
    '| 3. **Invented Beta** - second. | [Paper](https://arxiv.org/abs/2506.00002)',
    '',
  ];
  const text = lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 2 === 0 ? '\r\n' : '\n')).join('');
  const analysis = analyze(text, DEFAULT_SETTINGS);
  assert.equal(analysis.list.weeks.length, 1, 'the BOM does not hide the heading');
  const byRule = (rule: string) => analysis.problems.filter((p) => p.rule === rule);
  assert.deepEqual(
    byRule('row-number').map((p) => covered(text, p.range)),
    ['3.', '3.'],
  );
  assert.deepEqual(
    byRule('link-label').map((p) => covered(text, p.range)),
    ['Tweet)'],
  );
  assert.equal(byRule('table-row').length, 1);
  const fixed = fixAll(text, DEFAULT_SETTINGS);
  const expected = text
    .replace('[Tweet)]', '[Tweet]')
    .replace('| 3. **Invented Beta**', '| 2) **Invented Beta**')
    .replace('2506.00002)\r\n', '2506.00002) |\r\n');
  assert.equal(fixed.text, expected);
  assert.equal(applyEdits(text, fixed.edits), expected);
  holds(text);
});

test('emoji and CJK in titles: UTF-16 columns exact', () => {
  const title = '🚀 大規模言語モデル 👩‍💻 Invented';
  const text = [
    '## Top ML Papers of the Week (Jun 23 - Jun 29)',
    HEADER,
    `| 1) **${title}** - 说明 😀. | [Paper](https://arxiv.org/abs/2506.00001), [Tweet)](https://x.com/a/status/1) |`,
    `| 2) **${title}** - again. | [Paper](https://arxiv.org/abs/2506.00003) |`,
    '',
  ].join('\n');
  const analysis = analyze(text, DEFAULT_SETTINGS);
  const duplicates = analysis.problems.filter((p) => p.rule === 'duplicate-title');
  assert.equal(duplicates.length, 2);
  for (const p of duplicates) assert.equal(covered(text, p.range), title);
  const label = analysis.problems.find((p) => p.rule === 'link-label')!;
  assert.equal(covered(text, label.range), 'Tweet)');
  assert.equal(fixAll(text, DEFAULT_SETTINGS).text, text.replace('[Tweet)]', '[Tweet]'));
  holds(text);
});

test('headings and tables inside code fences are not weeks or rows', () => {
  const text = [
    '## Top ML Papers of the Week (Jun 23 - Jun 29)',
    HEADER,
    '| 1) **Invented Alpha** - first. | [Paper](https://arxiv.org/abs/2506.00001) |',
    '',
    '```markdown',
    '## Top ML Papers of the Week (Jun 16 - Jun 22)',
    HEADER,
    '| 7. **Example row** - shown as an example. | [Paper](#) |',
    '```',
    '',
    '~~~',
    '## Top ML Papers of the Week (Jun 9 - Jun 15)',
    '~~~',
  ].join('\n');
  const analysis = analyze(text, DEFAULT_SETTINGS);
  assert.equal(analysis.list.weeks.length, 1);
  assert.equal(analysis.list.weeks[0].rows.length, 1);
  assert.deepEqual(analysis.problems, []);
  holds(text);
});

test('an HTML comment spanning weeks hides the weeks inside it', () => {
  const week = (h: string, n: number) => [`## ${h}`, HEADER, `| 1) **Invented ${n}** - x. | [Paper](https://arxiv.org/abs/2506.0000${n}) |`, ''];
  const text = [
    ...week('Top ML Papers of the Week (Jun 23 - Jun 29)', 1),
    '<!-- drafts, not published yet',
    ...week('Top ML Papers of the Week (Jun 16 - Jun 22)', 2),
    ...week('Top ML Papers of the Week (Jun 16 - Jun 22)', 2),
    '-->',
    ...week('Top ML Papers of the Week (Jun 16 - Jun 22)', 3),
  ].join('\n');
  const analysis = analyze(text, DEFAULT_SETTINGS);
  const lastHeading = text.split('\n').lastIndexOf('## Top ML Papers of the Week (Jun 16 - Jun 22)');
  assert.deepEqual(
    analysis.list.weeks.map((w) => w.headingLine),
    [0, lastHeading],
  );
  assert.deepEqual(analysis.problems, [], 'the commented duplicates are not reported');
  holds(text);
});
