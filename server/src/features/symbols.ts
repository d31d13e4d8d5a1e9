import { SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from 'vscode-languageserver-protocol';
import { weekLabel, type PaperList } from '../model/model';
import { rowRange, toRange, weekRange } from '../model/ranges';

function rowName(number: number | undefined, title: string): string {
  return `${number ?? '?'}) ${title || '(untitled)'}`;
}

/** Built once per model (one per document version): editors ask for symbols again on every focus and outline refresh. */
const symbolsOfList = new WeakMap<PaperList, DocumentSymbol[]>();

export function documentSymbols(list: PaperList): DocumentSymbol[] {
  let symbols = symbolsOfList.get(list);
  if (!symbols) symbolsOfList.set(list, (symbols = buildDocumentSymbols(list)));
  return symbols;
}

function buildDocumentSymbols(list: PaperList): DocumentSymbol[] {
  return list.weeks.map((week) => {
    return {
      name: week.heading,
      detail: `${week.rows.length} papers`,
      kind: SymbolKind.Namespace,
      range: weekRange(list.lines, week),
      selectionRange: toRange(week.headingSpan),
      children: week.rows.map((row) => ({
        name: rowName(row.number?.value, row.title),
        detail: row.description.length > 80 ? row.description.slice(0, 79) + '…' : row.description,
        kind: SymbolKind.Field,
        range: rowRange(row),
        selectionRange: row.title ? toRange(row.titleSpan) : rowRange(row),
      })),
    };
  });
}

export function foldingRanges(list: PaperList): FoldingRange[] {
  return list.weeks.filter((w) => w.lastContentLine > w.headingLine).map((w) => ({ startLine: w.headingLine, endLine: w.lastContentLine, kind: 'region' }));
}

/** Papers by title across open lists, for "Go to Symbol in Workspace". */
export function workspaceSymbols(lists: Iterable<{ uri: string; list: PaperList }>, query: string, limit = 500): SymbolInformation[] {
  const needle = query.toLowerCase();
  const result: SymbolInformation[] = [];
  for (const { uri, list } of lists) {
    for (const week of list.weeks) {
      for (const row of week.rows) {
        if (needle && !row.title.toLowerCase().includes(needle)) continue;
        result.push({
          name: row.title || '(untitled)',
          kind: SymbolKind.Field,
          containerName: weekLabel(week),
          location: { uri, range: toRange(row.titleSpan) },
        });
        if (result.length >= limit) return result;
      }
    }
  }
  return result;
}
