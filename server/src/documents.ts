// Open documents, kept by the server itself with incremental sync: an edit costs a string splice and a
// shifted copy of the line table, not a rescan of the document as a generic store would do.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LineIndex } from './model/text';

export class OpenDocument {
  private index: LineIndex;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.index = new LineIndex(text);
  }

  get text(): string {
    return this.index.text;
  }

  /** Line table of the current text; after an edit it shares the untouched lines with the previous one. */
  get lines(): LineIndex {
    return this.index;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const start = this.index.offsetAt(change.range.start);
        const end = Math.max(start, this.index.offsetAt(change.range.end));
        this.index = this.index.edit(start, end, change.text);
      } else {
        this.index = new LineIndex(change.text);
      }
    }
    this.version = version;
  }
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const document = new OpenDocument(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.documents.values();
  }
}
