import { paperLink } from '../model/model';
import { removeRow, where, whereInList } from './duplicateRows';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

export const duplicatePaper: Rule = {
  name: 'duplicate-paper',
  description: 'A paper is listed only once (arXiv abs/pdf/html and versions, `www.`, scheme and tracking parameters ignored).',
  defaultSeverity: 'warning',
  check({ list, settings }, report) {
    const label = settings.requiredLinks[0];
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
  checkList({ list, settings }, report) {
    const label = settings.requiredLinks[0];
    for (const refs of list.repeatedPaperRefs()) {
      for (const ref of refs) {
        const link = paperLink(ref.row, label)!;
        const others = refs.filter((r) => r !== ref);
        report({
          uri: ref.file.uri,
          range: toRange(link.targetSpan),
          message: `Paper ${link.target} is also listed as ${others.map((r) => whereInList(list, r, ref)).join(', ')}`,
          related: others.map((r) => ({
            uri: r.file.uri,
            range: toRange(paperLink(r.row, label)!.targetSpan),
            message: `Same paper: ${whereInList(list, r, ref)}`,
          })),
          suggestions: [removeRow(ref.file.list, ref.row.line)],
        });
      }
    }
  },
};
