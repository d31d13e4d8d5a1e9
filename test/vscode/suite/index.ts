// Entry of the VS Code integration suite (the `extensionTestsPath` of @vscode/test-electron and of
// test/vscode/run-code-server.mjs). Runs inside the extension host: loads every compiled *.test.js
// beside this file into Mocha (tdd UI: suite()/test()), runs them, and writes a JSON results file:
//   $PAPER_LIST_TEST_RESULTS, else <this folder>/../results.json  (out/test/vscode/results.json)
// The runner (run-code-server.mjs) sets the env var on the code-server process; the remote extension
// host inherits it. Optional env: PAPER_LIST_TEST_GREP (Mocha grep), PAPER_LIST_TEST_TIMEOUT (ms per test),
// PAPER_LIST_TEST_LOG (a file that also receives the suite's console output, formatted: the runner
// streams it, since a remote extension host's console reaches the browser only unformatted).
// Rejects when a test failed or none ran, so test-electron's runTests fails too.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { assertRanClean, countInto, newResults, recordLoadError, summaryLine, UI_TEST_RETRIES, type TestResults } from './support/results';

export function resultsPath(): string {
  return process.env.PAPER_LIST_TEST_RESULTS || path.resolve(__dirname, '..', 'results.json');
}

function writeResults(results: TestResults): void {
  const file = resultsPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename: the runner polls for the file and must never read half of it.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/** Copies console output to $PAPER_LIST_TEST_LOG while the suite runs; returns the undo function. */
function teeConsole(): () => void {
  const file = process.env.PAPER_LIST_TEST_LOG;
  if (!file) return () => {};
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // The extension host installs its console forwarders as accessors with a no-op setter, so plain
  // assignment is ignored: redefine the properties, and put the original descriptors back afterwards.
  const descriptors = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  methods.forEach((m) => {
    const original = console[m];
    Object.defineProperty(console, m, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        try {
          fs.appendFileSync(file, format(...args) + '\n');
        } catch {
          // never let logging break a test
        }
        original.apply(console, args);
      },
    });
  });
  return () =>
    methods.forEach((m, i) => {
      const d = descriptors[i];
      if (d) Object.defineProperty(console, m, d);
    });
}

const sourceMaps = new Map<string, SourceMap | null>();

/**
 * Points stack frames of the bundled suite (…/X.test.js:L:C) at the .ts sources through the bundles'
 * .js.map files: the extension host replaces Error.prepareStackTrace, so Node's own source-map
 * support does not apply there.
 */
export function mapStack(stack: string): string {
  return stack.replace(/([^\s()]*?([^\s()/\\]+\.js)):(\d+):(\d+)/g, (frame, _file: string, base: string, line: string, col: string) => {
    const mapFile = path.join(__dirname, `${base}.map`);
    if (!sourceMaps.has(mapFile)) {
      let map: SourceMap | null = null;
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
      } catch {
        // no map: keep the frame
      }
      sourceMaps.set(mapFile, map);
    }
    const map = sourceMaps.get(mapFile);
    const entry = map?.findEntry(Number(line) - 1, Number(col) - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return frame;
    const source = path.relative(process.cwd(), path.resolve(__dirname, entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

export async function run(): Promise<void> {
  // Stack traces through the bundles' linked source maps point at the .ts sources.
  process.setSourceMapsEnabled?.(true);
  const untee = teeConsole();
  try {
    await runSuite();
  } finally {
    untee();
  }
}

async function runSuite(): Promise<void> {
  const started = Date.now();
  const results = newResults();
  const env = results.environment;
  console.log(
    `[suite] VS Code ${env.vscodeVersion} (${env.appName}, ${env.uiKind}, remote: ${env.remoteName ?? 'none'}), ${env.extensionHost} extension host, node ${env.node}`,
  );

  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec', // prints through console.log: forwarded to the runner (debug console / browser console)
    timeout: Number(process.env.PAPER_LIST_TEST_TIMEOUT) || 20_000,
    retries: UI_TEST_RETRIES,
  });
  // Mocha's reporters captured console.log when mocha was loaded: point them at the current one.
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => console.log(...args);
  if (process.env.PAPER_LIST_TEST_GREP) mocha.grep(process.env.PAPER_LIST_TEST_GREP);

  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(`[suite] ${files.length} test file(s): ${files.join(', ') || '(none)'}`);

  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      countInto(runner, results, mapStack);
    });
  } catch (err) {
    recordLoadError(results, err);
  }
  results.total = results.passed + results.failed + results.pending;
  results.durationMs = Date.now() - started;
  writeResults(results);
  console.log(`${summaryLine(results)} -> ${resultsPath()}`);
  assertRanClean(results);
}
