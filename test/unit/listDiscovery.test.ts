// Finding a list's files again after an edit of its index: the server does it only when the lines an edit touched link
// other files than before (linkedFilesOf), which must say so exactly when the whole index's linked files changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { OpenDocument } from '../../server/src/documents';
import { entryTargets, linkedFilesOf } from '../../server/src/list/loadList';
import { corpusDir, corpusSkip } from '../support/paths';
import { multiFixture } from '../support/multiList';
import { Rng } from '../fuzz/rng';

const indexUri = 'file:///list/README.md';
const linked = (text: string) => linkedFilesOf(indexUri, text.split('\n'));

test('an index text gives the same entry targets scanned whole as line by line', () => {
  const texts = [readFileSync(join(multiFixture, 'README.md'), 'utf8'), '- [a](years/2024.md#x)\n\n\n  * [b](<years/2023.md#y>)\r\n1) [c](  ./#z)'];
  const today = join(corpusDir, 'aipotw-2026-06', 'README.md');
  if (existsSync(today)) texts.push(readFileSync(today, 'utf8'));
  for (const text of texts) {
    assert.ok(entryTargets(text).length > 0);
    assert.deepEqual(entryTargets(text), text.split('\n').flatMap(entryTargets));
  }
  // A link split over two lines is not an entry: the scan reads one line at a time.
  assert.deepEqual(entryTargets('- \n[a](years/2024.md#x)\n- [b](\nyears/2023.md#y)'), []);
});

test('an edit is said to change the linked files exactly when the whole index links other files, for random edits', () => {
  const base = readFileSync(join(multiFixture, 'README.md'), 'utf8');
  const pieces = [
    '-',
    ' ',
    '[',
    ']',
    '(',
    ')',
    '\n',
    'x',
    'years/2024.md#a',
    'years/2025.md#b',
    'https://github.com/o/r/blob/main/years/2023.md#c',
    './#d',
    '](',
  ];
  let changes = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const generator = new Rng(seed);
    const random = () => generator.next();
    const document = new OpenDocument(indexUri, 'markdown', 1, base);
    for (let step = 0; step < 25; step++) {
      const text = document.text;
      // Edits near the entries, where links are made and broken.
      const start = Math.floor(random() * text.length);
      const end = Math.min(text.length, start + Math.floor(random() * 12));
      let insert = '';
      for (let n = Math.floor(random() * 3); n > 0; n--) insert += pieces[Math.floor(random() * pieces.length)];
      const before = linked(text);
      const said = document.update(
        [{ range: { start: document.lines.positionAt(start), end: document.lines.positionAt(end) }, text: insert }],
        document.version + 1,
        (a, b) => linkedFilesOf(indexUri, a) !== linkedFilesOf(indexUri, b),
      );
      const after = linked(document.text);
      assert.equal(document.text, text.slice(0, start) + insert + text.slice(end), `seed ${seed}, step ${step}: the edit itself`);
      assert.equal(said, before !== after, `seed ${seed}, step ${step}: ${JSON.stringify([text.slice(start - 40, end + 40), insert])}`);
      if (said) changes++;
    }
  }
  assert.ok(changes > 50, `the edits changed the linked files ${changes} times`);
});

test('several changes in one notification: one that changes the linked files is enough, and a whole new text counts', () => {
  const base = readFileSync(join(multiFixture, 'README.md'), 'utf8');
  const changed = (a: readonly string[], b: readonly string[]) => linkedFilesOf(indexUri, a) !== linkedFilesOf(indexUri, b);
  const document = new OpenDocument(indexUri, 'markdown', 1, base);
  const entryLine = base.split('\n').findIndex((l) => l.includes('years/2025.md#'));
  const typing = { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: 'x' };
  assert.equal(document.update([typing], 2, changed), false);
  // The second change removes the 2025 entry's `(`; the first leaves the links alone.
  const at = document.lines.line(entryLine).indexOf('](') + 1;
  const unlink = { range: { start: { line: entryLine, character: at }, end: { line: entryLine, character: at + 1 } }, text: '' };
  assert.equal(document.update([typing, unlink], 3, changed), true);
  assert.equal(document.update([{ text: base }], 4, changed), true);
  assert.equal(document.update([{ text: base }], 5), false, 'nothing asked, nothing said');
});

test('the corpus indexes: deleting any one entry line is told as the whole index tells it', { skip: corpusSkip }, () => {
  for (const folder of readdirSync(corpusDir).filter((f) => existsSync(join(corpusDir, f, 'years')))) {
    const text = readFileSync(join(corpusDir, folder, 'README.md'), 'utf8');
    const lines = text.split('\n');
    const changed = (a: readonly string[], b: readonly string[]) => linkedFilesOf(indexUri, a) !== linkedFilesOf(indexUri, b);
    for (let line = 0; line < lines.length; line++) {
      if (entryTargets(lines[line]).length === 0) continue;
      const document = new OpenDocument(indexUri, 'markdown', 1, text);
      const said = document.update([{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }], 2, changed);
      assert.equal(said, linked(text) !== linked(document.text), `${folder}, line ${line + 1}`);
    }
  }
});
