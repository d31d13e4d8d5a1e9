// The language server, platform-neutral: wires LSP handlers to the service and features, no logic of its own.
// node/main.ts and browser/main.ts create the connection and the Host, then call startServer.
import {
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ResponseError,
  ErrorCodes,
  type InitializeResult,
  type TextDocumentIdentifier,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import type { Connection, DocumentSymbol } from 'vscode-languageserver';
import { DocumentStore, type OpenDocument } from './documents';
import { PaperListService } from './service';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { Host } from './host';
import { sanitizeSettings, type SettingsWarning } from './settings';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completions } from './features/completions';
import { hover } from './features/hover';
import { documentSymbols, foldingRanges, workspaceSymbols } from './features/symbols';
import { rowDetailsOf, weeksOf } from './features/weeksRequest';
import { newWeekEdits, newWeekInList, untouchedTemplate } from './features/newWeek';
import { renumberWeekAt } from './features/renumberWeek';
import { FixAllRequest, NewWeekRequest, RenumberWeekRequest, RowDetailsRequest, WeeksRequest, type EditResult } from './protocol';
import { fixAllMessage } from './fixAll';
import { linkedFilesOf } from './list/loadList';

declare const PACKAGE_VERSION: string | undefined;

/** What differs between the platforms besides the Host. */
export interface ServerOptions {
  /**
   * Runs `work` once the messages already received are handled: diagnostics wait for it, so a burst of changes is
   * checked once. Default setTimeout(work, 0), which every platform has (Node clamps it to 1 ms: Node passes setImmediate).
   */
  readonly soon?: (work: () => void) => void;
}

