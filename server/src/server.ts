// The language server, platform-neutral: wires LSP handlers to the service and features, no logic of its own.
// node/main.ts and browser/main.ts create the connection and the Host, then call startServer.
import {
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  ResponseError,
  ErrorCodes,
  type InitializeResult,
  type TextDocumentIdentifier,
} from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import { DocumentStore, type OpenDocument } from './documents';
import { PaperListService } from './service';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { Host } from './host';
import { sanitizeSettings, type SettingsWarning } from './settings';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completions } from './features/completions';
import { hover } from './features/hover';
import { documentSymbols, foldingRanges, workspaceSymbols } from './features/symbols';
import { weeksOf } from './features/weeksRequest';
import { newWeekEdits } from './features/newWeek';
import { renumberWeekAt } from './features/renumberWeek';
import { FixAllRequest, NewWeekRequest, RenumberWeekRequest, WeeksRequest, type EditResult } from './protocol';

declare const PACKAGE_VERSION: string | undefined;

export function startServer(connection: Connection, host: Host): void {
  const documents = new DocumentStore();
  const service = new PaperListService(host, (uri) => publisher.schedule(uri));
  const publisher = new DiagnosticsPublisher(connection, documents, service);
  let configurationPull = false;
  let initialSettings: unknown;

  connection.onInitialize((params): InitializeResult => {
    configurationPull = params.capabilities.workspace?.configuration === true;
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
    if (service.setSettings(uri, settings)) publisher.schedule(uri);
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    // With pulled settings the first diagnostics wait for them, so a rule turned off never flashes on open.
    if (configurationPull) {
      const publish = () => publisher.schedule(textDocument.uri);
      void loadSettings(textDocument.uri).then(publish, publish);
    } else {
      publisher.schedule(textDocument.uri);
      void loadSettings(textDocument.uri);
    }
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    // A version older than what we hold is stale; applying it would corrupt the text.
    if (textDocument.version !== null && textDocument.version < document.version) return;
    document.update(contentChanges, textDocument.version ?? document.version + 1);
    publisher.schedule(textDocument.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.close(textDocument.uri);
    service.forget(textDocument.uri);
    publisher.clear(textDocument.uri);
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

  /** Like documentOf, but answers "nothing" for documents that are unknown or not paper lists. */
  function listOf(identifier: TextDocumentIdentifier | undefined) {
    const document = identifier && typeof identifier.uri === 'string' ? documents.get(identifier.uri) : undefined;
    if (!document) return undefined;
    const state = service.stateOf(document);
    return state.isPaperList ? { document, state } : undefined;
  }

  connection.onCodeAction((params) => {
    const open = listOf(params.textDocument);
    return open ? codeActions(open.state, params, () => service.fixAll(open.document)) : [];
  });
  connection.onCompletion((params) => {
    const open = listOf(params.textDocument);
    return open ? completions(open.state.analysis.list, params.position) : [];
  });
  connection.onHover((params) => {
    const open = listOf(params.textDocument);
    return open ? (hover(open.state.analysis.list, params.position, open.state.settings.requiredLinks[0]) ?? null) : null;
  });
  connection.onDocumentSymbol((params) => {
    const open = listOf(params.textDocument);
    return open ? documentSymbols(open.state.analysis.list) : [];
  });
  connection.onFoldingRanges((params) => {
    const open = listOf(params.textDocument);
    return open ? foldingRanges(open.state.analysis.list) : [];
  });
  connection.onWorkspaceSymbol((params) => {
    const lists = [...documents.all()]
      .map((d) => service.stateOf(d))
      .filter((s) => s.isPaperList)
      .map((s) => ({ uri: s.uri, list: s.analysis.list }));
    return workspaceSymbols(lists, typeof params.query === 'string' ? params.query : '');
  });

  connection.onRequest(WeeksRequest.type, (params) => weeksOf(service.stateOf(documentOf(params?.textDocument))));

  connection.onRequest(NewWeekRequest.type, (params): EditResult => {
    const state = service.stateOf(documentOf(params?.textDocument));
    const result = newWeekEdits(state.analysis.list);
    return result ?? { edits: [] };
  });

  connection.onRequest(RenumberWeekRequest.type, (params): EditResult => {
    const state = service.stateOf(documentOf(params?.textDocument));
    const line = params?.position?.line;
    if (typeof line !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, 'position is required');
    return { edits: [...(renumberWeekAt(state.analysis.list, line)?.fix?.edits ?? [])] };
  });

  connection.onRequest(FixAllRequest.type, (params): EditResult => {
    const document = documentOf(params?.textDocument);
    if (!service.stateOf(document).isPaperList) return { edits: [] };
    return { edits: service.fixAll(document).edits };
  });

  connection.listen();
}
