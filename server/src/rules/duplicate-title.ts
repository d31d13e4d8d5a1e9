import { namedOthers, problemsOfKey, type KeyProblems, removeRow, where, whereInList } from './duplicateRows';
import { type ListProblem, type Problem, type Rule } from './rule';
import type { RowRef } from '../model/model';
import type { ListRowRef } from '../list/listModel';
import { toRange } from '../model/ranges';

/** Each repeated title's problems (see problemsOfKey). */
const byRefs = new WeakMap<readonly RowRef[], KeyProblems<Omit<Problem, 'rule'>>>();
/** The same for a multi-file list's repeated keys. */
const byListRefs = new WeakMap<readonly ListRowRef[], KeyProblems<ListProblem>>();

export const duplicateTitle: Rule = {
  name: 'duplicate-title',
  description: 'A title appears only once in the list (case, spacing, emphasis and punctuation ignored).',
  defaultSeverity: 'warning',
  check({ list }, report) {
    for (const key of list.repeatedTitles) {
      const refs = list.titles.get(key)!;
      const problems = problemsOfKey(
        byRefs,
        refs,
        '',
        () => list.lines.lineCount,
        () =>
          refs.map((ref) => {
            const named = namedOthers(refs, ref, where, 'rows');
            return {
              range: toRange(ref.row.titleSpan),
              message: `Title "${ref.row.title}" is also ${named.text}`,
              related: named.others.map((r) => ({ range: toRange(r.row.titleSpan), message: `Same title: ${where(r)}` })),
              suggestions: [removeRow(list, ref.row.line)],
            };
          }),
      );
      problems.forEach((problem) => report(problem));
    }
  },
  checkList({ list }, report) {
    for (const refs of list.repeatedTitleRefs()) {
      const problems = problemsOfKey(
        byListRefs,
        refs,
        '',
        (ref) => ref.file.list.lines.lineCount,
        () =>
          refs.map((ref) => {
            const named = namedOthers(refs, ref, (r) => whereInList(list, r, ref), 'rows');
            return {
              uri: ref.file.uri,
              range: toRange(ref.row.titleSpan),
              message: `Title "${ref.row.title}" is also ${named.text}`,
              related: named.others.map((r) => ({ uri: r.file.uri, range: toRange(r.row.titleSpan), message: `Same title: ${whereInList(list, r, ref)}` })),
              suggestions: [removeRow(ref.file.list, ref.row.line)],
            };
          }),
        (ref) => ref.file.uri,
      );
      problems.forEach((problem) => report(problem));
    }
  },
};
