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

  /**
   * Applies the changes in order. With `changed`, returns whether it says so for any change, given the lines the change
   * touched before and after it (a text replaced whole counts as changed): the server asks it whether an edit of an
   * index changed the files its entries link, without reading the rest of the text.
   */
  update(
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
    changed?: (before: readonly string[], after: readonly string[]) => boolean,
  ): boolean {
    let said = false;
    for (const change of changes) {
      if ('range' in change && change.range) {
        const { start: from, end: to } = change.range;
        const before = changed && !said ? this.linesIn(from.line, to.line) : undefined;
        const lineCount = this.index.lineCount;
        const start = this.index.offsetAt(from);
        const end = Math.max(start, this.index.offsetAt(to));
        this.index = this.index.edit(start, end, change.text);
        // The lines that replaced [from, to]: as many more or fewer as the table gained or lost.
        if (before) said = changed!(before, this.linesIn(from.line, to.line + this.index.lineCount - lineCount));
      } else {
        this.index = new LineIndex(change.text);
        said = changed !== undefined;
      }
    }
    this.version = version;
    return said;
  }

  private linesIn(from: number, to: number): string[] {
    const lines: string[] = [];
    for (let line = Math.max(0, from); line <= to && line < this.index.lineCount; line++) lines.push(this.index.line(line));
    return lines;
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
