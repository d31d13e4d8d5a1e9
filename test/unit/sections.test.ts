import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { scanSections } from '../../server/src/model/sectionIndex';

const list = [
  '## Top ML Papers of the Week (June 2 - June 8) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  '| 1) **A** - a | [Paper](https://arxiv.org/abs/2506.00001) |',
  '',
  '---',
  '',
  'Closing words with a [broken link](xxx).',
  '',
].join('\n');

test('a thematic break after a blank line ends the last week: the tail is not part of it', () => {
  const { list: model, problems } = analyze(list, DEFAULT_SETTINGS);
  assert.equal(model.weeks.length, 1);
  assert.equal(model.weeks[0].endLine, 5, 'the week ends before the `---` line');
  assert.equal(model.weeks[0].lastContentLine, 3);
  // The tail is still checked, as outside content.
  assert.deepEqual(
    problems.map((p) => [p.rule, p.range.start.line]),
    [['placeholder-link', 7]],
  );
});

test('a `---` right under a paragraph line is a setext underline, not a break', () => {
  const text = list.replace('\n\n---\n', '\nSome note\n---\n');
  const { list: model } = analyze(text, DEFAULT_SETTINGS);
  assert.equal(model.weeks[0].endLine, model.lines.lineCount);
});

test('a heading with "week" and parentheses but no date is not a week', () => {
  const text = '# ML Papers of the Week (test list)\n\n' + list;
  const { list: model } = analyze(text, DEFAULT_SETTINGS);
  assert.deepEqual(
    model.weeks.map((w) => w.heading),
    ['Top ML Papers of the Week (June 2 - June 8) - 2025'],
  );
  const undated = analyze('## Top ML Papers of the Week (Sept)\n', DEFAULT_SETTINGS).list;
  assert.equal(undated.weeks.length, 1, 'a month name alone still makes a (broken) week heading');
});

test('an edit that fills the blank line above a `---` turns the break into an underline: the scan after it sees that', () => {
  const memo = {};
  const lines = list.split('\n');
  assert.equal(scanSections(lines, memo).weeks[0].endLine, 5);
  // Same line count, and neither line is a heading, fence, comment or break: only the blank line's blankness changed.
  const filled = lines.map((line, i) => (i === 4 ? 'a paragraph line' : line));
  assert.deepEqual(scanSections(filled, memo), scanSections(filled));
  assert.equal(scanSections(filled, memo).weeks[0].endLine, filled.length);
  // Typing inside a row changes nothing the scan reads: the same index as before.
  const typed = filled.map((line, i) => (i === 3 ? line.replace('**A**', '**AB**') : line));
  const before = scanSections(filled, memo);
  assert.equal(scanSections(typed, memo), before);
});

/** Week sections with rows, fenced and commented week headings, other headings, a disable comment and a closing break. */
const STRUCTURED = [
  '# Invented Papers',
  '',
  '- [Week (Jun 9 - Jun 15)](#week-jun-9---jun-15)',
  '<!-- paper-list-disable-next-line toc -->',
  '## Week (Jun 9 - Jun 15) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  '| 1) **A** - a | [Paper](https://arxiv.org/abs/2506.00001) |',
  '```',
  '## Week (Jun 1 - Jun 7) inside a fence',
  '```',
  '| 2) **B** - b | [Paper](https://arxiv.org/abs/2506.00002) |',
  '',
  '### A subheading',
  'text',
  '## Week (Jun 2 - Jun 8) - 2025',
  '| 1) **C** - c | [Paper](https://arxiv.org/abs/2506.00003) |',
  '<!--',
  '## Week (May 1 - May 7) inside a comment',
  '-->',
  '',
  '---',
  '',
  'Closing words.',
];

test('inserting or deleting lines anywhere gives the index a fresh scan gives (the shift path for rows inside a week included)', () => {
  const lines = STRUCTURED;
  const inserts = ['', '| 3) **New** - n | [Paper](https://arxiv.org/abs/2506.00009) |', 'plain text'];
  for (let at = 0; at <= lines.length; at++) {
    const variants: string[][] = inserts.map((row) => [...lines.slice(0, at), row, ...lines.slice(at)]);
    variants.push([...lines.slice(0, at), inserts[1], inserts[0], ...lines.slice(at)]);
    if (at < lines.length) variants.push([...lines.slice(0, at), ...lines.slice(at + 1)]);
    for (const edited of variants) {
      const memo = {};
      scanSections(lines, memo);
      assert.deepEqual(scanSections(edited, memo), scanSections(edited), `edit at line ${at}: ${JSON.stringify(edited.slice(Math.max(0, at - 1), at + 2))}`);
    }
  }
});

test('retyping headings gives the index a fresh scan gives, and the sections not retitled keep their spans', () => {
  const lines = STRUCTURED;
  const retyped = (line: string) => [
    line.replace(/\d+/, (d) => String(Number(d) + 1)), // a week's dates typed: same level, still a week
    line.replace('Week', 'Wek'), // no longer a week heading
    line.replace(/^#+/, (h) => `${h}#`), // another level
    line.replace('subheading', 'subheading week (Jun 3 - Jun 9)'), // becomes a week heading
    `${line} -->`, // now ends a comment too
    line.replace(/^#+ /, ''), // no longer a heading
    `${line}s`, // the same kind of heading, retitled
  ];
  let retitled = 0;
  for (let at = 0; at < lines.length; at++) {
    if (!lines[at].startsWith('#')) continue;
    for (const text of retyped(lines[at])) {
      if (text === lines[at]) continue;
      const edited = lines.map((line, i) => (i === at ? text : line));
      const memo = {};
      const before = scanSections(lines, memo);
      const after = scanSections(edited, memo);
      assert.deepEqual(after, scanSections(edited), `line ${at} retyped as ${JSON.stringify(text)}`);
      if (after.weeks.filter((span) => before.weeks.includes(span)).length >= before.weeks.length - 1) retitled++;
    }
  }
  // Retitled in place, the other sections' spans kept: the two week headings (dates typed, or an `s` added) and the
  // two other headings (an `s` added); not the headings inside the fence and the comment.
  assert.equal(retitled, 6);
});
