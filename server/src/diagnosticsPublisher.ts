// Publishes diagnostics: coalesces the documents that changed during one turn of the event loop and analyses each
// once, at its newest version. setTimeout is what every platform (Node, Web Worker) has.
import type { Connection } from 'vscode-languageserver';
import type { DocumentStore } from './documents';
import type { PaperListService } from './service';
import { diagnosticsOf } from './features/diagnostics';

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly service: PaperListService,
  ) {}

  /** Re-publishes the document and every file of its list (an edit in the index changes the year files' problems and back). */
  schedule(uri: string): void {
    for (const member of this.service.membersOf(uri)) this.pending.add(member);
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.flush(), 0);
  }

  /** A closed document: nothing pending, and its diagnostics cleared. */
  clear(uri: string): void {
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private flush(): void {
    this.scheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const open = this.documents.get(uri);
      // A file of a multi-file list the editor has not opened gets its diagnostics too, so Problems shows the whole list.
      const document = open ?? this.service.documentOf(uri);
      if (!document) continue;
      const state = this.service.stateOf(document);
      void this.connection.sendDiagnostics({ uri, ...(open ? { version: document.version } : {}), diagnostics: diagnosticsOf(state) });
    }
  }
}
