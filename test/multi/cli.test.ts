// Multi-file lists through the CLI: an index README and year files checked as one list, --fix across files.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { corpusFile, corpusSkip, makeTempDir } from '../support/paths';
import { copyList, countIndexLinks, multiFixture } from '../support/multiList';
import type { JsonProblem } from '../../server/src/cli/formats';

const temp = makeTempDir('paper-list-multi-');
after(temp.remove);

async function problems(cwd: string, args: string[] = []): Promise<JsonProblem[]> {
  const result = await runCli(['check', '--format', 'json', ...args], { cwd });
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  return JSON.parse(result.stdout) as JsonProblem[];
}

describe('a multi-file fixture (index README + years/*.md)', () => {
  test('no argument: every file of the list, each problem in its own file', async () => {
    const found = await problems(multiFixture);
    const summary = found.map((p) => `${p.file}:${p.line} ${p.rule}`);
    assert.deepEqual(summary, [
      'years/2026.md:9 toc',
      // The eight-day label is one problem: week-heading's, not also week-sequence's.
      'years/2026.md:17 week-heading',
      'years/2026.md:21 duplicate-title',
      'years/2026.md:21 duplicate-paper',
      'years/2026.md:25 week-sequence',
      'years/2025.md:12 duplicate-title',
      'years/2025.md:12 duplicate-paper',
    ]);
    assert.match(found[4].message, /gap of 7 days after December 22 - December 28 \(years\/2025\.md\)/, 'the sequence crosses the file boundary');
    assert.equal(found[4].severity, 'info', 'a skipped week is information');
    assert.match(found[3].message, /in years\/2025\.md/, 'a duplicate names the other file');
  });

  test('a named year file is checked as part of its list, and only its problems are reported', async () => {
    const found = await problems(multiFixture, ['years/2025.md']);
    assert.deepEqual(
      found.map((p) => `${p.file}:${p.line} ${p.rule}`),
      ['years/2025.md:12 duplicate-title', 'years/2025.md:12 duplicate-paper'],
    );
  });

  test('a named year file from another folder: every format names that file (relative to the working folder), cross-file facts count', async () => {
    const cwd = join(multiFixture, '..');
    const named = 'multi/years/2025.md';
    const filesOf = {
      text: (out: string) => [...out.matchAll(/^(\S+):\d+:\d+ /gm)].map((m) => m[1]),
      json: (out: string) => (JSON.parse(out) as JsonProblem[]).map((p) => p.file),
      github: (out: string) => [...out.matchAll(/^::\w+ file=([^,]+),line=/gm)].map((m) => m[1]),
      sarif: (out: string) =>
        (JSON.parse(out) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0].results.map(
          (r) => r.locations[0].physicalLocation.artifactLocation.uri,
        ),
    };
    for (const [format, files] of Object.entries(filesOf)) {
      const result = await runCli(['check', '--format', format, named], { cwd });
      assert.ok(result.code === 0 || result.code === 1, `${format}: ${result.stderr}`);
      // The two duplicates exist only because years/2026.md holds the same paper: the list was read, one file reported.
      assert.deepEqual(files(result.stdout), [named, named], format);
      assert.match(result.stdout, /duplicate-title|Moss Transformers/, format);
    }
    const sarif = await runCli(['check', '--format', 'sarif', named], { cwd });
    assert.match(sarif.stdout, /"uri": "multi\/years\/2026\.md"/, 'the related location names the other file from the working folder');
  });

  test('SARIF points related locations into the other file', async () => {
    const result = await runCli(['check', '--format', 'sarif'], { cwd: multiFixture });
    const sarif = JSON.parse(result.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const duplicate = sarif.runs[0].results.find(
      (r) => r.ruleId === 'duplicate-title' && r.locations[0].physicalLocation.artifactLocation.uri === 'years/2026.md',
    )!;
    assert.equal(duplicate.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'years/2025.md');
  });

  test('malformed index entry text (no parentheses, an unbalanced one) is reported in the index and fixed from its heading', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'fixture-malformed'));
    const path = join(dir, 'README.md');
    const original = readFileSync(path, 'utf8');
    const wellFormed = original.split('\n').filter((line) => /^- \[.*\((?:January|December) \d+ - \w+ \d+\)\]/.test(line));
    const [noDates, unbalancedOne] = [wellFormed[1]!, wellFormed[2]!];
    const broken = original.replace(noDates, noDates.replace(/\((\w+ \d+ - \w+ \d+)\)\]/, '$1]')).replace(unbalancedOne, unbalancedOne.replace(/\)\]/, ']'));
    writeFileSync(path, broken);
    const found = (await problems(dir, ['README.md'])).filter((p) => /is malformed/.test(p.message));
    assert.deepEqual(
      found.map((p) => [p.line, p.fixable]),
      [
        [original.split('\n').indexOf(noDates) + 1, true],
        [original.split('\n').indexOf(unbalancedOne) + 1, true],
      ],
    );
    await runCli(['check', '--fix', 'README.md'], { cwd: dir });
    const fixed = readFileSync(path, 'utf8').split('\n');
    assert.ok(fixed.includes(noDates) && fixed.includes(unbalancedOne), 'both entries read as before they broke');
  });

  test('--fix: inserts the missing entry, renames the heading and its entry together; every index link resolves before and after', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'fixture-fix'));
    const before = countIndexLinks(join(dir, 'README.md'));
    assert.deepEqual(before, { resolving: 4, broken: 0 });
    const result = await runCli(['check', '--fix'], { cwd: dir });
    assert.match(result.stderr, /applied \d+ fix(es)? in 2 files/);
    const index = readFileSync(join(dir, 'README.md'), 'utf8');
    const year = readFileSync(join(dir, 'years/2026.md'), 'utf8');
    assert.match(year, /## Top Papers of the Week \(January 12 - January 18\) - 2026/);
    const lines = index.split('\n');
    const first = lines.indexOf('## 2026') + 1;
    assert.equal(lines[first], '- [Top Papers of the Week (January 19 - January 25)](years/2026.md#top-papers-of-the-week-january-19---january-25---2026)');
    assert.equal(lines[first + 1], '- [Top Papers of the Week (January 12 - January 18)](years/2026.md#top-papers-of-the-week-january-12---january-18---2026)');
    assert.deepEqual(countIndexLinks(join(dir, 'README.md')), { resolving: 5, broken: 0 });
    const again = await problems(dir);
    assert.deepEqual(
      again.filter((p) => p.fixable),
      [],
      'nothing fixable is left',
    );
  });

  test('an entry naming a missing file: one problem per entry, no crash; an unreadable file: one problem and nothing written', async () => {
    const dir = copyList(multiFixture, join(temp.dir, 'fixture-missing'));
    const index = join(dir, 'README.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace(/years\/2025\.md/g, 'years/2024.md'));
    const found = await problems(dir);
    const missing = found.filter((p) => p.file === 'README.md' && /years\/2024\.md, which does not exist/.test(p.message));
    assert.equal(missing.length, 2);
    const dir2 = copyList(multiFixture, join(temp.dir, 'fixture-unreadable'));
    chmodSync(join(dir2, 'years/2025.md'), 0o000);
    const unreadableRun = await runCli(['check', '--fix', '--format', 'json'], { cwd: dir2 });
    chmodSync(join(dir2, 'years/2025.md'), 0o644);
    if (process.getuid?.() === 0) return; // root reads anything: the unreadable case cannot be made here
    assert.equal(unreadableRun.code, 2);
    assert.match(unreadableRun.stderr, /nothing written/);
    assert.equal(readFileSync(join(dir2, 'years/2026.md'), 'utf8'), readFileSync(join(multiFixture, 'years/2026.md'), 'utf8'));
  });
});

