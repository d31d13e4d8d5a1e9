// Rule levels from settings and inline disable comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeSettings, type SettingsWarning } from '../../server/src/settings';
import { doc, row, run, rulesOf, week } from './helpers';

const badRow = (n: string, title: string) => `| ${n} **${title}** - d | [Paper](xxx) |`;

test('"off" removes a rule, "error" changes its severity; invalid values warn and keep the default', () => {
  const text = week('Feb 13 - 19', [row(1, 'A'), badRow('3.', 'B')]);
  assert.ok(rulesOf(run(text), 'row-number').length > 0);
  assert.deepEqual(rulesOf(run(text, { rules: { 'row-number': 'off' } }), 'row-number'), []);
  const asError = rulesOf(run(text, { rules: { 'row-number': 'error' } }), 'row-number');
  assert.ok(asError.length > 0 && asError.every((p) => p.severity === 'error'));
  assert.ok(rulesOf(run(text), 'row-number').every((p) => p.severity === 'warning'));
  const warnings: SettingsWarning[] = [];
  const settings = sanitizeSettings({ rules: { 'row-number': 'loud', 'no-such-rule': 'off' }, requiredLinks: 'Paper' }, warnings);
  assert.equal(settings.rules['row-number'], 'warning');
  assert.deepEqual(settings.requiredLinks, ['Paper']);
  assert.equal(warnings.length, 3);
  assert.match(warnings.map((w) => w.message).join('\n'), /Unknown rule "no-such-rule"/);
});

test('disable-line at the end of a row silences that rule on the row, and is not part of the row', () => {
  const text = week('Feb 13 - 19', [row(1, 'A'), badRow('3.', 'B') + ' <!-- paper-list-disable-line row-number -->']);
  assert.deepEqual(
    run(text).map((p) => p.rule),
    ['placeholder-link'],
    'no row-number, and the comment does not hide the trailing pipe',
  );
  const named = week('Feb 13 - 19', [row(1, 'A'), badRow('3.', 'B') + ' <!-- paper-list-disable-line placeholder-link -->']);
  assert.deepEqual(
    run(named).map((p) => p.rule),
    ['row-number', 'row-number'],
  );
});

test("disable-next-line above a week heading silences that heading's problems only", () => {
  const text = doc('<!-- paper-list-disable-next-line week-heading -->', week('Jan 1-8', [row(1, 'A')]), week('Dec 20-28', [row(1, 'B')]));
  assert.deepEqual(
    rulesOf(run(text), 'week-heading').map((p) => p.range.start.line),
    [text.split('\n').findIndex((l) => l.includes('Dec 20-28'))],
  );
});

test('disable-next-line, block disable/enable, with and without rule names', () => {
  const lines = [
    '# List',
    '<!-- paper-list-disable-next-line placeholder-link -->',
    '[Draft](xxx)',
    '[Draft](xxx)',
    '<!-- paper-list-disable-next-line -->',
    '[Draft](TODO) [Code](xxx)',
    '<!-- paper-list-disable placeholder-link -->',
    '[Draft](xxx)',
    '[Draft](TBD)',
    '<!-- paper-list-enable placeholder-link -->',
    '[Draft](xxx)',
    '<!-- paper-list-disable -->',
    '[Draft](xxx)',
    '<!-- paper-list-enable -->',
    '[Draft](#)',
    '<!-- paper-list-disable-next-line missing-file, toc -->',
    '[Draft](xxx)',
    '',
    week('Feb 13 - 19', [row(1, 'A')]),
  ];
  const problems = rulesOf(run(lines.join('\n')), 'placeholder-link');
  assert.deepEqual(
    problems.map((p) => p.range.start.line + 1),
    [4, 11, 15, 17],
  );
});

test('a disable comment inside a code fence does nothing', () => {
  const text = doc('# List', '```', '<!-- paper-list-disable -->', '```', '[Draft](xxx)', '', week('Feb 13 - 19', [row(1, 'A')]));
  assert.equal(rulesOf(run(text), 'placeholder-link').length, 1);
});
