// The composition root of the core: per-document analysis cache, settings and the Host; features read from here.
// Platform-neutral: files beyond the open documents are reached only through the injected Host.
import { analyze, type Analysis } from './analysis';
import { fixAll, type FixAllResult } from './fixAll';
import { resolveRelative, type Host } from './host';
import { WeekCache } from './model/cache';
import { DEFAULT_SETTINGS, isCheckedFile, type Settings } from './settings';
import { OpenDocument } from './documents';
import { analyzeMembers, findIndex, fixAllList, loadLayout, type FileSource, type ListLayout, type ListReader, type ListFixResult } from './list/loadList';
import { analyzeListFile, type ListAnalysis } from './list/listAnalysis';
import type { Finding } from './analysis';

export interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  readonly settings: Settings;
  /** False for markdown that is not a paper list: no diagnostics, no features. */
  readonly isPaperList: boolean;
  /** Set when the document is a file of a multi-file list: `analysis.problems` are then its problems in that list. */
  readonly inList?: ListState;
}

/** A multi-file list as the server holds it: its layout and the analysis of its files' current versions. */
export interface ListState {
  readonly layout: ListLayout;
  readonly analysis: ListAnalysis;
  readonly settings: Settings;
}

interface HeldList {
  layout: ListLayout;
  key?: string;
  /** The documents the state was made of: a key's versions alone cannot tell an opened file from its copy read from disk. */
  documents?: readonly (OpenDocument | undefined)[];
  state?: ListState;
}

export class PaperListService {
  private readonly caches = new Map<string, WeekCache>();
  private readonly states = new Map<string, DocumentState>();
  private readonly settings = new Map<string, Settings>();
  private readonly files: KnownFiles;
  /** Workspace folder URIs, for matching `paperList.files` globs against workspace-relative paths. */
  workspaceFolders: string[] = [];
  /** Files of multi-file lists the editor has not opened, read through the Host; versions count re-reads. */
  private readonly diskFiles = new Map<string, OpenDocument>();
  /** Lists by index URI, and the index of each member file. */
  private readonly lists = new Map<string, HeldList>();
  private readonly indexOfFile = new Map<string, string>();
  /** Each file's own analysis, for the document object (an opened file replaces the one read from disk) and version it was made of. */
  private readonly fileAnalyses = new Map<string, { document: OpenDocument; version: number; year?: number; analysis: Analysis }>();
  /** The open documents, as the server holds them (set by the server). */
  openDocument: (uri: string) => OpenDocument | undefined = () => undefined;

  /** `onKnownFilesChanged(uri)`: an answer the host gave later changes that document's analysis (re-publish it). */
  constructor(
    private readonly host: Host,
    onKnownFilesChanged: (uri: string) => void = () => undefined,
  ) {
    this.files = new KnownFiles(host, (uri) => {
      this.states.delete(uri);
      onKnownFilesChanged(uri);
    });
  }

  /** The open document, else a file of a held list read from disk. */
  documentOf(uri: string): OpenDocument | undefined {
    return this.openDocument(uri) ?? (this.indexOfFile.has(uri) ? this.diskFiles.get(uri) : undefined);
  }

  /** Every file of the list `uri` belongs to (just `uri` for a single-file list). */
  membersOf(uri: string): string[] {
    const index = this.indexOfFile.get(uri);
    const held = index === undefined ? undefined : this.lists.get(index);
    return held ? held.layout.members.map((m) => m.uri) : [uri];
  }

  private reader(): ListReader {
    return {
      read: async (uri) => {
        const open = this.openDocument(uri) ?? this.diskFiles.get(uri);
        if (open) return { text: open.text };
        try {
          const text = await this.host.readFile(uri);
          if (text === undefined) return { missing: true };
          this.diskFiles.set(uri, new OpenDocument(uri, 'markdown', 0, text));
          return { text };
        } catch (error) {
          return { error: error instanceof Error ? error.message : String(error) };
        }
      },
    };
  }

