// The one context object: owns the language client, the status bar item, the weeks tree and the command table.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { WeeksRequest, type EditResult, type WeeksResult } from '../../server/src/protocol';
import { papersAndProblems } from './format';
import { answerHostRequests } from './hostRequests';
import { REVEAL_COMMAND, WeeksTreeProvider, type TreeNode } from './weeksTree';

const VIEW_ID = 'paperList.weeks';
const ACTIVE_KEY = 'paperList.active';
const ONLY_PROBLEMS_KEY = 'paperList.onlyProblems';
/** Edits arrive in bursts while typing; one weeks request per pause is enough for the tree. */
const EDIT_REFRESH_DELAY_MS = 300;

/** The commands a Ctx registers: each gets the context first, then what VS Code passes (tree items, URIs, nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed per command, not here.
export type CommandTable = Readonly<Record<string, (ctx: Ctx, ...args: any[]) => unknown>>;

/** A document the server calls a paper list, with its weeks at the time they were asked for. */
export interface ShownList {
  readonly document: vscode.TextDocument;
  readonly list: WeeksResult;
}

/** What `activate` returns: enough for the tests inside VS Code to see the tree and the status bar. */
export interface PaperListApi {
  readonly tree: WeeksTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Fires after every refresh, with the list shown (undefined when the active editor is not a paper list). */
  readonly onDidRefresh: vscode.Event<ShownList | undefined>;
  current(): ShownList | undefined;
  /** Refreshes now and returns what is shown. */
  refresh(): Promise<ShownList | undefined>;
  /** The status bar text, undefined while the item is hidden. */
  statusText(): string | undefined;
}

/**
 * Where paper lists live: the disk, unsaved editors, code-server's and other remotes' files as the web worker host
 * sees them (`vscode-remote`), and github.dev / vscode.dev repositories (`vscode-vfs`). Not diff views (`git:`) or output.
 */
const LIST_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

