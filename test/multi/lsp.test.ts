// Multi-file lists over LSP stdio: opening one year file loads the whole list through the host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri } from '../support/lspClient';
import { makeTempDir } from '../support/paths';
import { copyList, multiFixture } from '../support/multiList';
import type { WeeksResult } from '../../server/src/protocol';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/textEdits';
import { runCli } from '../support/cli';

const temp = makeTempDir('paper-list-multi-lsp-');
const dir = copyList(multiFixture, join(temp.dir, 'list'));
const indexUri = fileUri(join(dir, 'README.md'));
const y2026 = fileUri(join(dir, 'years/2026.md'));
const y2025 = fileUri(join(dir, 'years/2025.md'));
const missingEntry = '- [Top Papers of the Week (January 19 - January 25)](years/2026.md#top-papers-of-the-week-january-19---january-25---2026)\n';
const hasMissingWeek = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.code === 'toc' && /January 19/.test(String(d.message)));

describe('a multi-file list over stdio, opening only years/2026.md', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [fileUri(dir)] });
  });
  after(async () => {
    await client.stop();
    temp.remove();
  });

  test('diagnostics arrive for the index and the other year file; the year file sees the index', async () => {
    const waitOther = client.waitForDiagnostics(y2025, { where: (d) => d.some((x) => x.code === 'duplicate-title') });
    const waitIndex = client.waitForDiagnostics(indexUri);
    // The first diagnostics are already the list's (they wait for the list to be found): no flash of a lone file.
    const own = await client.open(y2026, readFileSync(join(dir, 'years/2026.md'), 'utf8'));
    assert.ok(hasMissingWeek(own), 'the first publish knows the index');
    const related = own.find((d) => d.code === 'duplicate-title')!.relatedInformation!;
    assert.equal(related[0].location.uri, y2025);
    assert.ok((await waitOther).diagnostics.length >= 2);
    assert.deepEqual((await waitIndex).diagnostics, []);
  });

  test('paperList/weeks lists the weeks of every file, newest first, each with its uri', async () => {
    const result = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: y2026 } });
    assert.deepEqual(
      result.weeks.map((w) => [w.uri, w.start?.month, w.start?.day]),
      [
        [y2026, 1, 19],
        [y2026, 1, 11],
        [y2026, 1, 5],
        [y2025, 12, 22],
        [y2025, 12, 15],
      ],
    );
    assert.deepEqual(
      result.files.map((f) => [f.uri, f.role, f.year]),
      [
        [indexUri, 'index', undefined],
        [y2026, 'weeks', 2026],
        [y2025, 'weeks', 2025],
      ],
    );
    assert.equal(result.problemCount, 7, 'the eight-day label of January 11 is one problem');
  });

  test('editing README.md in the editor updates years/2026.md', async () => {
    const text = readFileSync(join(dir, 'README.md'), 'utf8');
    await client.open(indexUri, text);
    const line = text.split('\n').indexOf('## 2026') + 1;
    const updated = client.waitForDiagnostics(y2026, { since: client.publishCount(y2026), where: (d) => !hasMissingWeek(d) });
    await client.change(indexUri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: missingEntry }]);
    await updated;
    const back = client.waitForDiagnostics(y2026, { since: client.publishCount(y2026), where: hasMissingWeek });
    await client.change(indexUri, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
    await back;
    await client.close(indexUri);
  });

  test('changing README.md on disk (watched files) updates years/2026.md', async () => {
    const path = join(dir, 'README.md');
    const text = readFileSync(path, 'utf8');
    // Counted from before the write: the server may read the new text on its own (the previous test's close makes it
    // reload the index from disk), and then the watched-files event changes nothing and publishes nothing new.
    const updated = client.waitForDiagnostics(y2026, { since: client.publishCount(y2026), where: (d) => !hasMissingWeek(d) });
    writeFileSync(path, text.replace('## 2026\n', `## 2026\n${missingEntry}`));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: indexUri, type: FileChangeType.Changed }] });
    await updated;
  });

  test('a quick fix for the missing week edits the index in the same WorkspaceEdit', async () => {
    const path = join(dir, 'README.md');
    const back = client.waitForDiagnostics(y2026, { since: client.publishCount(y2026), where: hasMissingWeek });
    writeFileSync(path, readFileSync(path, 'utf8').replace(missingEntry, ''));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: indexUri, type: FileChangeType.Changed }] });
    const published = (await back).diagnostics;
    const diagnostic = published.find((d) => d.code === 'toc')!;
    const actions = await client.request<{ title: string; edit?: { changes: Record<string, unknown[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: y2026 },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fix = actions.find((a) => /to the index/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepEqual(Object.keys(fix.edit!.changes).sort(), [indexUri, y2026].sort());
    // The eight-day label is one problem (week-heading; week-sequence stays quiet), whose fix keeps its index entry working.
    assert.equal(published.filter((d) => /January 11 - January 18/.test(String(d.message))).length, 1);
    const eightDays = published.find((d) => d.code === 'week-heading' && /January 11/.test(String(d.message)))!;
    const seqActions = await client.request<{ title: string; edit?: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: y2026 },
      range: eightDays.range,
      context: { diagnostics: [eightDays], only: ['quickfix'] },
    });
    const rename = seqActions.find((a) => /Make the week/.test(a.title));
    assert.ok(rename, seqActions.map((a) => a.title).join(', '));
    assert.equal(rename.edit!.changes[y2026][0].newText, 'January 12 - January 18');
    assert.deepEqual(
      rename.edit!.changes[indexUri].map((e) => e.newText),
      ['years/2026.md#top-papers-of-the-week-january-12---january-18---2026', 'Top Papers of the Week (January 12 - January 18)'],
    );
  });

  test('an entry typed into README.md that links a file the list did not hold adds the file, and taking the link back drops it', async () => {
    const y2024 = fileUri(join(dir, 'years/2024.md'));
    writeFileSync(
      join(dir, 'years/2024.md'),
      '# Invented Papers of the Week — 2024\n\n## Top Papers of the Week (December 23 - December 29) - 2024\n| **Paper**  | **Links** |\n| ------------- | ------------- |\n| 1) **Reed Models** - An invented summary of reed models. | [Paper](https://arxiv.org/abs/2412.20001), [Tweet](https://x.com/inventedlab/status/2401) |\n',
    );
    const text = readFileSync(join(dir, 'README.md'), 'utf8');
    await client.open(indexUri, text);
    const line = text.split('\n').indexOf('[Back to the top](#invented-papers-of-the-week)');
    const files = async () => (await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: indexUri } })).files.map((f) => f.uri);
    // Typed without the `(` first: not a link yet, so the list is what it was.
    const entry = '- [Top Papers of the Week (December 23 - December 29)]years/2024.md#top-papers-of-the-week-december-23---december-29---2024)\n';
    await client.change(indexUri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: entry }]);
    assert.ok(!(await files()).includes(y2024));
    // The `(` that makes it a link: `](` forms across what was there and what is typed.
    const at = entry.indexOf(']') + 1;
    await client.change(indexUri, [{ range: { start: { line, character: at }, end: { line, character: at } }, text: '(' }]);
    assert.ok((await files()).includes(y2024), 'the linked file joins the list');
    await client.change(indexUri, [{ range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' }]);
    assert.ok(!(await files()).includes(y2024), 'the file leaves the list with its link');
    await client.close(indexUri);
  });
});

