// The composition root of the core: per-document analysis cache, settings and the Host; features read from here.
// Platform-neutral: files beyond the open documents are reached only through the injected Host.
import { analyze, type Analysis } from './analysis';
import { fixAll, type FixAllResult } from './fixAll';
import { resolveRelative, type Host } from './host';
import { WeekCache } from './model/cache';
import { DEFAULT_SETTINGS, isCheckedFile, type Settings } from './settings';
import type { OpenDocument } from './documents';

export interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  readonly settings: Settings;
  /** False for markdown that is not a paper list: no diagnostics, no features. */
  readonly isPaperList: boolean;
}

export class PaperListService {
  private readonly caches = new Map<string, WeekCache>();
  private readonly states = new Map<string, DocumentState>();
  private readonly settings = new Map<string, Settings>();
  private readonly files: KnownFiles;
  /** Workspace folder URIs, for matching `paperList.files` globs against workspace-relative paths. */
  workspaceFolders: string[] = [];

  /** `onKnownFilesChanged(uri)`: an answer the host gave later changes that document's analysis (re-publish it). */
  constructor(host: Host, onKnownFilesChanged: (uri: string) => void = () => undefined) {
    this.files = new KnownFiles(host, (uri) => {
      this.states.delete(uri);
      onKnownFilesChanged(uri);
    });
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
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version) return cached;
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
    return fixAll(document.text, this.settingsFor(document.uri), { cache: this.cacheOf(document.uri), fileExists: this.files.near(document.uri) });
  }

  forget(uri: string): void {
    this.states.delete(uri);
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
