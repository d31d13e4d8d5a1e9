// Open documents, kept by the server itself with incremental sync: an edit costs a string splice and
// a scan for line starts, not a full-document copy per change event as a generic store would do.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LineIndex } from './model/text';

export class OpenDocument {
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private content: string,
  ) {}

  get text(): string {
    return this.content;
  }

  /** Line table of the current text, built on first use after a change. */
  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.content));
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const lines = this.lines;
        const start = lines.offsetAt(change.range.start);
        const end = Math.max(start, lines.offsetAt(change.range.end));
        this.content = this.content.slice(0, start) + change.text + this.content.slice(end);
      } else {
        this.content = change.text;
      }
      this.index = undefined;
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
