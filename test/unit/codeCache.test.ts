// The server's V8 code cache (server/src/node/codeCache.ts), each start a fresh process: saved, then used; never the
// cache of other code, even of the same length (V8 checks a cache against the source's length only); refused when
// corrupt and then replaced; a folder that cannot be written costs the cache, not the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/paths';

const child = join(__dirname, '..', 'support', 'codeCacheChild.ts');

interface Start {
  readonly cache: 'absent' | 'accepted' | 'rejected';
  readonly answer: unknown;
  readonly saved?: boolean;
}

function start(bundle: string, folder: string, save = false): Start {
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, bundle, folder, save ? 'save' : 'run'], { encoding: 'utf8' }));
}

/** A bundle with a few functions (compiled lazily, so only a run puts them in the cache) that leaves `answer` behind. */
function writeBundle(path: string, answer: string): void {
  writeFileSync(
    path,
    `function twice(x) { return x + x; }\n` +
      `function answerOf(s) { return twice(s).slice(0, ${answer.length}); }\n` +
      `globalThis.codeCacheFixtureAnswer = answerOf(${JSON.stringify(answer)}); module.exports.ok = typeof require === 'function';\n`,
  );
}

const caches = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.v8cache'));

/** A bundle path and a cache folder in a temporary directory, removed after the test. */
function setup(t: { after: (fn: () => void) => void }): { dir: string; bundle: string; folder: string } {
  const { dir, remove } = makeTempDir('paper-list-code-cache-');
  t.after(remove);
  return { dir, bundle: join(dir, 'languageServer.js'), folder: join(dir, 'cache') };
}

test('a start saves the cache and the next start uses it, running the same code', (t) => {
  const { bundle, folder } = setup(t);
  writeBundle(bundle, 'first');
  assert.deepEqual(start(bundle, folder, true), { cache: 'absent', answer: 'first', saved: true });
  assert.equal(caches(folder).length, 1);
  assert.match(caches(folder)[0], /^languageServer-[0-9a-f]{16}\.v8cache$/);
  assert.deepEqual(start(bundle, folder), { cache: 'accepted', answer: 'first' });
});

test('a new build of the same length never runs with the previous build’s cache', (t) => {
  const { bundle, folder } = setup(t);
  writeBundle(bundle, 'aaaaa');
  start(bundle, folder, true);
  writeBundle(bundle, 'bbbbb');
  assert.deepEqual(start(bundle, folder, true), { cache: 'absent', answer: 'bbbbb', saved: true });
  assert.deepEqual(start(bundle, folder), { cache: 'accepted', answer: 'bbbbb' });
});

test('a corrupt cache is refused, the bundle still runs, and saving replaces it', (t) => {
  const { bundle, folder } = setup(t);
  writeBundle(bundle, 'kept');
  start(bundle, folder, true);
  const [file] = caches(folder);
  writeFileSync(join(folder, file), Buffer.alloc(4096, 7));
  assert.deepEqual(start(bundle, folder, true), { cache: 'rejected', answer: 'kept', saved: true });
  assert.deepEqual(start(bundle, folder), { cache: 'accepted', answer: 'kept' });
});

test('a folder that cannot be made costs the cache, not the start', (t) => {
  const { bundle } = setup(t);
  writeBundle(bundle, 'runs');
  // A folder under a file: mkdir fails whoever runs the test (root ignores permissions).
  assert.deepEqual(start(bundle, join(bundle, 'cache'), true), { cache: 'absent', answer: 'runs', saved: false });
});

test('saving removes the bundle’s caches saved over 30 days ago, and nothing else', (t) => {
  const { bundle, folder } = setup(t);
  writeBundle(bundle, 'one');
  start(bundle, folder, true);
  const old = Date.now() / 1000 - 31 * 24 * 3600;
  for (const name of ['languageServer-0000000000000000.v8cache', 'other-0000000000000000.v8cache', 'languageServer-notes.txt']) {
    writeFileSync(join(folder, name), 'x');
    utimesSync(join(folder, name), old, old);
  }
  writeFileSync(join(folder, 'languageServer-1111111111111111.v8cache'), 'recent: another VS Code’s, say');
  const [firstBuild] = caches(folder).filter((f) => !/-[01]{16}\./.test(f) && f.startsWith('languageServer-'));
  writeBundle(bundle, 'two');
  start(bundle, folder, true);
  const present = (name: string) => existsSync(join(folder, name));
  assert.equal(present('languageServer-0000000000000000.v8cache'), false, 'the stale cache is removed');
  assert.ok(present(firstBuild), 'the previous build’s cache, saved just now, is kept');
  assert.ok(present('languageServer-1111111111111111.v8cache'), 'a recent cache is kept');
  assert.ok(present('other-0000000000000000.v8cache') && present('languageServer-notes.txt'), 'other bundles’ caches and other files are kept');
  assert.equal(caches(folder).filter((f) => f.startsWith('languageServer-')).length, 3);
});
