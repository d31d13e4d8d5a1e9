#!/usr/bin/env node
// Bundles the VS Code integration suite for the extension host:
//   test/vscode/suite/index.ts     -> out/test/vscode/suite/index.js     (Mocha entry: exports run())
//   test/vscode/suite/*.test.ts    -> out/test/vscode/suite/*.test.js    (one bundle per test file)
// `vscode` is provided by the extension host; `mocha` stays external and resolves from the repo's
// node_modules (out/ is inside the repo), so index.js and the test files share one Mocha.
//
//   node test/vscode/build-suite.mjs [--tests <dir with *.test.ts>] [--out <dir>]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const defaultTestsDir = join(here, 'suite');
export const defaultOutDir = join(repoRoot, 'out', 'test', 'vscode', 'suite');

/**
 * Builds the suite. Returns { outDir, index, testFiles }.
 * testsDir: folder whose *.test.ts are bundled (default test/vscode/suite; the runner's --tests overrides it).
 */
export async function buildSuite({ testsDir = defaultTestsDir, outDir = defaultOutDir, quiet = false } = {}) {
  testsDir = resolve(testsDir);
  outDir = resolve(outDir);
  if (!existsSync(testsDir)) throw new Error(`no test folder: ${testsDir}`);
  const tests = readdirSync(testsDir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(testsDir, f));
  // Start clean: a deleted test must not keep running from a stale bundle.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  };
  await esbuild.build({ ...common, entryPoints: [join(defaultTestsDir, 'index.ts')], outfile: join(outDir, 'index.js') });
  await Promise.all(tests.map((t) => esbuild.build({ ...common, entryPoints: [t], outfile: join(outDir, basename(t).replace(/\.ts$/, '.js')) })));
  const testFiles = tests.map((t) => join(outDir, basename(t).replace(/\.ts$/, '.js')));
  if (!quiet) console.log(`[build-suite] ${testFiles.length} test file(s) from ${testsDir} -> ${outDir}`);
  return { outDir, index: join(outDir, 'index.js'), testFiles };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  try {
    await buildSuite({ testsDir: arg('--tests') ?? defaultTestsDir, outDir: arg('--out') ?? defaultOutDir });
  } catch (err) {
    console.error(`[build-suite] ERROR: ${err.message}`);
    process.exit(1);
  }
}
