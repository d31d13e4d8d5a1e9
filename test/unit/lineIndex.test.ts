// LineIndex.edit must give the line table a fresh scan of the edited text gives: every line, the line starts, the
// text and its line break, whatever the edit cuts (a `\r\n` in two, a line break away, many lines at once); and the
// binary searches over sorted items find what a scan finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, indexOfLine, indexStartingBy } from '../../server/src/model/text';
import { Rng } from '../fuzz/rng';

const PARTS = ['a', 'row', '| 1) **T** |', '\n', '\r\n', '\r', ' ', 'é😀', '\n\n', '\r\n\r\n'];

function randomText(random: () => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += PARTS[Math.floor(random() * PARTS.length)];
  return text;
}

function assertSameIndex(actual: LineIndex, expectedText: string, context: string): void {
  const expected = new LineIndex(expectedText);
  assert.equal(actual.length, expected.length, `${context}: length`);
  assert.deepEqual([...actual.lineStarts], [...expected.lineStarts], `${context}: line starts`);
  for (let line = 0; line < expected.lineCount; line++) assert.equal(actual.line(line), expected.line(line), `${context}: line ${line}`);
  assert.equal(actual.usesCrlf, expectedText.includes('\r\n'), `${context}: line break`);
  assert.equal(actual.text, expectedText, `${context}: text`);
}

test('an edited line table is the table of the edited text, for random edits of LF, CRLF and mixed texts', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const generator = new Rng(seed);
    const random = () => generator.next();
    let text = randomText(random, 1 + Math.floor(random() * 30));
    let index = new LineIndex(text);
    // Half the tables are edited before any line was read, as a document is when an edit arrives before its first check.
    if (seed % 2 === 0) index.lines();
    for (let step = 0; step < 12; step++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 8));
      const insert = random() < 0.3 ? '' : randomText(random, Math.floor(random() * 4));
      text = text.slice(0, start) + insert + text.slice(end);
      index = index.edit(start, end, insert);
      // The usesCrlf and text answers are checked at the end only for some steps: asking must not change later edits.
      if (step % 3 === 0) assertSameIndex(index, text, `seed ${seed}, step ${step}`);
    }
    assertSameIndex(index, text, `seed ${seed}, end`);
  }
});

test('an edit that splits or joins a CRLF line break reads the lines a fresh scan reads', () => {
  const text = 'one\r\ntwo\r\nthree';
  const between = text.indexOf('\n');
  const cases: [number, number, string][] = [
    [between, between, 'x'], // between the \r and the \n: the \r stays on the line
    [between - 1, between, ''], // the \r removed: an LF break
    [between - 1, between + 1, ''], // the whole break removed: lines joined
    [text.length, text.length, '\r'], // a trailing \r on the last line
    [0, text.length, 'a\nb\r\nc'],
  ];
  for (const [start, end, insert] of cases) {
    const index = new LineIndex(text);
    index.lines();
    assertSameIndex(index.edit(start, end, insert), text.slice(0, start) + insert + text.slice(end), JSON.stringify([start, end, insert]));
  }
});

test('an edit that pastes or removes 300,000 lines gives the table of the edited text', () => {
  const text = 'head\r\nmiddle\r\ntail';
  const many = Array.from({ length: 300_000 }, (_, i) => `| ${i}) **T** |`).join('\r\n');
  const at = text.indexOf('middle');
  const index = new LineIndex(text).edit(at, at, `${many}\r\n`);
  const pasted = text.slice(0, at) + many + '\r\n' + text.slice(at);
  assert.equal(index.lineCount, 300_003);
  assert.equal(index.line(150_001), '| 150000) **T** |');
  assert.equal(index.text, pasted);
  const removed = index.edit(at, at + many.length + 2, '');
  assert.equal(removed.text, text);
  assert.deepEqual(removed.lines(), ['head', 'middle', 'tail']);
});

test('the binary searches find what a scan finds: the item on a line, and the last item starting by a line', () => {
  const random = new Rng(11);
  let repeats = 0;
  for (let round = 0; round < 300; round++) {
    // Sorted starts with gaps and repeats, as weeks' first lines (and the rows of one week, which share it).
    const starts: number[] = [];
    for (let at = random.int(0, 5), n = random.int(0, 12); starts.length < n; at += random.int(0, 3)) starts.push(at);
    if (starts.some((start, i) => i > 0 && start === starts[i - 1])) repeats++;
    for (let line = -1; line <= (starts.at(-1) ?? 0) + 2; line++) {
      let last = -1;
      for (let i = 0; i < starts.length; i++) if (starts[i] <= line) last = i;
      assert.equal(
        indexStartingBy(starts, line, (s) => s),
        last,
        `last starting by ${line} in ${starts.join(',')}`,
      );
      const found = indexOfLine(starts, line, (s) => s);
      assert.equal(found === -1 ? starts.includes(line) : starts[found] === line, found !== -1, `item on ${line} in ${starts.join(',')}`);
    }
  }
  assert.ok(repeats > 30, `repeated starts drawn in ${repeats} rounds`);
});