describe('a multi-file list asked about the moment its year file opens', () => {
  const fresh = makeTempDir('paper-list-multi-lsp-open-');
  const freshDir = copyList(multiFixture, join(fresh.dir, 'list'));
  const fresh2026 = fileUri(join(freshDir, 'years/2026.md'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [fileUri(freshDir)] });
  });
  after(async () => {
    await client.stop();
    fresh.remove();
  });

  test('paperList/weeks sent right after didOpen waits for the list and answers with every file', async () => {
    // Not awaited: the request follows the didOpen notification before the server has read README.md or 2025.md.
    const opened = client.open(fresh2026, readFileSync(join(freshDir, 'years/2026.md'), 'utf8'));
    const result = await client.request<WeeksResult>('paperList/weeks', { textDocument: { uri: fresh2026 } });
    assert.deepEqual(
      result.files.map((f) => f.role),
      ['index', 'weeks', 'weeks'],
    );
    await opened;
  });

  test('paperList/fixAll fixes every file as `check --fix` does, and says how many fixes in how many files', async () => {
    const result = await client.request<{ changes: Record<string, TextEdit[]>; message?: string }>('paperList/fixAll', { textDocument: { uri: fresh2026 } });
    const cliDir = copyList(multiFixture, join(fresh.dir, 'cli'));
    await runCli(['check', '--fix'], { cwd: cliDir });
    const changed = Object.entries(result.changes).filter(([, edits]) => edits.length > 0);
    assert.ok(changed.length >= 2, 'the fixes reach the index and a year file');
    for (const [uri, edits] of changed) {
      const path = uri.slice(fileUri(freshDir).length + 1);
      assert.equal(applyEdits(readFileSync(join(freshDir, path), 'utf8'), edits), readFileSync(join(cliDir, path), 'utf8'), path);
    }
    const [, fixes] = /^(\d+) fix(?:es)? applied in (\d+) files/.exec(result.message ?? '') ?? [];
    assert.ok(Number(fixes) >= changed.length, result.message);
    assert.match(result.message!, new RegExp(`applied in ${changed.length} files`));
  });
});

