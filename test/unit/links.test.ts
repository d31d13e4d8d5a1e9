// placeholder-link, missing-file, link-label, missing-link
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../../server/src/textEdits';
import { sameLabel } from '../../server/src/model/model';
import { doc, row, run, rulesOf, week, where, columnOf } from './helpers';

const one = (links: string, title = 'Linked Paper') => week('Feb 13 - 19', [`| 1) **${title}** - desc | ${links} |`]);

test('placeholder-link: xxx, empty, #, prose, nested link, pics/ folder; error severity; message names the label', () => {
  const text = doc(
    '![My Image](pics/)',
    week('Feb 13 - 19', [
      '| 1) **A** - d | [Paper](xxx), [Tweet](XXX) |',
      '| 2) **B** - d | [Paper](), [Tweet](#) |',
      '| 3) **C** - d | [Paper](the paper is not out yet), [Tweet](https://x.com/a/status/3) |',
      '| 4) **D** - d | [Paper]([XXX](https://arxiv.org/abs/2501.00004)), [Tweet](https://x.com/a/status/4) |',
      '| 5) **E** - d | [Paper](https://example.com/paper), [Tweet](https://x.com/a/status/5) |',
    ]),
  );
  const problems = rulesOf(run(text), 'placeholder-link');
  assert.ok(problems.every((p) => p.severity === 'error'));
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'Image [My Image] is the folder "pics/", not an image file; expected a URL or image file',
      'Link [Paper] is the placeholder "xxx"; expected a URL',
      'Link [Tweet] is the placeholder "XXX"; expected a URL',
      'Link [Paper] is empty; expected a URL',
      'Link [Tweet] is the placeholder "#"; expected a URL',
      'Link [Paper] is prose ("the paper is not out yet"), not a URL; expected a URL',
      'Link [Paper] holds the placeholder link "[XXX](https://arxiv.org/abs/2501.00004)" in its target; expected [Paper](https://arxiv.org/abs/2501.00004)',
      'Link [Paper] points at example.com/paper, a placeholder domain; expected a URL',
    ],
  );
  const at = columnOf(text, '[Paper](xxx)');
  assert.deepEqual(problems[1].range, { start: at, end: { line: at.line, character: at.character + '[Paper](xxx)'.length } });
});

test('placeholder-link: patterns from settings; real links silent', () => {
  const text = one('[Paper](https://papers.widget.ai/DRAFT-1), [Tweet](https://x.com/a/status/1)');
  assert.deepEqual(rulesOf(run(text), 'placeholder-link'), []);
  assert.equal(rulesOf(run(text, { placeholderPatterns: ['draft-'] }), 'placeholder-link').length, 1);
});

test('missing-file: relative images and links that do not exist next to the document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paper-list-'));
  try {
    mkdirSync(join(dir, 'pics'));
    writeFileSync(join(dir, 'pics', 'week 1.png'), '');
    const text = doc(
      '![Week 1](pics/week%201.png)',
      '![Week 2](pics/week-2.png)',
      '[Notes](./notes.md#top)',
      '[Site](https://widget.ai/x.png)',
      week('Feb 13 - 19', [row(1, 'A')]),
    );
    const exists = (p: string) => existsSync(join(dir, p));
    const problems = rulesOf(run(text, {}, exists), 'missing-file');
    assert.deepEqual(
      problems.map((p) => `${where(p)} ${p.message}`),
      [
        'missing-file 2:11 Image "pics/week-2.png" does not exist next to this document',
        'missing-file 3:9 Linked file "./notes.md" does not exist next to this document',
      ],
    );
    assert.deepEqual(rulesOf(run(text), 'missing-file'), [], 'without a folder (untitled document) nothing is checked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('link-label: malformed labels get a fix; Tweet and Code hosts are checked', () => {
  const text = week('Feb 13 - 19', [
    '| 1) **A** - d | [Paper](https://arxiv.org/abs/2501.00011), [Tweet)](https://x.com/a/status/1) |',
    '| 2) **B** - d | [Paper](https://arxiv.org/abs/2501.00012), [Tweet](https://arxiv.org/abs/2501.00012) |',
    '| 3) **C** - d | [Paper](https://arxiv.org/abs/2501.00013), [Code](https://widget.ai/blog) |',
    '| 4) **D** - d | [Paper](https://arxiv.org/abs/2501.00014), [Tweet](https://twitter.com/a/status/4), [GitHub](https://github.com/o/r), [Code](https://huggingface.co/o/m) |',
  ]);
  const problems = rulesOf(run(text), 'link-label');
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'Link label "Tweet)" is malformed; expected "Tweet"',
      '[Tweet] links to arxiv.org; expected twitter.com or x.com',
      '[Code] links to widget.ai, which hosts no code; expected a code host such as github.com',
    ],
  );
  const fixed = applyEdits(text, problems[0].fix!.edits);
  assert.ok(fixed.includes('[Tweet](https://x.com/a/status/1)'));
});

