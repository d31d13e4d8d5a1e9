// Multi-file lists over LSP stdio: New Week across the index and the year files (also when a new year starts), hover,
// completion and workspace symbols that see every file of the list, opened or not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, Hover, MarkupContent, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri } from '../support/lspClient';
import { makeTempDir } from '../support/paths';
import { runCli } from '../support/cli';
import { copyList, countIndexLinks, multiFixture } from '../support/multiList';
import { applyEdits } from '../../server/src/textEdits';
import type { EditResult } from '../../server/src/protocol';
import type { JsonProblem } from '../../server/src/cli/formats';

const temp = makeTempDir('paper-list-multi-features-');
after(temp.remove);

async function tocProblems(dir: string): Promise<string[]> {
  const result = await runCli(['check', '--format', 'json'], { cwd: dir });
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  return (JSON.parse(result.stdout) as JsonProblem[]).filter((p) => p.rule === 'toc').map((p) => `${p.file}: ${p.message}`);
}

/** Writes a New Week result to disk the way the client applies it: created files first, then every file's edits. */
function applyResult(dir: string, result: EditResult): void {
  for (const uri of result.createFiles ?? []) writeFileSync(new URL(uri), '');
  for (const [uri, edits] of Object.entries(result.changes ?? {})) writeFileSync(new URL(uri), applyEdits(readFileSync(new URL(uri), 'utf8'), edits));
  assert.ok(dir);
}

const text = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

describe('New Week on a multi-file list', () => {
  test('the week goes at the top of the newest year file, in its style, and its entry first in its year group', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'same-year'));
    const y2026 = fileUri(join(dir, 'years/2026.md'));
    const indexUri = fileUri(join(dir, 'README.md'));
    const tocBefore = await tocProblems(dir);
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      await client.open(indexUri, readFileSync(join(dir, 'README.md'), 'utf8'));
      const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri: indexUri } });
      assert.equal(result.createFiles, undefined);
      assert.deepEqual(Object.keys(result.changes!).sort(), [indexUri, y2026].sort());
      assert.equal(result.selectionUri, y2026);
      const [week] = result.changes![y2026] as TextEdit[];
      const yearLines = readFileSync(join(dir, 'years/2026.md'), 'utf8').split('\n');
      assert.equal(week.range.start.line, yearLines.indexOf('## Top Papers of the Week (January 19 - January 25) - 2026'));
      const inserted = week.newText.split('\n');
      assert.deepEqual(inserted.slice(0, 3), ['## Top Papers of the Week (January 26 - February 1) - 2026', yearLines[9], yearLines[10]]);
      assert.deepEqual(inserted.slice(-4), ['', '---', '', ''], 'separated from the week below by ---, as the file does');
      const [entry] = result.changes![indexUri] as TextEdit[];
      const indexLines = readFileSync(join(dir, 'README.md'), 'utf8').split('\n');
      assert.equal(entry.range.start.line, indexLines.indexOf('## 2026') + 1);
      assert.equal(
        entry.newText,
        '- [Top Papers of the Week (January 26 - February 1)](years/2026.md#top-papers-of-the-week-january-26---february-1---2026)\n',
      );
      applyResult(dir, result);
    } finally {
      await client.stop();
    }
    assert.deepEqual(await tocProblems(dir), tocBefore, 'no new toc problem');
    assert.deepEqual(countIndexLinks(join(dir, 'README.md')), { resolving: 5, broken: 0 });
  });

  test('a week that starts a new year creates years/<year>.md with the other files’ header and a ## <year> group, newest first', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'new-year'));
    rmSync(join(dir, 'years/2026.md'));
    const indexPath = join(dir, 'README.md');
    writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace(/## 2026\n(- .*\n)+\n/, ''));
    const y2025 = fileUri(join(dir, 'years/2025.md'));
    const y2026 = fileUri(join(dir, 'years/2026.md'));
    const indexUri = fileUri(indexPath);
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      await client.open(y2025, readFileSync(join(dir, 'years/2025.md'), 'utf8'));
      const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri: y2025 } });
      assert.deepEqual(result.createFiles, [y2026]);
      assert.equal(result.selectionUri, y2026);
      const created = applyEdits('', result.changes![y2026]);
      const header2025 = readFileSync(join(dir, 'years/2025.md'), 'utf8').split('\n').slice(0, 8);
      assert.deepEqual(
        created.split('\n').slice(0, 8),
        header2025.map((line) => line.replace('2025', '2026')),
      );
      assert.equal(created.split('\n')[8], '## Top Papers of the Week (December 29 - January 4) - 2026');
      assert.equal(created.split('\n')[result.selection!.line].slice(0, result.selection!.character), '| 1) ');
      const index = applyEdits(readFileSync(indexPath, 'utf8'), result.changes![indexUri]).split('\n');
      const group = index.indexOf('## 2026');
      assert.ok(group > 0 && group < index.indexOf('## 2025'), 'the new group goes above the newest one');
      assert.equal(
        index[group + 1],
        '- [Top Papers of the Week (December 29 - January 4)](years/2026.md#top-papers-of-the-week-december-29---january-4---2026)',
      );
      applyResult(dir, result);
    } finally {
      await client.stop();
    }
    assert.ok(existsSync(join(dir, 'years/2026.md')));
    assert.deepEqual(await tocProblems(dir), []);
    assert.deepEqual(countIndexLinks(indexPath), { resolving: 3, broken: 0 });
  });
  test('entries linking with GitHub URLs: the new year file’s entry is the same URL with the new file name', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'new-year-urls'));
    rmSync(join(dir, 'years/2026.md'));
    const indexPath = join(dir, 'README.md');
    const urls = readFileSync(indexPath, 'utf8')
      .replace(/## 2026\n(- .*\n)+\n/, '')
      .replace(/\(years\//g, '(https://github.com/invented/papers/blob/main/years/');
    writeFileSync(indexPath, urls);
    const y2025 = fileUri(join(dir, 'years/2025.md'));
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      await client.open(y2025, readFileSync(join(dir, 'years/2025.md'), 'utf8'));
      const result = await client.request<EditResult>('paperList/newWeek', { textDocument: { uri: y2025 } });
      const index = applyEdits(urls, result.changes![fileUri(indexPath)]).split('\n');
      assert.equal(
        index[index.indexOf('## 2026') + 1],
        '- [Top Papers of the Week (December 29 - January 4)](https://github.com/invented/papers/blob/main/years/2026.md#top-papers-of-the-week-december-29---january-4---2026)',
      );
      applyResult(dir, result);
    } finally {
      await client.stop();
    }
    assert.deepEqual(await tocProblems(dir), []);
    assert.deepEqual(countIndexLinks(indexPath), { resolving: 3, broken: 0 });
  });
});

