// Publishes diagnostics: coalesces the documents that changed before the scheduled check runs and analyses each
// once, at its newest version; skips a document whose diagnostics are what was last sent for it, whatever its version
// (the editor keeps showing them, moved with the text). A client that must know a version was checked asks any request
// after its change: the check's publish, when there is one, is written before the answer (see schedule).
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { DocumentStore } from './documents';
import type { PaperListService } from './service';
import { diagnosticsOf } from './features/diagnostics';

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  /** What was last sent per document, and whether it was open then, to skip re-sending the same diagnostics. */
  private readonly lastSent = new Map<string, { readonly open: boolean; readonly diagnostics: readonly Diagnostic[] }>();
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
    // Queued while the connection handles the change, so it runs before the connection handles the next message
    // (vscode-jsonrpc takes one per turn of the same queue): the publish goes out before the answer to any request sent after the change.
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
    // An edit that changes no diagnostic (most typing inside a title) sends nothing: on a 10 MB list that is 780 KB
    // less to encode and for the editor to parse. A document's first publish as an open document always goes out, so
    // the editor sees the version it opened checked.
    const last = this.lastSent.get(uri);
    if (last && last.open === (open !== undefined) && sameDiagnostics(last.diagnostics, diagnostics)) return;
    this.lastSent.set(uri, { open: open !== undefined, diagnostics });
    void this.connection.sendDiagnostics({ uri, ...(open ? { version: document.version } : {}), diagnostics });
  }
}

/** Unchanged findings keep their diagnostic objects (features/diagnostics.ts): most comparisons end on identity. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((d, i) => d === b[i] || JSON.stringify(d) === JSON.stringify(b[i]));
}
