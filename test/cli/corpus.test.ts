// Issue 2's "Done when" list for the 2023 corpus file, checked through the CLI's JSON output.
// The corpus is public data outside the repo (../shared/corpus); the test skips when it is absent.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runCli } from '../support/cli';
import { corpusFile, corpusSkip, repoRoot } from '../support/paths';
import type { JsonProblem } from '../../server/src/cli/formats';

const FILE = corpusFile('potw-2023-02-README.md');

describe('potw-2023-02-README.md', { skip: corpusSkip }, () => {
  let problems: JsonProblem[];
  let lines: string[];
  let exitCode: number | null;
  /** 1-based line range [heading, next heading) of the week whose heading contains `dates`. */
  let weekLines: (dates: string) => [number, number];

  before(async () => {
    if (!existsSync(FILE)) return;
    lines = readFileSync(FILE, 'utf8').split('\n');
    // The exact command from the issue, run from the repo root with the relative path.
    const result = await runCli(['check', relative(repoRoot, FILE), '--format', 'json'], { cwd: repoRoot });
    exitCode = result.code;
    problems = JSON.parse(result.stdout) as JsonProblem[];
    const headings = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => /^##\s+Top ML Papers of the Week/.test(l));
    weekLines = (dates) => {
      const at = headings.findIndex(([l]) => l.includes(`(${dates})`));
      assert.notEqual(at, -1, `week (${dates}) exists`);
      return [headings[at][1], headings[at + 1]?.[1] ?? lines.length + 1];
    };
  });

  const lineText = (p: JsonProblem) => lines[p.line - 1];
  const inWeek = (p: JsonProblem, dates: string) => {
    const [start, end] = weekLines(dates);
    return p.line > start && p.line < end;
  };

  test('exit code 1: the placeholder links are errors', () => {
    assert.equal(exitCode, 1);
  });

  test('row-number: the `5.` row in week Feb 20-26', () => {
    const found = problems.filter((p) => p.rule === 'row-number' && inWeek(p, 'Feb 20-26'));
    assert.equal(found.length, 1, JSON.stringify(found));
    const [p] = found;
    assert.match(lineText(p), /^\|\s*5\.\s/);
    assert.equal(lineText(p).slice(p.column - 1, p.endColumn - 1), '5.');
    assert.equal(p.fixable, true);
  });

  test("table-row: that row's missing trailing pipe", () => {
    const found = problems.filter((p) => p.rule === 'table-row' && inWeek(p, 'Feb 20-26'));
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(lineText(found[0]), /^\|\s*5\.\s/);
    assert.doesNotMatch(lineText(found[0]).trimEnd(), /\|$/, 'the row really has no trailing pipe');
    assert.equal(found[0].fixable, true);
  });

  test('row-number: the missing row 5 of week Feb 13 - 19', () => {
    const found = problems.filter((p) => p.rule === 'row-number' && inWeek(p, 'Feb 13 - 19'));
    assert.equal(found.length, 1, JSON.stringify(found));
    // Reported at the row numbered 6, the first after the gap, saying 5 is skipped.
    assert.match(lineText(found[0]), /^\|\s*6\)\s/);
    assert.match(found[0].message, /\b5\b/);
    const rowNumbers = lines
      .slice(...weekLines('Feb 13 - 19'))
      .map((l) => /^\|\s*(\d+)\)/.exec(l)?.[1])
      .filter(Boolean);
    assert.ok(!rowNumbers.includes('5') && rowNumbers.includes('4') && rowNumbers.includes('6'), `the week really skips 5: ${rowNumbers.join(',')}`);
  });

  test('placeholder-link: the [Paper](xxx) link, at the link', () => {
    const found = problems.filter(
      (p) =>
        p.rule === 'placeholder-link' &&
        lineText(p)
          .slice(p.column - 1)
          .startsWith('[Paper](xxx)'),
    );
    assert.equal(found.length, 1, JSON.stringify(problems.filter((p) => p.rule === 'placeholder-link')));
    assert.equal(found[0].severity, 'error');
  });

  test('placeholder-link: the pics/ image (a folder, not a file)', () => {
    const found = problems.filter((p) => p.rule === 'placeholder-link' && /!\[[^\]]*\]\(pics\/\)/.test(lineText(p)));
    assert.equal(found.length, 1);
    assert.equal(lineText(found[0]).slice(found[0].column - 1, found[0].endColumn - 1), lineText(found[0]).match(/!\[[^\]]*\]\(pics\/\)/)![0]);
    assert.equal(found[0].severity, 'error');
  });

  test('duplicate-title: the repeated StyleGAN-T title in week Jan 23-29, on both rows', () => {
    const found = problems.filter((p) => p.rule === 'duplicate-title' && inWeek(p, 'Jan 23-29'));
    const styleGanRows = lines
      .map((l, i) => [l, i + 1] as const)
      .filter(([l], i) => /^\|\s*\d+\)\s*\*\*StyleGAN-T:/.test(l) && inWeek({ line: i + 1 } as JsonProblem, 'Jan 23-29'));
    assert.equal(styleGanRows.length, 2, 'the week really lists the title twice');
    assert.deepEqual(
      found.map((p) => p.line),
      styleGanRows.map(([, n]) => n),
    );
    for (const p of found) assert.match(p.message, /StyleGAN-T/);
  });
});
