// The cold path without markdown-it must give exactly what the markdown-it path gives, on every week section of
// every corpus file and fixture, and must keep being used: most real sections are plainly a heading and a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { markdownItBlocks, parseWeek } from '../../server/src/model/parseWeek';
import { plainSectionBlocks } from '../../server/src/model/parseWeekFast';
import { scanSections } from '../../server/src/model/sectionIndex';
import { splitLines } from '../../server/src/model/text';
import { rng } from '../../bench/generate';
import { corpusDir, corpusFile, repoRoot } from '../support/paths';

interface Tally {
  sections: number;
  fast: number;
}

/** Compares both paths on every week section of `text`; returns how many sections took the fast path. */
function checkSections(text: string, name: string): Tally {
  const lines = splitLines(text);
  const tally: Tally = { sections: 0, fast: 0 };
  for (const section of scanSections(lines).weeks) {
    const sectionLines = lines.slice(section.startLine, section.endLine);
    tally.sections++;
    if (plainSectionBlocks(sectionLines)) tally.fast++;
    assert.deepEqual(parseWeek(sectionLines), parseWeek(sectionLines, markdownItBlocks), `${name}: week at line ${section.startLine + 1}`);
  }
  return tally;
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith('.md') ? [path] : [];
    });
}

const corpusGroups: [string, string[]][] = [
  ['history/', markdownFiles(join(corpusDir, 'history'))],
  ['multi-history/', markdownFiles(join(corpusDir, 'multi-history'))],
  ['aipotw-2026-06/', markdownFiles(join(corpusDir, 'aipotw-2026-06'))],
  ['aipotw-2026-04-single/', markdownFiles(join(corpusDir, 'aipotw-2026-04-single'))],
  [
    'potw-*.md',
    existsSync(corpusDir)
      ? readdirSync(corpusDir)
          .filter((n) => /^potw-.*\.md$/.test(n))
          .map((n) => join(corpusDir, n))
      : [],
  ],
];

for (const [group, files] of corpusGroups) {
  const skip = files.length === 0 && `no corpus files for ${group} under ${corpusDir} (../shared is absent)`;
  test(`fast path = markdown-it path on every week section of corpus ${group}`, { skip }, () => {
    const total: Tally = { sections: 0, fast: 0 };
    for (const file of files) {
      const tally = checkSections(readFileSync(file, 'utf8'), file);
      total.sections += tally.sections;
      total.fast += tally.fast;
    }
    assert.ok(total.sections > 0, `no week sections found in ${group}`);
    console.log(`${group}: ${files.length} files, ${total.fast} of ${total.sections} week sections took the fast path`);
  });
}

test('the 974 KB list: nearly every week section takes the fast path', { skip: !existsSync(corpusFile('potw-2025-07-README.md')) && 'corpus absent' }, () => {
  const tally = checkSections(readFileSync(corpusFile('potw-2025-07-README.md'), 'utf8'), 'potw-2025-07-README.md');
  assert.equal(tally.sections, 130);
  assert.ok(tally.fast >= 0.9 * tally.sections, `only ${tally.fast} of ${tally.sections} sections took the fast path`);
});

test('fast path = markdown-it path on every week section of the fixtures and samples', () => {
  const files = [...markdownFiles(join(repoRoot, 'test', 'fixtures')), ...markdownFiles(join(repoRoot, 'samples'))];
  assert.ok(files.length > 0);
  let sections = 0;
  for (const file of files) sections += checkSections(readFileSync(file, 'utf8'), file).sections;
  assert.ok(sections > 0);
});

const HEADING = '## Top ML Papers of the Week (February 13 - 19)';
const HEADER = '| **Paper**  | **Links** |';
const DELIMITER = '| ------------- | ------------- |';
const ROW = '| 1) **Widget Nets** - invented | [Paper](https://example.org/1), [Tweet](https://x.com/a/status/1) |';

test('plain sections take the fast path; anything else falls back to markdown-it with the same result', () => {
  const cases: [string, string[], boolean][] = [
    ['heading, table, separator', [HEADING, HEADER, DELIMITER, ROW, ROW, '', '---', ''], true],
    ['separator right under the table ends it', [HEADING, HEADER, DELIMITER, ROW, '---'], true],
    ['heading right under the table ends it', [HEADING, HEADER, DELIMITER, ROW, '### Notes [x](https://example.org/n)'], true],
    ['header only', [HEADING, HEADER, DELIMITER], true],
    ['delimiter with alignment and no outer pipes', [HEADING, '| a | b |', ':--|--:', ROW], true],
    ['a paragraph', [HEADING, 'Some words [with](https://example.org/l) a link.', '', HEADER, DELIMITER, ROW], false],
    ['a row pasted without its pipe', [HEADING, HEADER, DELIMITER, ROW, '2) **Pasted** - x | [Paper](https://example.org/2) |', ROW], false],
    ['a list', [HEADING, '- [Paper](https://example.org/3)'], false],
    ['a header without a delimiter', [HEADING, HEADER, ROW], false],
    ['column counts differ', [HEADING, HEADER, '| --- |', ROW], false],
    ['an escaped pipe in the header', [HEADING, '| a \\| b | c |', '| --- | --- |', ROW], true],
    ['an indented row', [HEADING, HEADER, DELIMITER, '  ' + ROW], false],
    ['a lone carriage return', [HEADING, HEADER, DELIMITER, ROW.replace('invented', 'in\rvented')], false],
    ['an HTML comment', [HEADING, '<!-- paper-list-disable row-number -->', HEADER, DELIMITER, ROW], false],
  ];
  for (const [name, lines, fast] of cases) {
    assert.equal(plainSectionBlocks(lines) !== undefined, fast, `${name}: fast path taken`);
    assert.deepEqual(parseWeek(lines), parseWeek(lines, markdownItBlocks), name);
  }
});

test('seeded random sections of tricky lines: both paths agree', () => {
  const pieces = [
    HEADING,
    HEADER,
    DELIMITER,
    ROW,
    ROW,
    '',
    '   ',
    '\t',
    '---',
    '***',
    '- - -',
    '--',
    '|',
    '||',
    '| --- |',
    '|---|---|---|',
    ':-:|:-:',
    '- [Link](https://example.org/x)',
    '3) **Pasted** - x | [Paper](https://example.org/3) |',
    '# Heading [x](https://example.org/h)',
    '#NoSpace',
    '    | indented |',
    'text line',
    '> quote',
    '```',
    '<div>',
    '| a \\| b | c |',
    '| 2) **Short** |',
    '| 3) **Long** | a | b | c |',
  ];
  const random = rng(13);
  let fast = 0;
  for (let n = 0; n < 3000; n++) {
    const lines = [HEADING];
    const count = 1 + Math.floor(random() * 8);
    for (let i = 0; i < count; i++) lines.push(pieces[Math.floor(random() * pieces.length)]);
    if (plainSectionBlocks(lines)) fast++;
    assert.deepEqual(parseWeek(lines), parseWeek(lines, markdownItBlocks), JSON.stringify(lines));
  }
  assert.ok(fast > 100, `only ${fast} random sections took the fast path`);
});
