// Bad input in multi-file lists, through the server's service (files reached only through a Host, as in the editor)
// and through the CLI: missing, looping, foreign, too large and unreadable files, and the index named by a setting.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaperListService } from '../../server/src/service';
import { OpenDocument } from '../../server/src/documents';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings';
import type { Host } from '../../server/src/host';
import type { Finding } from '../../server/src/analysis';
import type { JsonProblem } from '../../server/src/cli/formats';
import { runCli } from '../support/cli';
import { LspClient, fileUri } from '../support/lspClient';
import { makeTempDir } from '../support/paths';
import { copyList, multiFixture } from '../support/multiList';

const root = 'file:///list/';
const fixtureFiles = (): Map<string, string> =>
  new Map(['README.md', 'years/2026.md', 'years/2025.md'].map((path) => [root + path, readFileSync(join(multiFixture, path), 'utf8')]));

/** A Host over files in memory; reading a URI in `unreadable` rejects, as a disk read without permission does. */
function memoryHost(files: ReadonlyMap<string, string>, unreadable: ReadonlySet<string> = new Set()): Host {
  return {
    schemes: ['file'],
    stat: async (uri) => (files.has(uri) ? { isDirectory: false, size: files.get(uri)!.length } : undefined),
    existsNow: (uri) => files.has(uri) || unreadable.has(uri),
    readFile: async (uri) => {
      if (unreadable.has(uri)) throw new Error('EACCES: permission denied');
      return files.get(uri);
    },
    readDirectory: async () => [],
  };
}

/** Opens `openUri` in a fresh service (as the editor does) and returns every file's problems in its list. */
async function listProblems(
  files: Map<string, string>,
  openUri: string,
  options: { unreadable?: Set<string>; settings?: Partial<Settings> } = {},
): Promise<{ problems: Map<string, readonly Finding[]>; members: string[] }> {
  const service = new PaperListService(memoryHost(files, options.unreadable));
  service.workspaceFolders = [root];
  const open = new OpenDocument(openUri, 'markdown', 1, files.get(openUri)!);
  service.openDocument = (uri) => (uri === openUri ? open : undefined);
  service.setSettings(openUri, { ...DEFAULT_SETTINGS, ...options.settings });
  const { members } = await service.discover(openUri);
  const problems = new Map<string, readonly Finding[]>();
  for (const uri of members.length > 0 ? members : [openUri]) {
    const document = service.documentOf(uri) ?? open;
    problems.set(uri, service.stateOf(document).analysis.problems);
  }
  return { problems, members };
}

const messages = (found: readonly Finding[] | undefined) => (found ?? []).map((p) => `${p.rule}: ${p.message}`);

