// A bare JSON-RPC-over-stdio client for timing the language server: no library between the clock and
// the pipe, so what is measured is the server (and the pipe), not a client framework.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Message {
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { message: string };
}

export interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly unknown[];
  /** performance.now() when the message was parsed. */
  readonly at: number;
}

export class BenchClient {
  private readonly child: ChildProcess;
  private buffer: Buffer = Buffer.alloc(0);
  /** The chunks of a message not yet complete, their length, and the length the message needs (0: none pending). */
  private chunks: Buffer[] = [];
  private received = 0;
  private needed = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown, at: number) => void; reject: (error: Error) => void }>();
  private diagnosticWaiters: { uri: string; version: number | undefined; resolve: (p: Published) => void }[] = [];
  /** Versions published per document, in order, to check none goes backwards. */
  readonly publishedVersions = new Map<string, number[]>();
  private exited = false;

  /** `nodeArgs`: options for the server's Node (a profiler's, for example); `serverArgs`: the server's own, after `--stdio`. */
  constructor(serverPath: string, nodeArgs: readonly string[] = [], serverArgs: readonly string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio', ...serverArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error('server exited'));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size of the server process in bytes (Linux), and its peak. */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  request<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    return this.timedRequest<T>(method, params, timeoutMs).then(({ result }) => result);
  }

  /** A request's result and performance.now() when its answer was parsed. */
  timedRequest<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<{ result: T; at: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value, at) => {
          clearTimeout(timer);
          resolve({ result: value as T, at });
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the first publish of `version` for `uri` (registered before the change is sent). */
  /** The next publish for the document at `version`; undefined: an unversioned publish (a list file the editor has not opened). */
  diagnosticsFor(uri: string, version: number | undefined, timeoutMs = 60_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} after ${timeoutMs} ms`)), timeoutMs);
      this.diagnosticWaiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /**
   * Sends one change to `version` of an open document and times it, from writing didChange to the check (see checked):
   * what the bench calls an edit's latency.
   */
  async timedChange(uri: string, version: number, change: { range: unknown; text: string }): Promise<{ ms: number; published?: Published }> {
    const start = performance.now();
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const checked = await this.checked(uri, version);
    return { ms: checked.at - start, published: checked.published };
  }

  /**
   * Call right after sending a change to `version`: resolves with that version's publish, or, when the server published
   * none (it sends only diagnostics that changed), with the time it answered a request sent after the change, which it
   * does only once the check is done and its publish, if any, written.
   */
  async checked(uri: string, version: number): Promise<{ at: number; published?: Published }> {
    let published: Published | undefined;
    const waiter = { uri, version, resolve: (p: Published) => (published = p) };
    this.diagnosticWaiters.push(waiter);
    const answer = await this.timedRequest<{ version: number }>('paperList/rowDetails', { textDocument: { uri }, lines: [] });
    this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => w !== waiter);
    if (answer.result.version !== version) throw new Error(`the server answered for version ${answer.result.version}, not ${version}`);
    return published ? { at: published.at, published } : { at: answer.at };
  }

  private receive(chunk: Buffer): void {
    // A large message arrives in many chunks: they are joined once it is complete, not on every chunk (which copied
    // a 1 MB answer a dozen times and charged the server with the client's copying).
    if (this.needed > 0) {
      this.chunks.push(chunk);
      this.received += chunk.length;
      if (this.received < this.needed) return;
      chunk = Buffer.concat(this.chunks, this.received);
      this.chunks = [];
      this.received = 0;
      this.needed = 0;
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) {
        this.chunks = [this.buffer];
        this.received = this.buffer.length;
        this.needed = headerEnd + 4 + length;
        this.buffer = Buffer.alloc(0);
        return;
      }
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message, performance.now());
    }
  }

  private dispatch(message: Message, at: number): void {
    if (message.method !== undefined && message.id !== undefined) {
      // Server-to-client requests (registerCapability, configuration): answer "nothing".
      this.send({ id: message.id, result: null });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; version?: number; diagnostics: unknown[] };
      const published: Published = { ...params, at };
      if (params.version !== undefined) {
        const versions = this.publishedVersions.get(params.uri) ?? [];
        versions.push(params.version);
        this.publishedVersions.set(params.uri, versions);
      }
      const ready = this.diagnosticWaiters.filter((w) => w.uri === params.uri && w.version === params.version);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(published);
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(message.error.message));
      else pending.resolve(message.result, at);
    }
  }

  async initialize(rootUri: string | null): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      workspaceFolders: null,
    });
    this.notify('initialized', {});
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 5_000);
      this.notify('exit', null);
    } catch {
      this.child.kill();
    }
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Resolves once a server has saved a V8 code cache in `cacheDir` at `since` (ms since the epoch) or later; throws
 * `failure` at `deadline` (ms since the epoch) if none has. The bench's priming session and the floor's first session
 * (lowerBound.ts) wait on it before the servers they time start from that cache.
 */
export async function untilCodeCacheSaved(cacheDir: string, since: number, deadline: number, failure: string): Promise<void> {
  const saved = () => existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.endsWith('.v8cache') && statSync(join(cacheDir, f)).mtimeMs >= since);
  while (!saved()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
