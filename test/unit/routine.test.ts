// The curator's weekly routine, in the core: template rows in progress, New Week twice, label completion,
// finding a paper by id or URL, renumber notes, the stated year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/analysis';
import { buildModel, statedYear } from '../../server/src/model/model';
import { WeekCache } from '../../server/src/model/cache';
import { newWeekEdits } from '../../server/src/features/newWeek';
import { completions } from '../../server/src/features/completions';
import { workspaceSymbols } from '../../server/src/features/symbols';
import { fixAll, fixAllMessage } from '../../server/src/fixAll';
import { applyEdits } from '../../server/src/textEdits';
import { HEADER, doc, lineOf, paperUrl, row, rows, run, rulesOf, settings, week } from './helpers';

const model = (text: string) => buildModel(text, new WeekCache());

function withNewWeek(text: string): string {
  const result = newWeekEdits(model(text));
  assert.ok(result && result.edits.length > 0);
  return applyEdits(text, result.edits);
}

test('New Week: its template rows are one "in progress" information at the heading, not two empty links per row', () => {
  const text = doc(week('Jun 23 - Jun 29) - 2025', rows(3)), week('Jun 16 - Jun 22) - 2025', rows(2, 'Older')));
  const added = withNewWeek(text);
  const problems = run(added);
  assert.deepEqual(
    problems.map((p) => `${p.rule} ${p.severity} ${p.message}`),
    ['unfinished-week info Week Jun 30 - Jul 6 is in progress: 10 of 10 rows still to fill in'],
  );
  assert.equal(problems[0].range.start.line, lineOf(added, '## Top ML Papers of the Week (Jun 30'));
  // Filling in one row: it is a row like any other again (its empty Tweet link is reported), the rest stay in progress.
  const first = lineOf(added, '| 1)  |');
  const filled = added.replace(
    '| 1)  | [Paper](), [Tweet]() |',
    '| 1) **Filled In** - a description. | [Paper](https://arxiv.org/abs/2507.00001), [Tweet]() |',
  );
  assert.deepEqual(
    rulesOf(run(filled)).map((p) => `${p.rule} ${p.range.start.line - first}`),
    ['unfinished-week -3', 'placeholder-link 0'],
  );
  assert.match(rulesOf(run(filled), 'unfinished-week')[0].message, /9 of 10 rows still to fill in/);
});

test('New Week on an untouched template moves there and says so, adding nothing', () => {
  const text = doc(week('Jun 23 - Jun 29) - 2025', rows(3)));
  const added = withNewWeek(text);
  const again = newWeekEdits(model(added))!;
  assert.deepEqual(again.edits, []);
  assert.equal(again.selection.line, lineOf(added, '| 1)  |'));
  assert.equal(again.selection.character, '| 1) '.length);
  assert.match(again.message!, /^Week Jun 30 - Jul 6 is still an untouched template \(10 rows to fill in\)/);
});

test("New Week writes rows in the list's own shape: its marker style, its columns, its link labels", () => {
  // Another curator's list: `(N)` markers, a date column, Paper and Code links.
  const shaped = (n: number, title: string) =>
    `| (${n}) **${title}** - a summary of ${title}. | July 3, 2024 | [Paper](${paperUrl()}), [Code](https://github.com/lab/${title}) |`;
  const header = '| Paper | Date | Links |\n| --- | --- | --- |';
  const section = (dates: string, titles: string[]) =>
    [`## Top ML Papers of the Week (${dates}) - 2024`, '', header, ...titles.map((t, i) => shaped(i + 1, t)), ''].join('\n');
  const text = doc(section('Jul 8 - Jul 14', ['Alpha', 'Beta', 'Gamma']), section('Jul 1 - Jul 7', ['Delta', 'Epsilon', 'Zeta']));
  const result = newWeekEdits(model(text))!;
  const added = applyEdits(text, result.edits);
  const firstRow = added.split('\n')[result.selection.line];
  assert.equal(firstRow, '| (1)  | | [Paper](), [Code]() |');
  assert.equal(firstRow.slice(0, result.selection.character), '| (1) ', 'the cursor goes after the marker');
  assert.ok(added.split('\n').includes('| (10)  | | [Paper](), [Code]() |'), 'ten rows, numbered in the same style');
  // The template is "in progress" and nothing else: no row-number, table-row or placeholder problem of its own.
  assert.deepEqual(run(text), []);
  assert.deepEqual(
    run(added).map((p) => p.rule),
    ['unfinished-week'],
  );
});

function labelItems(text: string, line: number, character: number) {
  return completions(model(text), { line, character });
}

