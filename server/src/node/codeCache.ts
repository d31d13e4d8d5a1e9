// A bundle compiled with a V8 code cache kept on disk. A fresh server otherwise parses and compiles each function of
// the language server the first time it runs: about a seventh of opening a list, paid at every start.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What became of the cache on disk: none yet, used, or refused by V8 (another V8 build or flags: compiled without it). */
export type CacheState = 'absent' | 'accepted' | 'rejected';

export interface CachedBundle {
  readonly cache: CacheState;
  /** Runs the bundle as a CommonJS module. */
  run(): void;
  /** Saves the cache of every function compiled so far; false when the folder cannot be written. */
  save(): boolean;
}

/**
 * When a start without a usable cache saves one: once the first lists are analysed (what the next start compiles), and
 * again once the first edits have compiled their paths too (the next start's first edits then compile less).
 */
export const SAVE_AFTER_MS: readonly number[] = [2_000, 30_000];

/**
 * Another cache of the bundle (an earlier build's, or another VS Code's V8) is removed when a new one is saved and it
 * was saved this long ago: a runtime still using it saves it again at its next start.
 */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

export function compileWithCodeCache(bundle: string, folder: string): CachedBundle {
  const source = readFileSync(bundle, 'utf8');
  const stem = basename(bundle, '.js');
  // V8 checks a cache against its own version and flags but against the source's length only: the name holds a hash
  // of the source, so an update of the extension never runs with the previous build's cache.
  const hash = createHash('sha256').update(source).update(process.versions.v8).digest('hex').slice(0, 16);
  const name = `${stem}-${hash}.v8cache`;
  const file = join(folder, name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    // none yet, or unreadable: compiled without it
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const cache: CacheState = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return {
    cache,
    run() {
      const module = { exports: {} };
      script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
    },
    save() {
      const temp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(temp, script.createCachedData());
        // A server starting meanwhile reads the old file or the new one, never half of one.
        renameSync(temp, file);
      } catch {
        try {
          unlinkSync(temp);
        } catch {
          // not created
        }
        return false;
      }
      removeStale(folder, stem, name);
      return true;
    },
  };
}

function removeStale(folder: string, stem: string, kept: string): void {
  const now = Date.now();
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // the folder went meanwhile: nothing to remove
  }
  for (const other of names) {
    if (other === kept || !other.startsWith(`${stem}-`) || !other.endsWith('.v8cache')) continue;
    try {
      if (now - statSync(join(folder, other)).mtimeMs > STALE_MS) unlinkSync(join(folder, other));
    } catch {
      // removed by another server meanwhile
    }
  }
}
