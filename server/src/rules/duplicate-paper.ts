import { paperLink, type ListItem, type PaperList } from '../model/model';
import { paperKey } from '../model/urls';
import { namedOthers, problemsOfKey, type KeyProblems, removeRow, where, whereInList } from './duplicateRows';
import type { ListProblem, Problem } from './rule';
import { type Rule } from './rule';
import type { RowRef } from '../model/model';
import type { ListRowRef } from '../list/listModel';
import { toRange } from '../model/ranges';

/** Each repeated paper's problems, per paper label (see problemsOfKey). */
const byRefs = new WeakMap<readonly RowRef[], KeyProblems<Omit<Problem, 'rule'>>>();
/** The same for a multi-file list's repeated keys. */
const byListRefs = new WeakMap<readonly ListRowRef[], KeyProblems<ListProblem>>();

export const duplicatePaper: Rule = {
  name: 'duplicate-paper',
  description:
    'A paper is listed only once (arXiv abs/pdf/html and versions, `www.`, scheme and tracking parameters ignored), in weekly tables and, in a list without weeks, across all its tables and bullet lists.',
  defaultSeverity: 'warning',
  check({ list, settings }, report) {
    const label = settings.requiredLinks[0];
    for (const key of list.repeatedPapers) {
      const refs = list.papers.get(key)!;
      const problems = problemsOfKey(
        byRefs,
        refs,
        label,
        () => list.lines.lineCount,
        () =>
          refs.map((ref) => {
            const link = paperLink(ref.row, label)!;
            const named = namedOthers(refs, ref, where, 'rows');
            return {
              range: toRange(link.targetSpan),
              message: `Paper ${link.target} is also listed as ${named.text}`,
              related: named.others.map((r) => ({
                range: toRange(paperLink(r.row, label)!.targetSpan),
                message: `Same paper: ${where(r)}`,
              })),
              suggestions: [removeRow(list, ref.row.line)],
            };
          }),
      );
      problems.forEach((problem) => report(problem));
    }
    itemDuplicates(list, report);
  },
  checkList({ list, settings }, report) {
    const label = settings.requiredLinks[0];
    for (const refs of list.repeatedPaperRefs()) {
      const problems = problemsOfKey(
        byListRefs,
        refs,
        label,
        (ref) => ref.file.list.lines.lineCount,
        () =>
          refs.map((ref) => {
            const link = paperLink(ref.row, label)!;
            const named = namedOthers(refs, ref, (r) => whereInList(list, r, ref), 'rows');
            return {
              uri: ref.file.uri,
              range: toRange(link.targetSpan),
              message: `Paper ${link.target} is also listed as ${named.text}`,
              related: named.others.map((r) => ({
                uri: r.file.uri,
                range: toRange(paperLink(r.row, label)!.targetSpan),
                message: `Same paper: ${whereInList(list, r, ref)}`,
              })),
              suggestions: [removeRow(ref.file.list, ref.row.line)],
            };
          }),
        (ref) => ref.file.uri,
      );
      problems.forEach((problem) => report(problem));
    }
    // Papers listed twice as list items stay a per-file check.
    for (const file of list.files) itemDuplicates(file.list, (problem) => report({ ...problem, uri: file.uri }));
  },
};

function whereItem(item: ListItem): string {
  return `line ${item.line + 1}${item.heading ? ` (under "${item.heading}")` : ''}`;
}

/** Papers listed twice among a file's list items (not table rows). */
function itemDuplicates(list: PaperList, report: (problem: Omit<Problem, 'rule'>) => void): void {
  const items = new Map<string, ListItem[]>();
  for (const item of list.items) {
    const key = item.paper && paperKey(item.paper.target);
    if (!key) continue;
    const same = items.get(key);
    if (same) same.push(item);
    else items.set(key, [item]);
  }
  for (const same of items.values()) {
    if (same.length < 2) continue;
    for (const item of same) {
      const named = namedOthers(same, item, whereItem, 'lines');
      report({
        range: toRange(item.paper!.targetSpan),
        message: `Paper ${item.paper!.target} is also listed on ${named.text}`,
        related: named.others.map((i) => ({ range: toRange(i.paper!.targetSpan), message: `Same paper: ${whereItem(i)}` })),
        suggestions: [removeRow(list, item.line)],
      });
    }
  }
}
