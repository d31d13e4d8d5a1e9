// Publishes diagnostics: coalesces the documents that changed before the scheduled check runs and analyses each
// once, at its newest version; skips a document whose version and diagnostics are what was last sent.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { DocumentStore } from './documents';
import type { PaperListService } from './service';
import { diagnosticsOf } from './features/diagnostics';

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  /** What was last sent per document, to skip re-sending the same diagnostics for the same version. */
  private readonly lastSent = new Map<string, { readonly version: number; readonly diagnostics: readonly Diagnostic[] }>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly service: PaperListService,
    private readonly soon: (work: () => void) => void = (work) => setTimeout(work, 0),
  ) {}

  /** Re-publishes the document and every file of its list (an edit in the index changes the year files' problems and back). */
  schedule(uri: string): void {
    for (const member of this.service.membersOf(uri)) this.pending.add(member);
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    this.soon(() => this.flush());
  }

  /** A closed document: nothing pending, and its diagnostics cleared. */
  clear(uri: string): void {
    this.pending.delete(uri);
    this.lastSent.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private flush(): void {
    this.scheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      try {
        this.publish(uri);
      } catch (error) {
        // A bug in one file's analysis must not take the server (and every other file's checks) down with it.
        this.connection.console.error(`Paper List could not check ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private publish(uri: string): void {
    const open = this.documents.get(uri);
    // A file of a multi-file list the editor has not opened gets its diagnostics too, so Problems shows the whole list.
    const document = open ?? this.service.documentOf(uri);
    if (!document) return;
    const diagnostics = diagnosticsOf(this.service.stateOf(document));
    // A document re-checked without an edit (a file it links to appeared, settings that change nothing it shows)
    // is re-published only when its diagnostics changed; a new version always is, so the client sees it checked.
    // Compared only for the same version: a new version is sent anyway, and stringifying costs as much as an edit's analysis.
    const last = this.lastSent.get(uri);
    const version = open ? document.version : -1 - document.version;
    if (last && last.version === version && sameDiagnostics(last.diagnostics, diagnostics)) return;
    this.lastSent.set(uri, { version, diagnostics });
    void this.connection.sendDiagnostics({ uri, ...(open ? { version: document.version } : {}), diagnostics });
  }
}

/** Unchanged findings keep their diagnostic objects (features/diagnostics.ts): most comparisons end on identity. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((d, i) => d === b[i] || JSON.stringify(d) === JSON.stringify(b[i]));
}
