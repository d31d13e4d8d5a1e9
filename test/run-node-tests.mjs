// Runs every node:test file (TypeScript, through tsx) under the test areas; the VS Code suite runs separately.
// Usage: node test/run-node-tests.mjs [area...]   e.g. `node test/run-node-tests.mjs unit lsp`
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const AREAS = ['unit', 'fixtures', 'corpus', 'lsp', 'cli', 'multi', 'action', 'robustness', 'fuzz'];
const areas = process.argv.length > 2 ? process.argv.slice(2) : AREAS;

function collect(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = areas.flatMap((area) => collect(join('test', area))).sort();
if (files.length === 0) {
  console.error(`No test files under test/{${areas.join(',')}}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
