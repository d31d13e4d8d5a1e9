// Entry of the VS Code suite in the web worker extension host (vscode.dev, github.dev; code-server with
// `remote.extensionKind` web). build-suite.mjs bundles it with every *.test.ts into one browser script whose run()
// calls runWebSuite with a loader for the tests: there is no file system to find them on, and no Node.
// The runner talks to it through the workspace folder, the one place both can reach (vscode.workspace.fs here, the
// disk there): it reads `.paper-list-test/config.json` ({ grep?, timeoutMs? }) and writes `.paper-list-test/suite.log`
// (the suite's console output, formatted, rewritten as it grows) and then `.paper-list-test/results.json`.
import * as vscode from 'vscode';
import { assertRanClean, countInto, newResults, recordLoadError, summaryLine, UI_TEST_RETRIES, type TestResults } from './support/results';

interface BrowserMocha {
  setup(options: { ui: 'tdd'; reporter: string; color: boolean; timeout: number; retries: number }): void;
  grep(pattern: string): void;
  run(done: () => void): Parameters<typeof countInto>[0];
}
interface RunnerConfig {
  grep?: string;
  timeoutMs?: number;
}

const DIR = '.paper-list-test';

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('the web suite needs a workspace folder to exchange files with the runner');
  return vscode.Uri.joinPath(first.uri, DIR);
}

async function readConfig(): Promise<RunnerConfig> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'config.json')))) as RunnerConfig;
  } catch {
    return {};
  }
}

function writeText(name: string, text: string): Thenable<void> {
  return vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), name), new TextEncoder().encode(text));
}

/** printf as console.log does it for the formats Mocha's reporters use (%s %d %i %f %j %o %O %c %%). */
function format(...args: unknown[]): string {
  const show = (value: unknown) => (typeof value === 'string' ? value : value instanceof Error ? (value.stack ?? value.message) : JSON.stringify(value));
  let rest = args;
  let text = '';
  if (typeof args[0] === 'string') {
    rest = args.slice(1);
    text = args[0].replace(/%([sdifjoOc%])/g, (match, kind: string) => {
      if (kind === '%') return '%';
      if (rest.length === 0) return match;
      const value = rest.shift();
      if (kind === 'c') return '';
      if (kind === 'd' || kind === 'i') return String(Math.trunc(Number(value)));
      if (kind === 'f') return String(Number(value));
      return show(value);
    });
  }
  return [text, ...rest.map(show)].filter((part, i) => i > 0 || part !== '' || rest.length === 0).join(' ');
}

/**
 * Copies console output to suite.log while the suite runs (the page's console gets it with %s left in). Writes are
 * chained, one at a time, each with everything so far. Returns a function that restores the console and flushes.
 */
function teeConsole(): () => Promise<void> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const lines: string[] = [];
  let writing: Promise<void> | undefined;
  let dirty = false;
  const flush = (): Promise<void> => {
    if (writing) {
      dirty = true;
      return writing;
    }
    dirty = false;
    writing = Promise.resolve(writeText('suite.log', lines.join(''))).then(
      () => undefined,
      () => undefined,
    );
    writing = writing.then(() => {
      writing = undefined;
      if (dirty) return flush();
    });
    return writing;
  };
  // The extension host installs its console forwarders as accessors with a no-op setter: redefine, then restore.
  const descriptors = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  methods.forEach((m) => {
    const original = console[m];
    Object.defineProperty(console, m, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        lines.push(format(...args) + '\n');
        void flush();
        original.apply(console, args);
      },
    });
  });
  return async () => {
    methods.forEach((m, i) => {
      const d = descriptors[i];
      if (d) Object.defineProperty(console, m, d);
    });
    await flush();
    while (writing) await writing;
  };
}

export async function runWebSuite(loadTests: () => void, testFiles: readonly string[]): Promise<void> {
  const started = Date.now();
  const config = await readConfig();
  const untee = teeConsole();
  const results = newResults();
  try {
    const env = results.environment;
    console.log(
      `[suite] VS Code ${env.vscodeVersion} (${env.appName}, ${env.uiKind}, remote: ${env.remoteName ?? 'none'}), ${env.extensionHost} extension host`,
    );
    // mocha 11's prebuilt browser build: CommonJS, with its own process shim. (mocha 12 is an ES module package whose
    // UMD header, bundled, overwrites this bundle's exports; see ../shared/recipes/web-extension.md.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mocha = require('mocha/mocha.js') as BrowserMocha;
    // Mocha's reporters captured console.log when mocha was loaded: point them at the current one.
    (globalThis as unknown as { Mocha: { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } } }).Mocha.reporters.Base.consoleLog = (...args) =>
      console.log(...args);
    mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: config.timeoutMs || 20_000, retries: UI_TEST_RETRIES });
    if (config.grep) mocha.grep(config.grep);
    console.log(`[suite] ${testFiles.length} test file(s): ${testFiles.join(', ') || '(none)'}`);
    try {
      loadTests();
      await new Promise<void>((resolve) =>
        countInto(
          mocha.run(() => resolve()),
          results,
        ),
      );
    } catch (err) {
      recordLoadError(results, err);
    }
    results.total = results.passed + results.failed + results.pending;
    results.durationMs = Date.now() - started;
    console.log(summaryLine(results));
  } finally {
    await untee();
  }
  await writeResults(results);
  assertRanClean(results);
}

async function writeResults(results: TestResults): Promise<void> {
  // Log first, results last (the runner stops following the log once the results file exists); written under another
  // name and renamed, because the runner polls for the file and must never read half of it.
  await writeText('results.json.tmp', JSON.stringify(results, null, 2) + '\n');
  await vscode.workspace.fs.rename(vscode.Uri.joinPath(folder(), 'results.json.tmp'), vscode.Uri.joinPath(folder(), 'results.json'), { overwrite: true });
}
