// CLI safety: files that cannot be read end with exit 2 and one line, and --fix never damages the user's only copy
// (read-only files untouched, atomic replace, no overwrite of a file that changed meanwhile, no temp file left).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs, { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { makeTempDir } from '../support/paths';
import { readListFile, writeFileAtomically, FileError } from '../../server/src/cli/files';

const temp = makeTempDir('paper-list-cli-safety-');
after(() => temp.remove());

const FIXABLE = [
  '## Top ML Papers of the Week (Jun 23 - Jun 29) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  '| 1) **Invented Alpha** - first. | [Paper](https://arxiv.org/abs/2506.00001) |',
  '| 3. **Invented Beta** - second. | [Paper](https://arxiv.org/abs/2506.00002) |',
  '',
].join('\n');

function file(name: string, content: string | Buffer, mode = 0o644): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

/** The CLI's stderr in JSON format: only error lines (the text format adds a summary line). */
async function failing(path: string, expected: RegExp): Promise<void> {
  const result = await runCli(['check', path, '--format', 'json']);
  assert.equal(result.code, 2, `exit code for ${path}: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${result.stderr}`);
  assert.match(lines[0], expected);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

test('a missing file: exit 2, one line', () => failing(join(temp.dir, 'nope.md'), /^paper-list: .*nope\.md: no such file$/));

test('a directory: exit 2, one line', () => {
  const dir = join(temp.dir, 'folder.md');
  mkdirSync(dir);
  return failing(dir, /^paper-list: .*folder\.md: is a directory, expected a Markdown file$/);
});

test('a dangling symlink and a path through a file: exit 2, one line each', async () => {
  const link = join(temp.dir, 'dangling.md');
  symlinkSync(join(temp.dir, 'gone.md'), link);
  await failing(link, /^paper-list: .*dangling\.md: no such file$/);
  const through = join(file('plain.md', 'x'), 'inside.md');
  await failing(through, /^paper-list: .*inside\.md: ENOTDIR$/);
});

// As root, chmod 000 does not stop a read; /proc/self/mem is a file no process can read() from the start (EIO).
test('an unreadable file: exit 2, one line', async () => {
  if (process.getuid?.() !== 0) {
    const path = file('secret.md', FIXABLE, 0o000);
    await failing(path, /^paper-list: .*secret\.md: permission denied$/);
  }
  if (existsSync('/proc/self/mem')) await failing('/proc/self/mem', /^paper-list: \/proc\/self\/mem: EIO$/);
});

test('invalid UTF-8: exit 2, one line, and --fix leaves the bytes alone', async () => {
  const bytes = Buffer.concat([Buffer.from(FIXABLE), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a])]);
  const path = file('latin1.md', bytes);
  await failing(path, /^paper-list: .*latin1\.md: is not valid UTF-8 text$/);
  const result = await runCli(['check', path, '--fix', '--format', 'json']);
  assert.equal(result.code, 2);
  assert.deepEqual(readFileSync(path), bytes);
});

test('--fix on a read-only file fails without changing it', async () => {
  const path = file('readonly.md', FIXABLE, 0o444);
  const before = statSync(path);
  const result = await runCli(['check', path, '--fix', '--format', 'json']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /readonly\.md: is read-only; not written/);
  assert.equal(readFileSync(path, 'utf8'), FIXABLE);
  const now = statSync(path);
  assert.equal(now.ino, before.ino);
  assert.equal(now.mode & 0o777, 0o444);
  assert.deepEqual(
    readdirSync(temp.dir).filter((n) => n.includes('readonly.md.paper-list')),
    [],
  );
});

test('--fix replaces the file by rename: new inode, same mode, no temp file left, BOM kept', async () => {
  const dir = join(temp.dir, 'atomic');
  mkdirSync(dir);
  const path = join(dir, 'list.md');
  writeFileSync(path, '\ufeff' + FIXABLE);
  chmodSync(path, 0o640);
  const before = statSync(path);
  const result = await runCli(['check', path, '--fix', '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(path, 'utf8');
  assert.equal(text, '\ufeff' + FIXABLE.replace('| 3. **Invented Beta**', '| 2) **Invented Beta**'));
  const now = statSync(path);
  assert.notEqual(now.ino, before.ino, 'written to a new file and renamed over the original');
  assert.equal(now.mode & 0o7777, 0o640);
  assert.deepEqual(readdirSync(dir), ['list.md']);
});

test('writeFileAtomically does not overwrite a file changed since it was read', () => {
  const path = file('changed.md', FIXABLE);
  const listFile = readListFile(path);
  writeFileSync(path, FIXABLE + 'a line the curator added meanwhile\n');
  assert.throws(
    () => writeFileAtomically(listFile, 'fixed text'),
    (e: unknown) => e instanceof FileError && /changed while it was being fixed; not overwritten/.test(e.message),
  );
  assert.equal(readFileSync(path, 'utf8'), FIXABLE + 'a line the curator added meanwhile\n');
  assert.deepEqual(
    readdirSync(temp.dir).filter((n) => n.startsWith('.changed.md')),
    [],
  );
});

test('writeFileAtomically re-checks right before the rename: an edit during the temp write wins', () => {
  const path = file('race.md', FIXABLE);
  const listFile = readListFile(path);
  // The injected hook: the curator saves while the temp file is being flushed.
  const original = fs.fsyncSync;
  fs.fsyncSync = (fd: number) => {
    original(fd);
    writeFileSync(path, 'saved by the editor\n');
  };
  try {
    assert.throws(() => writeFileAtomically(listFile, 'fixed text'), /changed while it was being fixed; not overwritten/);
  } finally {
    fs.fsyncSync = original;
  }
  assert.equal(readFileSync(path, 'utf8'), 'saved by the editor\n');
  assert.deepEqual(
    readdirSync(temp.dir).filter((n) => n.startsWith('.race.md')),
    [],
  );
});

test('a failed temp write leaves the original intact and removes nothing it did not create', () => {
  const path = file('blocked.md', FIXABLE);
  const listFile = readListFile(path);
  const tempPath = join(temp.dir, `.blocked.md.paper-list-${process.pid}.tmp`);
  writeFileSync(tempPath, "someone else's file");
  assert.throws(
    () => writeFileAtomically(listFile, 'fixed text'),
    (e: unknown) => e instanceof FileError && /blocked\.md: EEXIST; not written/.test(e.message),
  );
  assert.equal(readFileSync(path, 'utf8'), FIXABLE);
  assert.equal(readFileSync(tempPath, 'utf8'), "someone else's file");
});