export function startServer(connection: Connection, host: Host, options: ServerOptions = {}): void {
  const documents = new DocumentStore();
  const service = new PaperListService(host, (uri) => publisher.schedule(uri));
  const publisher = new DiagnosticsPublisher(connection, documents, service, options.soon);
  let configurationPull = false;
  let watchedFilesDynamic = false;
  let initialSettings: unknown;
  service.openDocument = (uri) => documents.get(uri);
  /** Open documents whose first diagnostics (after their list was found) are out. */
  const opened = new Set<string>();

  /**
   * Finding a document's list in flight, by document: requests about the tree and the list's edits wait for it, or a
   * file of a multi-file list opened a moment ago would answer as a list of one file (its other files are read later,
   * through the host) and nothing would make the client ask again.
   */
  const finding = new Map<string, Promise<void>>();
  function track(uri: string, work: Promise<void>): Promise<void> {
    finding.set(uri, work);
    void work.finally(() => {
      if (finding.get(uri) === work) finding.delete(uri);
    });
    return work;
  }
  function listFound(identifier: TextDocumentIdentifier | undefined): Promise<void> {
    return (typeof identifier?.uri === 'string' && finding.get(identifier.uri)) || Promise.resolve();
  }

  /** Finds the document's list again (reading its unopened files), publishes its files and clears those that left it. */
  function rediscover(uri: string): Promise<void> {
    return track(uri, discoverAndPublish(uri));
  }
  async function discoverAndPublish(uri: string): Promise<void> {
    try {
      const { members, left } = await service.discover(uri);
      for (const member of members) publisher.schedule(member);
      for (const gone of left)
        if (!documents.get(gone) && !service.documentOf(gone)) publisher.clear(gone);
        else publisher.schedule(gone);
    } catch (error) {
      connection.console.error(`Paper List could not load the list of ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    configurationPull = params.capabilities.workspace?.configuration === true;
    watchedFilesDynamic = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    initialSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    service.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: ['|', '[', '#', ' ', '-'] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Paper List' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'paper-list', version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : undefined },
    };
  });

  connection.onInitialized(() => {
    if (configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'paperList' }).catch(() => undefined);
    // Files of a multi-file list the editor has not opened are read from disk: their changes come through the watcher.
    if (watchedFilesDynamic)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/.paperlistrc.json' }] })
        .catch(() => undefined);
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let rediscoverAll = false;
    for (const change of changes) {
      if (change.uri.endsWith('/.paperlistrc.json') || /\/readme\.md$/i.test(change.uri) || service.indexOf(change.uri) === change.uri) rediscoverAll = true;
      if (await service.reloadFromDisk(change.uri)) publisher.schedule(change.uri);
    }
    if (rediscoverAll) for (const document of [...documents.all()]) await rediscover(document.uri);
  });

  async function loadSettings(uri: string): Promise<void> {
    let raw: unknown = initialSettings;
    if (configurationPull) {
      try {
        raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'paperList' });
      } catch {
        raw = initialSettings;
      }
    }
    const warnings: SettingsWarning[] = [];
    const settings = sanitizeSettings(raw, warnings);
    for (const w of warnings) connection.console.warn(`Settings for ${uri}: ${w.message}`);
    // Before the open's first publish (which waits for the list) a change is nothing to re-publish yet.
    if (service.setSettings(uri, settings) && opened.has(uri)) void rediscover(uri).then(() => publisher.schedule(uri));
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    // With pulled settings the first diagnostics wait for them, so a rule turned off never flashes on open. They also
    // wait for the document's list to be found (the settings may name its index): an index README published alone
    // would flash every entry into another file as broken.
    const publish = () =>
      rediscover(textDocument.uri).then(() => {
        opened.add(textDocument.uri);
        publisher.schedule(textDocument.uri);
      });
    if (configurationPull) void track(textDocument.uri, loadSettings(textDocument.uri).then(publish, publish));
    else {
      void loadSettings(textDocument.uri);
      void publish();
    }
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    // A version older than what we hold is stale; applying it would corrupt the text.
    if (textDocument.version !== null && textDocument.version < document.version) return;
    // The index's entries decide which files are in the list: an edit of an index (or of a README, which may become one)
    // finds the list again when the lines it touched link other files than before. Finding it reads the whole text,
    // which on a single-file README list cost every keystroke milliseconds.
    const uri = textDocument.uri;
    const mayLinkFiles = service.indexOf(uri) === uri || /\/readme\.md$/i.test(uri);
    const linksTouched = document.update(
      contentChanges,
      textDocument.version ?? document.version + 1,
      mayLinkFiles ? (before, after) => linkedFilesOf(uri, before) !== linkedFilesOf(uri, after) : undefined,
    );
    publisher.schedule(uri);
    if (linksTouched) void rediscover(uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const lastText = documents.get(textDocument.uri)?.text;
    documents.close(textDocument.uri);
    opened.delete(textDocument.uri);
    // A file of a multi-file list stays in the list (read from disk again); others lose their diagnostics.
    if (service.indexOf(textDocument.uri)) void service.forget(textDocument.uri, lastText).then(() => publisher.schedule(textDocument.uri));
    else {
      void service.forget(textDocument.uri);
      publisher.clear(textDocument.uri);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (!configurationPull) initialSettings = (change.settings as { paperList?: unknown } | undefined)?.paperList ?? initialSettings;
    for (const document of documents.all()) void loadSettings(document.uri);
  });

  /** The open document or an LSP error the client can show; the server keeps serving either way. */
  function documentOf(identifier: TextDocumentIdentifier | undefined): OpenDocument {
    const uri = identifier?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is required');
    const document = documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `Document ${uri} is not open`);
    return document;
  }

  /** Fix-all's edits by file (every file of a multi-file list, else the document alone) and what to tell the curator. */
  function fixAllChanges(document: OpenDocument): { changes: { [uri: string]: TextEdit[] }; message?: string } {
    const indexUri = service.indexOf(document.uri);
    const inList = indexUri === undefined ? undefined : service.fixAllInList(indexUri);
    const said = (changes: { [uri: string]: TextEdit[] }, result: Parameters<typeof fixAllMessage>[0]) => {
      const files = Object.values(changes).filter((edits) => edits.length > 0).length;
      return { changes, ...(files > 0 ? { message: fixAllMessage(result, files) } : {}) };
    };
    if (inList) return said(Object.fromEntries(inList.edits), inList);
    const single = service.fixAll(document);
    return said({ [document.uri]: single.edits }, single);
  }

  /** Like documentOf, but answers "nothing" for documents that are unknown or not paper lists. */
  function listOf(identifier: TextDocumentIdentifier | undefined) {
    const document = identifier && typeof identifier.uri === 'string' ? documents.get(identifier.uri) : undefined;
    if (!document) return undefined;
    const state = service.stateOf(document);
    return state.isPaperList ? { document, state } : undefined;
  }

  connection.onCodeAction((params) => {
    const open = listOf(params.textDocument);
    return open ? codeActions(open.state, params, () => fixAllChanges(open.document).changes) : [];
  });
  connection.onCompletion((params) => {
    const open = listOf(params.textDocument);
    if (!open) return [];
    const inList = open.state.inList && { model: open.state.inList.analysis.model, uri: open.document.uri };
    return completions(open.state.analysis.list, params.position, inList);
  });
  connection.onHover((params) => {
    const open = listOf(params.textDocument);
    if (!open) return null;
    const inList = open.state.inList && { model: open.state.inList.analysis.model, uri: open.document.uri };
    return hover(open.state.analysis.list, params.position, open.state.settings.requiredLinks[0], open.document.uri, inList) ?? null;
  });
  connection.onDocumentSymbol((params) => {
    const open = listOf(params.textDocument);
    // Frozen and sent as it is: the protocol's types want a mutable array, which nothing here or in the library mutates.
    return open ? (documentSymbols(open.state.analysis.list) as DocumentSymbol[]) : [];
  });
  connection.onFoldingRanges((params) => {
    const open = listOf(params.textDocument);
    return open ? foldingRanges(open.state.analysis.list) : [];
  });
  connection.onWorkspaceSymbol((params) => {
    const uris = new Set([...documents.all()].flatMap((d) => service.membersOf(d.uri)));
    const lists = [...uris]
      .map((uri) => service.documentOf(uri))
      .filter((d) => d !== undefined)
      .map((d) => service.stateOf(d))
      .filter((s) => s.isPaperList)
      .map((s) => ({ uri: s.uri, list: s.analysis.list }));
    return workspaceSymbols(lists, typeof params.query === 'string' ? params.query : '');
  });

  connection.onRequest(WeeksRequest.type, async (params) => {
    await listFound(params?.textDocument);
    return weeksOf(service.stateOf(documentOf(params?.textDocument)), typeof params?.knownRevision === 'string' ? params.knownRevision : undefined);
  });

  connection.onRequest(RowDetailsRequest.type, (params) => {
    const lines = Array.isArray(params?.lines) ? params.lines : [];
    const uri = params?.textDocument?.uri;
    const open = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (open) {
      const state = service.stateOf(open);
      return rowDetailsOf(state.analysis.list, state.version, state.settings, lines);
    }
    // A year file of an open list that is not open itself: its model is in the list's.
    for (const document of documents.all()) {
      const inList = service.stateOf(document).inList;
      const file = typeof uri === 'string' ? inList?.analysis.model.file(uri) : undefined;
      if (file && inList) return rowDetailsOf(file.list, 0, inList.settings, lines);
    }
    return rowDetailsOf(service.stateOf(documentOf(params?.textDocument)).analysis.list, 0, service.settingsFor(''), lines);
  });

  connection.onRequest(NewWeekRequest.type, async (params): Promise<EditResult> => {
    await listFound(params?.textDocument);
    const state = service.stateOf(documentOf(params?.textDocument));
    if (state.inList) {
      const newest = state.inList.analysis.model.files.find((f) => f.list.weeks.length > 0);
      const unfinished = newest && untouchedTemplate(newest.list);
      if (newest && unfinished) return { edits: [], ...unfinished, selectionUri: newest.uri };
      const result = newWeekInList(state.inList.analysis.model);
      if (!result) return { edits: [] };
      return {
        edits: result.changes[state.uri] ?? [],
        changes: result.changes,
        ...(result.createFile ? { createFiles: [result.createFile] } : {}),
        selection: result.selection,
        selectionUri: result.selectionUri,
      };
    }
    const result = newWeekEdits(state.analysis.list);
    return result ? { ...result, edits: [...result.edits] } : { edits: [] };
  });

  connection.onRequest(RenumberWeekRequest.type, (params): EditResult => {
    const state = service.stateOf(documentOf(params?.textDocument));
    const line = params?.position?.line;
    if (typeof line !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'position is required');
    const fix = renumberWeekAt(state.analysis.list, line)?.fix;
    return { edits: [...(fix?.edits ?? [])], ...(fix?.note ? { message: fix.note } : {}) };
  });

  connection.onRequest(FixAllRequest.type, async (params): Promise<EditResult> => {
    await listFound(params?.textDocument);
    const document = documentOf(params?.textDocument);
    const state = service.stateOf(document);
    if (!state.isPaperList) return { edits: [] };
    const { changes, message } = fixAllChanges(document);
    return { edits: changes[document.uri] ?? [], ...(state.inList ? { changes } : {}), ...(message ? { message } : {}) };
  });

  connection.listen();
}
