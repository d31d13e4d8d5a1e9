import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/fixAll';
import { doc, rows, run, rulesOf, settings, week, where, columnOf } from './helpers';

const w = (dates: string, prefix = dates) => week(dates, rows(2, prefix));

test('consecutive 7-day weeks, newest first, across months and New Year: silent', () => {
  const list = doc(
    w('January 6 - January 12) - 2025'),
    w('December 30 - January 5) - 2025'),
    w('December 23 - December 29'),
    w('Dec 16-22'),
    w('Dec 9 - Dec 15'),
    w('Dec 2 - Dec 8'),
  );
  assert.deepEqual(
    run(list).map((p) => `${where(p)} ${p.message}`),
    [],
  );
});

test('week-heading: a range that is not 7 days says what 7 days would be: the days its neighbours leave it', () => {
  const text = doc(w('Jan 9-15', 'a'), w('Jan 1-8', 'b'));
  const problems = rulesOf(run(text), 'week-heading');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].message, 'Week Jan 1-8 spans 8 days; expected 7 (Jan 2 - Jan 8)', 'the newer week starts Jan 9, so this one ends Jan 8');
  assert.deepEqual(problems[0].range.start, columnOf(text, 'Jan 1-8'));
  assert.deepEqual(
    problems[0].fix?.edits.map((e) => e.newText),
    ['Jan 2-8'],
  );
  const alone = rulesOf(run(w('Jan 1-8', 'b')), 'week-heading');
  assert.equal(alone[0].fix, undefined, 'without a neighbour no end of the label is known to be wrong');
});

test('week-heading: unknown month and unparseable dates', () => {
  const problems = rulesOf(run(doc(w('Smarch 3 - Smarch 9', 'a'), w('Feb 24 - Mar 2', 'b'))), 'week-heading');
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Week heading has an unknown month "Smarch"; expected "(Month D - Month D)"'],
  );
});

test('week-heading: March4 is reported with a fix that adds the space, after which the TOC entry resolves', () => {
  const text = doc(
    '- [Top ML Papers of the Week (March 4 - March 10)](#top-ml-papers-of-the-week-march-4---march-10---2024)',
    '',
    w('March4 - March 10) - 2024', 'a'),
  );
  const problems = run(text);
  assert.deepEqual(
    problems.map((p) => `${where(p)} ${p.message}`),
    [`week-heading 3:${columnOf(text, 'March4').character + 1} Week heading has no space between month and day in "March4"; expected "March 4"`],
    'the TOC entry is right: only the heading is reported',
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.includes('(March 4 - March 10) - 2024'));
  assert.deepEqual(run(fixed), []);
});

test('week-heading: a repeated heading points at the first', () => {
  const text = doc(w('Feb 13 - 19', 'a'), w('Feb 13 - 19', 'b'));
  const repeat = rulesOf(run(text), 'week-heading');
  assert.equal(repeat.length, 1);
  assert.equal(repeat[0].message, 'Week heading repeats line 1');
  assert.equal(repeat[0].related?.[0].range.start.line, 0);
});

test('an eight-day April 6 - April 13 label is one problem (week-heading, not also week-sequence), fixed to start April 7', () => {
  const text = doc(w('April 6 - April 13) - 2025', 'a'), w('March 31 - April 6) - 2025', 'b'));
  assert.deepEqual(rulesOf(run(text), 'week-sequence'), []);
  const heading = rulesOf(run(text), 'week-heading');
  assert.deepEqual(
    heading.map((p) => p.message),
    ['Week April 6 - April 13 spans 8 days; expected 7 (April 7 - April 13)'],
  );
  assert.ok(heading[0].fix);
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.startsWith('## Top ML Papers of the Week (April 7 - April 13) - 2025'));
  assert.deepEqual(run(fixed), []);
});

test('week-sequence: gaps and reordering are reported without a fix', () => {
  const gap = rulesOf(run(doc(w('Feb 20-26', 'a'), w('Feb 6-12', 'b'))), 'week-sequence');
  assert.equal(gap.length, 1);
  assert.equal(gap[0].message, 'Week Feb 20-26 leaves a gap of 7 days after Feb 6-12; expected it to start Feb 13');
  assert.equal(gap[0].fix, undefined);
  // Without a year suffix too: the nearer year is chosen, so the weeks read as swapped, not as a year apart.
  const reordered = rulesOf(run(doc(w('Feb 6-12', 'a'), w('Feb 13-19', 'b'))), 'week-sequence');
  assert.equal(reordered.length, 1);
  assert.match(reordered[0].message, /comes before Feb 13-19 in time but is listed above it; weeks are newest first/);
});

test('week-sequence: years are inferred for weeks without a suffix, across New Year', () => {
  const text = doc(w('Jan 2 - Jan 8', 'a'), w('Dec 26 - Jan 1', 'b'), w('Dec 19 - Dec 25', 'c'));
  assert.deepEqual(run(text), []);
  const overlap = doc(w('Jan 1 - Jan 7', 'a'), w('Dec 26 - Jan 1', 'b'));
  assert.equal(rulesOf(run(overlap), 'week-sequence').length, 1);
});

test('week conventions: a skipped week is information, an overlap stays a warning, an eight-day convention is silent', () => {
  const skipped = run(doc(w('Feb 20 - Feb 26) - 2023', 'a'), w('Feb 6 - Feb 12) - 2023', 'b')));
  assert.deepEqual(
    skipped.map((p) => [p.rule, p.severity]),
    [['week-sequence', 'info']],
  );
  const overlap = run(doc(w('Feb 12 - Feb 18) - 2023', 'a'), w('Feb 6 - Feb 12) - 2023', 'b')));
  assert.deepEqual(
    overlap.map((p) => [p.rule, p.severity]),
    [['week-sequence', 'warning']],
  );
  // Sunday to Sunday, each week sharing its first day with the week before: the list's own convention.
  const sundays = doc(w('Mar 23 - Mar 30) - 2025', 'a'), w('Mar 16 - Mar 23) - 2025', 'b'), w('Mar 9 - Mar 16) - 2025', 'c'), w('Mar 2 - Mar 9) - 2025', 'd'));
  assert.deepEqual(run(sundays), []);
});

test('an eight-day label fixed: every TOC entry that linked it still resolves, its text follows the heading', () => {
  const slug = (dates: string) => `top-ml-papers-of-the-week-${dates.toLowerCase().replace(/ - /g, '---').replace(/ /g, '-')}---2025`;
  const entries = ['May 5 - May 11', 'April 27 - May 4', 'April 21 - April 27'].map((d) => `- [Top ML Papers of the Week (${d})](#${slug(d)})`);
  const text = doc(...entries, '', w('May 5 - May 11) - 2025', 'a'), w('April 27 - May 4) - 2025', 'b'), w('April 21 - April 27) - 2025', 'c'));
  const problems = run(text);
  assert.deepEqual(
    problems.map((p) => `${p.rule} ${p.message}`),
    ['week-heading Week April 27 - May 4 spans 8 days; expected 7 (April 28 - May 4)'],
  );
  const fixed = fixAll(text, settings()).text;
  assert.ok(fixed.includes(`- [Top ML Papers of the Week (April 28 - May 4)](#${slug('April 28 - May 4')})`));
  assert.deepEqual(run(fixed), [], 'the heading and its entry changed together');
});
