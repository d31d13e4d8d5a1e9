// The week-local tier: an edit re-checks only the week it touched, a week that moved keeps its problems (shifted),
// and whatever a week check read from outside its text (the host's answers) invalidates them when it changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type Finding } from '../../server/src/analysis';
import { RULES } from '../../server/src/rules/index';
import { WeekCache } from '../../server/src/model/cache';
import { buildModel } from '../../server/src/model/model';
import { LineIndex } from '../../server/src/model/text';
import type { Rule } from '../../server/src/rules/rule';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { weekProblems } from '../../server/src/weekProblems';
import { doc, row, rows, run, week } from './helpers';

test('an edit re-checks only the week it touched; weeks below it keep their problems, shifted', () => {
  let checks = 0;
  const headingRule: Rule = {
    name: 'spy',
    description: 'reports every week heading',
    defaultSeverity: 'info',
    checkWeek({ week }, report) {
      checks++;
      report({ range: { start: { line: week.headingLine, character: 0 }, end: { line: week.headingLine, character: 2 } }, message: week.heading });
    },
  };
  const cache = new WeekCache();
  const problemsOf = (source: LineIndex) => {
    const list = buildModel(source, cache);
    return { list, problems: list.weeks.flatMap((w) => weekProblems(list, w, [headingRule], [true], DEFAULT_SETTINGS, undefined)) };
  };
  let index = new LineIndex(doc('# List', '', week('Feb 13 - 19'), week('Feb 6 - 12'), week('Jan 30 - Feb 5'), week('Jan 23 - 29')));
  problemsOf(index);
  assert.equal(checks, 4);
  // A row inserted into the second week moves the third and fourth down a line.
  const secondWeekRow = index.text
    .split('\n')
    .findIndex((l, i, all) => l.startsWith('| 1)') && all.slice(0, i).filter((x) => x.startsWith('## ')).length === 2);
  const at = index.lineStarts[secondWeekRow];
  index = index.edit(at, at, row(1, 'Inserted') + '\n');
  const { list, problems } = problemsOf(index);
  assert.equal(checks, 5, 'only the edited week is checked again');
  assert.deepEqual(
    problems.map((p) => p.problem.range.start.line),
    list.weeks.map((w) => w.headingLine),
  );
});

test("a week's missing-file problems follow the host's answers, not only its text", () => {
  const text = doc('# List', '', week('Feb 13 - 19', [...rows(2), '| 3) **Local** - d | [Paper](https://arxiv.org/abs/2101.00009), [Notes](notes/a.md) |']));
  const existing = new Set<string>();
  const fileExists = (path: string) => existing.has(path);
  const cache = new WeekCache();
  const missing = () => analyze(text, DEFAULT_SETTINGS, { cache, fileExists }).problems.filter((p) => p.rule === 'missing-file').length;
  assert.equal(missing(), 1);
  existing.add('notes/a.md');
  assert.equal(missing(), 0, 'the file appeared');
  existing.delete('notes/a.md');
  assert.equal(missing(), 1, 'the file went away again');
  assert.equal(analyze(text, DEFAULT_SETTINGS, { cache }).problems.filter((p) => p.rule === 'missing-file').length, 0, 'no host: nothing to ask');
});

/** Publishing order: by position, then by the rules' registry order (a stable sort keeps each rule's own order). */
function inPublishingOrder(problems: readonly Finding[]): boolean {
  const rank = new Map(RULES.map((r, i) => [r.name, i]));
  return problems.every((p, i) => {
    if (i === 0) return true;
    const a = problems[i - 1].range.start;
    const b = p.range.start;
    return (a.line - b.line || a.character - b.character || rank.get(problems[i - 1].rule)! - rank.get(p.rule)!) <= 0;
  });
}

test("the weeks' problems are merged with the cross-week ones in publishing order; at one place and rule, the week check's come first", () => {
  // The repeated heading has a week-local problem (its dates) and a cross-week one (the repeat) at the same place.
  const heading = '## Top ML Papers of the Week (Febtember 13 - 19)';
  const text = doc(
    '# List',
    '',
    week('Feb 20 - 26'),
    heading,
    '',
    ...week('Feb 6 - 12').split('\n').slice(2),
    heading,
    '',
    ...week('Jan 30 - Feb 5').split('\n').slice(2),
  );
  const problems = run(text);
  assert.ok(inPublishingOrder(problems), problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.rule}`).join(', '));
  const repeated = text.split('\n').lastIndexOf(heading);
  const atRepeat = problems.filter((p) => p.range.start.line === repeated && p.rule === 'week-heading').map((p) => p.message);
  assert.equal(atRepeat.length, 2, atRepeat.join(' | '));
  assert.match(atRepeat[0], /^Week heading .*expected "\(Month D - Month D\)"$/, 'the week check first');
  assert.match(atRepeat[1], /^Week heading repeats line \d+$/);
});

const root = resolve(__dirname, '../..');
const corpus = resolve(root, '../shared/corpus');

function assertPublishedInOrder(files: readonly string[]): void {
  for (const file of files) assert.ok(inPublishingOrder(analyze(readFileSync(file, 'utf8'), DEFAULT_SETTINGS).problems), file);
}

test('every fixture list is published in order (by position, then rule)', () => {
  const fixtures = join(root, 'test/fixtures');
  assertPublishedInOrder(
    readdirSync(fixtures)
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(fixtures, f)),
  );
});

test('every corpus list is published in order (by position, then rule)', { skip: !existsSync(corpus) && 'corpus absent (../shared/corpus)' }, () => {
  assertPublishedInOrder([
    ...readdirSync(join(corpus, 'history')).map((f) => join(corpus, 'history', f)),
    join(corpus, 'potw-2025-07-README.md'),
    join(corpus, 'potw-2023-02-README.md'),
  ]);
});
