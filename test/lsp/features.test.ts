// Completions, hover, symbols, folding and the paperList/* requests over real stdio against dist/server.js.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  SymbolInformation,
  TextEdit,
  Position,
} from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../support/lspClient';
import { makeTempDir, samplePath } from '../support/paths';
import { applyTextEdits } from '../support/text';
import type { EditResult, RowDetailsResult, WeeksResult } from '../../server/src/protocol';
import { row } from '../support/lists';

const SAMPLE = readFileSync(samplePath, 'utf8');
const SAMPLE_LINES = SAMPLE.split('\n');

function lineOf(lines: readonly string[], needle: string): number {
  const index = lines.findIndex((l) => l.includes(needle));
  assert.notEqual(index, -1, `no line contains ${needle}`);
  return index;
}

/** A clean two-week list whose TOC lacks the older week. */
const TOC_LIST = [
  '# Reading list',
  '',
  '- [Top ML Papers of the Week (June 9 - June 15)](#top-ml-papers-of-the-week-june-9---june-15---2025)',
  '',
  '## Top ML Papers of the Week (June 9 - June 15) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  row('1)', 'Alpha Routing', 1),
  row('2)', 'Beta Memory', 2),
  '',
  '## Top ML Papers of the Week (June 2 - June 8) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  row('1)', 'Epsilon Agents', 5),
  row('2)', 'Zeta Scaling', 6),
  '',
].join('\n');

