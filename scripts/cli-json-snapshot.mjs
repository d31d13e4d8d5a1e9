// Runs `paper-list check --format json` on every corpus file (../shared/corpus) and every repo fixture, one file
// at a time, and writes each output to <out>/<name>.json. Two runs (before and after a refactor) are compared
// with `diff -r`: the refactor kept behaviour when the folders are identical.
// Usage: node scripts/cli-json-snapshot.mjs <cli.js> <out-dir>
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const [cli, out] = process.argv.slice(2);
if (!cli || !out) {
  console.error('Usage: node scripts/cli-json-snapshot.mjs <cli.js> <out-dir>');
  process.exit(2);
}
const roots = ['../shared/corpus', 'test/fixtures', 'samples'];
const files = [];
const walk = (dir) => {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.md')) files.push(path);
  }
};
roots.forEach(walk);
mkdirSync(out, { recursive: true });
for (const file of files) {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8' });
  const name = file.replace(/^\.\.\//, 'parent__').replace(/[/\\]/g, '__');
  writeFileSync(join(out, `${name}.json`), `exit ${result.status}\n${result.stdout}\n--stderr--\n${result.stderr}`);
}
console.log(`${files.length} files -> ${out}`);