/**
 * Every kind of finding on today's list and its four earlier versions, judged by reading the findings (2026-12): a new
 * kind showing up fails the corpus tests until someone has judged it here.
 */
const JUDGED_KINDS: Readonly<Record<string, string>> = {
  toc: 'real: the 2023 entry says "December 24 - December 31" while its heading says December 25',
  'week-heading': 'debatable: the sync commits write Sunday-to-Sunday headings (8 days) that share a day with the next week',
  'week-sequence': 'real for the missing week of March 16 - 22, 2026; the overlaps follow from the 8-day headings (debatable)',
  'placeholder-link': 'real: empty [Tweet]() links the sync left in 2026 weeks',
  'duplicate-title': 'debatable: mostly one paper listed again in a later week (real); a few are short names two works share',
  'duplicate-paper': 'real: the same paper URL listed in two weeks',
  'missing-link': 'real (information): rewritten rows with no [Paper] link',
  'table-row': 'real: a row with 4 cells under a 2-column header',
  'link-label': 'real: a malformed "Tweet)" label and [Tweet] links that point at arxiv.org',
};

function assertJudged(found: readonly JsonProblem[]): void {
  const unjudged = [...new Set(found.map((p) => p.rule))].filter((rule) => !(rule in JUDGED_KINDS));
  assert.deepEqual(
    unjudged,
    [],
    `judge these kinds: ${found
      .filter((p) => unjudged.includes(p.rule))
      .map((p) => `${p.file}:${p.line} ${p.message}`)
      .slice(0, 5)
      .join('; ')}`,
  );
}

