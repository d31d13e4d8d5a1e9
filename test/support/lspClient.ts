// A minimal LSP client over real stdio for tests: spawns `node dist/server.js --stdio`, answers
// workspace/configuration from a settings object the test controls, and waits on published diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { distServer, requireBuilt } from './paths';

export type Settings = Record<string, unknown>;

export interface StartOptions {
  /** The `paperList` settings section answered to workspace/configuration; change it later with `configure`. */
  readonly settings?: Settings;
  /** Per-document settings; wins over `settings` when it returns an object. */
  readonly settingsFor?: (scopeUri: string | undefined) => Settings | undefined;
  /** Folders for `paperList.files` globs. */
  readonly workspaceFolders?: readonly string[];
  /** Whether the client declares workspace.configuration (pull); default true. */
  readonly configurationPull?: boolean;
  readonly initializationOptions?: unknown;
  /** The server's own arguments, after `--stdio` (`--code-cache-dir=…`). */
  readonly serverArgs?: readonly string[];
}

export interface WaitOptions {
  /** Resolve with the first publish for this document version. */
  readonly version?: number;
  /** Only publishes received after this count (from `publishCount`) qualify. */
  readonly since?: number;
  /** And only publishes whose diagnostics satisfy this. */
  readonly where?: (diagnostics: Diagnostic[]) => boolean;
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly uri: string;
  readonly options: WaitOptions;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

const DEFAULT_TIMEOUT = 10_000;

export class LspClient {
  settings: Settings;
  /** Every publishDiagnostics received, per document, in order. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** Every workspace/configuration request's items, for tests that check the server asked. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[][] = [];
  readonly stderr: string[] = [];
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private exited = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const server = requireBuilt(distServer);
    const child = spawn(process.execPath, [server, '--stdio', ...(options.serverArgs ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    child.stderr!.on('data', (b: Buffer) => client.stderr.push(b.toString('utf8')));
    child.on('exit', () => {
      client.exited = true;
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.onPublish(params));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests.push(params.items);
      return params.items.map((item) => (item.section === 'paperList' ? client.settingsOf(item.scopeUri) : null));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('$/logTrace', () => undefined);
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders.length > 0 ? pathToFileURL(folders[0]).href : null,
        workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: pathToFileURL(f).href, name: `folder${i}` })) : null,
        capabilities: {
          workspace: { configuration: options.configurationPull ?? true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
            synchronization: { dynamicRegistration: false, didSave: false },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
              isPreferredSupport: true,
              disabledSupport: true,
            },
            completion: { completionItem: { snippetSupport: true } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          },
        },
        initializationOptions: options.initializationOptions,
      }),
      DEFAULT_TIMEOUT,
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private settingsOf(scopeUri: string | undefined): Settings {
    return this.options.settingsFor?.(scopeUri) ?? this.settings;
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    const list = this.published.get(params.uri) ?? [];
    list.push(params);
    this.published.set(params.uri, list);
    for (const waiter of this.waiters) {
      if (waiter.uri === params.uri && matches(params, list.length - 1, waiter.options)) {
        this.waiters.delete(waiter);
        waiter.resolve(params);
      }
    }
  }

  /** How many publishes the document has had; pass as `since` to wait for a newer one. */
  publishCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /** The first publish (already received or future) that matches; rejects after a timeout naming what arrived. */
  waitForDiagnostics(uri: string, options: WaitOptions = {}): Promise<PublishDiagnosticsParams> {
    const list = this.published.get(uri) ?? [];
    const found = list.find((p, i) => matches(p, i, options));
    if (found) return Promise.resolve(found);
    return new Promise((resolvePromise, reject) => {
      const waiter: Waiter = { uri, options, resolve: (p) => (clearTimeout(timer), resolvePromise(p)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = (this.published.get(uri) ?? []).map((p) => `v${p.version}: [${p.diagnostics.map((d) => d.code).join(', ')}]`);
        reject(
          new Error(
            `No matching publishDiagnostics for ${uri} (${JSON.stringify({ version: options.version, since: options.since })}) within ${options.timeoutMs ?? DEFAULT_TIMEOUT} ms; received: ${seen.join(' | ') || 'nothing'}${this.exited ? `; the server exited (code ${this.process.exitCode}), its stderr:\n${this.stderr.join('').slice(-2000)}` : ''}`,
          ),
        );
      }, options.timeoutMs ?? DEFAULT_TIMEOUT);
      this.waiters.add(waiter);
    });
  }

  /** Opens a document and resolves with its first diagnostics (version 1 unless given). */
  async open(uri: string, text: string, options: { version?: number; languageId?: string } = {}): Promise<Diagnostic[]> {
    const version = options.version ?? 1;
    const since = this.publishCount(uri);
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: options.languageId ?? 'markdown', version, text },
    });
    return (await this.waitForDiagnostics(uri, { version, since })).diagnostics;
  }

  /**
   * Sends incremental changes as the next version and resolves with that version's diagnostics: those it published,
   * or, when it published none (the server sends only changed diagnostics), the ones it had published before.
   */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    await this.checked(uri, version);
    const published = this.published.get(uri) ?? [];
    if (published.length === 0) throw new Error(`${uri} has had no diagnostics yet: open it first`);
    return published[published.length - 1].diagnostics;
  }

  /**
   * Resolves once the server has checked `version` of an open document: it answers a request sent after the change only
   * after that check's publish, if the check changed any diagnostic (diagnosticsPublisher.ts).
   */
  async checked(uri: string, version: number): Promise<void> {
    const answer = await this.request<{ version: number }>('paperList/rowDetails', { textDocument: { uri }, lines: [] });
    if (answer.version !== version) throw new Error(`the server answered for version ${answer.version} of ${uri}, not ${version}`);
  }

  /** Applies edits the server returned as one incremental didChange (edits sorted last to first, as an editor applies them). */
  applyEdits(uri: string, edits: readonly TextEdit[]): Promise<Diagnostic[]> {
    // Applied one after another, each against the previous result: last position first, and inserts at the
    // same position in reverse so they end up in the edit array's order.
    const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => comparePositions(b.e.range.start, a.e.range.start) || b.i - a.i);
    return this.change(
      uri,
      sorted.map(({ e }) => ({ range: e.range, text: e.newText })),
    );
  }

  /** The edits of a WorkspaceEdit for one document (changes or documentChanges). */
  static editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
    if (!edit) return [];
    const fromChanges = edit.changes?.[uri] ?? [];
    const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) =>
      'textDocument' in c && c.textDocument.uri === uri ? c.edits.filter((e): e is TextEdit => 'range' in e) : [],
    );
    return [...fromChanges, ...fromDocumentChanges];
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Replaces the settings and tells the server, which pulls them again. */
  async configure(settings: Settings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { paperList: settings } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<R>, DEFAULT_TIMEOUT, method);
  }

  /** shutdown + exit, then waits for the process to end (killing it if it does not). */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolvePromise) => {
      if (this.exited) resolvePromise(this.process.exitCode);
      else this.process.once('exit', (code) => resolvePromise(code));
    });
    try {
      if (!this.exited) {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // fall through to the kill below
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

function matches(params: PublishDiagnosticsParams, index: number, options: WaitOptions): boolean {
  if (options.since !== undefined && index < options.since) return false;
  if (options.version !== undefined && params.version !== options.version) return false;
  return !options.where || options.where(params.diagnostics);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
