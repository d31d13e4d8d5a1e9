// The Action and the pre-commit hook run committed bundles (action/dist/), since their users run no build. A fresh
// build of the sources must give the bytes that are committed (HEAD's, not the working tree's: `npm run build`, which
// npm test runs first, rewrites action/dist), else someone changed the sources without committing the rebuilt bundles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { actionManifest } from '../support/action';
import { makeTempDir, repoRoot } from '../support/paths';

const BUNDLES = ['index.js', 'cli.js'];

/** The committed bytes: HEAD's blob in a git checkout, else (a tarball) the file. */
function committedBundle(name: string): Buffer {
  const blob = spawnSync('git', ['show', `HEAD:action/dist/${name}`], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  return blob.status === 0 ? blob.stdout : readFileSync(join(repoRoot, 'action', 'dist', name));
}

describe('committed bundles', () => {
  let temp: ReturnType<typeof makeTempDir>;
  before(() => {
    temp = makeTempDir('paper-list-bundle-');
  });
  after(() => temp.remove());

  test('action/dist matches a fresh build of the sources', () => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--committed', '--outdir', temp.dir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    for (const name of BUNDLES) {
      const fresh = readFileSync(join(temp.dir, name));
      assert.ok(
        fresh.equals(committedBundle(name)),
        `the committed action/dist/${name} is not the build of the current sources: run \`npm run build\` and commit action/dist/`,
      );
    }
  });

  test('the build is deterministic: two builds give the same bytes', () => {
    const second = join(temp.dir, 'second');
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--committed', '--outdir', second], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    for (const name of BUNDLES) assert.ok(readFileSync(join(second, name)).equals(readFileSync(join(temp.dir, name))), name);
  });

  test('action.yml runs the committed bundle on node24 (GitHub removed node20 from its runners in September 2026); git keeps the CLI executable for pre-commit', () => {
    const manifest = actionManifest();
    assert.equal(manifest.runs.using, 'node24');
    assert.equal(manifest.runs.main, 'action/dist/index.js');
    const tracked = spawnSync('git', ['ls-files', '-s', 'action/dist'], { cwd: repoRoot, encoding: 'utf8' });
    if (tracked.status !== 0) return; // not a git checkout (a tarball): nothing tracks modes
    const modes = Object.fromEntries(
      tracked.stdout
        .trim()
        .split('\n')
        .map((l) => [l.split('\t')[1], l.split(' ')[0]]),
    );
    assert.deepEqual(modes, { 'action/dist/cli.js': '100755', 'action/dist/index.js': '100644' }, 'both bundles are committed');
  });
});
