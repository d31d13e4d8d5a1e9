#!/usr/bin/env node
// Runs the VS Code integration suite in desktop VS Code (Electron) with @vscode/test-electron:
// the classic way, for machines that can download VS Code (it caches it in .vscode-test/).
// This offline machine cannot: use `npm run test:vscode` (code-server + chromium) there.
// On a Linux box without a display, run it under xvfb-run.
//
//   node test/vscode/run-electron.mjs [--extension <dir>] [--workspace <dir>] [--tests <dir>]
//                                     [--vscode-version <v>] [--vscode-executable <path>]
// Env: VSCODE_VERSION (default 1.100.3, the version the code-server runner uses),
//      VSCODE_EXECUTABLE_PATH (an installed `code` binary: skips the download).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import testElectron from '@vscode/test-electron';
import { buildSuite } from './build-suite.mjs';
import { printSummary } from './run-code-server.mjs';

const { runTests } = testElectron;
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const started = Date.now();
  const extensionDevelopmentPath = resolve(arg('--extension') ?? repoRoot);
  const fixture = resolve(arg('--workspace') ?? join(here, 'workspace'));
  const version = arg('--vscode-version') ?? process.env.VSCODE_VERSION ?? '1.100.3';
  const vscodeExecutablePath = arg('--vscode-executable') ?? process.env.VSCODE_EXECUTABLE_PATH;
  if (!existsSync(fixture)) throw new Error(`workspace fixture folder not found: ${fixture}`);

  const suite = await buildSuite({ testsDir: resolve(arg('--tests') ?? join(here, 'suite')) });
  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-electron-'));
  const workspace = join(tmp, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  const resultsFile = join(tmp, 'results.json');

  let exitCode = 1;
  try {
    await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version }),
      extensionDevelopmentPath,
      extensionTestsPath: suite.index,
      extensionTestsEnv: { PAPER_LIST_TEST_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir',
        join(tmp, 'user-data'),
      ],
    });
    exitCode = 0;
  } catch (err) {
    console.error(`[vscode-tests] ${err instanceof Error ? err.message : err}`);
  }
  // runTests fails when run() rejects (a failing test or none ran); the results file says which.
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    printSummary(results, Date.now() - started, { listTests: false });
    if (results.failed > 0 || results.passed === 0) exitCode = 1;
    console.log(`vscode: ${results.passed} passed, ${results.failed} failed, ${results.pending} skipped`);
  } else {
    console.error('[vscode-tests] no results file: the suite did not run');
    exitCode = 1;
  }
  rmSync(tmp, { recursive: true, force: true });
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-tests] ERROR: ${err.message}`);
    process.exit(1);
  },
);
