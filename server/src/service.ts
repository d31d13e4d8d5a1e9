// The composition root: per-document analysis cache and settings; features read from here.
import { existsSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Analysis } from './analysis';
import { WeekCache } from './model/cache';
import { DEFAULT_SETTINGS, isCheckedFile, type Settings } from './settings';
import type { OpenDocument } from './documents';

export interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  /** False for markdown that is not a paper list: no diagnostics, no features. */
  readonly isPaperList: boolean;
}

export class PaperListService {
  private readonly caches = new Map<string, WeekCache>();
  private readonly states = new Map<string, DocumentState>();
  private readonly settings = new Map<string, Settings>();
  workspaceFolders: string[] = [];

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
    let cache = this.caches.get(document.uri);
    if (!cache) this.caches.set(document.uri, (cache = new WeekCache()));
    const settings = this.settingsFor(document.uri);
    // The document keeps its line table up to date per edit; the model takes it instead of rescanning the text.
    const analysis = analyze(document.lines, settings, { cache, fileExists: fileExistsNear(document.uri) });
    const isPaperList = analysis.skipped !== undefined || isCheckedFile(settings, this.pathsOf(document.uri), analysis.list.weeks.length > 0);
    const state = { uri: document.uri, version: document.version, analysis, isPaperList };
    this.states.set(document.uri, state);
    return state;
  }

  forget(uri: string): void {
    this.states.delete(uri);
    this.caches.delete(uri);
    this.settings.delete(uri);
  }

  /** Open documents' states, for workspace symbols. */
  allStates(): IterableIterator<DocumentState> {
    return this.states.values();
  }

  private pathsOf(uri: string): string[] {
    const path = filePath(uri);
    if (!path) return [uri];
    return [path, ...this.workspaceFolders.map((folder) => relative(folder, path)).filter((p) => !p.startsWith('..'))];
  }
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function fileExistsNear(uri: string): ((relativePath: string) => boolean) | undefined {
  const path = filePath(uri);
  if (!path) return undefined;
  const folder = dirname(path);
  return (relativePath) => existsSync(resolve(folder, relativePath));
}