  /**
   * Finds (again) the list the file belongs to and reads its files not open in the editor. Returns the URIs whose
   * diagnostics may have changed: the list's files now, and files that left it (their diagnostics are to be cleared).
   */
  async discover(uri: string): Promise<{ members: string[]; left: string[] }> {
    const reader = this.reader();
    const indexSetting = this.settingsFor(uri).index;
    const indexUri = await findIndex(uri, reader, indexSetting && this.resolveIndexSetting(uri, indexSetting));
    const indexRead = await reader.read(indexUri);
    const before = this.membersHeldBy(indexUri);
    if (!('text' in indexRead)) return { members: [], left: before };
    const layout = await loadLayout(indexUri, indexRead.text, reader);
    const oldIndex = this.indexOfFile.get(uri);
    if (!layout.isMultiFile) {
      this.dropList(indexUri);
      if (oldIndex && oldIndex !== indexUri) this.dropList(oldIndex);
      this.states.delete(uri);
      // A single-file list: nothing to re-publish unless files left a list.
      return { members: before.length > 0 ? [uri] : [], left: before.filter((m) => m !== uri) };
    }
    const held = this.lists.get(indexUri);
    if (held && sameLayout(held.layout, layout) && layout.members.every((m) => this.indexOfFile.get(m.uri) === indexUri)) {
      // The list is what it was (each file of a list opened in turn finds it again): its analyses stay valid per version.
      return { members: layout.members.map((m) => m.uri), left: before.filter((m) => !layout.members.some((l) => l.uri === m)) };
    }
    this.dropList(indexUri);
    this.lists.set(indexUri, { layout });
    for (const member of layout.members) {
      this.indexOfFile.set(member.uri, indexUri);
      this.states.delete(member.uri);
    }
    const members = layout.members.map((m) => m.uri);
    return { members, left: before.filter((m) => !members.includes(m)) };
  }

  /** A file changed on disk: re-read it when the server holds it unopened. Returns whether it belongs to a held list. */
  async reloadFromDisk(uri: string): Promise<boolean> {
    const held = this.diskFiles.get(uri);
    if (held && !this.openDocument(uri)) {
      try {
        const text = await this.host.readFile(uri);
        if (text === undefined) this.diskFiles.delete(uri);
        else held.update([{ text }], held.version + 1);
      } catch {
        this.diskFiles.delete(uri);
      }
    }
    return this.indexOfFile.has(uri);
  }

  /** The index of the list holding the file, when it is a multi-file list. */
  indexOf(uri: string): string | undefined {
    return this.indexOfFile.get(uri);
  }

  private membersHeldBy(indexUri: string): string[] {
    return this.lists.get(indexUri)?.layout.members.map((m) => m.uri) ?? [];
  }

  private dropList(indexUri: string): void {
    const held = this.lists.get(indexUri);
    if (!held) return;
    this.lists.delete(indexUri);
    for (const member of held.layout.members) {
      if (this.indexOfFile.get(member.uri) === indexUri) this.indexOfFile.delete(member.uri);
      this.states.delete(member.uri);
      this.fileAnalyses.delete(member.uri);
    }
  }

  private resolveIndexSetting(uri: string, index: string): string | undefined {
    const folder = this.workspaceFolders.map((f) => (f.endsWith('/') ? f : `${f}/`)).find((f) => uri.startsWith(f));
    return resolveRelative(folder ?? uri, index);
  }

