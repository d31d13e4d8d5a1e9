// What the duplicate rules share: where a row is, related locations, and the editor-only "Remove this row".
import type { PaperList, RowRef, Week } from '../model/model';
import { weekLabel, weekOfLine } from '../model/model';
import type { ListModel, ListRowRef } from '../list/listModel';
import { replaceSpan, type Fix, type RelatedLocation } from './rule';
import { toRange } from '../model/ranges';

export function where(ref: RowRef): string {
  return `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)}`;
}

/** `where`, naming the file when it is not the problem's own. */
export function whereInList(list: ListModel, ref: ListRowRef, self: ListRowRef): string {
  return ref.file === self.file ? where(ref) : `${where(ref)} in ${list.nameOf(ref.file.uri)}`;
}

export function related(refs: readonly RowRef[], self: RowRef, what: string): RelatedLocation[] {
  return refs.filter((r) => r !== self).map((r) => ({ range: toRange(r.row.titleSpan), message: `Same ${what}: ${where(r)}` }));
}

/**
 * Deletes the row's line with its line break (an editor-only suggestion, never part of fix-all), and moves the
 * numbers of the week's later rows up by one when they were in sequence, so 1, 2, 3, 4 minus 3 gives 1, 2, 3.
 */
export function removeRow(list: PaperList, line: number): Fix {
  const end = line + 1 < list.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: list.lines.lineLength(line) };
  const edits = [{ range: { start: { line, character: 0 }, end }, newText: '' }];
  const rows = weekOfLine(list, line)?.rows ?? [];
  const at = rows.findIndex((r) => r.line === line);
  let renumbered = 0;
  for (let i = at + 1; at !== -1 && i < rows.length; i++) {
    const number = rows[i].number;
    // Only a row numbered for its place moves up, in its own marker style; a week out of sequence is row-number's to fix.
    if (!number || number.value !== i + 1 || number.text !== number.style.replace('N', String(i + 1))) continue;
    edits.push(replaceSpan(number.span, number.style.replace('N', String(i))));
    renumbered++;
  }
  return { title: renumbered > 0 ? 'Remove this row and renumber the rows after it' : 'Remove this row', edits };
}

/** A repeated key's problems and what they were computed from. */
export interface KeyProblems<P> {
  readonly variant: string;
  readonly weeks: readonly Week[];
  /** Line counts of the files of rows on their file's last line, by ref: such a row's removal ends where its file does. */
  readonly lineCounts: readonly (number | undefined)[];
  readonly problems: readonly P[];
}

/**
 * The problems of one repeated key, computed again only when its rows changed or moved: the index keeps a key's ref
 * list while none of its rows changed, and a week is the same Week object while its section keeps its text and place
 * (model.ts). The same problem objects then keep their diagnostics, which an edit elsewhere need not send anew.
 * `lineCountOf` gives the line count of a ref's file.
 */
export function problemsOfKey<R extends RowRef, P>(
  memo: WeakMap<readonly R[], KeyProblems<P>>,
  refs: readonly R[],
  variant: string,
  lineCountOf: (ref: R) => number,
  compute: () => P[],
): readonly P[] {
  const known = memo.get(refs);
  if (
    known &&
    known.variant === variant &&
    known.weeks.every((w, i) => w === refs[i].week) &&
    known.lineCounts.every((count, i) => count === undefined || count === lineCountOf(refs[i]))
  )
    return known.problems;
  const problems = compute();
  memo.set(refs, {
    variant,
    weeks: refs.map((r) => r.week),
    lineCounts: refs.map((r) => (r.row.line + 1 >= lineCountOf(r) ? lineCountOf(r) : undefined)),
    problems,
  });
  return problems;
}
