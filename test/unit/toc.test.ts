import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/fixAll';
import { githubSlug } from '../../server/src/model/urls';
import { doc, rows, run, rulesOf, settings, week, where } from './helpers';

const heading = (dates: string) => `Top ML Papers of the Week (${dates})`;
const entry = (text: string, target: string, bullet = '-') => `${bullet} [${heading(text)}](${target})`;
const anchor = (dates: string) => githubSlug(heading(dates));
const weeks = (...dates: string[]) => dates.map((d, i) => week(d, rows(1, `W${i}`)));
const tocProblems = (text: string) => rulesOf(run(text), 'toc');
/** Lists that keep `./#anchor` on purpose turn relative-anchor off; the toc rule keeps their form. */
const KEEP_DOT_SLASH = { rules: { 'relative-anchor': 'off' } };

test('every TOC target form resolves: ./#, #, a GitHub URL, a blob README URL; - and * bullets', () => {
  const text = doc(
    '# List',
    '',
    entry('Feb 27 - Mar 5', `./#${anchor('Feb 27 - Mar 5')}`),
    entry('Feb 20-26', `#${anchor('Feb 20-26')}`, '*'),
    entry('Feb 13 - 19', `https://github.com/curator/papers#${anchor('Feb 13 - 19')}`),
    entry('Feb 6 - 12', `https://github.com/curator/papers/blob/main/README.md#${anchor('Feb 6 - 12')}`),
    '',
    ...weeks('Feb 27 - Mar 5', 'Feb 20-26', 'Feb 13 - 19', 'Feb 6 - 12'),
  );
  assert.deepEqual(run(text, KEEP_DOT_SLASH).map(where), []);
  assert.deepEqual(run(text).map(where), ['relative-anchor 3:48'], 'only the ./# form is reported, by relative-anchor');
});

test('an entry pointing at the previous week is retargeted to the week its text names', () => {
  const text = doc(
    entry('October 21 - October 27', `./#${anchor('October 14 - October 20')}`),
    entry('October 14 - October 20', `./#${anchor('October 14 - October 20')}`),
    '',
    ...weeks('October 21 - October 27', 'October 14 - October 20'),
  );
  const problems = tocProblems(text);
  assert.equal(problems.length, 2, 'both ends: the entry, and the week it names that no entry reaches');
  assert.equal(
    problems[0].message,
    `TOC entry "${heading('October 21 - October 27')}" points at week October 14 - October 20; expected #${anchor('October 21 - October 27')}`,
  );
  const lines = text.split('\n');
  assert.deepEqual(
    problems[0].related?.map((r) => r.range.start.line),
    [lines.indexOf(`## ${heading('October 14 - October 20')}`), lines.indexOf(`## ${heading('October 21 - October 27')}`)],
    'related: the week it points at and the week it names',
  );
  assert.equal(problems[1].range.start.line, lines.indexOf(`## ${heading('October 21 - October 27')}`));
  assert.equal(
    problems[1].message,
    'Week October 21 - October 27 is not reachable from the table of contents: its entry on line 1 points at week October 14 - October 20',
  );
  assert.equal(problems[1].related?.[0].range.start.line, 0, 'related: the entry');
  assert.equal(problems[1].fix, problems[0].fix, 'one fix for both ends');
  const fixed = fixAll(text, settings(KEEP_DOT_SLASH)).text;
  assert.ok(fixed.startsWith(entry('October 21 - October 27', `./#${anchor('October 21 - October 27')}`)));
  assert.deepEqual(run(fixed, KEEP_DOT_SLASH), []);
});

test('a copied entry with a stale text: the text is fixed, no duplicate entry is made', () => {
  const text = doc(
    entry('June 12 - June 18', `./#${anchor('June 19 - June 25')}`),
    entry('June 12 - June 18', `./#${anchor('June 12 - June 18')}`),
    '',
    ...weeks('June 19 - June 25', 'June 12 - June 18'),
  );
  const problems = tocProblems(text);
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      `TOC entry "${heading('June 12 - June 18')}" points at week June 19 - June 25, but its text names week June 12 - June 18, which the entry on line 2 lists; expected the text "${heading('June 19 - June 25')}"`,
    ],
  );
  const fixed = fixAll(text, settings(KEEP_DOT_SLASH)).text;
  assert.ok(fixed.startsWith(entry('June 19 - June 25', `./#${anchor('June 19 - June 25')}`)));
  assert.deepEqual(run(fixed, KEEP_DOT_SLASH), []);
});

test('empty, anchorless and unknown targets', () => {
  const text = doc(
    entry('Feb 20-26', ''),
    entry('Feb 13 - 19', 'xxx'),
    entry('Feb 6 - 12', '#top-ml-papers-of-the-week-feb-6---13'),
    '',
    ...weeks('Feb 20-26', 'Feb 13 - 19', 'Feb 6 - 12'),
  );
  assert.deepEqual(
    tocProblems(text).map((p) => p.message),
    [
      `TOC entry "${heading('Feb 20-26')}" has an empty target; expected #${anchor('Feb 20-26')}`,
      `TOC entry "${heading('Feb 13 - 19')}" links to "xxx", which has no #anchor`,
      `TOC entry "${heading('Feb 6 - 12')}" points at #top-ml-papers-of-the-week-feb-6---13, which matches no heading; expected #${anchor('Feb 6 - 12')}`,
      'Week Feb 6 - 12 is not reachable from the table of contents: its entry on line 3 points at #top-ml-papers-of-the-week-feb-6---13, which matches no heading',
    ],
  );
  const fixed = fixAll(text, settings()).text;
  assert.deepEqual(rulesOf(run(fixed), 'toc'), [], fixed.split('\n').slice(0, 3).join('\n'));
  assert.ok(fixed.includes(`[${heading('Feb 20-26')}](#${anchor('Feb 20-26')})`), 'an empty target gets the #anchor form, which works in every GitHub view');
});

