// Finding and loading the files of a list through a reader (the CLI reads the disk; the server reads open documents,
// else the Host), analysing them as one list, and fix-all across them. Platform-neutral.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { WeekCache } from '../model/cache';
import { LineIndex } from '../model/text';
import { compatibleFixesAcrossFiles } from '../fixAll';
import { applyEdits, diffEdits } from '../textEdits';
import type { Settings } from '../settings';
import type { Fix } from '../rules/rule';
import { entryTarget, folderOf, yearOfFile } from './listFiles';
import { analyzeList, analyzeListFile, type AnalyzedFile, type ListAnalysis } from './listAnalysis';
import type { AbsentFile, ListFileRole, ListModel } from './listModel';

export type ReadResult = { readonly text: string } | { readonly missing: true } | { readonly error: string };

export interface ListReader {
  read(uri: string): Promise<ReadResult>;
}

export interface ListLayout {
  readonly indexUri: string;
  /** The index first, then the files its entries name that could be read. */
  readonly members: readonly { readonly uri: string; readonly role: ListFileRole }[];
  readonly absent: ReadonlyMap<string, AbsentFile>;
  /** Whether the list spans files (else it is analysed exactly as a single file). */
  readonly isMultiFile: boolean;
}

/** A list item's link target, within one line (so an edit's lines alone tell what it changed: linkedFilesOf). */
const ENTRY_TARGET = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]\n]*\]\([ \t]*(<[^>\n]*>|[^)\s]+)/gm;

/** The link targets of a text's list-item links (a cheap scan for discovery; the model decides what is a TOC entry). */
export function entryTargets(text: string): string[] {
  return [...text.matchAll(ENTRY_TARGET)].map((m) => m[1]);
}

/** The file an entry's target links into, when it is a heading of another file than the index. */
function linkedFile(indexUri: string, target: string): { uri: string; viaUrl: boolean } | undefined {
  const resolved = entryTarget(indexUri, target);
  return resolved && resolved.uri !== indexUri && resolved.anchor ? resolved : undefined;
}

/** The files a text's entries link into, other than itself. */
function linkedFiles(indexUri: string, text: string): { uri: string; viaUrl: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const target of entryTargets(text)) {
    const linked = linkedFile(indexUri, target);
    if (linked) seen.set(linked.uri, (seen.get(linked.uri) ?? true) && linked.viaUrl);
  }
  return [...seen].map(([uri, viaUrl]) => ({ uri, viaUrl }));
}

/**
 * What some lines of an index contribute to the files it links (each entry's file and whether by URL), in a form that
 * compares equal when an edit of those lines left the linked files as they were: the server then skips finding the
 * list again, which reads the whole text. Most lines hold no entry link, and are passed over without a regex.
 */
export function linkedFilesOf(indexUri: string, lines: readonly string[]): string {
  const found: string[] = [];
  for (const line of lines) {
    if (!line.includes('](')) continue;
    for (const target of entryTargets(line)) {
      const linked = linkedFile(indexUri, target);
      if (linked) found.push(`${linked.uri} ${linked.viaUrl}`);
    }
  }
  return found.sort().join('\n');
}

const MAX_LEVELS = 12;

/**
 * The index of the list a file belongs to: `indexUri` when a setting names one; else the nearest README.md at or above
 * the file's folder whose entries link into the file; else the file itself (a single-file list, or an index).
 */
export async function findIndex(fileUri: string, reader: ListReader, indexUri?: string): Promise<string> {
  if (indexUri) return indexUri;
  let folder = folderOf(fileUri);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const candidate = `${folder}README.md`;
    if (candidate !== fileUri) {
      const read = await reader.read(candidate);
      if ('text' in read && linkedFiles(candidate, read.text).some((f) => f.uri === fileUri)) return candidate;
    }
    const parent = folderOf(folder.slice(0, -1));
    if (parent === folder || !/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/./i.test(parent)) break;
    folder = parent;
  }
  return fileUri;
}

/** The files of the list whose index is `indexUri`, read once each (no link is followed beyond the index: no loops). */
export async function loadLayout(indexUri: string, indexText: string, reader: ListReader): Promise<ListLayout & { texts: Map<string, string> }> {
  const texts = new Map<string, string>([[indexUri, indexText]]);
  const members: { uri: string; role: ListFileRole }[] = [{ uri: indexUri, role: 'index' }];
  const absent = new Map<string, AbsentFile>();
  const linked = linkedFiles(indexUri, indexText);
  await Promise.all(
    linked.map(async ({ uri }) => {
      const read = await reader.read(uri);
      if ('text' in read) texts.set(uri, read.text);
      else if ('missing' in read) absent.set(uri, { uri, reason: 'missing', message: 'no such file' });
      else absent.set(uri, { uri, reason: 'unreadable', message: read.error });
    }),
  );
  for (const { uri, viaUrl } of linked) {
    if (texts.has(uri)) members.push({ uri, role: 'weeks' });
    // A GitHub URL to a file that is not here is another repository's: not ours to report.
    else if (viaUrl && absent.get(uri)?.reason === 'missing') absent.delete(uri);
  }
  return { indexUri, members, absent, texts, isMultiFile: members.length > 1 || absent.size > 0 };
}

