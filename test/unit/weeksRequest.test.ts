// paperList/weeks carries a revision so the tree skips a refresh when nothing it shows changed: the revision must stay
// while only what the tree ignores changes, and change with anything it shows, the problems outside the weeks included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { WeekCache } from '../../server/src/model/cache';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { weeksOf } from '../../server/src/features/weeksRequest';
import { doc, week } from './helpers';

const uri = 'file:///list.md';
const toc = (anchor: string) =>
  `- [Top ML Papers of the Week (Jan 1 - Jan 7)](#${anchor})\n- [Top ML Papers of the Week (Jan 8 - Jan 14)](#top-ml-papers-of-the-week-jan-8---jan-14)\n`;
// Built once: the helpers give every row a paper URL of its own.
const weeks = doc(week('Jan 8 - Jan 14'), week('Jan 1 - Jan 7'));
const list = (anchor: string) => `# Papers\n\n${toc(anchor)}\n${weeks}`;

test('the weeks revision stays while only what the tree ignores changes, and follows the problems outside the weeks', () => {
  const cache = new WeekCache();
  let version = 0;
  const answer = (text: string, known?: string) => {
    const analysis = analyze(text, DEFAULT_SETTINGS, { cache });
    return weeksOf({ uri, version: ++version, analysis, settings: DEFAULT_SETTINGS, isPaperList: true }, known);
  };
  const broken = answer(list('top-ml-papers-of-the-week-jan-1---jan-99'));
  assert.ok(broken.outside && broken.outside.problems.length > 0, 'a TOC entry to a missing anchor is a problem outside the weeks');
  // The same text again, and a row's links cell made longer (only its end column moves): nothing new to show.
  assert.equal(answer(list('top-ml-papers-of-the-week-jan-1---jan-99'), broken.revision).unchanged, true);
  const longer = list('top-ml-papers-of-the-week-jan-1---jan-99').replace(/\)\s*\|\n/, ')  |\n');
  assert.notEqual(longer, list('top-ml-papers-of-the-week-jan-1---jan-99'));
  assert.equal(answer(longer, broken.revision).unchanged, true);
  // Another broken anchor: the outside problem's message changes, and so does the revision.
  const other = answer(list('top-ml-papers-of-the-week-jan-1---jan-98'), broken.revision);
  assert.notEqual(other.unchanged, true);
  assert.notEqual(other.revision, broken.revision);
  assert.notDeepEqual(
    other.outside!.problems.map((p) => p.message),
    broken.outside!.problems.map((p) => p.message),
  );
  // Back to the first text: the first revision again (it is a function of what the tree shows, not of history).
  assert.equal(answer(list('top-ml-papers-of-the-week-jan-1---jan-99')).revision, broken.revision);
  // Fixed: the problem goes, the revision changes.
  const fixed = answer(list('top-ml-papers-of-the-week-jan-1---jan-7'), broken.revision);
  assert.notEqual(fixed.revision, broken.revision);
  assert.equal(fixed.outside?.problems.length ?? 0, 0);
});
