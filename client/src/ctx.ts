// The one context object: owns the language client, the status bar item, the weeks trees and the command table.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { RowDetailsRequest, WeeksRequest, type EditResult, type WeeksResult } from '../../server/src/protocol';
import { baseName, count, papersAndProblems } from './format';
import { answerHostRequests } from './hostRequests';
import { REVEAL_COMMAND, WeeksTreeProvider, type TreeNode, type WeekItem } from './weeksTree';

/** The weeks view in the Explorer, and the same tree in its own activity-bar container. */
const VIEW_IDS = ['paperList.weeks', 'paperList.weeksBar'] as const;
const ACTIVE_KEY = 'paperList.active';
const ONLY_PROBLEMS_KEY = 'paperList.onlyProblems';
/**
 * A refresh runs at most this long after the first change of a burst, never postponed by later keystrokes
 * (a debounce froze the status bar while typing); answers whose revision did not change cost no tree update.
 */
const REFRESH_DELAY_MS = 100;

/** The commands a Ctx registers: each gets the context first, then what VS Code passes (tree items, URIs, nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed per command, not here.
export type CommandTable = Readonly<Record<string, (ctx: Ctx, ...args: any[]) => unknown>>;

/** A document the server calls a paper list, with its list's weeks at the time they were asked for. */
export interface ShownList {
  readonly document: vscode.TextDocument;
  readonly list: WeeksResult;
}

/** What `activate` returns: enough for the tests inside VS Code to see the trees, the status bar and our messages. */
export interface PaperListApi {
  readonly tree: WeeksTreeProvider;
  /** The Explorer's weeks view. */
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The same tree in the Paper List activity-bar container. */
  readonly barView: vscode.TreeView<TreeNode>;
  /** Fires after every refresh, with the list shown (undefined when the active editor is not a paper list). */
  readonly onDidRefresh: vscode.Event<ShownList | undefined>;
  /** Fires with every message we show the curator (status bar or notification). */
  readonly onDidNotify: vscode.Event<string>;
  /** Fires each time the tree changes (not when a refresh found nothing it shows changed). */
  readonly onDidChangeTree: vscode.Event<unknown>;
  current(): ShownList | undefined;
  /** Refreshes now and returns what is shown. */
  refresh(): Promise<ShownList | undefined>;
  /** The status bar text, undefined while the item is hidden. */
  statusText(): string | undefined;
  /** How many times a tree selection has previewed its item in the editor. */
  previewCount(): number;
}

/**
 * Where paper lists live: the disk, unsaved editors, code-server's and other remotes' files as the web worker host
 * sees them (`vscode-remote`), and github.dev / vscode.dev repositories (`vscode-vfs`). Not diff views (`git:`) or output.
 */
const LIST_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

/** Creates the platform's language client: the Node server over stdio on the desktop, a Web Worker in the browser. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

/** What follow-cursor selects, and in which views. */
interface RevealTarget {
  readonly views: vscode.TreeView<TreeNode>[];
  readonly item: TreeNode;
}

function isMarkdownFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && LIST_SCHEMES.includes(document.uri.scheme);
}

export class Ctx implements vscode.Disposable {
  readonly client: BaseLanguageClient;
  readonly tree: WeeksTreeProvider;
  readonly treeViews: readonly vscode.TreeView<TreeNode>[];
  private readonly status: vscode.StatusBarItem;
  private statusVisible = false;
  private readonly started: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly refreshed = new vscode.EventEmitter<ShownList | undefined>();
  private readonly notified = new vscode.EventEmitter<string>();
  private shown: ShownList | undefined;
  private activeKey: boolean | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshSeq = 0;
  private revealSeq = 0;
  private revealDone = 0;
  private revealLatest: RevealTarget | undefined;
  /**
   * Per view, the ids of items follow-cursor asked it to select whose selection event has not arrived yet: those events
   * are ours, not the user's to preview. Several can be in flight when the cursor moves faster than the view reveals.
   */
  private readonly selecting = new Map<vscode.TreeView<TreeNode>, string[]>();
  private previews = 0;
  /** The week follow-cursor expanded to show a row, collapsed again when the cursor leaves it. */
  private autoExpanded: WeekItem | undefined;
  private readonly expanded = new Set<string>();

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

