// What the duplicate rules share: where a row is, related locations, and the editor-only "Remove this row".
import type { PaperList, RowRef } from '../model/model';
import { weekLabel } from '../model/model';
import type { ListModel, ListRowRef } from '../list/listModel';
import { type Fix, type RelatedLocation } from './rule';
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

/** Deletes the row's line with its line break (an editor-only suggestion, never part of fix-all). */
export function removeRow(list: PaperList, line: number): Fix {
  const end = line + 1 < list.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: list.lines.lineLength(line) };
  return { title: 'Remove this row', edits: [{ range: { start: { line, character: 0 }, end }, newText: '' }] };
}
