import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWeekDates, monthNumber, weekSpan, formatRange, dayNumber, fromDayNumber } from '../../server/src/model/dates';
import { inferYears } from '../../server/src/model/model';

function dates(text: string) {
  const parsed = parseWeekDates(text);
  assert.ok(parsed.ok, `${text} parses: ${parsed.ok ? '' : parsed.reason}`);
  return parsed.dates;
}

test('month names: full, abbreviated, Sept, trailing dot; unknown is 0', () => {
  assert.deepEqual(['January', 'jan', 'Feb.', 'Sept', 'sep', 'December'].map(monthNumber), [1, 1, 2, 9, 9, 12]);
  assert.equal(monthNumber('Ju'), 0);
  assert.equal(monthNumber('Janvier'), 0);
  assert.equal(monthNumber('Juno'), 0);
});

test('heading date forms', () => {
  const cases: [string, [number, number, number, number, number | undefined]][] = [
    ['Top ML Papers of the Week (Jun 23 - Jun 29) - 2025', [6, 23, 6, 29, 2025]],
    ['Top ML Papers of the Week (Jan 30-Feb 5)', [1, 30, 2, 5, undefined]],
    ['Top ML Papers of the Week (May 29 - June 4)', [5, 29, 6, 4, undefined]],
    ['Top ML Papers of the Week (Feb 13 - 19)', [2, 13, 2, 19, undefined]],
    ['Top ML Papers of the Week (December 30 - January 5) - 2025', [12, 30, 1, 5, 2025]],
    ['Top ML Papers of the Week (Mar 6–Mar 12)', [3, 6, 3, 12, undefined]],
  ];
  for (const [text, [sm, sd, em, ed, year]] of cases) {
    const d = dates(text);
    assert.deepEqual([d.start.month, d.start.day, d.end.month, d.end.day, d.year], [sm, sd, em, ed, year], text);
  }
});

test('date columns cover the text inside the parentheses and the start date', () => {
  const text = 'Top ML Papers of the Week (April 6 - April 13) - 2025';
  const d = parseWeekDates(text, 3);
  assert.ok(d.ok);
  assert.equal(('## ' + text).slice(d.dates.startColumn, d.dates.endColumn), 'April 6 - April 13');
  assert.equal(('## ' + text).slice(d.dates.startDateColumn, d.dates.startDateEndColumn), 'April 6');
  assert.deepEqual(d.dates.style, { fullMonths: true, repeatMonth: true, spacedDash: true });
  assert.deepEqual(d.dates.missingSpaces, []);
});

test('March4: read leniently, with the column where the space is missing', () => {
  const d = parseWeekDates('Top ML Papers of the Week (March4 - March 10) - 2024', 0);
  assert.ok(d.ok);
  assert.deepEqual(
    [d.dates.start, d.dates.end],
    [
      { month: 3, day: 4 },
      { month: 3, day: 10 },
    ],
  );
  assert.deepEqual(d.dates.missingSpaces, ['Top ML Papers of the Week (March'.length]);
});

test('dates that do not parse say why', () => {
  const reason = (text: string) => {
    const p = parseWeekDates(text);
    assert.ok(!p.ok, text);
    return p.reason;
  };
  assert.match(reason('Top ML Papers of the Week'), /no date range/);
  assert.match(reason('Top ML Papers of the Week (Smarch 3 - Smarch 9)'), /unknown month "Smarch"/);
  assert.match(reason('Top ML Papers of the Week (Feb 30 - Mar 7)'), /no day 30 in February/);
  assert.match(reason('Top ML Papers of the Week (soon)'), /do not read as "Month D - Month D"/);
});

test('weeks crossing New Year resolve to consecutive days', () => {
  const d = dates('Top ML Papers of the Week (December 30 - January 5) - 2025');
  const span = weekSpan(d, 2025);
  assert.equal(span.end - span.start, 6);
  assert.deepEqual(fromDayNumber(span.start), { year: 2024, month: 12, day: 30 });
  assert.equal(span.start, dayNumber(2024, 12, 30));
});

test('formatRange follows the heading style', () => {
  const start = dayNumber(2023, 2, 13);
  assert.equal(formatRange(start, start + 6, { fullMonths: false, repeatMonth: false, spacedDash: true }), 'Feb 13 - 19');
  assert.equal(formatRange(start, start + 6, { fullMonths: true, repeatMonth: true, spacedDash: false }), 'February 13-February 19');
  assert.equal(formatRange(dayNumber(2023, 1, 30), dayNumber(2023, 2, 5), { fullMonths: false, repeatMonth: false, spacedDash: false }), 'Jan 30-Feb 5');
});

test('year inference: explicit suffixes win, others follow their neighbours across New Year', () => {
  const list = ['(Jan 13 - Jan 19) - 2025', '(Jan 6 - Jan 12)', '(December 30 - January 5) - 2025', '(December 23 - December 29)', '(Dec 16 - Dec 22)'].map(
    (t) => dates(`Top ML Papers of the Week ${t}`),
  );
  assert.deepEqual(inferYears(list), [2025, 2025, 2025, 2024, 2024]);
});

test('year inference without any year: a nominal year keeps weeks in order across New Year', () => {
  const list = ['(Jan 2 - Jan 8)', '(Dec 26 - Jan 1)', '(Dec 19 - Dec 25)'].map((t) => dates(`Top ML Papers of the Week ${t}`));
  const years = inferYears(list);
  const spans = list.map((d, i) => weekSpan(d, years[i]!));
  assert.equal(spans[0].start, spans[1].end + 1);
  assert.equal(spans[1].start, spans[2].end + 1);
  assert.equal(years[1], years[0], 'Dec 26 - Jan 1 ends in the same year Jan 2 starts');
  assert.equal(years[2], years[0]! - 1);
});

test('year inference steps over weeks without dates', () => {
  const list = [dates('Top ML Papers of the Week (Jan 6 - Jan 12) - 2025'), undefined, dates('Top ML Papers of the Week (Dec 23 - Dec 29)')];
  assert.deepEqual(inferYears(list), [2025, undefined, 2024], 'the undated week is stepped over');
});
