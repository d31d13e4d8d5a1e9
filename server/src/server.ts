// The language server: wires LSP handlers to the service and features; no logic of its own.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  ResponseError,
  ErrorCodes,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import type { TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import { DocumentStore, type OpenDocument } from './documents';
import { PaperListService, filePath } from './service';
import { sanitizeSettings, type SettingsWarning } from './settings';
import { diagnosticsOf } from './features/diagnostics';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completions } from './features/completions';
import { hover } from './features/hover';
import { documentSymbols, foldingRanges, workspaceSymbols } from './features/symbols';
import { weeksOf } from './features/weeks';
import { newWeekEdits } from './features/newWeek';
import { renumberWeek } from './rules/rowNumber';
import { fixAll } from './analysis';
import { weekOfLine } from './model/model';
import { FixAllRequest, NewWeekRequest, RenumberWeekRequest, WeeksRequest, type EditResult } from './protocol';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new DocumentStore();
const service = new PaperListService();
let configurationPull = false;
let initialSettings: unknown;
/** Documents whose diagnostics are due; validated once per event-loop turn, at their newest version. */
const pending = new Set<string>();
let scheduled = false;

connection.onInitialize((params): InitializeResult => {
  configurationPull = params.capabilities.workspace?.configuration === true;
  initialSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
  service.workspaceFolders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((p): p is string => p !== undefined);
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

declare const PACKAGE_VERSION: string | undefined;

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
  if (service.setSettings(uri, settings)) schedule(uri);
}

function schedule(uri: string): void {
  pending.add(uri);
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const u of uris) publish(u);
  });
}

function publish(uri: string): void {
  const document = documents.get(uri);
  if (!document) return;
  const state = service.stateOf(document);
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnosticsOf(state) });
}

connection.onDidOpenTextDocument(({ textDocument }) => {
  documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
  // With pulled settings the first diagnostics wait for them, so a rule turned off never flashes on open.
  if (configurationPull) {
    const publish = () => schedule(textDocument.uri);
    void loadSettings(textDocument.uri).then(publish, publish);
  } else {
    schedule(textDocument.uri);
    void loadSettings(textDocument.uri);
  }
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return;
  // A version older than what we hold is stale; applying it would corrupt the text.
  if (textDocument.version !== null && textDocument.version < document.version) return;
  document.update(contentChanges, textDocument.version ?? document.version + 1);
  schedule(textDocument.uri);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  documents.close(textDocument.uri);
  service.forget(textDocument.uri);
  pending.delete(textDocument.uri);
  void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
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
  return state.isPaperList ? state : undefined;
}

connection.onCodeAction((params) => {
  const state = listOf(params.textDocument);
  return state ? codeActions(state, params, service.settingsFor(state.uri)) : [];
});
connection.onCompletion((params) => {
  const state = listOf(params.textDocument);
  return state ? completions(state.analysis.list, params.position) : [];
});
connection.onHover((params) => {
  const state = listOf(params.textDocument);
  return state ? (hover(state.analysis.list, params.position) ?? null) : null;
});
connection.onDocumentSymbol((params) => {
  const state = listOf(params.textDocument);
  return state ? documentSymbols(state.analysis.list) : [];
});
connection.onFoldingRanges((params) => {
  const state = listOf(params.textDocument);
  return state ? foldingRanges(state.analysis.list) : [];
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
  const week = weekOfLine(state.analysis.list, line);
  return { edits: week ? [...(renumberWeek(week)?.edits ?? [])] : [] };
});

connection.onRequest(FixAllRequest.type, (params): EditResult => {
  const document = documentOf(params?.textDocument);
  const state = service.stateOf(document);
  if (!state.isPaperList) return { edits: [] };
  return { edits: fixAll(document.text, service.settingsFor(document.uri)).edits };
});

connection.listen();