test("a week missing from the TOC gets an entry inserted in its place, in the neighbours' style", () => {
  const text = doc(
    entry('Jun 23 - Jun 29', `./#${anchor('Jun 23 - Jun 29) - 2025')}`),
    entry('Jun 9 - Jun 15', `./#${anchor('Jun 9 - Jun 15) - 2025')}`),
    '',
    ...weeks('Jun 23 - Jun 29) - 2025', 'Jun 16 - Jun 22) - 2025', 'Jun 9 - Jun 15) - 2025'),
  );
  const problems = tocProblems(text);
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Week Jun 16 - Jun 22 has no entry in the table of contents'],
  );
  const fixed = fixAll(text, settings(KEEP_DOT_SLASH)).text;
  assert.deepEqual(fixed.split('\n').slice(0, 3), [
    entry('Jun 23 - Jun 29', `./#${anchor('Jun 23 - Jun 29) - 2025')}`),
    entry('Jun 16 - Jun 22', `./#${anchor('Jun 16 - Jun 22) - 2025')}`),
    entry('Jun 9 - Jun 15', `./#${anchor('Jun 9 - Jun 15) - 2025')}`),
  ]);
  assert.deepEqual(run(fixed, KEEP_DOT_SLASH), []);
});

test('duplicate entries and entries whose dates disagree with the heading', () => {
  const text = doc(
    entry('December 24 - December 31', `./#${anchor('December 25 - December 31')}`),
    entry('December 18 - December 24', `./#${anchor('December 18 - December 24')}`),
    entry('December 18 - December 24', `./#${anchor('December 18 - December 24')}`),
    '',
    ...weeks('December 25 - December 31', 'December 18 - December 24'),
  );
  assert.deepEqual(
    tocProblems(text).map((p) => `${where(p)} ${p.message}`),
    [
      `toc 1:${entry('December 24 - December 31', '').length} TOC entry "${heading('December 24 - December 31')}" points at week December 25 - December 31, whose dates differ from the entry text; expected the text "${heading('December 25 - December 31')}"`,
      `toc 3:3 TOC entry "${heading('December 18 - December 24')}" repeats the entry on line 2 (both for week December 18 - December 24)`,
    ],
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.startsWith(entry('December 25 - December 31', `#${anchor('December 25 - December 31')}`)), 'the text is rewritten from the heading');
});

test('malformed entry text (unbalanced parenthesis, no dates) is reported and rewritten from its heading', () => {
  const text = doc(
    `- [${heading('Feb 20-26').slice(0, -1)}](#${anchor('Feb 20-26')})`,
    `- [Top ML Papers of the Week](#${anchor('Feb 13 - 19')})`,
    '',
    ...weeks('Feb 20-26', 'Feb 13 - 19'),
  );
  assert.deepEqual(
    tocProblems(text).map((p) => p.message),
    [
      `TOC entry text "${heading('Feb 20-26').slice(0, -1)}" is malformed (no dates); expected "${heading('Feb 20-26')}"`,
      `TOC entry text "Top ML Papers of the Week" is malformed (no dates); expected "${heading('Feb 13 - 19')}"`,
    ],
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.startsWith(`${entry('Feb 20-26', `#${anchor('Feb 20-26')}`)}\n${entry('Feb 13 - 19', `#${anchor('Feb 13 - 19')}`)}`));
  assert.deepEqual(run(fixed), []);
});

test("TOC entries for repeated headings use GitHub's -1 suffix", () => {
  const text = doc(
    entry('Feb 13 - 19', `#${anchor('Feb 13 - 19')}`),
    entry('Feb 13 - 19', `#${anchor('Feb 13 - 19')}-1`),
    '',
    ...weeks('Feb 13 - 19', 'Feb 13 - 19'),
  );
  assert.deepEqual(
    tocProblems(text).map((p) => p.message),
    [],
  );
});

test('a list without a TOC is not asked to have one', () => {
  assert.deepEqual(tocProblems(doc('# List', '', ...weeks('Feb 20-26', 'Feb 13 - 19'))), []);
});

test('relative-anchor: ./#anchor is information with a fix to #anchor that fix-all applies; off keeps ./#', () => {
  const text = doc(
    entry('Feb 20-26', `./#${anchor('Feb 20-26')}`),
    entry('Feb 13 - 19', `#${anchor('Feb 13 - 19')}`),
    '',
    ...weeks('Feb 20-26', 'Feb 13 - 19'),
  );
  const problems = rulesOf(run(text), 'relative-anchor');
  assert.deepEqual(
    problems.map((p) => [p.severity, p.message]),
    [['info', `Link "./#${anchor('Feb 20-26')}" does not work in GitHub's file view; expected "#${anchor('Feb 20-26')}"`]],
  );
  const fixed = fixAll(text, settings()).text;
  assert.equal(fixed, text.replace('](./#', '](#'), 'fix-all drops the ./ and nothing else');
  assert.deepEqual(run(fixed), [], 'the entry still resolves');
  assert.equal(fixAll(text, settings(KEEP_DOT_SLASH)).text, text, 'with the rule off the form is kept');
});
