import { problemsOfKey, related, removeRow, where, whereInList } from './duplicateRows';
import { type Rule } from './rule';
import { toRange } from '../model/ranges';

/** Each repeated title's problems (see problemsOfKey). */
const byRefs: Parameters<typeof problemsOfKey>[0] = new WeakMap();

export const duplicateTitle: Rule = {
  name: 'duplicate-title',
  description: 'A title appears only once in the list (case, spacing, emphasis and punctuation ignored).',
  defaultSeverity: 'warning',
  check({ list }, report) {
    for (const key of list.repeatedTitles) {
      const refs = list.titles.get(key)!;
      const problems = problemsOfKey(byRefs, list, refs, '', () =>
        refs.map((ref) => ({
          range: toRange(ref.row.titleSpan),
          message: `Title "${ref.row.title}" is also ${refs
            .filter((r) => r !== ref)
            .map(where)
            .join(', ')}`,
          related: related(refs, ref, 'title'),
          suggestions: [removeRow(list, ref.row.line)],
        })),
      );
      problems.forEach((problem) => report(problem));
    }
  },
  checkList({ list }, report) {
    for (const refs of list.repeatedTitleRefs()) {
      for (const ref of refs) {
        const others = refs.filter((r) => r !== ref);
        report({
          uri: ref.file.uri,
          range: toRange(ref.row.titleSpan),
          message: `Title "${ref.row.title}" is also ${others.map((r) => whereInList(list, r, ref)).join(', ')}`,
          related: others.map((r) => ({ uri: r.file.uri, range: toRange(r.row.titleSpan), message: `Same title: ${whereInList(list, r, ref)}` })),
          suggestions: [removeRow(ref.file.list, ref.row.line)],
        });
      }
    }
  },
};
