// What the duplicate rules share: where a row is, related locations, and the editor-only "Remove this row".
import type { PaperList, RowRef, Week } from '../model/model';
import { weekLabel, weekOfLine } from '../model/model';
import { indexStartingBy } from '../model/text';
import type { ListModel, ListRowRef } from '../list/listModel';
import { relocatedProblem, replaceSpan, type Fix, type LineMap, type Problem } from './rule';

export function where(ref: RowRef): string {
  return `row ${ref.row.number?.value ?? '?'} of week ${weekLabel(ref.week)}`;
}

/** `where`, naming the file when it is not the problem's own. */
export function whereInList(list: ListModel, ref: ListRowRef, self: ListRowRef): string {
  return ref.file === self.file ? where(ref) : `${where(ref)} in ${list.nameOf(ref.file.uri)}`;
}

/**
 * How many of the other places a repeated key's problem names, in its message and as related locations. Each of a
 * key's n problems names the others: without a bound a key repeated a few thousand times (a template row pasted over
 * and over) makes n² names, which took seconds and then all of the server's memory.
 */
export const NAMED_OTHERS = 5;

/**
 * The other places a repeated key's problem names: the first NAMED_OTHERS of `all` but `self` (one of them), found by
 * a pass that stops there, and the message's list of them with how many more there are (`what`: "rows", "lines").
 */
export function namedOthers<T>(all: readonly T[], self: T, name: (other: T) => string, what: string): { readonly others: T[]; readonly text: string } {
  const others: T[] = [];
  for (let i = 0; i < all.length && others.length < NAMED_OTHERS; i++) if (all[i] !== self) others.push(all[i]);
  const more = all.length - 1 - others.length;
  const named = others.map(name).join(', ');
  return { others, text: more > 0 ? `${named} and ${more} more ${what}` : named };
}

/**
 * More rows after a removed one than any weekly table has: its removal is offered without renumbering them (row-number
 * reports the gap and renumbers the week). Each repeated row's suggestion renumbers the rows after it, so a table of
 * thousands of copies of one row made millions of edits.
 */
const MAX_RENUMBERED = 100;

/**
 * Deletes the row's line with its line break (an editor-only suggestion, never part of fix-all), and moves the
 * numbers of the week's later rows up by one when they were in sequence, so 1, 2, 3, 4 minus 3 gives 1, 2, 3.
 */
export function removeRow(list: PaperList, line: number): Fix {
  const end = line + 1 < list.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: list.lines.lineLength(line) };
  const edits = [{ range: { start: { line, character: 0 }, end }, newText: '' }];
  const rows = weekOfLine(list, line)?.rows ?? [];
  const at = rows.findIndex((r) => r.line === line);
  const renumbers = at !== -1 && rows.length - at - 1 <= MAX_RENUMBERED;
  let renumbered = 0;
  for (let i = at + 1; renumbers && i < rows.length; i++) {
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
  /** Each ref's row line when the problems were computed. */
  readonly rowLines: readonly number[];
  /** Line counts of the files of rows on their file's last line, by ref: such a row's removal ends where its file does. */
  readonly lineCounts: readonly (number | undefined)[];
  readonly problems: readonly P[];
}

/** What a duplicate rule reports: a problem, in a multi-file list with its file. */
type KeyProblem = Omit<Problem, 'rule'> & { readonly uri?: string };

/**
 * The problems of one repeated key, computed again only when its rows changed: the index keeps a key's ref list while
 * none of its rows changed, and a week is the same Week object while its section keeps its text and place (model.ts).
 * The same problem objects then keep their diagnostics, which an edit elsewhere need not send anew. When weeks only moved
 * (rows inserted or deleted above them), the problems move with them: their messages name rows and weeks, not lines.
 * `lineCountOf` gives the line count of a ref's file, `fileOf` its uri in a multi-file list.
 */
