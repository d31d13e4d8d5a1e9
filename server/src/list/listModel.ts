// One model across the files of a list: the per-file models (each cached per file and version as for a single
// file), the weeks newest first with their file, where each index entry points, and the cross-file indexes
// (titles, papers) kept as per-file contributions: a changed file removes its keys and adds its new ones, the other
// files' keys stay. Read-only for rules; `update` is the only mutation, done by whoever owns the list.
import type { PaperList, RowRef, Week } from '../model/model';
import type { TocEntry } from '../model/model';
import { entryTarget, relativePathOf, type EntryTarget } from './listFiles';

export type ListFileRole = 'index' | 'weeks';

export interface ListFile {
  readonly uri: string;
  readonly role: ListFileRole;
  /** A year file's year (headings, title or name). */
  readonly year?: number;
  readonly list: PaperList;
}

/** A file an index entry names that is not part of the model: missing, unreadable, too large or not a list. */
export interface AbsentFile {
  readonly uri: string;
  readonly reason: 'missing' | 'unreadable' | 'skipped';
  readonly message: string;
}

export interface ListWeek {
  readonly file: ListFile;
  readonly week: Week;
}

export interface ListRowRef extends RowRef {
  readonly file: ListFile;
}

export interface ResolvedEntry {
  readonly entry: TocEntry;
  readonly target?: EntryTarget;
  /** The file it names, when that file is in the list. */
  readonly file?: ListFile;
  /** The week whose heading its anchor resolves to. */
  readonly week?: Week;
}

type KeyIndex = Map<string, ListRowRef[]>;

export class ListModel {
  private filesByUri = new Map<string, ListFile>();
  private ordered: ListFile[] = [];
  private weekList: ListWeek[] = [];
  private entryList: ResolvedEntry[] = [];
  private readonly titleIndex: KeyIndex = new Map();
  private readonly paperIndex: KeyIndex = new Map();
  /** Keys held by two or more rows: the duplicate rules read only these. */
  private readonly repeatedTitles = new Set<string>();
  private readonly repeatedPapers = new Set<string>();

  constructor(
    readonly indexUri: string,
    files: readonly ListFile[],
    readonly absent: ReadonlyMap<string, AbsentFile> = new Map(),
  ) {
    this.update(files);
  }

  get index(): ListFile {
    return this.filesByUri.get(this.indexUri)!;
  }
  /** The index first, then year files newest first (unknown years last, by name). */
  get files(): readonly ListFile[] {
    return this.ordered;
  }
  /** Every week of every file, newest first: the index's own weeks, then each year file's in file order. */
  get weeks(): readonly ListWeek[] {
    return this.weekList;
  }
  get entries(): readonly ResolvedEntry[] {
    return this.entryList;
  }
  get isMultiFile(): boolean {
    return this.ordered.length > 1 || this.absent.size > 0;
  }
  file(uri: string): ListFile | undefined {
    return this.filesByUri.get(uri);
  }
  /** Rows sharing a normalized title, for keys held by two or more rows. */
  *repeatedTitleRefs(): Iterable<readonly ListRowRef[]> {
    for (const key of this.repeatedTitles) yield this.titleIndex.get(key)!;
  }
  *repeatedPaperRefs(): Iterable<readonly ListRowRef[]> {
    for (const key of this.repeatedPapers) yield this.paperIndex.get(key)!;
  }
  /** Every row of any file with this normalized title (`normalizeTitle`), in list order. */
  titleRefs(key: string): readonly ListRowRef[] {
    return this.titleIndex.get(key) ?? [];
  }
  /** Every row of any file with this paper key (`paperKey`), in list order. */
  paperRefs(key: string): readonly ListRowRef[] {
    return this.paperIndex.get(key) ?? [];
  }
  /** How a file is named in messages: its path from the index's folder. */
  nameOf(uri: string): string {
    return relativePathOf(this.indexUri, uri);
  }

  /** Replaces the given files' models (same URI) or adds them; only their contributions to the indexes change. */
  update(files: readonly ListFile[]): void {
    for (const file of files) {
      const before = this.filesByUri.get(file.uri);
      if (before === file || (before && before.list === file.list && before.year === file.year && before.role === file.role)) continue;
      if (before) this.contribute(before, -1);
      this.filesByUri.set(file.uri, file);
      this.contribute(file, +1);
    }
    this.ordered = [...this.filesByUri.values()].sort(
      (a, b) =>
        (a.role === 'index' ? 0 : 1) - (b.role === 'index' ? 0 : 1) ||
        (b.year ?? -Infinity) - (a.year ?? -Infinity) ||
        (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0),
    );
    this.weekList = this.ordered.flatMap((file) => file.list.weeks.map((week) => ({ file, week })));
    this.entryList = this.resolveEntries();
  }

  private resolveEntries(): ResolvedEntry[] {
    const index = this.index;
    const weekByLine = new Map<ListFile, Map<number, Week>>();
    return index.list.toc.map((entry) => {
      const target = entryTarget(this.indexUri, entry.target);
      const file = target && this.filesByUri.get(target.uri);
      if (!file || !target?.anchor) return { entry, target, file };
      const line = file.list.anchors.get(target.anchor.toLowerCase());
      let byLine = weekByLine.get(file);
      if (!byLine) weekByLine.set(file, (byLine = new Map(file.list.weeks.map((w) => [w.headingLine, w]))));
      return { entry, target, file, week: line === undefined ? undefined : byLine.get(line) };
    });
  }

  private contribute(file: ListFile, sign: 1 | -1): void {
    this.apply(this.titleIndex, this.repeatedTitles, file, file.list.titles, sign);
    this.apply(this.paperIndex, this.repeatedPapers, file, file.list.papers, sign);
  }

  private apply(index: KeyIndex, repeated: Set<string>, file: ListFile, keys: ReadonlyMap<string, readonly RowRef[]>, sign: 1 | -1): void {
    for (const [key, refs] of keys) {
      const kept = (index.get(key) ?? []).filter((r) => r.file.uri !== file.uri);
      if (sign === 1) {
        for (const ref of refs) kept.push({ ...ref, file });
        kept.sort((a, b) => this.rank(a.file) - this.rank(b.file) || a.row.line - b.row.line);
      }
      if (kept.length === 0) index.delete(key);
      else index.set(key, kept);
      if (kept.length >= 2) repeated.add(key);
      else repeated.delete(key);
    }
  }

  /** A file's place in the list order, for stable index order while files are added one by one. */
  private rank(file: ListFile): number {
    return (file.role === 'index' ? 0 : 100_000) - (file.year ?? 0);
  }
}
