// The floor server (see lowerBound.ts): what any design of the server must pay per edit over LSP. It takes the real
// server's transport (the same library, message writer and code cache loader) and document, and per edit re-analyses only
// the section the edit is in (on its own, as a list of one section), then publishes the diagnostics the real server
// published for that version, rebuilt from the previous version's as an ideal cache would hold them (applyOps in
// lowerBoundTable.ts). Which diagnostics those are, and the edited section, come from a table the bench recorded
// from the real server's stream. Started as `server.js --stdio --table=<file>` beside this bundle as languageServer.js.
import { readFileSync } from 'node:fs';
import { createConnection, ProposedFeatures, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { FramedMessageWriter } from '../server/src/node/messageEncoder';
import { OpenDocument } from '../server/src/documents';
import { analyze } from '../server/src/analysis';
import { WeekCache } from '../server/src/model/cache';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { applyOps, type BoundTable } from './lowerBoundTable';

const tableArg = process.argv.find((a) => a.startsWith('--table='));
if (!tableArg) throw new Error('lowerBoundServer: --table=<file> is required');
const table = JSON.parse(readFileSync(tableArg.slice('--table='.length), 'utf8')) as BoundTable;

const writer = new FramedMessageWriter(process.stdout);
// As in server/src/node/main.ts: a stream and a writer, each taken as it is at run time.
const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);

let document: OpenDocument | undefined;
let openedVersion = 0;
let current: readonly Diagnostic[] = [];

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

connection.onDidOpenTextDocument(({ textDocument }) => {
  if (textDocument.uri !== table.uri) return;
  document = new OpenDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
  openedVersion = textDocument.version;
  current = applyOps([], table.opened);
  setImmediate(() => void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: current as Diagnostic[] }));
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  if (!document || textDocument.uri !== document.uri) return;
  document.update(contentChanges, textDocument.version);
  const step = table.versions[textDocument.version - openedVersion - 1];
  // After the messages already received, as the real server's check (diagnosticsPublisher.ts): the answer to a
  // request sent after the change comes after this publish.
  setImmediate(() => {
    const [start, end] = step.section;
    analyze(document!.lines.lines().slice(start, end).join('\n'), DEFAULT_SETTINGS, { cache: new WeekCache() });
    if (!step.ops) return;
    current = applyOps(current, step.ops);
    void connection.sendDiagnostics({ uri: document!.uri, version: document!.version, diagnostics: current as Diagnostic[] });
  });
});

// The bench's probe that a version was checked (lspClient.ts, checked): answered with the version.
connection.onRequest('paperList/rowDetails', () => ({ version: document?.version, rows: [] }));

connection.listen();
