#!/usr/bin/env node
// Bundles the VS Code integration suite for the extension hosts:
//   Node extension host:
//     test/vscode/suite/index.ts     -> out/test/vscode/suite/index.js     (Mocha entry: exports run())
//     test/vscode/suite/*.test.ts    -> out/test/vscode/suite/*.test.js    (one bundle per test file)
//     `mocha` stays external and resolves from the repo's node_modules (out/ is inside the repo), so index.js
//     and the test files share one Mocha.
//   Web worker extension host (buildWebSuite):
//     index.web.ts + every *.test.ts + mocha -> out/test/vscode/suite/web/index.js, one browser script (no file
//     system to load tests from); `node:assert/strict` becomes support/assert.web.ts, other Node built-ins stay
//     unresolved requires that only Node-only tests reach (they skip in the web host first).
// `vscode` is provided by the extension host.
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

const webAssert = {
  name: 'web-assert',
  setup(build) {
    build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: join(defaultTestsDir, 'support', 'assert.web.ts') }));
  },
};

/** Builds the web worker host's suite: one script exporting run(). Returns { index, testFiles }. */
export async function buildWebSuite({ testsDir = defaultTestsDir, outDir = join(defaultOutDir, 'web'), quiet = false } = {}) {
  testsDir = resolve(testsDir);
  outDir = resolve(outDir);
  if (!existsSync(testsDir)) throw new Error(`no test folder: ${testsDir}`);
  const tests = readdirSync(testsDir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // require() inside the loader: each test file runs its top level (suite(), test()) after Mocha's setup.
  const entry = [
    `import { runWebSuite } from ${JSON.stringify(join(defaultTestsDir, 'index.web.ts'))};`,
    `export function run() {`,
    `  return runWebSuite(() => { ${tests.map((t) => `require(${JSON.stringify(join(testsDir, t))});`).join(' ')} }, ${JSON.stringify(tests)});`,
    `}`,
  ].join('\n');
  const index = join(outDir, 'index.js');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: 'web-suite-entry.js', loader: 'js' },
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    external: ['vscode', 'node:*'],
    plugins: [webAssert],
    logLevel: 'warning',
    absWorkingDir: repoRoot,
    outfile: index,
  });
  if (!quiet) console.log(`[build-suite] web: ${tests.length} test file(s) from ${testsDir} -> ${index}`);
  return { index, testFiles: tests };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  try {
    const out = arg('--out') ?? defaultOutDir;
    await buildSuite({ testsDir: arg('--tests') ?? defaultTestsDir, outDir: out });
    await buildWebSuite({ testsDir: arg('--tests') ?? defaultTestsDir, outDir: join(out, 'web') });
  } catch (err) {
    console.error(`[build-suite] ERROR: ${err.message}`);
    process.exit(1);
  }
}