test('missing-link: default requires [Paper] (any case), at information severity; requiredLinks widens it', () => {
  const text = week('Feb 13 - 19', [
    '| 1) **Blog Only** - d | [Blog](https://widget.ai/post), [Tweet](https://x.com/a/status/1) |',
    '| 2) **Lower Case** - d | [paper](https://arxiv.org/abs/2501.00021) |',
  ]);
  const problems = rulesOf(run(text), 'missing-link');
  assert.deepEqual(
    problems.map((p) => [p.severity, p.message]),
    [['info', 'Row 1 "Blog Only" has no [Paper] link']],
  );
  const withTweet = rulesOf(run(text, { requiredLinks: ['Paper', 'Tweet'] }), 'missing-link');
  assert.deepEqual(
    withTweet.map((p) => p.message),
    ['Row 1 "Blog Only" has no [Paper] link', 'Row 2 "Lower Case" has no [Tweet] link'],
  );
  // The range is the links cell.
  const at = columnOf(text, '[Blog]');
  assert.deepEqual(problems[0].range.start, at);
});

test('sameLabel: case and surrounding blanks ignored, nothing else; text outside ASCII is left to toLowerCase', () => {
  assert.ok(sameLabel('Paper', 'Paper'));
  assert.ok(sameLabel(' PAPER\t', 'paper'));
  assert.ok(sameLabel('paper', 'Paper'));
  assert.ok(!sameLabel('Papers', 'Paper'));
  assert.ok(!sameLabel('Tweet', 'Paper'));
  // `@` and a backtick differ by the case bit, as `P` and `p` do, but are no letters.
  assert.ok(!sameLabel('P@per', 'P`per'));
  // `İ` lowercases to two characters: equal to its lowercase form at another length.
  assert.ok(sameLabel('İ', 'i̇'));
  assert.ok(sameLabel('Über', 'über'));
  assert.ok(!sameLabel('Über', 'uber'));
});

test('placeholder-text: runs of x or dots of any length, with emphasis and dashes around them, are placeholders; long real text is not', () => {
  const text = week('Feb 13 - 19', [
    `| 1) **${'x'.repeat(24)}** - a real description of the paper | [Paper](https://arxiv.org/abs/2501.00001) |`,
    `| 2) **Real Title** - *${'.'.repeat(30)}* | [Paper](https://arxiv.org/abs/2501.00002) |`,
    `| 3) **Real Title Two** - — ${'X'.repeat(12)}_x_ | [Paper](https://arxiv.org/abs/2501.00003) |`,
    `| 4) **${'x'.repeat(20)}y** - ${'.'.repeat(20)}, and more | [Paper](https://arxiv.org/abs/2501.00004) |`,
  ]);
  const lines = rulesOf(run(doc(text)), 'placeholder-text').map((p) => p.range.start.line);
  const rowLine = (n: number) =>
    doc(text)
      .split('\n')
      .findIndex((l) => l.startsWith(`| ${n})`));
  assert.deepEqual(lines, [rowLine(1), rowLine(2), rowLine(3)]);
});