describe('bad input in a multi-file list, through the service and a Host', () => {
  test('an index linking to a file that does not exist: one problem per entry, no crash', async () => {
    const files = fixtureFiles();
    files.set(root + 'README.md', files.get(root + 'README.md')!.replace(/years\/2025\.md/g, 'years/2024.md'));
    files.delete(root + 'years/2025.md');
    const { problems } = await listProblems(files, root + 'years/2026.md');
    const missing = messages(problems.get(root + 'README.md')).filter((m) => /years\/2024\.md, which does not exist/.test(m));
    assert.equal(missing.length, 2, messages(problems.get(root + 'README.md')).join('\n'));
  });

  test('two files whose entries link into each other: the list is found from either, no loop', async () => {
    const files = new Map([
      [root + 'README.md', readFileSync(join(multiFixture, 'README.md'), 'utf8').replace(/years\/2025\.md/g, 'sub/README.md')],
      [root + 'years/2026.md', readFileSync(join(multiFixture, 'years/2026.md'), 'utf8')],
      [
        root + 'sub/README.md',
        readFileSync(join(multiFixture, 'years/2025.md'), 'utf8').replace(
          '---\n',
          '- [Top Papers of the Week (January 11 - January 18)](../README.md#top-papers-of-the-week-january-11---january-18---2026)\n\n---\n',
        ),
      ],
    ]);
    for (const opened of ['README.md', 'sub/README.md', 'years/2026.md']) {
      const { members } = await listProblems(files, root + opened);
      assert.deepEqual(members.sort(), [root + 'README.md', root + 'sub/README.md', root + 'years/2026.md'], opened);
    }
  });

  test('a linked file that is not a paper list is ignored', async () => {
    const files = fixtureFiles();
    files.set(root + 'README.md', files.get(root + 'README.md')!.replace('## 2025\n', '## 2025\n- [About this list](notes.md#about)\n'));
    files.set(root + 'notes.md', '# About\n\nHow the invented list is made.\n');
    const { problems, members } = await listProblems(files, root + 'years/2026.md');
    assert.ok(members.includes(root + 'years/2025.md'));
    assert.deepEqual(
      messages(problems.get(root + 'README.md')).filter((m) => /notes/.test(m)),
      [],
    );
    assert.equal(problems.get(root + 'notes.md')?.length ?? 0, 0);
  });

  test('a linked file over maxFileSize is skipped with one information problem; entries into it are not judged', async () => {
    const files = fixtureFiles();
    const { problems } = await listProblems(files, root + 'README.md', { settings: { maxFileSize: 1200 } });
    const skipped = problems.get(root + 'years/2026.md')!;
    assert.deepEqual(
      skipped.map((p) => [p.rule, p.severity]),
      [['max-file-size', 'info']],
    );
    assert.deepEqual(messages(problems.get(root + 'README.md')), []);
    assert.deepEqual(
      messages(problems.get(root + 'years/2025.md')).filter((m) => /2026/.test(m)),
      [],
      'no cross-file fact comes from a skipped file',
    );
  });

  test('an unreadable file: one clear problem at the first entry into it', async () => {
    const files = fixtureFiles();
    const { problems } = await listProblems(files, root + 'years/2026.md', { unreadable: new Set([root + 'years/2025.md']) });
    const index = messages(problems.get(root + 'README.md'));
    assert.deepEqual(index, ['toc: years/2025.md cannot be read (EACCES: permission denied); its weeks are not checked']);
    assert.deepEqual(
      messages(problems.get(root + 'years/2026.md')).filter((m) => /2025\.md/.test(m)),
      [],
    );
  });

  test('the paperList.index setting names an index that is not README.md, from a year file', async () => {
    const files = fixtureFiles();
    files.set(root + 'index.md', files.get(root + 'README.md')!);
    files.delete(root + 'README.md');
    const alone = await listProblems(files, root + 'years/2026.md');
    assert.deepEqual(alone.members, [], 'without the setting the year file is a list of its own');
    const named = await listProblems(files, root + 'years/2026.md', { settings: { index: 'index.md' } });
    assert.deepEqual(named.members, [root + 'index.md', root + 'years/2026.md', root + 'years/2025.md']);
    assert.ok(messages(named.problems.get(root + 'years/2026.md')).some((m) => /^duplicate-title: .*years\/2025\.md/.test(m)));
  });

  test('the index closed in the editor: while the disk is read again, its files are still checked as one list', async () => {
    const files = fixtureFiles();
    const index = root + 'README.md';
    const year = root + 'years/2026.md';
    let release!: () => void;
    const diskAnswers = new Promise<void>((resolve) => (release = resolve));
    const host = memoryHost(files);
    let closed = false;
    const service = new PaperListService({
      ...host,
      readFile: async (uri) => (uri === index && closed ? (await diskAnswers, files.get(uri)) : files.get(uri)),
    });
    const open = new Map([year, index].map((uri) => [uri, new OpenDocument(uri, 'markdown', 1, files.get(uri)!)]));
    service.openDocument = (uri) => open.get(uri);
    await service.discover(year);
    const inList = () => service.stateOf(open.get(year)!).inList;
    assert.ok(inList());
    const lastText = open.get(index)!.text;
    open.delete(index);
    closed = true;
    const forgotten = service.forget(index, lastText);
    assert.equal(service.documentOf(index)?.text, lastText, 'the list keeps the index text the editor last had');
    assert.ok(inList());
    release();
    await forgotten;
    assert.ok(inList(), 'and then the text read from disk');
    assert.equal(service.documentOf(index)?.text, files.get(index));
  });

  test('the index closed in the editor and deleted on disk: its year files are checked alone, nothing throws', async () => {
    const files = fixtureFiles();
    const index = root + 'README.md';
    const year = root + 'years/2026.md';
    const service = new PaperListService(memoryHost(files));
    const open = new Map([year, index].map((uri) => [uri, new OpenDocument(uri, 'markdown', 1, files.get(uri)!)]));
    service.openDocument = (uri) => open.get(uri);
    await service.discover(year);
    open.delete(index);
    files.delete(index);
    await service.forget(index);
    const state = service.stateOf(open.get(year)!);
    assert.equal(state.inList, undefined);
    assert.ok(state.isPaperList);
  });
});

