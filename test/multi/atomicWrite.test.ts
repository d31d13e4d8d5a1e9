// --fix writes the files of a list as one step: a rename failing part-way puts back the files already replaced.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readListFile, writeFilesAtomically, FileError } from '../../server/src/cli/files';
import { makeTempDir } from '../support/paths';

const temp = makeTempDir('paper-list-atomic-');
after(temp.remove);

test('a failing second rename restores the first file and leaves no temp file', () => {
  const paths = ['a.md', 'b.md', 'c.md'].map((name) => join(temp.dir, name));
  paths.forEach((path, i) => writeFileSync(path, `\ufefforiginal ${i}\r\n`));
  const files = paths.map((path) => readListFile(path));
  let renames = 0;
  const failingRename = (from: string, to: string) => {
    if (++renames === 2) throw Object.assign(new Error('simulated'), { code: 'EIO' });
    renameSync(from, to);
  };
  assert.throws(
    () =>
      writeFilesAtomically(
        files.map((file, i) => ({ file, text: `changed ${i}\r\n` })),
        failingRename,
      ),
    (e) => e instanceof FileError && /no file was changed/.test(e.message),
  );
  paths.forEach((path, i) => assert.equal(readFileSync(path, 'utf8'), `\ufefforiginal ${i}\r\n`));
  assert.deepEqual(readdirSync(temp.dir).sort(), ['a.md', 'b.md', 'c.md']);
});

test('all renames succeed: every file written, BOM kept', () => {
  const paths = ['d.md', 'e.md'].map((name) => join(temp.dir, name));
  paths.forEach((path) => writeFileSync(path, '\ufeffold\n'));
  writeFilesAtomically(paths.map((path, i) => ({ file: readListFile(path), text: `new ${i}\n` })));
  paths.forEach((path, i) => assert.equal(readFileSync(path, 'utf8'), `\ufeffnew ${i}\n`));
});
