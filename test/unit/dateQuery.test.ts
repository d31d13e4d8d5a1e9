import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateQuery, weekMatches } from '../../client/src/dateQuery';
import type { WeekInfo } from '../../server/src/protocol';

function weekOf(start: [number, number, number?], end: [number, number, number?], year?: number): WeekInfo {
  const day = ([month, d, y]: [number, number, number?]) => ({ month, day: d, ...(y ? { year: y } : {}) });
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    uri: 'file:///l.md',
    heading: 'h',
    anchor: 'h',
    headingRange: range,
    range,
    start: day(start),
    end: day(end),
    year,
    rowCount: 0,
    problemCount: 0,
    rows: [],
  };
}

test('Go to Week queries: days, months, years, as curators type them', () => {
  assert.deepEqual(parseDateQuery('June 23'), { month: 6, day: 23, year: undefined });
  assert.deepEqual(parseDateQuery('feb 10'), { month: 2, day: 10, year: undefined });
  assert.deepEqual(parseDateQuery('Sept. 3, 2024'), { month: 9, day: 3, year: 2024 });
  assert.deepEqual(parseDateQuery('10 Feb'), { month: 2, day: 10, year: undefined });
  assert.deepEqual(parseDateQuery('Dec 2024'), { month: 12, year: 2024 });
  assert.deepEqual(parseDateQuery('2025-06-23'), { year: 2025, month: 6, day: 23 });
  assert.equal(parseDateQuery('Sparse attention'), undefined);
  assert.equal(parseDateQuery('June 32'), undefined);
  assert.equal(parseDateQuery('ma'), undefined);
});

test('a week matches a day inside it, a month it overlaps, and only its own year', () => {
  const june = weekOf([6, 23, 2025], [6, 29, 2025], 2025);
  assert.equal(weekMatches(june, parseDateQuery('June 25')!), true);
  assert.equal(weekMatches(june, parseDateQuery('June 30')!), false);
  assert.equal(weekMatches(june, parseDateQuery('Jun 2025')!), true);
  assert.equal(weekMatches(june, parseDateQuery('Jun 2024')!), false);
  const newYear = weekOf([12, 29, 2024], [1, 4, 2025], 2025);
  assert.equal(weekMatches(newYear, parseDateQuery('Jan 2')!), true);
  assert.equal(weekMatches(newYear, parseDateQuery('Dec 2024')!), true);
  assert.equal(weekMatches(newYear, parseDateQuery('Dec 30')!), true);
  assert.equal(weekMatches(newYear, parseDateQuery('Nov 2024')!), false);
  const undated = weekOf([2, 6], [2, 12]);
  assert.equal(weekMatches(undated, parseDateQuery('Feb 10')!), true);
});
