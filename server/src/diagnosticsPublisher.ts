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

  schedule(uri: string): void {
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
      const document = this.documents.get(uri);
      if (!document) continue;
      const state = this.service.stateOf(document);
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnosticsOf(state) });
    }
  }
}
