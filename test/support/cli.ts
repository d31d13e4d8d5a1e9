// Runs the built CLI as a child process, the way CI runs it.
import { spawn } from 'node:child_process';
import { distCli, requireBuilt } from './paths';

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `closeStdout`: the reader closes the CLI's output before it is written, as `paper-list check | head` can. */
export function runCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number; closeStdout?: boolean } = {}): Promise<CliResult> {
  const cli = requireBuilt(distCli);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    if (options.closeStdout) child.stdout.destroy();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // A hang guard, not a performance bound.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