test('link-label completion: auto-closed brackets, labels the row has last, one spelling per label', () => {
  const rowsWithCode = [
    '| 1) **Alpha** - a. | [Paper](https://arxiv.org/abs/2501.00001), [GitHub](https://github.com/a/b) |',
    '| 2) **Beta** - b. | [Paper](https://arxiv.org/abs/2501.00002), [Github](https://github.com/c/d), [Tweet](https://x.com/a/status/1) |',
    '| 3) **Gamma** - c. | [Paper](https://arxiv.org/abs/2501.00003), [GitHub](https://github.com/e/f), [Tweet](https://x.com/a/status/2), [] |',
  ];
  const text = doc(week('Jun 23 - Jun 29) - 2025', rowsWithCode));
  const line = lineOf(text, '| 3) **Gamma');
  const character = text.split('\n')[line].lastIndexOf('[]') + 1;
  const items = labelItems(text, line, character);
  const labels = items.map((i) => i.label);
  assert.equal(labels.filter((l) => l.toLowerCase() === 'github').length, 1, 'one spelling');
  assert.ok(labels.includes('GitHub') && !labels.includes('Github'), 'the most common spelling');
  assert.deepEqual(labels.slice(-3).sort(), ['GitHub', 'Paper', 'Tweet'], 'labels the row has come last');
  const code = items.find((i) => i.label === 'Code')!;
  const edit = code.textEdit as TextEdit;
  // The auto-closed `]` is replaced: accepting gives `[Code]($1)`, not `[Code]`.
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [character, character + 1]);
  assert.equal(edit.newText, 'Code](${1})');
  const after = applyEdits(text, [{ range: edit.range, newText: 'Code]()' }]);
  assert.ok(after.split('\n')[line].endsWith(', [Code]() |'));
  // When the parentheses are there already, only the label is inserted.
  const withParens = text.replace(', [] |', ', []() |');
  const plain = labelItems(withParens, line, character).find((i) => i.label === 'Code')!.textEdit as TextEdit;
  assert.equal(plain.newText, 'Code');
  assert.equal(plain.range.end.character, character);
});

test('workspace symbols find a paper by arXiv id, versioned id or pasted URL', () => {
  const text = doc(week('Jun 23 - Jun 29) - 2025', [row(1, 'Widget Scaling', 'https://arxiv.org/abs/2506.01234'), row(2, 'Other', 'https://widget.ai/paper')]));
  const lists = [{ uri: 'file:///list.md', list: model(text) }];
  const names = (query: string) => workspaceSymbols(lists, query).map((s) => s.name);
  assert.deepEqual(names('2506.01234'), ['Widget Scaling · arXiv 2506.01234']);
  assert.deepEqual(names('arXiv:2506.01234v3'), ['Widget Scaling · arXiv 2506.01234']);
  assert.deepEqual(names('https://arxiv.org/pdf/2506.01234v2'), ['Widget Scaling · arXiv 2506.01234']);
  assert.deepEqual(names('widget.ai'), ['Other · https://widget.ai/paper']);
  assert.deepEqual(names('scaling'), ['Widget Scaling']);
  assert.deepEqual(names('2506.09999'), []);
});

test('Fix All says what it did, and that a renumbered week ends with fewer rows than its numbers said', () => {
  const text = doc(week('Jun 23 - Jun 29) - 2025', [row(1, 'A'), row(2, 'B'), row(3, 'C'), row(5, 'D')]));
  const result = fixAll(text, settings());
  assert.equal(result.fixesApplied, 1);
  assert.equal(fixAllMessage(result), '1 fix applied. Week Jun 23 - Jun 29 now has 4 rows, numbered 1..4; its numbers went up to 5 (a row may be missing).');
  const inOrder = fixAll(doc(week('Jun 23 - Jun 29) - 2025', [row(1, 'A'), row(3, 'B'), row(2, 'C')])), settings());
  assert.equal(fixAllMessage(inOrder), '1 fix applied');
});

test('the year is what the list states: none for a list without years, the suffix or its neighbours otherwise', () => {
  const noYears = model(doc(week('Jun 23 - Jun 29'), week('Jun 16 - Jun 22')));
  assert.deepEqual(
    noYears.weeks.map((w) => statedYear(noYears, w)),
    [undefined, undefined],
  );
  const oneYear = model(doc(week('Jan 1 - Jan 7) - 2024'), week('Dec 25 - Dec 31')));
  assert.deepEqual(
    oneYear.weeks.map((w) => statedYear(oneYear, w)),
    [2024, 2023],
  );
  assert.ok(analyze(HEADER, settings()).problems.length === 0);
});