const insertLine = (line: number, text: string) => [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${text}\n` }];
const removeLine = (line: number) => [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }];

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

describe('language features over stdio', () => {
  let client: LspClient;
  let temp: ReturnType<typeof makeTempDir>;
  let uri: string;
  let sampleDiagnostics: Diagnostic[];
  const complete = (u: string, position: Position) => client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position });

  before(async () => {
    temp = makeTempDir();
    client = await LspClient.start({ workspaceFolders: [temp.dir] });
    uri = fileUri(join(temp.dir, 'papers.md'));
    sampleDiagnostics = await client.open(uri, SAMPLE);
  });
  after(async () => {
    await client.stop();
    temp.remove();
  });

  test('completion: next row number and row template on a new row, at the end and in the middle of a table', async () => {
    for (const [afterRow, expected] of [
      ['| 10) **Benchmarking Scientific Agents', 11],
      ['| 4) **Agents That Ask for Help', 5],
    ] as const) {
      const line = lineOf(SAMPLE_LINES, afterRow) + 1;
      await client.change(uri, insertLine(line, '| '));
      const items = await complete(uri, { line, character: 2 });
      const number = items.find((i) => i.label === `${expected})`);
      assert.ok(number, `${expected}) offered after ${afterRow}: ${JSON.stringify(items.map((i) => i.label))}`);
      const numberEdit = number.textEdit as TextEdit;
      assert.equal(
        applyTextEdits('| ', [
          {
            ...numberEdit,
            range: { start: { line: 0, character: numberEdit.range.start.character }, end: { line: 0, character: numberEdit.range.end.character } },
          },
        ]),
        `| ${expected}) `,
      );
      const template = items.find((i) => i.label !== number.label);
      assert.ok(template, 'a row template');
      assert.equal(template.insertTextFormat, 2, 'snippet');
      const templateText = (template.textEdit as TextEdit).newText;
      assert.match(templateText, new RegExp(`^\\| ${expected}\\) .*\\| \\[Paper\\]\\(\\$\\{?\\d.*\\[Tweet\\]\\(\\$\\{?\\d.*\\|`));
      assert.equal((template.textEdit as TextEdit).range.start.character, 0, 'the template replaces the typed "| "');
      await client.change(uri, removeLine(line));
    }
  });

  test('completion: link labels after "[" in the links cell only', async () => {
    const line = lineOf(SAMPLE_LINES, '| 3) **Verifier-Guided Code Repair');
    const at = SAMPLE_LINES[line].lastIndexOf(' |');
    await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at } }, text: ', [' }]);
    const items = await complete(uri, { line, character: at + 3 });
    const labels = items.map((i) => i.label);
    // The sample uses Paper 40 times and Tweet 39 times, but this row has both: they come last.
    assert.deepEqual(labels.slice(-2), ['Paper', 'Tweet']);
    assert.equal(items.at(-1)!.detail, 'Already in this row');
    assert.ok(labels.includes('Code'));
    const tweet = items.find((i) => i.label === 'Tweet')!;
    assert.equal((tweet.textEdit as TextEdit).range.start.character, at + 3, 'inserted right after "["');
    assert.match((tweet.textEdit as TextEdit).newText, /^Tweet\]\(/);
    await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at + 3 } }, text: '' }]);
    // In the title cell, "[" is not a link label position.
    const titleAt = SAMPLE_LINES[line].indexOf('**') + 2;
    await client.change(uri, [{ range: { start: { line, character: titleAt }, end: { line, character: titleAt } }, text: '[' }]);
    const inTitle = await complete(uri, { line, character: titleAt + 1 });
    assert.ok(!inTitle.some((i) => i.label === 'Paper'), JSON.stringify(inTitle.map((i) => i.label)));
    await client.change(uri, [{ range: { start: { line, character: titleAt }, end: { line, character: titleAt + 1 } }, text: '' }]);
  });

  test('completion: the next week heading after "## " above the newest week, not below it', async () => {
    const line = lineOf(SAMPLE_LINES, '## Top ML Papers of the Week (June 23 - June 29) - 2025');
    await client.change(uri, insertLine(line, '## '));
    const items = await complete(uri, { line, character: 3 });
    // The newest week ends Sunday June 29, 2025: the next one is June 30 - July 6, in the same style.
    assert.deepEqual(
      items.map((i) => (i.textEdit as TextEdit).newText),
      ['## Top ML Papers of the Week (June 30 - July 6) - 2025'],
    );
    await client.change(uri, removeLine(line));
    const below = lineOf(SAMPLE_LINES, '## Top ML Papers of the Week (June 16 - June 22) - 2025');
    await client.change(uri, insertLine(below, '## '));
    assert.deepEqual(await complete(uri, { line: below, character: 3 }), []);
    await client.change(uri, removeLine(below));
  });

  test('completion: the TOC entry for a week missing from the TOC; applied, the toc problem is gone', async () => {
    const tocUri = fileUri(join(temp.dir, 'toc.md'));
    const diagnostics = await client.open(tocUri, TOC_LIST);
    const lines = TOC_LIST.split('\n');
    const olderHeading = lineOf(lines, '## Top ML Papers of the Week (June 2 - June 8)');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['toc', olderHeading]],
    );
    const line = lineOf(lines, '- [Top ML Papers of the Week (June 9') + 1;
    await client.change(tocUri, insertLine(line, '- '));
    const items = await complete(tocUri, { line, character: 2 });
    assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.label)));
    const edit = items[0].textEdit as TextEdit;
    assert.equal(edit.newText, '- [Top ML Papers of the Week (June 2 - June 8)](#top-ml-papers-of-the-week-june-2---june-8---2025)');
    assert.deepEqual(await client.applyEdits(tocUri, [edit]), []);
    await client.close(tocUri);
  });

  test('hover on a row: week, number, paper id, and where else the paper and title appear', async () => {
    const first = lineOf(SAMPLE_LINES, '| 1) **Sparse Mixture Routers Revisited');
    const other = lineOf(SAMPLE_LINES, '| 5) **Sparse Mixture Routers Revisited');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: first, character: 12 } }));
    assert.match(text, /Row 1\b/);
    assert.match(text, /June 23 - June 29/);
    assert.match(text, /2506\.20001/);
    // "line 36" is a link that opens the other row: the document's URI with #L36.
    const link = `([line ${other + 1}](${uri}#L${other + 1}))`;
    assert.ok(text.includes(`Same paper also at: row 5 of week June 16 - June 22 ${link}`), text);
    assert.ok(text.includes(`Same title also at: row 5 of week June 16 - June 22 ${link}`), text);
    const plain = hoverText(
      await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: lineOf(SAMPLE_LINES, '| 2) **Federated Fine-Tuning'), character: 5 },
      }),
    );
    assert.match(plain, /Row 2\b.*June 2 - June 8/);
    assert.doesNotMatch(plain, /also at/);
    // A blank line between weeks has no hover.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: first - 4, character: 0 } }), null);
  });

  test('hover on a week heading: its dates and row count', async () => {
    const heading = lineOf(SAMPLE_LINES, '## Top ML Papers of the Week (June 8 - June 15)');
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: heading, character: 10 } }));
    const rows = SAMPLE_LINES.slice(heading + 3).findIndex((l) => !l.startsWith('|'));
    assert.equal(rows, 10);
    assert.match(text, /June 8 - June 15/);
    assert.match(text, /8 days/, 'the planted 8-day week shows its length');
    assert.match(text, /\b10 papers\b/);
  });

  test('document symbols: only the rows (the built-in Markdown symbols list the headings), each with its week; folding ranges per week', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const headings = SAMPLE_LINES.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('## Top ML Papers'));
    assert.equal(symbols.length, headings.length * 10, 'ten rows per week, no week symbols');
    assert.ok(!symbols.some((s) => s.name.startsWith('Top ML Papers')), 'no heading is listed twice');
    for (const symbol of symbols) {
      assert.match(symbol.name, /^\d+\) \S/);
      assert.equal(symbol.children, undefined);
      const week = headings.filter(([, line]) => line < symbol.range.start.line).at(-1)!;
      assert.ok(week[0].includes(`(${symbol.detail})`), `${symbol.name}: detail ${symbol.detail} names its week ${week[0]}`);
    }
    assert.equal(symbols[4].name, '5) Diffusion Planners for Robot Arms');
    const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      folding.map((f) => f.startLine),
      headings.map(([, i]) => i),
    );
    for (const [index, range] of folding.entries()) {
      const lastRow = headings[index][1] + 12; // heading, header, delimiter, ten rows
      assert.ok(range.endLine >= lastRow, `week ${index} folds through its last row`);
      if (index + 1 < headings.length) assert.ok(range.endLine < headings[index + 1][1], 'and stops before the next week');
    }
  });

  test('workspace symbols: papers by title across open lists', async () => {
    const tocUri = fileUri(join(temp.dir, 'second.md'));
    await client.open(tocUri, TOC_LIST);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'SPARSE' });
    assert.deepEqual(
      found.map((s) => [s.name, s.location.uri, s.location.range.start.line]).sort(),
      [
        ['Sparse Mixture Routers Revisited', uri, lineOf(SAMPLE_LINES, '| 1) **Sparse Mixture')],
        ['Sparse Mixture Routers Revisited', uri, lineOf(SAMPLE_LINES, '| 5) **Sparse Mixture')],
        ['Sparse Attention Kernels', uri, lineOf(SAMPLE_LINES, '| 4) **Sparse Attention')],
      ].sort(),
    );
    const zeta = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'zeta' });
    assert.deepEqual(
      zeta.map((s) => [s.name, s.location.uri, s.containerName]),
      [['Zeta Scaling', tocUri, 'June 2 - June 8']],
    );
    assert.deepEqual(await client.request('workspace/symbol', { query: 'no such paper anywhere' }), []);
    await client.close(tocUri);
  });

  test('paperList/weeks: shape, dates, rows and problem counts that agree with the diagnostics', async () => {
    const result = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri } });
    assert.equal(result.isPaperList, true);
    assert.equal(result.version, client.version(uri));
    assert.equal(result.weeks.length, 4);
    assert.equal(result.paperCount, 40);
    const current = await client.waitForDiagnostics(uri, { version: client.version(uri) });
    assert.equal(result.problemCount, current.diagnostics.length);
    assert.equal(current.diagnostics.length, sampleDiagnostics.length, 'the edits of earlier tests were all undone');
    const [newest] = result.weeks;
    assert.equal(newest.heading, 'Top ML Papers of the Week (June 23 - June 29) - 2025');
    assert.equal(newest.anchor, 'top-ml-papers-of-the-week-june-23---june-29---2025');
    assert.deepEqual([newest.start, newest.end, newest.year], [{ year: 2025, month: 6, day: 23 }, { year: 2025, month: 6, day: 29 }, 2025]);
    assert.equal(newest.headingRange.start.line, lineOf(SAMPLE_LINES, '## Top ML Papers of the Week (June 23'));
    for (const week of result.weeks) {
      assert.equal(week.rowCount, week.rows.length);
      const inWeek = current.diagnostics.filter((d) => d.range.start.line >= week.range.start.line && d.range.start.line <= week.range.end.line);
      assert.equal(week.problemCount, inWeek.length, week.heading);
      assert.equal(week.worstSeverity, inWeek.length > 0 ? 'warning' : undefined);
      const details = await client.request<RowDetailsResult>('paperList/rowDetails', {
        textDocument: { uri },
        lines: week.rows.map((r) => r.range.start.line),
      });
      assert.equal(details.version, result.version);
      week.rows.forEach((r, i) => {
        assert.equal(r.problemCount, current.diagnostics.filter((d) => d.range.start.line === r.range.start.line).length);
        assert.ok(r.paperUrl?.startsWith('https://arxiv.org/'));
        assert.equal(week.uri, uri);
        assert.deepEqual(
          details.rows[i]!.links.map((l) => l.label),
          ['Paper', 'Tweet'].map((l) => (r.title === 'Open Weights Audit' && l === 'Tweet' ? 'Tweet)' : l)),
        );
        assert.ok(details.rows[i]!.description.length > 0, 'rows carry their description in the details');
      });
    }
    const dotted = newest.rows[4];
    assert.deepEqual([dotted.number, dotted.title, dotted.paperUrl], ['5', 'Diffusion Planners for Robot Arms', 'https://arxiv.org/abs/2506.20005']);
    assert.equal(dotted.range.start.line, lineOf(SAMPLE_LINES, '| 5. **Diffusion Planners'));
    assert.equal(dotted.problemCount, 1);
    // The 8-day week keeps its dates as written.
    assert.deepEqual(
      [result.weeks[2].start, result.weeks[2].end],
      [
        { year: 2025, month: 6, day: 8 },
        { year: 2025, month: 6, day: 15 },
      ],
    );
  });

  test('paperList/weeks: worstSeverity is error when a placeholder link is in the week', async () => {
    const errUri = fileUri(join(temp.dir, 'worst.md'));
    await client.open(errUri, TOC_LIST.replace('https://arxiv.org/abs/2506.00005', 'TODO'));
    const result = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: errUri } });
    assert.deepEqual(
      result.weeks.map((w) => w.worstSeverity),
      [undefined, 'error'],
    );
    assert.equal(result.weeks[1].rows[0].problemCount, 1);
    await client.close(errUri);
  });

  test('paperList/newWeek: next week heading, table and TOC entry that re-check clean', async () => {
    const newUri = fileUri(join(temp.dir, 'new-week.md'));
    const before = await client.open(newUri, SAMPLE);
    const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri: newUri } });
    assert.ok(result.edits.length >= 2, 'a section and a TOC entry');
    const text = applyTextEdits(SAMPLE, result.edits);
    const lines = text.split('\n');
    const heading = lineOf(lines, '## Top ML Papers of the Week (June 30 - July 6) - 2025');
    assert.ok(heading < lineOf(lines, '## Top ML Papers of the Week (June 23 - June 29)'), 'newest first');
    const entry = lineOf(lines, '- [Top ML Papers of the Week (June 30 - July 6)](#top-ml-papers-of-the-week-june-30---july-6---2025)');
    assert.ok(entry < lineOf(lines, '- [Top ML Papers of the Week (June 23 - June 29)]'));
    assert.ok(result.selection, 'a cursor position');
    assert.match(lines[result.selection.line].slice(0, result.selection.character), /^\| 1\) +$/);
    const after = await client.applyEdits(newUri, result.edits);
    const weekDiagnostics = after.filter((d) => ['week-heading', 'week-sequence', 'toc'].includes(String(d.code)));
    assert.deepEqual(
      weekDiagnostics.filter((d) => d.range.start.line === heading || d.range.start.line === entry),
      [],
    );
    // The older week and TOC problems are still the same ones, shifted.
    assert.equal(weekDiagnostics.length, before.filter((d) => ['week-heading', 'week-sequence', 'toc'].includes(String(d.code))).length);
    const weeks = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: newUri } });
    assert.deepEqual(
      [weeks.weeks[0].start, weeks.weeks[0].end, weeks.weeks[0].rowCount],
      [{ year: 2025, month: 6, day: 30 }, { year: 2025, month: 7, day: 6 }, 10],
    );
    await client.close(newUri);
  });

  test('paperList/newWeek across a year end keeps the list style and takes the new year', async () => {
    const yearUri = fileUri(join(temp.dir, 'year-end.md'));
    const text = [
      '## Top ML Papers of the Week (Dec 22 - Dec 28) - 2025',
      '| **Paper** | **Links** |',
      '| --- | --- |',
      row('1)', 'Alpha Routing', 1),
      '',
    ].join('\n');
    await client.open(yearUri, text);
    const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri: yearUri } });
    const fixed = applyTextEdits(text, result.edits);
    assert.match(fixed, /^## Top ML Papers of the Week \(Dec 29 - Jan 4\) - 2026$/m);
    const after = await client.applyEdits(yearUri, result.edits);
    assert.deepEqual(
      after.filter((d) => d.code === 'week-sequence' || d.code === 'week-heading'),
      [],
    );
    await client.close(yearUri);
  });

  test('paperList/renumberWeek: one edit per wrong number token in the week at the position, nothing elsewhere', async () => {
    const renumberUri = fileUri(join(temp.dir, 'renumber.md'));
    await client.open(renumberUri, SAMPLE);
    const inWeek = lineOf(SAMPLE_LINES, '## Top ML Papers of the Week (June 2 - June 8)') + 1;
    const result = await client.request<EditResult>('paperList/renumberWeek', { textDocument: { uri: renumberUri }, position: { line: inWeek, character: 0 } });
    const expected = [
      ['| 8) **Compositional', '7)'],
      ['| 9) **Retrieval-Augmented', '8)'],
      ['| 10) **Unlearning', '9)'],
      ['| 11) **Small Models', '10)'],
    ] as const;
    assert.deepEqual(
      result.edits.map((e) => [e.range.start.line, SAMPLE_LINES[e.range.start.line].slice(e.range.start.character, e.range.end.character), e.newText]),
      expected.map(([needle, newText]) => [lineOf(SAMPLE_LINES, needle), needle.match(/\d+\)/)![0], newText]),
    );
    const after = await client.applyEdits(renumberUri, result.edits);
    const stillWrong = after.filter((d) => d.code === 'row-number').map((d) => d.range.start.line);
    assert.deepEqual(stillWrong, [lineOf(SAMPLE_LINES, '| 5. **Diffusion Planners')], 'only the other week is left');
    // A week already numbered 1..N, and a line outside any week: nothing to do.
    const clean = lineOf(SAMPLE_LINES, '| 3) **Multilingual Speech');
    assert.deepEqual(
      (await client.request<EditResult>('paperList/renumberWeek', { textDocument: { uri: renumberUri }, position: { line: clean, character: 4 } })).edits,
      [],
    );
    assert.deepEqual(
      (await client.request<EditResult>('paperList/renumberWeek', { textDocument: { uri: renumberUri }, position: { line: 0, character: 0 } })).edits,
      [],
    );
    await client.close(renumberUri);
  });
});