/** Creates the platform's language client: the Node server over IPC on the desktop, a Web Worker in the browser. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

function isMarkdownFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && LIST_SCHEMES.includes(document.uri.scheme);
}

/** The last segment of a URI's path, for labels (works for every scheme, unlike node:path). */
function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class Ctx implements vscode.Disposable {
  readonly client: BaseLanguageClient;
  readonly tree = new WeeksTreeProvider();
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly status: vscode.StatusBarItem;
  private statusVisible = false;
  private readonly started: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly refreshed = new vscode.EventEmitter<ShownList | undefined>();
  private shown: ShownList | undefined;
  private activeKey: boolean | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshSeq = 0;
  private revealTarget: TreeNode | undefined;
  private revealing = false;

  constructor(
    readonly extension: vscode.ExtensionContext,
    commandTable: CommandTable,
    createClient: ClientFactory,
  ) {
    const clientOptions: LanguageClientOptions = {
      documentSelector: LIST_SCHEMES.map((scheme) => ({ scheme, language: 'markdown' })),
      // The server pulls `paperList` per document; this makes a settings change reach it without a reload.
      synchronize: { configurationSection: 'paperList' },
    };
    // The id `paperList` makes the client honour `paperList.trace.server`.
    this.client = createClient('paperList', 'Paper List', clientOptions);
    this.disposables.push(...answerHostRequests(this.client));

    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.status = vscode.window.createStatusBarItem('paperList.status', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'Paper List';
    this.status.command = { title: 'Show Weeks', command: `${VIEW_ID}.focus` };
    this.disposables.push(this.client, this.treeView, this.status, this.refreshed);

    for (const [id, run] of Object.entries(commandTable)) {
      this.disposables.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            return await run(this, ...args);
          } catch (error) {
            // A failed request (server restarting, document closed) should not surface as an unhandled command error.
            this.client.error(`Command ${id} failed`, error, false);
            void vscode.window.showErrorMessage(
              `Paper List: ${id.replace('paperList.', '')} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            return undefined;
          }
        }),
      );
    }
    this.disposables.push(
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri, range: vscode.Range, kind: 'week' | 'row') =>
        this.reveal(uri, range, { atTop: kind === 'week', preserveFocus: true }),
      ),
    );
    this.listen();
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, false);

    this.started = this.client.start();
    this.started.then(
      () => this.scheduleRefresh(0),
      (error: unknown) => void vscode.window.showErrorMessage(`Paper List: the language server did not start: ${String(error)}`),
    );
  }

  get onDidRefresh(): vscode.Event<ShownList | undefined> {
    return this.refreshed.event;
  }

  api(): PaperListApi {
    return {
      tree: this.tree,
      treeView: this.treeView,
      onDidRefresh: this.onDidRefresh,
      current: () => this.shown,
      refresh: () => this.refresh(),
      statusText: () => (this.statusVisible ? this.status.text : undefined),
    };
  }

  private listen(): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // No editor (focus in a panel or a settings page): keep showing the last list.
        if (editor) this.scheduleRefresh(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document === vscode.window.activeTextEditor?.document && isMarkdownFile(e.document)) {
          this.scheduleRefresh(EDIT_REFRESH_DELAY_MS);
        }
      }),
      // Problem counts change without an edit when settings change or the server finishes a check.
      // Also for the active document when nothing is shown: an index becomes a list only once the server has read the
      // files it links to (through the host, later), and its first diagnostics say so.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const watched = new Set([this.shown?.document, this.targetDocument()].map((d) => d?.uri.toString()));
        if (e.uris.some((u) => watched.has(u.toString()))) this.scheduleRefresh(EDIT_REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperList')) this.scheduleRefresh(EDIT_REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.shown?.document) this.scheduleRefresh(0);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible && vscode.window.activeTextEditor) this.followCursor(vscode.window.activeTextEditor);
      }),
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.scheduleRefresh(0);
      }),
    );
  }

  scheduleRefresh(delayMs: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Asks the server for the active markdown document's weeks and shows them; a newer refresh wins over an older one. */
  async refresh(): Promise<ShownList | undefined> {
    clearTimeout(this.refreshTimer);
    const seq = ++this.refreshSeq;
    const document = this.targetDocument();
    let shown: ShownList | undefined;
    if (document) {
      try {
        const list = await this.weeksOf(document);
        if (list.isPaperList) shown = { document, list };
      } catch (error) {
        this.client.warn(`paperList/weeks failed for ${document.uri.toString()}`, error);
      }
    }
    if (seq === this.refreshSeq) this.show(shown);
    return this.shown;
  }

  private targetDocument(): vscode.TextDocument | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor) return isMarkdownFile(editor.document) ? editor.document : undefined;
    const last = this.shown?.document;
    return last && !last.isClosed ? last : undefined;
  }

  async weeksOf(document: vscode.TextDocument): Promise<WeeksResult> {
    await this.started;
    return this.client.sendRequest(WeeksRequest.type, { textDocument: this.client.code2ProtocolConverter.asTextDocumentIdentifier(document) });
  }

  private show(shown: ShownList | undefined): void {
    this.shown = shown;
    const active = shown !== undefined;
    if (this.activeKey !== active) {
      this.activeKey = active;
      void vscode.commands.executeCommand('setContext', ACTIVE_KEY, active);
    }
    this.tree.setList(shown?.document.uri, shown?.list, (range) => this.client.protocol2CodeConverter.asRange(range));
    this.treeView.description = shown ? fileName(shown.document.uri) : undefined;
    this.treeView.message = shown && this.tree.showsOnlyProblems && shown.list.problemCount === 0 ? 'No week has problems.' : undefined;
    if (shown) {
      const { paperCount, problemCount } = shown.list;
      this.status.text = papersAndProblems(paperCount, problemCount, true);
      this.status.tooltip = `Paper List: ${fileName(shown.document.uri)}, ${shown.list.weeks.length} weeks. Click to show the weeks.`;
      this.status.show();
    } else {
      this.status.hide();
    }
    this.statusVisible = active;
    const editor = vscode.window.activeTextEditor;
    if (editor) this.followCursor(editor);
    this.refreshed.fire(shown);
  }

  /** The list the user is looking at, or a message saying why a command cannot run. */
  requireList(): ShownList | undefined {
    if (!this.shown) void vscode.window.showInformationMessage('Paper List: open a paper list (a Markdown file with weekly paper tables) first.');
    return this.shown;
  }

  setOnlyProblems(value: boolean): void {
    this.tree.setOnlyProblems(value);
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, value);
    this.show(this.shown);
  }

  /** Selects the week or row under the cursor in the tree, when the tree is visible and following is on. */
  private followCursor(editor: vscode.TextEditor): void {
    if (!this.shown || editor.document !== this.shown.document || !this.treeView.visible) return;
    if (!vscode.workspace.getConfiguration('paperList.tree', editor.document).get<boolean>('followCursor', true)) return;
    const item = this.tree.itemAt(editor.selection.active);
    if (!item || this.treeView.selection[0] === item) return;
    this.revealTarget = item;
    if (!this.revealing) void this.revealInTree();
  }

  /** One reveal at a time, latest cursor wins: concurrent reveals can finish out of order and select a stale row. */
  private async revealInTree(): Promise<void> {
    this.revealing = true;
    try {
      for (let item = this.revealTarget; item; item = this.revealTarget) {
        this.revealTarget = undefined;
        await this.treeView.reveal(item, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
      }
    } finally {
      this.revealing = false;
    }
  }

  /** Shows `range` of `uri` selected, in the editor that already shows it when there is one. */
  async reveal(uri: vscode.Uri, range: vscode.Range, options: { atTop?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn, preserveFocus: options.preserveFocus ?? false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, options.atTop ? vscode.TextEditorRevealType.AtTop : vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /**
   * Applies edits the server computed for `version` of `document`. VS Code rejects a WorkspaceEdit whose
   * document changed since the extension host last saw it, and the version check below covers the request's round trip.
   */
  async applyEdits(document: vscode.TextDocument, version: number, result: EditResult | null | undefined, what: string): Promise<boolean> {
    if (!result || result.edits.length === 0) return false;
    const edits = await this.client.protocol2CodeConverter.asTextEdits(result.edits);
    if (document.version !== version) {
      void vscode.window.showWarningMessage(`Paper List: the document changed while computing "${what}"; nothing was changed. Try again.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(`Paper List: "${what}" could not be applied; the document changed. Try again.`);
      return false;
    }
    if (result.selection) {
      const position = this.client.protocol2CodeConverter.asPosition(result.selection);
      await this.reveal(document.uri, new vscode.Range(position, position));
    }
    this.scheduleRefresh(0);
    return true;
  }

  async restartServer(): Promise<void> {
    await this.started.catch(() => undefined);
    // What the Node client's restart() does; the browser client has none (its server options start a fresh worker).
    if (this.client.needsStop()) await this.client.stop();
    await this.client.start();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