  /** The list's analysis at its files' current versions, computed once per combination of versions. */
  listStateOf(indexUri: string): ListState | undefined {
    const held = this.lists.get(indexUri);
    if (!held) return undefined;
    const documents = held.layout.members.map((m) => this.documentOf(m.uri));
    // No index text (deleted on disk, or being read again): no list to analyse; its files are checked alone meanwhile.
    if (!documents[held.layout.members.findIndex((m) => m.uri === indexUri)]) return undefined;
    const settings = this.settings.get(indexUri) ?? held.layout.members.map((m) => this.settings.get(m.uri)).find((s) => s) ?? DEFAULT_SETTINGS;
    const key = documents.map((d) => (d ? `${d.uri}@${d.version}` : '-')).join('|') + JSON.stringify(settings);
    if (held.state && held.key === key && held.documents?.every((d, i) => d === documents[i])) return held.state;
    const sources = new Map<string, FileSource>();
    for (const document of documents) if (document) sources.set(document.uri, { uri: document.uri, source: document.lines });
    const analysis = analyzeMembers(held.layout, sources, settings, held.state?.analysis.model, (member, _source, year) => {
      const document = this.documentOf(member.uri)!;
      const cached = this.fileAnalyses.get(member.uri);
      if (cached && cached.document === document && cached.version === document.version && cached.year === year && held.state?.settings === settings)
        return cached.analysis;
      const analysis = analyzeListFile(document.lines, settings, {
        cache: this.cacheOf(member.uri),
        fileExists: this.files.near(member.uri),
        fallbackYear: year,
      });
      this.fileAnalyses.set(member.uri, { document, version: document.version, year, analysis });
      return analysis;
    });
    held.key = key;
    held.documents = documents;
    held.state = { layout: held.layout, analysis, settings };
    return held.state;
  }

  /** Fix-all over every file of the document's list: edits per file URI. */
  fixAllInList(indexUri: string): ListFixResult | undefined {
    const held = this.lists.get(indexUri);
    if (!held) return undefined;
    const texts = new Map<string, string>();
    for (const member of held.layout.members) {
      const document = this.documentOf(member.uri);
      if (document) texts.set(member.uri, document.text);
    }
    const settings = this.listStateOf(indexUri)?.settings ?? DEFAULT_SETTINGS;
    return fixAllList(
      held.layout,
      texts,
      settings,
      held.layout.members.map((m) => ({ uri: m.uri, fileExists: this.files.near(m.uri) })),
    );
  }

  settingsFor(uri: string): Settings {
    return this.settings.get(uri) ?? DEFAULT_SETTINGS;
  }

  /** Returns true when the settings differ from what the document was analysed with. */
  setSettings(uri: string, settings: Settings): boolean {
    const before = this.settings.get(uri);
    this.settings.set(uri, settings);
    const changed = JSON.stringify(before) !== JSON.stringify(settings);
    if (changed) this.states.delete(uri);
    return changed;
  }

  /** The analysis of the document's current version, computed at most once per version. */
  stateOf(document: OpenDocument): DocumentState {
    const indexUri = this.indexOfFile.get(document.uri);
    const inList = indexUri === undefined ? undefined : this.listStateOf(indexUri);
    if (inList) {
      const file = inList.analysis.files.get(document.uri);
      if (file) {
        const cached = this.states.get(document.uri);
        if (cached && cached.version === document.version && cached.inList === inList) return cached;
        const problems: readonly Finding[] = inList.analysis.problems.get(document.uri) ?? [];
        const analysis = new InListAnalysis(file.analysis, problems);
        const state = { uri: document.uri, version: document.version, analysis, settings: inList.settings, isPaperList: true, inList };
        this.states.set(document.uri, state);
        return state;
      }
    }
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version && !cached.inList) return cached;
    const settings = this.settingsFor(document.uri);
    // The document keeps its line table up to date per edit; the model takes it instead of rescanning the text.
    const analysis = analyze(document.lines, settings, { cache: this.cacheOf(document.uri), fileExists: this.files.near(document.uri) });
    const isPaperList = analysis.skipped !== undefined || isCheckedFile(settings, this.pathsOf(document.uri), analysis.list.weeks.length > 0);
    const state = { uri: document.uri, version: document.version, analysis, settings, isPaperList };
    this.states.set(document.uri, state);
    return state;
  }

  /** Every safe fix of the document, from its cache and with the same file lookups as its diagnostics. */
  fixAll(document: OpenDocument): FixAllResult {
    return fixAll(document.text, this.settingsFor(document.uri), { cache: this.cacheOf(document.uri).fork(), fileExists: this.files.near(document.uri) });
  }

  /**
   * A document closed in the editor: a file of a held list stays held, read from disk again. Until the disk answers,
   * the list keeps `lastText`, the editor's last text, so it is never without one of its files.
   */
  async forget(uri: string, lastText?: string): Promise<void> {
    this.states.delete(uri);
    if (this.indexOfFile.has(uri)) {
      if (lastText === undefined) {
        this.diskFiles.delete(uri);
        await this.reader().read(uri);
      } else {
        this.diskFiles.set(uri, new OpenDocument(uri, 'markdown', 0, lastText));
        await this.reloadFromDisk(uri);
      }
      return;
    }
    this.caches.delete(uri);
    this.settings.delete(uri);
  }

  private cacheOf(uri: string): WeekCache {
    let cache = this.caches.get(uri);
    if (!cache) this.caches.set(uri, (cache = new WeekCache()));
    return cache;
  }

  private pathsOf(uri: string): string[] {
    const path = pathOfFileUri(uri);
    if (!path) return [uri];
    const relative = this.workspaceFolders
      .map((folder) => (folder.endsWith('/') ? folder : `${folder}/`))
      .filter((folder) => uri.startsWith(folder))
      .map((folder) => decodeURIComponent(uri.slice(folder.length)));
    return [path, ...relative];
  }
}

