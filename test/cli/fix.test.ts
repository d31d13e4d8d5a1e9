// `paper-list check --fix` on temp copies: only claimed characters change, a second run changes nothing,
// BOM and CRLF survive, the write is atomic and leaves nothing behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { corpusFile, corpusSkip, makeTempDir, samplePath } from '../support/paths';
import type { JsonProblem } from '../../server/src/cli/formats';

/**
 * A line with everything a fix may change blanked out: the row number token (and the space after it),
 * link labels, link anchors, the dates in a heading's parentheses, and trailing pipes and spaces.
 */
function unclaimed(line: string): string {
  return line
    .replace(/^(\s*\|?\s*(?:\*\*)?)\d+\)?\.?\)?\s*/, '$1')
    .replace(/^(#{1,6}\s[^(]*\()[^)]*\)/, '$1)')
    .replace(/\[[^\]]*\]\(/g, '[](')
    .replace(/(\]\([^)\s#]*#)[^)\s]*\)/g, '$1)')
    .replace(/[\s|]*$/, '');
}

const TOC_ENTRY = /^\s*[-*+]\s+\[[^\]]+\]\([^)]*#[^)]*\)\s*$/;

/** Aligns the lines (LCS) and checks every difference is a claimed change; returns how many lines changed. */
function assertOnlyClaimedChanges(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  // LCS table over lines; the lists are small enough (hundreds of lines).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const removed: string[] = [];
  const added: string[] = [];
  let changed = 0;
  const flush = () => {
    // Changed lines pair up in order; extra added lines may only be inserted TOC entries.
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++) {
      assert.equal(unclaimed(added[k]), unclaimed(removed[k]), `only claimed characters change:\n- ${removed[k]}\n+ ${added[k]}`);
      changed++;
    }
    assert.equal(removed.length, pairs, `no line is removed: ${removed.slice(pairs).join('\n')}`);
    for (const line of added.slice(pairs)) {
      assert.match(line, TOC_ENTRY, 'only TOC entries are inserted');
      changed++;
    }
    removed.length = 0;
    added.length = 0;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  flush();
  return changed;
}

describe('paper-list check --fix', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const sample = readFileSync(samplePath, 'utf8');
  before(() => {
    temp = makeTempDir();
  });
  after(() => temp.remove());

  async function fix(name: string, content: string | Buffer, dir = temp.dir) {
    const path = join(dir, name);
    writeFileSync(path, content);
    const result = await runCli(['check', path, '--fix', '--format', 'json']);
    return { path, result, bytes: readFileSync(path) };
  }

  test('the claim checker itself rejects changes outside the claimed characters', () => {
    assert.throws(() => assertOnlyClaimedChanges('| 1) **A** - x. | [Paper](u) |', '| 1) **B** - x. | [Paper](u) |'));
    assert.throws(() => assertOnlyClaimedChanges('| 1) **A** - x. | [Paper](u) |\nnext', 'next'));
    assert.equal(assertOnlyClaimedChanges('| 5. **A** - x. | [Tweet)](u#a)', '| 5) **A** - x. | [Tweet](u#b) |'), 1);
  });

  test('fixes the sample touching only claimed characters; reports what remains; a second run changes nothing', async () => {
    const sibling = join(temp.dir, 'notes.txt');
    writeFileSync(sibling, 'untouched');
    const { path, result, bytes } = await fix('papers.md', sample);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /papers\.md: applied \d+ fix(es)?/);
    const fixed = bytes.toString('utf8');
    assert.notEqual(fixed, sample);
    const changed = assertOnlyClaimedChanges(sample, fixed);
    assert.ok(changed >= 6, `changed ${changed} lines`);
    // The planted fixable mistakes are gone.
    assert.match(fixed, /^\| 5\) \*\*Diffusion Planners/m);
    assert.match(fixed, /\[Tweet\]\(https:\/\/x\.com\/paperlistdemo\/status\/1937000000000126704\)/);
    assert.match(fixed, /^## Top ML Papers of the Week \(June 9 - June 15\) - 2025$/m);
    assert.match(fixed, /^\| 7\) \*\*Compositional Image Editing/m);
    assert.match(fixed, /^\| 10\) \*\*Small Models, Long Horizons/m);
    assert.match(fixed, /status\/1937000000000205894\) \|$/m);
    // What is reported is what remains: nothing fixable; the duplicates (no safe fix) are still there.
    const remaining = JSON.parse(result.stdout) as JsonProblem[];
    assert.ok(
      remaining.every((p) => !p.fixable),
      JSON.stringify(remaining.filter((p) => p.fixable)),
    );
    assert.deepEqual([...new Set(remaining.map((p) => p.rule))].sort(), ['duplicate-paper', 'duplicate-title']);
    // Idempotent.
    const second = await runCli(['check', path, '--fix', '--format', 'json']);
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.stderr, /applied/);
    assert.ok(readFileSync(path).equals(bytes), 'a second --fix changes nothing');
    // Atomic replace leaves no temp file, and nothing else in the folder is touched.
    assert.equal(readFileSync(sibling, 'utf8'), 'untouched');
    assert.deepEqual(
      readdirSync(temp.dir).filter((n) => n.startsWith('.')),
      [],
    );
  });

  test('BOM and CRLF are preserved: the result is the LF fix with CRLF and the BOM put back', async () => {
    const lfFixed = (await fix('lf.md', sample)).bytes.toString('utf8');
    const { bytes, result } = await fix('crlf-bom.md', '\ufeff' + sample.replace(/\n/g, '\r\n'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    const text = bytes.toString('utf8');
    assert.doesNotMatch(text, /[^\r]\n/, 'no bare LF');
    assert.equal(text, '\ufeff' + lfFixed.replace(/\n/g, '\r\n'));
  });

  test('a read-only file is not written: exit 2 with one line, content unchanged', async () => {
    const path = join(temp.dir, 'readonly.md');
    writeFileSync(path, sample);
    chmodSync(path, 0o444);
    const result = await runCli(['check', path, '--fix']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^paper-list: .*readonly\.md: is read-only; not written$/m);
    assert.doesNotMatch(result.stderr, /^\s+at /m);
    assert.equal(readFileSync(path, 'utf8'), sample);
    chmodSync(path, 0o644);
  });

  test('the 2023 corpus list: only claimed characters change, and a second run changes nothing', { skip: corpusSkip }, async () => {
    const original = readFileSync(corpusFile('potw-2023-02-README.md'), 'utf8');
    const { path, bytes, result } = await fix('potw-2023.md', original);
    assert.equal(result.code, 1, 'placeholder links remain errors after --fix');
    const fixed = bytes.toString('utf8');
    assert.ok(assertOnlyClaimedChanges(original, fixed) >= 2);
    // The `5.` row without a trailing pipe gets both: its number and its pipe, on the same line.
    const row = fixed.split('\n').find((l) => l.includes('**Modular Deep Learning**'))!;
    assert.match(row, /^\| 5\) \*\*Modular Deep Learning\*\*/);
    assert.match(row, /\|$/);
    const second = await runCli(['check', path, '--fix']);
    assert.doesNotMatch(second.stderr, /applied/);
    assert.ok(readFileSync(path).equals(bytes));
  });
});
