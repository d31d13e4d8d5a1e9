// What both suite entries (index.ts in the Node extension host, index.web.ts in the web worker host) report to the
// runner, and the Mocha listeners that count it: one definition, so both hosts' counts mean the same.
import * as vscode from 'vscode';

export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  total: number;
  durationMs: number;
  failures: { title: string; fullTitle: string; message: string; stack: string }[];
  /** Tests that failed once and were run again (UI_TEST_RETRIES). */
  retried: string[];
  tests: { fullTitle: string; state: 'passed' | 'failed' | 'pending'; duration: number }[];
  environment: {
    vscodeVersion: string;
    appName: string;
    appHost: string;
    remoteName: string | null;
    uiKind: string;
    /** `node` (Node extension host) or `web worker` (the browser's extension host). */
    extensionHost: string;
    node: string | null;
  };
  error?: string;
}

/** True in the web worker extension host (vscode.dev, github.dev, code-server with remote.extensionKind web): no Node there. */
export const inWebWorkerHost = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';

export function newResults(): TestResults {
  const node = (globalThis as { process?: { version?: string } }).process?.version ?? null;
  return {
    passed: 0,
    failed: 0,
    pending: 0,
    total: 0,
    durationMs: 0,
    failures: [],
    retried: [],
    tests: [],
    environment: {
      vscodeVersion: vscode.version,
      appName: vscode.env.appName,
      appHost: vscode.env.appHost,
      remoteName: vscode.env.remoteName ?? null,
      uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
      extensionHost: inWebWorkerHost ? 'web worker' : 'node',
      node,
    },
  };
}

export function errorText(err: unknown): { message: string; stack: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack ?? '' };
  return { message: String(err), stack: '' };
}

interface MochaTest {
  fullTitle(): string;
  title: string;
  duration?: number;
}
interface MochaRunner {
  on(event: 'pass' | 'pending', listener: (test: MochaTest) => void): unknown;
  on(event: 'fail' | 'retry', listener: (test: MochaTest, err: unknown) => void): unknown;
}

/**
 * A UI test that fails is run once more (the workbench under CPU load sometimes drops an editor or a tree event);
 * every retry is printed and counted in the results, so a flaky test stays visible instead of hidden.
 */
export const UI_TEST_RETRIES = 1;

/** Counts a run into `results`; `rewriteStack` maps bundle frames to sources where the host can. */
export function countInto(runner: MochaRunner, results: TestResults, rewriteStack: (stack: string) => string = (s) => s): void {
  runner.on('pass', (t) => {
    results.passed++;
    results.tests.push({ fullTitle: t.fullTitle(), state: 'passed', duration: t.duration ?? 0 });
  });
  runner.on('pending', (t) => {
    results.pending++;
    results.tests.push({ fullTitle: t.fullTitle(), state: 'pending', duration: 0 });
  });
  runner.on('retry', (t, err) => {
    results.retried.push(t.fullTitle());
    console.log(`[suite] retrying once: ${t.fullTitle()} (${errorText(err).message.split('\n')[0]})`);
  });
  // Also fires for failing hooks ("before all" hook ...): those count as failures too.
  runner.on('fail', (t, err) => {
    results.failed++;
    // Rewritten before the spec reporter prints failures (at the end of the run).
    if (err instanceof Error && err.stack) {
      try {
        err.stack = rewriteStack(err.stack);
      } catch {
        // keep the original stack
      }
    }
    const { message, stack } = errorText(err);
    results.failures.push({ title: t.title, fullTitle: t.fullTitle(), message, stack });
    results.tests.push({ fullTitle: t.fullTitle(), state: 'failed', duration: t.duration ?? 0 });
  });
}

/** Records an error outside any test (a file that throws while loading, a Mocha error): a failure, not a silent zero. */
export function recordLoadError(results: TestResults, err: unknown): void {
  const { message, stack } = errorText(err);
  results.error = message;
  results.failed++;
  results.failures.push({ title: 'loading the suite', fullTitle: 'loading the suite', message, stack });
}

export function summaryLine(results: TestResults): string {
  return `[suite] ${results.environment.extensionHost} extension host: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending${results.retried.length > 0 ? `, ${results.retried.length} retried` : ''}`;
}

/** Rejects when a test failed or none ran, so the host reports the run as failed too. */
export function assertRanClean(results: TestResults): void {
  if (results.failed > 0) throw new Error(`${results.failed} test(s) failed.`);
  if (results.passed + results.failed === 0) throw new Error('No test ran.');
}

/**
 * Skips the current test where it cannot apply, with the reason printed, so each host's run says what it left out.
 * Usage: `if (inWebWorkerHost) return skipBecause(this, 'why');`
 */
export function skipBecause(context: Mocha.Context, reason: string): void {
  console.log(`      skipped in the ${inWebWorkerHost ? 'web worker' : 'node'} extension host: ${reason}`);
  context.skip();
}
