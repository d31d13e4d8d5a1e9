// Renumber Week (the command and the refactoring code action): the week at a line, numbered 1..N.
import { rowOfLine, weekOfLine, type PaperList } from '../model/model';
import { renumberWeek } from '../rules/row-number';
import type { Fix } from '../rules/rule';

/** The week around `line` and its renumbering fix; `fix` is undefined when the week is already numbered 1..N. */
export function renumberWeekAt(list: PaperList, line: number, requireRow = false): { fix?: Fix } | undefined {
  const week = weekOfLine(list, line);
  if (!week || (requireRow && !rowOfLine(week, line))) return undefined;
  return { fix: renumberWeek(list, week) };
}
