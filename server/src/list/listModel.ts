// One model across the files of a list: the per-file models (each cached per file and version as for a single
// file), the weeks newest first with their file, where each index entry points, and the cross-file indexes
// (titles, papers) kept as per-file contributions: a changed file removes its keys and adds its new ones, the other
// files' keys stay. Read-only for rules; `update` is the only mutation, done by whoever owns the list.
import { weekAtHeading, type PaperList, type PaperRow, type RowRef, type Week } from '../model/model';
import type { TocEntry } from '../model/model';
import { LayeredMap } from '../model/layeredMap';
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

/** The model's own object for a file: one per URI while its role and year hold, given each new version's model. */
type HeldFile = { -readonly [K in keyof ListFile]: ListFile[K] };

export class ListModel {
  private filesByUri = new Map<string, HeldFile>();
  private ordered: HeldFile[] = [];
  /** Made when first read after an update: only the heading rules read it, and they are replayed on most edits. */
  private weekList: ListWeek[] | undefined;
  private entryList: ResolvedEntry[] = [];
  private readonly titleIndex: KeyIndex = new Map();
  private readonly paperIndex: KeyIndex = new Map();
  /** Keys held by two or more rows: the duplicate rules read only these. */
  private readonly repeatedTitles = new Set<string>();
  private readonly repeatedPapers = new Set<string>();
  /** Each index entry's target resolved, by the target's text. */
  private targets = new Map<string, EntryTarget | undefined>();

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
    return (this.weekList ??= this.ordered.flatMap((file) => file.list.weeks.map((week) => ({ file, week }))));
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
      if (before && before.list === file.list && before.year === file.year && before.role === file.role) continue;
      if (before && before.year === file.year && before.role === file.role) {
        // The same file, a new version: its object stays (refs and rules hold it) and takes the new model; only the
        // keys whose rows changed are redone (a file model shares the ref lists of its unchanged keys with the previous one).
        const previous = before.list;
        before.list = file.list;
        this.change(this.titleIndex, this.repeatedTitles, before, previous.titles, file.list.titles);
        this.change(this.paperIndex, this.repeatedPapers, before, previous.papers, file.list.papers);
        continue;
      }
      if (before) this.contribute(before, -1);
      const held: HeldFile = { ...file };
      this.filesByUri.set(file.uri, held);
      this.contribute(held, +1);
    }
    this.ordered = [...this.filesByUri.values()].sort(
      (a, b) =>
        (a.role === 'index' ? 0 : 1) - (b.role === 'index' ? 0 : 1) ||
        (b.year ?? -Infinity) - (a.year ?? -Infinity) ||
        (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0),
    );
    this.weekList = undefined;
    this.entryList = this.resolveEntries();
  }

  private resolveEntries(): ResolvedEntry[] {
    const index = this.index;
    // Targets resolved by the previous update are reused: parsing an entry's URL costs more than the rest of resolving it.
    const targets = new Map<string, EntryTarget | undefined>();
    const resolved = index.list.toc.map((entry) => {
      let target = this.targets.get(entry.target);
      if (target === undefined && !this.targets.has(entry.target)) target = entryTarget(this.indexUri, entry.target);
      targets.set(entry.target, target);
      const file = target && this.filesByUri.get(target.uri);
      if (!file || !target?.anchor) return { entry, target, file };
      const line = file.list.anchors.get(target.anchor.toLowerCase());
      return { entry, target, file, week: line === undefined ? undefined : weekAtHeading(file.list, line) };
    });
    this.targets = targets;
    return resolved;
  }

  private contribute(file: ListFile, sign: 1 | -1): void {
    this.apply(this.titleIndex, this.repeatedTitles, file, file.list.titles, sign);
    this.apply(this.paperIndex, this.repeatedPapers, file, file.list.papers, sign);
  }

  private apply(index: KeyIndex, repeated: Set<string>, file: ListFile, keys: ReadonlyMap<string, readonly RowRef[]>, sign: 1 | -1): void {
    keys.forEach((refs, key) => this.setKey(index, repeated, file, key, sign === 1 ? refs : undefined));
  }

  /** Redoes the keys whose ref lists differ between a file's previous model and its new one. */
  private change(
    index: KeyIndex,
    repeated: Set<string>,
    file: ListFile,
    before: ReadonlyMap<string, readonly RowRef[]>,
    after: ReadonlyMap<string, readonly RowRef[]>,
  ): void {
    const differing = LayeredMap.differingKeys(before, after);
    if (differing) {
      for (const key of differing) {
        const refs = after.get(key);
        if (before.get(key) !== refs) this.setKey(index, repeated, file, key, refs);
      }
      return;
    }
    for (const [key, refs] of before) if (after.get(key) !== refs && !after.has(key)) this.setKey(index, repeated, file, key, undefined);
    for (const [key, refs] of after) if (before.get(key) !== refs) this.setKey(index, repeated, file, key, refs);
  }

  /** Replaces the file's refs under `key` with `refs` (none: removes them). */
  private setKey(index: KeyIndex, repeated: Set<string>, file: ListFile, key: string, refs: readonly RowRef[] | undefined): void {
    const held = index.get(key);
    // Most keys belong to one file only: they are set or dropped without filtering or sorting.
    const kept = held === undefined || held.every((r) => r.file.uri === file.uri) ? [] : held.filter((r) => r.file.uri !== file.uri);
    if (refs) {
      const mixed = kept.length > 0;
      for (let r = 0; r < refs.length; r++) kept.push(new FileRowRef(refs[r], file));
      if (mixed) kept.sort((a, b) => this.rank(a.file) - this.rank(b.file) || a.row.line - b.row.line);
    }
    if (kept.length === 0) index.delete(key);
    else index.set(key, kept);
    if (kept.length >= 2) repeated.add(key);
    else repeated.delete(key);
  }

  /** A file's place in the list order, for stable index order while files are added one by one. */
  private rank(file: ListFile): number {
    return (file.role === 'index' ? 0 : 100_000) - (file.year ?? 0);
  }
}

/** A file model's row ref with its file; the row itself is read when first asked for (see SlotRowRef in model.ts). */
class FileRowRef implements ListRowRef {
  constructor(
    private readonly ref: RowRef,
    readonly file: ListFile,
  ) {}
  get week(): Week {
    return this.ref.week;
  }
  get row(): PaperRow {
    return this.ref.row;
  }
}