describe('bad input in a multi-file list, through the CLI and LSP', () => {
  const temp = makeTempDir('paper-list-multi-bad-');
  after(temp.remove);

  async function json(cwd: string, args: string[]): Promise<{ code: number | null; problems: JsonProblem[]; stderr: string }> {
    const result = await runCli(['check', '--format', 'json', ...args], { cwd });
    return { code: result.code, problems: result.stdout ? (JSON.parse(result.stdout) as JsonProblem[]) : [], stderr: result.stderr };
  }

  test('a file of the list that cannot be read (a folder in its place): one problem, and --fix writes nothing', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'unreadable'));
    rmSync(join(dir, 'years/2025.md'));
    mkdirSync(join(dir, 'years/2025.md'));
    const checked = await json(dir, []);
    assert.deepEqual(
      checked.problems.filter((p) => /2025\.md/.test(p.message)).map((p) => `${p.file}: ${p.message}`),
      ['README.md: years/2025.md cannot be read (is a directory, expected a Markdown file); its weeks are not checked'],
    );
    const before = readFileSync(join(dir, 'years/2026.md'), 'utf8');
    const fixed = await json(dir, ['--fix']);
    assert.equal(fixed.code, 2, fixed.stderr);
    assert.match(fixed.stderr, /years\/2025\.md: .*; nothing written/);
    assert.equal(readFileSync(join(dir, 'years/2026.md'), 'utf8'), before);
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), readFileSync(join(multiFixture, 'README.md'), 'utf8'));
  });

  test('.paperlistrc.json `index` names the index for a year file checked alone', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'rc-index'));
    renameSync(join(dir, 'README.md'), join(dir, 'index.md'));
    const alone = await json(dir, ['years/2026.md']);
    assert.ok(!alone.problems.some((p) => p.rule === 'duplicate-title'), 'without the setting the year file is checked alone');
    writeFileSync(join(dir, '.paperlistrc.json'), JSON.stringify({ index: 'index.md' }));
    const inList = await json(dir, ['years/2026.md']);
    assert.ok(inList.problems.some((p) => p.rule === 'duplicate-title' && /years\/2025\.md/.test(p.message)));
    assert.ok(inList.problems.every((p) => p.file === 'years/2026.md'));
  });

  test('the paperList.index setting over LSP: opening a year file publishes the index named by the setting', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'lsp-index'));
    renameSync(join(dir, 'README.md'), join(dir, 'index.md'));
    const client = await LspClient.start({ workspaceFolders: [dir], settings: { index: 'index.md' } });
    try {
      const indexDiagnostics = client.waitForDiagnostics(fileUri(join(dir, 'index.md')));
      const own = await client.open(fileUri(join(dir, 'years/2026.md')), readFileSync(join(dir, 'years/2026.md'), 'utf8'));
      assert.ok(
        own.some((d) => d.code === 'toc' && /January 19/.test(String(d.message))),
        'the year file sees the index',
      );
      assert.deepEqual((await indexDiagnostics).diagnostics, []);
    } finally {
      await client.stop();
    }
  });
});