/** A file's own analysis with its problems in its list. A class, not a literal with a getter (see model.ts's PlacedWeekModel). */
class InListAnalysis implements Analysis {
  constructor(
    private readonly own: Analysis,
    readonly problems: readonly Finding[],
  ) {}
  get text(): string {
    return this.own.text;
  }
  get list(): Analysis['list'] {
    return this.own.list;
  }
  get skipped(): string | undefined {
    return this.own.skipped;
  }
}

/** Whether two layouts of a list have the same files in the same roles and the same absent files. */
function sameLayout(a: ListLayout, b: ListLayout): boolean {
  if (a.indexUri !== b.indexUri || a.isMultiFile !== b.isMultiFile || a.members.length !== b.members.length || a.absent.size !== b.absent.size) return false;
  if (!a.members.every((m, i) => m.uri === b.members[i].uri && m.role === b.members[i].role)) return false;
  for (const [uri, absent] of a.absent) {
    const other = b.absent.get(uri);
    if (!other || other.reason !== absent.reason || other.message !== absent.message) return false;
  }
  return true;
}

/** The path of a `file:` URI (`file:///a%20b/c.md` → `/a b/c.md`), or undefined for other schemes. */
function pathOfFileUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

/**
 * Which files exist, as rules ask it synchronously. A host that can answer at once (the disk) is asked every time;
 * otherwise the answer is fetched with stat() and remembered, and the asking document is re-analysed once it arrives.
 */
class KnownFiles {
  private readonly known = new Map<string, boolean>();
  private readonly asked = new Map<string, Set<string>>();

  constructor(
    private readonly host: Host,
    private readonly onAnswer: (documentUri: string) => void,
  ) {}

  /** The lookup for links relative to a document; undefined when the document has no folder to resolve against. */
  near(documentUri: string): ((relativePath: string) => boolean | undefined) | undefined {
    const scheme = documentUri.slice(0, documentUri.indexOf(':'));
    if (scheme === 'untitled' || (this.host.schemes && !this.host.schemes.includes(scheme))) return undefined;
    return (relativePath) => {
      const uri = resolveRelative(documentUri, relativePath);
      if (uri === undefined) return undefined;
      const now = this.host.existsNow?.(uri);
      if (now !== undefined) return now;
      const known = this.known.get(uri);
      if (known !== undefined) return known;
      this.ask(uri, documentUri);
      return undefined;
    };
  }

  private ask(uri: string, documentUri: string): void {
    const waiting = this.asked.get(uri);
    if (waiting) {
      waiting.add(documentUri);
      return;
    }
    this.asked.set(uri, new Set([documentUri]));
    const answer = (exists: boolean) => {
      this.known.set(uri, exists);
      const documents = this.asked.get(uri) ?? new Set<string>();
      this.asked.delete(uri);
      for (const document of documents) this.onAnswer(document);
    };
    this.host.stat(uri).then(
      (stat) => answer(stat !== undefined),
      () => answer(false),
    );
  }
}
