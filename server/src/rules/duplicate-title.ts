import { related, removeRow, where } from './duplicateRows';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

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
