// Where the built artifacts, samples and the (external, optional) corpus are, for tests of every area.
import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const distServer = join(repoRoot, 'dist', 'server.js');
export const distCli = join(repoRoot, 'dist', 'cli.js');
export const samplePath = join(repoRoot, 'samples', 'papers.md');

/** The public corpus lives next to the repo and is never copied into it (PAPER_LIST_CORPUS overrides, e.g. to try the skip path). */
export const corpusDir = resolve(repoRoot, process.env.PAPER_LIST_CORPUS ?? '../shared/corpus');
export const corpusMissing = !existsSync(corpusDir);
/** A `skip` value for node:test: false when the corpus is there, else the reason to print. */
export const corpusSkip: false | string = corpusMissing && `corpus not found at ${corpusDir} (../shared is absent)`;
export function corpusFile(name: string): string {
  return join(corpusDir, name);
}

/**
 * Throws a clear message when `npm run build` has not produced `file`; warns (once) when it is older
 * than the sources, since tests then exercise old code.
 */
export function requireBuilt(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before these tests`);
  const built = statSync(file).mtimeMs;
  const newest = newestMtime(join(repoRoot, 'server', 'src'));
  if (newest > built && !warned.has(file)) {
    warned.add(file);
    process.stderr.write(`warning: ${file} is older than server/src; run \`npm run build\` (npm test does)\n`);
  }
  return file;
}
const warned = new Set<string>();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A fresh temp folder, removed by the returned function (call it from `after`). */
export function makeTempDir(prefix = 'paper-list-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