export interface FileSource {
  readonly uri: string;
  readonly source: string | LineIndex;
  readonly cache?: WeekCache;
  readonly fileExists?: (relativePath: string) => boolean | undefined;
}

/** Analyses each member (its own rules) and the list as a whole; members that hold no week and are not the index are left out. */
export function analyzeMembers(
  layout: ListLayout,
  sources: ReadonlyMap<string, FileSource>,
  settings: Settings,
  model?: ListModel,
  analyzeFile: (member: ListLayout['members'][number], source: FileSource, year: number | undefined) => Analysis = (_member, source, year) =>
    analyzeListFile(source.source, settings, { cache: source.cache, fileExists: source.fileExists, fallbackYear: year }),
): ListAnalysis {
  const files: AnalyzedFile[] = [];
  let absent: Map<string, AbsentFile> | undefined;
  for (const member of layout.members) {
    const source = sources.get(member.uri);
    if (!source) continue;
    const year = member.role === 'weeks' ? yearOfFile(member.uri, firstLines(source.source)) : undefined;
    const analysis = analyzeFile(member, source, year);
    if (member.role === 'weeks' && analysis.skipped === undefined && analysis.list.weeks.length === 0) {
      // A linked file that is not a paper list (no week heading): ignored, and entries into it are not judged.
      absent ??= new Map(layout.absent);
      absent.set(member.uri, { uri: member.uri, reason: 'skipped', message: 'not a paper list' });
      continue;
    }
    if (analysis.skipped !== undefined) {
      absent ??= new Map(layout.absent);
      absent.set(member.uri, { uri: member.uri, reason: 'skipped', message: analysis.skipped });
    }
    files.push({ uri: member.uri, role: member.role, year, analysis });
  }
  const absentFiles = absent ?? layout.absent;
  return analyzeList(layout.indexUri, files, absentFiles, settings, model && model.absent === absentFiles ? model : undefined);
}

function firstLines(source: string | LineIndex): string[] {
  const lines: string[] = [];
  const count = Math.min(source instanceof LineIndex ? source.lineCount : Infinity, 20);
  if (source instanceof LineIndex) for (let i = 0; i < count; i++) lines.push(source.line(i));
  else lines.push(...source.slice(0, 4000).split(/\r?\n/, 20));
  return lines;
}

export interface ListFixResult {
  /** The fixed text of each file that changed. */
  readonly texts: ReadonlyMap<string, string>;
  /** Edits against each changed file's original text. */
  readonly edits: ReadonlyMap<string, TextEdit[]>;
  readonly fixesApplied: number;
  readonly passes: number;
  /** The applied fixes' notes (see Fix.note), in order. */
  readonly notes: readonly string[];
}

/** Fix-all over every file of a list: safe fixes that overlap nowhere (in any file they touch), re-analysed until none is left. */
export function fixAllList(
  layout: ListLayout,
  texts: ReadonlyMap<string, string>,
  settings: Settings,
  base: Omit<FileSource, 'source'>[] = [],
  maxPasses = 8,
): ListFixResult {
  const current = new Map(texts);
  const caches = new Map(layout.members.map((m) => [m.uri, base.find((b) => b.uri === m.uri)?.cache ?? new WeekCache()]));
  let fixesApplied = 0;
  let passes = 0;
  const notes: string[] = [];
  let model: ListModel | undefined;
  while (passes < maxPasses) {
    const sources = new Map<string, FileSource>(
      layout.members
        .filter((m) => current.has(m.uri))
        .map((m) => [m.uri, { ...base.find((b) => b.uri === m.uri), uri: m.uri, source: current.get(m.uri)!, cache: caches.get(m.uri) }]),
    );
    const result = analyzeMembers(layout, sources, settings, model);
    model = result.model;
    const fixes: { uri: string; rule: string; fix: Fix }[] = [];
    for (const member of layout.members)
      for (const p of result.problems.get(member.uri) ?? []) if (p.fix) fixes.push({ uri: member.uri, rule: p.rule, fix: p.fix });
    const chosen = compatibleFixesAcrossFiles(
      fixes,
      (uri) => result.files.get(uri)?.analysis.list.lines,
      (uri) => result.files.get(uri)?.analysis.list.weeks.map((w) => w.headingLine) ?? [],
    );
    if (chosen.length === 0) break;
    passes++;
    fixesApplied += chosen.length;
    const byUri = new Map<string, TextEdit[]>();
    for (const { uri, fix } of chosen) {
      if (fix.note) notes.push(fix.note);
      byUri.set(uri, [...(byUri.get(uri) ?? []), ...fix.edits]);
      for (const other of fix.otherFiles ?? []) byUri.set(other.uri, [...(byUri.get(other.uri) ?? []), ...other.edits]);
    }
    for (const [uri, edits] of byUri) if (current.has(uri) && edits.length > 0) current.set(uri, applyEdits(current.get(uri)!, edits));
  }
  const changed = new Map([...current].filter(([uri, text]) => texts.get(uri) !== text));
  return { texts: changed, edits: new Map([...changed].map(([uri, text]) => [uri, diffEdits(texts.get(uri)!, text)])), fixesApplied, passes, notes };
}