describe('hover, completion and workspace symbols across files', () => {
  const dir = copyList(multiFixture, join(temp.dir, 'features'));
  const indexUri = fileUri(join(dir, 'README.md'));
  const y2026 = fileUri(join(dir, 'years/2026.md'));
  const y2025 = fileUri(join(dir, 'years/2025.md'));
  const indexLines = readFileSync(join(dir, 'README.md'), 'utf8').split('\n');
  const yearLines = readFileSync(join(dir, 'years/2026.md'), 'utf8').split('\n');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [dir] });
    await client.open(y2026, yearLines.join('\n'));
  });
  after(() => client.stop());

  test('workspace symbols find papers of files that are not open', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'glass memory' });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.location.uri, s.location.range.start.line]),
      [['Glass Memory', y2025, 12]],
    );
  });

  test('hover on a row names the other file and line holding the same paper, as a link', async () => {
    const line = yearLines.findIndex((l) => l.includes('**Moss Transformers**'));
    const value = text(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: y2026 }, position: { line, character: 5 } }));
    assert.match(value, /Same paper also at: row 1 of week December 22 - December 28 in \[years\/2025\.md:12\]\(file:\/\/\S+\/years\/2025\.md#L12\)/);
    assert.match(value, /Same title also at: row 1 of week December 22 - December 28 in \[years\/2025\.md:12\]/);
  });

  test('hover on an index entry shows its week, or why it resolves to none', async () => {
    const broken = indexLines.map((l) =>
      l
        .replace('years/2025.md#top-papers-of-the-week-december-15', 'years/2025.md#top-papers-of-the-week-december-14')
        .replace('years/2025.md#top-papers-of-the-week-december-22', 'years/2024.md#top-papers-of-the-week-december-22'),
    );
    // Hover once the list is found again with the missing file in it (its diagnostics say so).
    const reloaded = client.waitForDiagnostics(indexUri, { where: (d) => d.some((x) => /years\/2024\.md, which does not exist/.test(String(x.message))) });
    await client.open(indexUri, broken.join('\n'));
    await reloaded;
    const hoverAt = async (needle: string) =>
      text(
        await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: indexUri },
          position: { line: broken.findIndex((l) => l.includes(needle)), character: 4 },
        }),
      );
    const resolving = await hoverAt('(January 11 - January 18)');
    assert.match(resolving, /Resolves to \[years\/2026\.md:17\]\(file:\/\/\S+#L17\)/);
    assert.match(resolving, /\*\*Week January 11 - January 18\*\* · 2026/);
    assert.match(resolving, /2 papers/);
    assert.match(
      await hoverAt('(December 15 - December 21)'),
      /Does not resolve: years\/2025\.md has no heading #top-papers-of-the-week-december-14---december-21---2025/,
    );
    assert.match(await hoverAt('(December 22 - December 28)'), /Does not resolve: years\/2024\.md does not exist/);
    await client.close(indexUri);
  });

  test('completion in the index offers the entry of a week of a year file that has none, in the entries’ style', async () => {
    await client.open(indexUri, indexLines.join('\n'));
    const line = indexLines.indexOf('## 2026') + 1;
    await client.change(indexUri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '- \n' }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: indexUri }, position: { line, character: 2 } });
    assert.deepEqual(
      items.map((i) => (i.textEdit as TextEdit).newText),
      ['- [Top Papers of the Week (January 19 - January 25)](years/2026.md#top-papers-of-the-week-january-19---january-25---2026)'],
    );
    await client.close(indexUri);
  });
});