export function problemsOfKey<R extends RowRef, P extends KeyProblem>(
  memo: WeakMap<readonly R[], KeyProblems<P>>,
  refs: readonly R[],
  variant: string,
  lineCountOf: (ref: R) => number,
  compute: () => P[],
  fileOf: (ref: R) => string | undefined = () => undefined,
): readonly P[] {
  const known = memo.get(refs);
  const kept = known?.variant === variant ? keptProblems(known, refs, lineCountOf, fileOf) : undefined;
  if (kept && kept.problems === known!.problems) return kept.problems;
  const problems = kept?.problems ?? compute();
  const rowLines = kept?.rowLines ?? refs.map((r) => r.row.line);
  memo.set(refs, {
    variant,
    weeks: refs.map((r) => r.week),
    rowLines,
    lineCounts: rowLines.map((line, i) => (line + 1 >= lineCountOf(refs[i]) ? lineCountOf(refs[i]) : undefined)),
    problems,
  });
  return problems;
}

/** `known`'s problems for `refs` (the same array while no week moved) and the rows' lines; undefined when they must be computed again. */
function keptProblems<R extends RowRef, P extends KeyProblem>(
  known: KeyProblems<P>,
  refs: readonly R[],
  lineCountOf: (ref: R) => number,
  fileOf: (ref: R) => string | undefined,
): { problems: readonly P[]; rowLines: readonly number[] } | undefined {
  let moved = false;
  for (let i = 0; i < refs.length; i++) {
    const week = refs[i].week;
    const lineCount = known.lineCounts[i];
    if (week === known.weeks[i]) {
      if (lineCount !== undefined && lineCount !== lineCountOf(refs[i])) return undefined;
      continue;
    }
    moved = true;
    // Moved: the same section text, and not on its file's last line (a removal there ends differently).
    const line = known.rowLines[i] + week.startLine - known.weeks[i].startLine;
    if (week.parsed !== known.weeks[i].parsed || lineCount !== undefined || line + 1 >= lineCountOf(refs[i])) return undefined;
  }
  if (!moved) return { problems: known.problems, rowLines: known.rowLines };
  const problems = movedKeyProblems(known, refs, fileOf);
  return problems && { problems, rowLines: known.rowLines.map((line, i) => line + refs[i].week.startLine - known.weeks[i].startLine) };
}

/** `known`'s problems moved with their weeks; undefined when a location is in none of the refs' weeks. */
function movedKeyProblems<R extends RowRef, P extends KeyProblem>(
  known: KeyProblems<P>,
  refs: readonly R[],
  fileOf: (ref: R) => string | undefined,
): P[] | undefined {
  // The rows' previous weeks per file, by first line. A key can have thousands of rows (a template row pasted over and
  // over), each problem naming several: a location is found by a binary search, not a scan of the rows (which was n²).
  const weeksByFile = new Map<string | undefined, { start: number; end: number; shift: number }[]>();
  refs.forEach((ref, i) => {
    const before = known.weeks[i];
    const uri = fileOf(ref);
    let weeks = weeksByFile.get(uri);
    if (!weeks) weeksByFile.set(uri, (weeks = []));
    weeks.push({ start: before.startLine, end: before.endLine, shift: ref.week.startLine - before.startLine });
  });
  weeksByFile.forEach((weeks) => weeks.sort((a, b) => a.start - b.start));
  const lineOf: LineMap = (uri, line) => {
    const weeks = weeksByFile.get(uri);
    // A file's weeks do not overlap: the last one starting by the line is the only one that may hold it.
    const week = weeks && weeks[indexStartingBy(weeks, line, (w) => w.start)];
    return week && line < week.end ? line + week.shift : undefined;
  };
  const problems: P[] = [];
  for (const problem of known.problems) {
    const relocated = relocatedProblem(problem, lineOf);
    if (!relocated) return undefined;
    problems.push(relocated);
  }
  return problems;
}