    this.tree = new WeeksTreeProvider((uri, line, token) => this.rowDetails(uri, [line], token).then((rows) => rows[0] ?? null));
    this.treeViews = VIEW_IDS.map((id) => vscode.window.createTreeView(id, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.status = vscode.window.createStatusBarItem('paperList.status', vscode.StatusBarAlignment.Left, 50);
    this.status.name = 'Paper List';
    this.status.command = { title: 'Show Weeks', command: `${VIEW_IDS[0]}.focus` };
    this.disposables.push(this.client, ...this.treeViews, this.status, this.refreshed, this.notified);

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
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri, range: vscode.Range, kind: 'week' | 'row' | 'problem') =>
        this.reveal(uri, range, { atTop: kind === 'week', preserveFocus: true, preview: true }),
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
      treeView: this.treeViews[0]!,
      barView: this.treeViews[1]!,
      onDidRefresh: this.onDidRefresh,
      onDidNotify: this.notified.event,
      onDidChangeTree: this.tree.onDidChangeTreeData,
      current: () => this.shown,
      refresh: () => this.refresh(),
      statusText: () => (this.statusVisible ? this.status.text : undefined),
      previewCount: () => this.previews,
    };
  }

  /** A message in the status bar, for a few seconds. */
  statusMessage(text: string, ms = 5000): void {
    vscode.window.setStatusBarMessage(text, ms);
    this.notified.fire(text);
  }

  /** An information notification; resolves with the chosen action. */
  inform(text: string, ...actions: string[]): Thenable<string | undefined> {
    this.notified.fire(text);
    return vscode.window.showInformationMessage(text, ...actions);
  }

  /** A warning notification. */
  warn(text: string): void {
    this.notified.fire(text);
    void vscode.window.showWarningMessage(text);
  }

  /** The list's files, as the server named them: the shown document's, plus every file of a multi-file list. */
  private isListFile(uri: vscode.Uri): boolean {
    const key = uri.toString();
    if (this.shown?.document.uri.toString() === key) return true;
    return this.shown?.list.files.some((f) => this.client.protocol2CodeConverter.asUri(f.uri).toString() === key) ?? false;
  }

  private listen(): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // No editor (focus in a panel or a settings page): keep showing the last list. Another file of the same list
        // shows the same tree: nothing to ask.
        if (editor && !(this.shown && this.isListFile(editor.document.uri) && editor.document === this.shown.document)) this.scheduleRefresh(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (
          e.contentChanges.length > 0 &&
          isMarkdownFile(e.document) &&
          (this.isListFile(e.document.uri) || e.document === vscode.window.activeTextEditor?.document)
        )
          this.scheduleRefresh(REFRESH_DELAY_MS);
      }),
      // Problem counts change without an edit when settings change or the server finishes a check.
      // Also for the active document when nothing is shown: an index becomes a list only once the server has read the
      // files it links to (through the host, later), and its first diagnostics say so.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const target = this.targetDocument()?.uri.toString();
        if (e.uris.some((u) => (this.shown && this.isListFile(u)) || u.toString() === target)) this.scheduleRefresh(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperList')) this.scheduleRefresh(REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.shown?.document) this.scheduleRefresh(0);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.scheduleRefresh(0);
      }),
    );
    for (const view of this.treeViews) {
      this.disposables.push(
        view.onDidChangeVisibility((e) => {
          if (e.visible && vscode.window.activeTextEditor) this.followCursor(vscode.window.activeTextEditor);
        }),
        view.onDidExpandElement((e) => {
          if (e.element.kind === 'week') this.expanded.add(e.element.id!);
        }),
        view.onDidCollapseElement((e) => {
          if (e.element.kind === 'week') this.expanded.delete(e.element.id!);
          if (e.element === this.autoExpanded) this.autoExpanded = undefined;
        }),
        // A selection from the keyboard (arrow keys move the focus, Space selects it): preview it, as a click does (Enter opens, see openSelected).
        view.onDidChangeSelection((e) => {
          const item = e.selection[0];
          // Previewing what follow-cursor selected would move the cursor, which follow-cursor follows: with a reveal
          // still in flight when the cursor moved on, that loop made the editor jump between two rows by itself.
          const pending = this.selecting.get(view) ?? [];
          const ours = item ? pending.indexOf(item.id!) : -1;
          if (ours >= 0) pending.splice(ours, 1);
          if (!item || ours >= 0 || !('uri' in item) || !view.visible || !this.tree.shows(item)) return;
          // Follow-cursor selecting the item under the cursor is not the user moving: nothing to preview. Nor is a
          // selection VS Code restores while the active editor already shows another file than the tree's list.
          const editor = vscode.window.activeTextEditor;
          if (!editor || !this.isListFile(editor.document.uri)) return;
          if (this.tree.itemAt(editor.document.uri, editor.selection.active)?.id === item.id) return;
          if (item.kind === 'week' || item.kind === 'row' || item.kind === 'problem') void this.previewItem(item);
        }),
      );
    }
  }

  private previewItem(item: TreeNode & { uri: vscode.Uri; range: vscode.Range }): Promise<unknown> {
    const range = item.kind === 'week' ? item.headingRange : item.range;
    this.previews++;
    return this.reveal(item.uri, range, { atTop: item.kind === 'week', preserveFocus: true, preview: true });
  }

  /** A refresh soon: an earlier pending one is kept (not postponed), so a burst of keystrokes still refreshes every REFRESH_DELAY_MS. */
  scheduleRefresh(delayMs: number): void {
    if (this.refreshTimer !== undefined && delayMs > 0) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, delayMs);
  }

  /** Asks the server for the active markdown document's list and shows it; a newer refresh wins over an older one. */
  async refresh(): Promise<ShownList | undefined> {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    const seq = ++this.refreshSeq;
    const document = this.targetDocument();
    let shown: ShownList | undefined;
    let same = false;
    if (document) {
      try {
        const known = this.shown?.document === document ? this.shown.list : undefined;
        const list = await this.weeksOf(document, known?.revision);
        if (list.unchanged && known) {
          shown = { document, list: { ...known, version: list.version } };
          same = true;
        } else if (list.isPaperList) shown = { document, list };
      } catch (error) {
        this.client.warn(`paperList/weeks failed for ${document.uri.toString()}`, error);
      }
    }
    if (seq === this.refreshSeq) this.show(shown, same);
    return this.shown;
  }

  private targetDocument(): vscode.TextDocument | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor) return isMarkdownFile(editor.document) ? editor.document : undefined;
    const last = this.shown?.document;
    return last && !last.isClosed ? last : undefined;
  }

  async weeksOf(document: vscode.TextDocument, knownRevision?: string): Promise<WeeksResult> {
    await this.started;
    return this.client.sendRequest(WeeksRequest.type, {
      textDocument: this.client.code2ProtocolConverter.asTextDocumentIdentifier(document),
      ...(knownRevision ? { knownRevision } : {}),
    });
  }

  /** Descriptions and links of rows of `uri` (a file of the list, open or not). */
  async rowDetails(uri: vscode.Uri, lines: number[], token?: vscode.CancellationToken) {
    await this.started;
    const result = await this.client.sendRequest(
      RowDetailsRequest.type,
      { textDocument: { uri: this.client.code2ProtocolConverter.asUri(uri) }, lines },
      token,
    );
    return result.rows;
  }

  /** `same`: the server said nothing the tree shows changed; only the version moves on. */
  private show(shown: ShownList | undefined, same = false): void {
    this.shown = shown;
    const active = shown !== undefined;
    if (this.activeKey !== active) {
      this.activeKey = active;
      void vscode.commands.executeCommand('setContext', ACTIVE_KEY, active);
    }
    if (!same) {
      const p2c = this.client.protocol2CodeConverter;
      this.tree.setList(
        shown?.list,
        (range) => p2c.asRange(range),
        (uri) => p2c.asUri(uri),
      );
      this.autoExpanded = undefined;
      for (const view of this.treeViews) {
        view.description = shown ? baseName(shown.document.uri) : undefined;
        view.message = shown && this.tree.showsOnlyProblems && shown.list.problemCount === 0 ? 'No week has problems.' : undefined;
      }
      if (shown) {
        const { paperCount, problemCount, files, weeks } = shown.list;
        this.status.text = papersAndProblems(paperCount, problemCount, true);
        const where = files.length > 1 ? `${count(files.length, 'file')}, ` : `${baseName(shown.document.uri)}, `;
        this.status.tooltip = `Paper List: ${where}${count(weeks.length, 'week')}. Click to show the weeks.`;
        this.status.show();
      } else {
        this.status.hide();
      }
      this.statusVisible = active;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && !same) this.followCursor(editor);
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

  /** The selected item of whichever weeks view has it (Enter in the tree). */
  selectedItem(): TreeNode | undefined {
    return this.treeViews.find((v) => v.visible && v.selection.length > 0)?.selection[0];
  }

  /**
   * Selects the week or row under the cursor in the visible trees, when following is on. A week it had to expand
   * to show a row is collapsed again once the cursor leaves that week.
   */
  private followCursor(editor: vscode.TextEditor): void {
    if (!this.shown || !this.isListFile(editor.document.uri)) return;
    // Both views can be visible (the Explorer's and the activity bar's, in two side bars): each follows.
    const views = this.treeViews.filter((v) => v.visible);
    if (views.length === 0) return;
    if (!vscode.workspace.getConfiguration('paperList.tree', editor.document).get<boolean>('followCursor', true)) return;
    let item: TreeNode | undefined = this.tree.itemAt(editor.document.uri, editor.selection.active);
    if (!item || views.every((v) => v.selection[0] === item)) return;
    const week: WeekItem = item.kind === 'row' ? item.parent : item;
    const previous = this.autoExpanded;
    if (previous && previous.stableId !== week.stableId) {
      this.autoExpanded = undefined;
      this.expanded.delete(previous.id!);
      this.tree.collapse(previous);
      // The tree was rebuilt: find the item again.
      item = this.tree.itemAt(editor.document.uri, editor.selection.active);
      if (!item) return;
    }
    if (item.kind === 'row' && !this.expanded.has(item.parent.id!)) this.autoExpanded = item.parent;
    this.revealInTree({ views, item });
  }

  /** The week follow-cursor has expanded (for tests and for the collapse above). */
  expandedByCursor(): WeekItem | undefined {
    return this.autoExpanded;
  }

  /**
   * Selects `target` in its views without waiting in line: a reveal pending in a view that was hidden or rebuilt may
   * never settle. Reveals can finish out of order, so a stale one that lands after the newest re-reveals the newest.
   */
  private revealInTree(target: RevealTarget, retry = true): void {
    const seq = ++this.revealSeq;
    this.revealLatest = target;
    void Promise.all(
      // Only views still visible: revealing in a hidden view opens its container, switching the side bar (the
      // Explorer's weeks view over the Weeks container) when a retry or a late re-reveal runs after the user moved on.
      target.views
        .filter((view) => view.visible)
        .map((view) => {
          const pending = this.selecting.get(view) ?? [];
          this.selecting.set(view, pending);
          const id = target.item.id!;
          if (view.selection[0]?.id !== id) pending.push(id);
          return view.reveal(target.item, { select: true, focus: false, expand: false }).then(
            () => true,
            () => {
              // Nothing was selected: no event will come.
              const at = pending.indexOf(id);
              if (at >= 0) pending.splice(at, 1);
              return false;
            },
          );
        }),
    ).then((done) => {
      if (seq === this.revealSeq) {
        this.revealDone = seq;
        // Right after a rebuild the view may not know the item (of the earlier build): retry with the current one.
        const editor = vscode.window.activeTextEditor;
        const current = !done.every(Boolean) && retry && editor ? this.tree.itemAt(editor.document.uri, editor.selection.active) : undefined;
        if (current) this.revealInTree({ views: target.views, item: current }, false);
      } else if (this.revealDone === this.revealSeq && this.revealLatest) this.revealInTree(this.revealLatest, false);
    });
  }

  /**
   * Shows `range` of `uri` with the cursor at its start (nothing selected, so a keystroke replaces nothing), in the
   * editor that already shows it when there is one. `preserveFocus` keeps focus where it is (the tree);
   * `preview` opens a file not open yet in a preview tab.
   */
  async reveal(
    uri: vscode.Uri,
    range: vscode.Range,
    options: { atTop?: boolean; preserveFocus?: boolean; preview?: boolean } = {},
  ): Promise<vscode.TextEditor> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: visible?.viewColumn,
      preserveFocus: options.preserveFocus ?? false,
      preview: options.preview ?? false,
    });
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, options.atTop ? vscode.TextEditorRevealType.AtTop : vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /**
   * Applies edits the server computed for `version` of `document`, as ONE WorkspaceEdit (one undo step): files to
   * create first, then the edits of every file. VS Code rejects a WorkspaceEdit whose document changed since the
   * extension host last saw it, and the version check below covers the request's round trip.
   */
  async applyEdits(document: vscode.TextDocument, version: number, result: EditResult | null | undefined, what: string): Promise<boolean> {
    if (!result) return false;
    const p2c = this.client.protocol2CodeConverter;
    const byUri = new Map<string, { uri: vscode.Uri; edits: vscode.TextEdit[] }>();
    const add = async (uri: vscode.Uri, edits: EditResult['edits']) => {
      if (edits.length === 0) return;
      const entry = byUri.get(uri.toString()) ?? { uri, edits: [] };
      entry.edits.push(...(await p2c.asTextEdits(edits)));
      byUri.set(uri.toString(), entry);
    };
    if (result.changes) for (const [uri, edits] of Object.entries(result.changes)) await add(p2c.asUri(uri), edits);
    else await add(document.uri, result.edits);
    if (byUri.size === 0 && !result.createFiles?.length) return false;
    if (document.version !== version) {
      this.warn(`Paper List: the document changed while computing "${what}"; nothing was changed. Try again.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const uri of result.createFiles ?? []) edit.createFile(p2c.asUri(uri), { ignoreIfExists: true });
    for (const { uri, edits } of byUri.values()) edit.set(uri, edits);
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.warn(`Paper List: "${what}" could not be applied; the document changed. Try again.`);
      return false;
    }
    if (result.selection) {
      const position = p2c.asPosition(result.selection);
      await this.reveal(result.selectionUri ? p2c.asUri(result.selectionUri) : document.uri, new vscode.Range(position, position));
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
