// The curator's weekly routine over LSP on stdio, on the 974 KB list (../shared/corpus): New Week, New Week again,
// a link label after VS Code's auto-closed `[]`, labels the row has, and finding a paper by its arXiv id.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { CompletionItem, CompletionList, Diagnostic, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../support/lspClient';
import { corpusFile, corpusSkip } from '../support/paths';
import { applyTextEdits } from '../support/text';
import type { EditResult, WeeksResult } from '../../server/src/protocol';

const LIST = corpusFile('potw-2025-07-README.md');
const skip = corpusSkip || (!existsSync(LIST) && `${LIST} not found`);

describe('weekly routine on the 974 KB list over stdio', { skip }, () => {
  let client: LspClient;
  let text: string;
  const uri = fileUri(LIST);

  const severityCount = (diagnostics: Diagnostic[], severity: number) => diagnostics.filter((d) => d.severity === severity).length;
  const replaceAll = async (next: string) => {
    const lines = text.split('\n');
    const diagnostics = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } }, text: next },
    ]);
    text = next;
    return diagnostics;
  };
  const complete = async (line: number, character: number): Promise<CompletionItem[]> => {
    const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return Array.isArray(result) ? result : result.items;
  };

  before(async () => {
    client = await LspClient.start();
    text = readFileSync(LIST, 'utf8');
    await client.open(uri, text);
  });
  after(async () => {
    await client.stop();
  });

  test('New Week adds no error and at most one warning; a second New Week adds no second week', async () => {
    const before = await client.waitForDiagnostics(uri, { version: client.version(uri) });
    const weeksBefore = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri } });
    const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri } });
    assert.ok(result.edits.length > 0);
    const added = await replaceAll(applyTextEdits(text, result.edits));
    assert.equal(severityCount(added, 1), severityCount(before.diagnostics, 1), 'no new error');
    assert.ok(severityCount(added, 2) <= severityCount(before.diagnostics, 2) + 1, 'at most one new warning');
    const unfinished = added.filter((d) => d.code === 'unfinished-week');
    assert.equal(unfinished.length, 1);
    assert.match(String(unfinished[0].message), /10 of 10 rows still to fill in/);
    const weeksAfter = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri } });
    assert.equal(weeksAfter.weeks.length, weeksBefore.weeks.length + 1);
    assert.equal(weeksAfter.weeks[0].worstSeverity, 'info', 'the new week is in progress, not red');
    assert.ok(weeksAfter.weeks[0].rows.every((r) => r.template));

    const again = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri } });
    assert.deepEqual(again.edits, []);
    assert.match(again.message ?? '', /still an untouched template/);
    assert.equal(again.selection?.line, weeksAfter.weeks[0].rows[0].range.start.line);
    const still = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri } });
    assert.equal(still.weeks.length, weeksAfter.weeks.length, 'no second week');
    // Back to the list as it was, for the next tests.
    await replaceAll(readFileSync(LIST, 'utf8'));
  });

  test('accepting "Code" after an auto-closed [] gives [Code](…), and labels the row has are not offered first', async () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\| *1\) .*\[Paper\]\(http.*\[Tweet\]\(http.*\|\s*$/.test(l));
    assert.notEqual(line, -1, 'a row with Paper and Tweet links');
    const at = lines[line].lastIndexOf('|');
    // What VS Code leaves after typing `, [` with auto-closing brackets: `, []` and the cursor between them.
    await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at } }, text: ', [] ' }]);
    text = applyTextEdits(text, [{ range: { start: { line, character: at }, end: { line, character: at } }, newText: ', [] ' }]);
    const cursor = at + 3;
    const items = await complete(line, cursor);
    assert.notEqual(items[0].label, 'Paper');
    assert.notEqual(items[0].label, 'Tweet');
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(!['Paper', 'Tweet'].includes(String(sorted[0].label)), `first offered: ${sorted[0].label}`);
    const code = items.find((i) => i.label === 'Code');
    assert.ok(code, `Code among ${items.map((i) => i.label).join(', ')}`);
    const edit = code.textEdit as TextEdit;
    // A snippet: `${1}` is where the cursor lands, between the parentheses.
    const accepted = applyTextEdits(text, [{ range: edit.range, newText: edit.newText.replace('${1}', '') }]).split('\n')[line];
    assert.ok(accepted.endsWith(', [Code]() |'), accepted);
    assert.equal(edit.newText, 'Code](${1})');
    await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at + 5 } }, text: '' }]);
    text = readFileSync(LIST, 'utf8');
  });

  test('workspace/symbol with an arXiv id finds its row', async () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /\[Paper\]\(https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}\)/.test(l));
    const id = /arxiv\.org\/abs\/(\d{4}\.\d{4,5})/.exec(lines[line])![1];
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: id });
    assert.ok(
      symbols.some((s) => s.location.uri === uri && s.location.range.start.line === line && s.name.includes(id)),
      `${id} (line ${line + 1}) among ${JSON.stringify(symbols.map((s) => [s.name, s.location.range.start.line]))}`,
    );
    const byUrl = await client.request<SymbolInformation[]>('workspace/symbol', { query: `https://arxiv.org/pdf/${id}v1` });
    assert.ok(byUrl.some((s) => s.location.range.start.line === line));
  });
});