describe('a multi-file list in a virtual workspace (vscode-vfs), which only the editor can read', () => {
  const root = 'vscode-vfs://github/curator/list/';
  const files = new Map(['README.md', 'years/2026.md', 'years/2025.md'].map((path) => [root + path, readFileSync(join(multiFixture, path), 'utf8')]));
  const asked: string[] = [];
  let ours: LspClient;
  let generic: LspClient;
  before(async () => {
    [ours, generic] = await Promise.all([LspClient.start(), LspClient.start()]);
    // Our client answers the host requests with vscode.workspace.fs; this one with the files above.
    ours.connection.onRequest('paperList/host/readFile', ({ uri }: { uri: string }) => {
      asked.push(uri);
      return files.get(uri) ?? null;
    });
    ours.connection.onRequest('paperList/host/stat', ({ uri }: { uri: string }) =>
      files.has(uri) ? { isDirectory: false, size: files.get(uri)!.length } : null,
    );
    ours.connection.onRequest('paperList/host/readDirectory', () => []);
  });
  after(async () => {
    await Promise.all([ours.stop(), generic.stop()]);
  });

  test('the Node server asks the client for the files it cannot read, and checks the whole list', async () => {
    const year = `${root}years/2026.md`;
    const diagnostics = await ours.open(year, files.get(year)!);
    assert.ok(hasMissingWeek(diagnostics), 'the year file sees the index');
    assert.ok(asked.includes(`${root}README.md`) && asked.includes(`${root}years/2025.md`), asked.join(', '));
    const result = await ours.request<WeeksResult>('paperList/weeks', { textDocument: { uri: year } });
    assert.deepEqual(
      result.files.map((f) => f.uri),
      [`${root}README.md`, year, `${root}years/2025.md`],
    );
  });

  test('a client that does not answer them (any other LSP client) gets the file checked alone, without an error', async () => {
    const year = `${root}years/2026.md`;
    const diagnostics = await generic.open(year, files.get(year)!);
    assert.ok(!hasMissingWeek(diagnostics));
    assert.ok(!diagnostics.some((d) => /cannot read|unreadable/i.test(String(d.message))), diagnostics.map((d) => d.message).join('\n'));
    const result = await generic.request<WeeksResult>('paperList/weeks', { textDocument: { uri: year } });
    assert.deepEqual(
      result.files.map((f) => f.uri),
      [year],
    );
  });
});
