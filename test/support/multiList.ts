// Helpers for tests of multi-file lists: copy a list folder, count the index entries that resolve to a heading.
import { cpSync, readFileSync, existsSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { buildModel } from '../../server/src/model/model';
import { WeekCache } from '../../server/src/model/cache';
import { entryTarget } from '../../server/src/list/listFiles';
import { entryTargets } from '../../server/src/list/loadList';

export const multiFixture = join(__dirname, '..', 'fixtures', 'multi');

/** Copies a list folder into `dir` with every file writable (the corpus is read-only). */
export function copyList(from: string, dir: string): string {
  cpSync(from, dir, { recursive: true });
  const walk = (d: string): void => {
    chmodSync(d, 0o755);
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else chmodSync(path, 0o644);
    }
  };
  walk(dir);
  return dir;
}

/** How many of the index's entries resolve to a heading of the file they name, and how many do not. */
export function countIndexLinks(indexPath: string): { resolving: number; broken: number } {
  const indexUri = pathToFileURL(indexPath).href;
  const anchors = new Map<string, ReadonlyMap<string, number>>();
  let resolving = 0;
  let broken = 0;
  for (const target of entryTargets(readFileSync(indexPath, 'utf8'))) {
    const resolved = entryTarget(indexUri, target);
    if (!resolved?.anchor) continue;
    let known = anchors.get(resolved.uri);
    if (!known) {
      const path = fileURLToPath(resolved.uri);
      known = existsSync(path) ? buildModel(readFileSync(path, 'utf8'), new WeekCache()).anchors : new Map();
      anchors.set(resolved.uri, known);
    }
    if (known.has(resolved.anchor.toLowerCase())) resolving++;
    else broken++;
  }
  return { resolving, broken };
}