const DECEMBER_24 = /"Top AI Papers of the Week \(December 24 - December 31\)" points at week December 25 - December 31 in years\/2023\.md/;

describe('the corpus list of 2026-06 (aipotw-2026-06)', { skip: corpusSkip }, () => {
  const listDir = corpusFile('aipotw-2026-06');

  test('no false alarms on the index; the real problems are found', async () => {
    const found = await problems(listDir);
    const index = found.filter((p) => p.file === 'README.md');
    assert.equal(index.length, 1, index.map((p) => p.message).join('\n'));
    assert.match(index[0].message, DECEMBER_24);
    const emptyTweets = found.filter((p) => p.file === 'years/2026.md' && p.rule === 'placeholder-link' && /\[Tweet\] is empty/.test(p.message));
    assert.equal(emptyTweets.length, 3);
    assert.ok(
      found.some((p) => p.rule === 'duplicate-title' && /in years\/2025\.md/.test(p.message)),
      'duplicates across files are found',
    );
    assertJudged(found);
  });

  test('--fix on a copy keeps every index link resolving', async () => {
    const dir = copyList(listDir, join(temp.dir, 'corpus-fix'));
    const before = countIndexLinks(join(dir, 'README.md'));
    assert.equal(before.broken, 0);
    const result = await runCli(['check', '--fix'], { cwd: dir, timeoutMs: 120_000 });
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    const afterFix = countIndexLinks(join(dir, 'README.md'));
    assert.equal(afterFix.broken, 0);
    assert.ok(afterFix.resolving >= before.resolving, `${afterFix.resolving} >= ${before.resolving}`);
    assert.notEqual(readFileSync(join(dir, 'years/2026.md'), 'utf8'), readFileSync(join(listDir, 'years/2026.md'), 'utf8'), 'the sequence fixes were applied');
  });

  for (const rev of ['fdeeaaf', '869d012', '42021c1', '8fa9125'])
    test(`multi-history/${rev}: no missing-file or unmatched-heading false alarm, the December 24 entry found, every kind judged`, async () => {
      const found = await problems(corpusFile(join('multi-history', rev)));
      assert.deepEqual(
        found.filter((p) => /matches no heading|does not exist/.test(p.message)).map((p) => p.message),
        [],
      );
      const index = found.filter((p) => p.file === 'README.md');
      assert.equal(index.length, 1, index.map((p) => p.message).join('\n'));
      assert.match(index[0].message, DECEMBER_24);
      assertJudged(found);
    });
});
