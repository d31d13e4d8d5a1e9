import { SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from 'vscode-languageserver-protocol';
import { weekLabel, type Link, type PaperList, type Week } from '../model/model';
import { arxivId, paperKey } from '../model/urls';
import { rowRange, toRange } from '../model/ranges';

function rowName(number: number | undefined, title: string): string {
  return `${number ?? '?'}) ${title || '(untitled)'}`;
}

/** Built once per model (one per document version): editors ask for symbols again on every focus and outline refresh. */
const symbolsOfList = new WeakMap<PaperList, readonly DocumentSymbol[]>();

/**
 * The rows, flat, each with its week as detail. The built-in Markdown extension already lists every heading
 * (weeks included) in the outline and Ctrl+Shift+O; returning weeks too listed each week twice.
 */
export function documentSymbols(list: PaperList): readonly DocumentSymbol[] {
  let symbols = symbolsOfList.get(list);
  // Frozen: asked again for the same version (every focus, outline refresh), the transport sends the bytes it kept.
  if (!symbols) symbolsOfList.set(list, (symbols = Object.freeze(buildDocumentSymbols(list))));
  return symbols;
}

/** A week the edit did not touch is the same Week object (model.ts), at the same lines: its symbols are too. */
const symbolsOfWeek = new WeakMap<Week, DocumentSymbol[]>();

function buildDocumentSymbols(list: PaperList): DocumentSymbol[] {
  return list.weeks.flatMap((week) => {
    let symbols = symbolsOfWeek.get(week);
    if (!symbols)
      symbolsOfWeek.set(
        week,
        // Frozen, like everything kept across versions that the transport may encode once (node/messageEncoder.ts).
        (symbols = week.rows.map((row) =>
          Object.freeze({
            name: rowName(row.number?.value, row.title),
            detail: weekLabel(week),
            kind: SymbolKind.Field,
            range: rowRange(row),
            selectionRange: row.title ? toRange(row.titleSpan) : rowRange(row),
          }),
        )),
      );
    return symbols;
  });
}

export function foldingRanges(list: PaperList): FoldingRange[] {
  return list.weeks.filter((w) => w.lastContentLine > w.headingLine).map((w) => ({ startLine: w.headingLine, endLine: w.lastContentLine, kind: 'region' }));
}

/**
 * Papers across open lists whose title, arXiv id or link URL contains the query ("is it already listed?").
 * VS Code filters the answers by name, so a row found by its id or URL carries the match in its name.
 */
export function workspaceSymbols(lists: Iterable<{ uri: string; list: PaperList }>, query: string, limit = 500): SymbolInformation[] {
  const needle = query.trim().toLowerCase();
  const paper = paperNeedle(query);
  const result: SymbolInformation[] = [];
  for (const { uri, list } of lists) {
    for (const week of list.weeks) {
      for (const row of week.rows) {
        const title = row.title || '(untitled)';
        let name: string | undefined = title;
        if (needle && !row.title.toLowerCase().includes(needle)) name = matchedLink(row.links, needle, paper, title);
        if (!name) continue;
        result.push({ name, kind: SymbolKind.Field, containerName: weekLabel(week), location: { uri, range: toRange(row.titleSpan) } });
        if (result.length >= limit) return result;
      }
    }
  }
  return result;
}

/** `Title · arXiv 2506.01234` when an arXiv id contains the query, `Title · <url>` when a URL does. */
function matchedLink(links: readonly Link[], needle: string, paper: string | undefined, title: string): string | undefined {
  for (const link of links) {
    if (link.isImage) continue;
    const id = arxivId(link.target);
    if (id && (id.toLowerCase().includes(needle) || `arxiv:${id.toLowerCase()}` === paper)) return `${title} · arXiv ${id}`;
    if (paper && paperKey(link.target) === paper) return `${title} · ${link.target}`;
    if (link.target.toLowerCase().includes(needle)) return `${title} · ${link.target}`;
  }
  return undefined;
}

/** The paper a query names, as a paperKey: a pasted URL (`…/pdf/2506.01234v2`) or an id (`arXiv:2506.01234v2`). */
function paperNeedle(query: string): string | undefined {
  const q = query.trim();
  const id = /^(?:arxiv:\s*)?(\d{4}\.\d{4,5})(?:v\d+)?$/i.exec(q);
  if (id) return `arxiv:${id[1]}`;
  return /^(?:https?:\/\/|www\.)/i.test(q) ? paperKey(q) : undefined;
}
