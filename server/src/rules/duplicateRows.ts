// What the duplicate rules share: where a row is, related locations, and the editor-only "Remove this row".
import type { PaperList, RowRef, Week } from '../model/model';
import { weekLabel, weekOfLine } from '../model/model';
import type { ListModel, ListRowRef } from '../list/listModel';
import { replaceSpan, type Fix, type Problem, type RelatedLocation } from './rule';
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

type RowProblem = Omit<Problem, 'rule'>;

/** A repeated key's problems and what they were computed from. */
interface KeyProblems {
  readonly variant: string;
  readonly weeks: readonly Week[];
  /** Set when a row is on the document's last line: its removal's end depends on the line count. */
  readonly lineCount: number | undefined;
  readonly problems: readonly RowProblem[];
}

/**
 * The problems of one repeated key, computed again only when its rows changed or moved: the index keeps a key's ref
 * list while none of its rows changed, and a week is the same Week object while its section keeps its text and place
 * (model.ts). The same problem objects then keep their diagnostics, which an edit elsewhere need not send anew.
 */
export function problemsOfKey(
  memo: WeakMap<readonly RowRef[], KeyProblems>,
  list: PaperList,
  refs: readonly RowRef[],
  variant: string,
  compute: () => RowProblem[],
): readonly RowProblem[] {
  const atEnd = refs.some((r) => r.row.line + 1 >= list.lines.lineCount);
  const lineCount = atEnd ? list.lines.lineCount : undefined;
  const known = memo.get(refs);
  if (known && known.variant === variant && known.lineCount === lineCount && known.weeks.every((w, i) => w === refs[i].week)) return known.problems;
  const problems = compute();
  memo.set(refs, { variant, weeks: refs.map((r) => r.week), lineCount, problems });
  return problems;
}
