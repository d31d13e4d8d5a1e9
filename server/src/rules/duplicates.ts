import type { PaperList, RowRef } from '../model/model';
import { paperLink, weekLabel } from '../model/model';
import { toRange, type Fix, type Rule, type RelatedLocation } from './rule';

function where(ref: RowRef): string {
  return `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)}`;
}

function related(refs: readonly RowRef[], self: RowRef, what: string): RelatedLocation[] {
  return refs.filter((r) => r !== self).map((r) => ({ range: toRange(r.row.titleSpan), message: `Same ${what}: ${where(r)}` }));
}

/** Deletes the row's line with its line break (an editor-only suggestion, never part of fix-all). */
function removeRow(list: PaperList, line: number): Fix {
  const end = line + 1 < list.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: list.lines.lineLength(line) };
  return { title: 'Remove this row', edits: [{ range: { start: { line, character: 0 }, end }, newText: '' }] };
}

export const duplicateTitle: Rule = {
  name: 'duplicate-title',
  description: 'A title appears only once in the list (case, spacing, emphasis and punctuation ignored).',
  defaultSeverity: 'warning',
  check({ list }, report) {
    for (const refs of list.titles.values()) {
      if (refs.length < 2) continue;
      for (const ref of refs) {
        const others = refs.filter((r) => r !== ref);
        report({
          range: toRange(ref.row.titleSpan),
          message: `Title "${ref.row.title}" is also ${others.map(where).join(', ')}`,
          related: related(refs, ref, 'title'),
          suggestions: [removeRow(list, ref.row.line)],
        });
      }
    }
  },
};

export const duplicatePaper: Rule = {
  name: 'duplicate-paper',
  description: 'A paper is listed only once (arXiv abs/pdf/html and versions, `www.`, scheme and tracking parameters ignored).',
  defaultSeverity: 'warning',
  check({ list }, report) {
    const label = list.requiredLinks[0];
    for (const refs of list.papers.values()) {
      if (refs.length < 2) continue;
      for (const ref of refs) {
        const link = paperLink(ref.row, label)!;
        const others = refs.filter((r) => r !== ref);
        report({
          range: toRange(link.targetSpan),
          message: `Paper ${link.target} is also listed as ${others.map(where).join(', ')}`,
          related: others.map((r) => ({ range: toRange(paperLink(r.row, label)!.targetSpan), message: `Same paper: ${where(r)}` })),
          suggestions: [removeRow(list, ref.row.line)],
        });
      }
    }
  },
};
