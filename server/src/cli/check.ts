// "Check these files" for the CLI and the GitHub Action: settings, reading, --fix with atomic writes, analysis.
// Files are reached through a FileSource, so the Action can check the same list as it was at the base commit.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRelative, type Host } from '../host';
import { diskHost } from '../node/diskHost';
import { analyze } from '../analysis';
import { fixAll } from '../fixAll';
import { WeekCache } from '../model/cache';
import { sanitizeSettings, isCheckedFile, DEFAULT_SETTINGS, type Settings } from '../settings';
import type { FileReport } from './formats';
import { readListFile, writeFileAtomically, writeFilesAtomically, FileError, type ListFile } from './files';
import { analyzeMembers, findIndex, fixAllList, loadLayout, type ListLayout, type ListReader } from '../list/loadList';
import type { Finding } from '../analysis';

/** Where a list's files are read from: the disk, or a commit (the Action's base version). */
export interface FileSource {
  /** A named file, with the bytes --fix needs to write it back; throws a FileError with a one-line message. */
  read(path: string): ListFile;
  /** How the analysis reaches every other file (link targets, and the other files of a list), as the core does. */
  readonly host: Host & { existsNow(uri: string): boolean };
}

export const diskSource: FileSource = { read: readListFile, host: diskHost };

export interface CheckOptions {
  /** Apply every safe fix in place first (disk only). */
  readonly fix?: boolean;
  /** A settings file for every file; default: the nearest .paperlistrc.json above each file (on disk). */
  readonly config?: string;
  readonly source?: FileSource;
  /** Progress and file errors, one line each. */
  readonly stderr: (s: string) => void;
  /**
   * A named file that is the index of a multi-file list reports every file of the list (`paper-list check` with no
   * argument, the Action); otherwise a named file reports its own problems, checked as part of its list.
   */
  readonly wholeList?: boolean;
}

export interface CheckedFile extends FileReport {
  /** The text the problems point into (after the fixes). */
  readonly text: string;
}

export interface CheckResult {
  readonly reports: CheckedFile[];
  /** Some file could not be read or written (already told on stderr). */
  readonly failed: boolean;
  /** Why, one line per file. */
  readonly errors: string[];
  /** The files that --fix changed. */
  readonly fixedFiles: string[];
}

export async function checkFiles(files: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const source = options.source ?? diskSource;
  const reports: CheckedFile[] = [];
  const fixedFiles: string[] = [];
  const errors: string[] = [];
  const cache = new WeekCache();
  const lists = new Map<string, Promise<CheckedList>>();
  for (const file of files) {
    try {
      const configPath = options.config ?? findConfig(file);
      const settings = loadSettings(configPath, options.stderr);
      const listFile = source.read(file);
      const uri = pathToFileURL(resolve(file)).href;
      const indexSetting = settings.index && pathToFileURL(resolve(configPath ? dirname(configPath) : '.', settings.index)).href;
      const indexUri = await findIndex(uri, readerOf(source), indexSetting);
      let list = lists.get(indexUri);
      if (!list) lists.set(indexUri, (list = checkList(indexUri, settings, source, options)));
      const inList = await list;
      if (inList.layout?.isMultiFile) {
        errors.push(...inList.errors.filter((e) => !errors.includes(e)));
        for (const fixed of inList.fixedFiles) if (!fixedFiles.includes(fixed)) fixedFiles.push(fixed);
        if (options.wholeList && uri === indexUri) reports.push(...inList.reports);
        else reports.push({ file, text: inList.texts.get(uri) ?? listFile.text, problems: inList.problems.get(uri) ?? [] });
        continue;
      }
      const fileExists = (relativePath: string) => source.host.existsNow(resolveRelative(uri, relativePath) ?? '');
      const env = { cache, fileExists };
      let text = listFile.text;
      if (options.fix) {
        const result = fixAll(text, settings, env);
        if (result.text !== text) {
          writeFileAtomically(listFile, result.text);
          options.stderr(`paper-list: ${file}: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'}\n`);
          text = result.text;
          fixedFiles.push(file);
        }
      }
      const analysis = analyze(text, settings, env);
      const checked = settings.files.length > 0 ? isCheckedFile(settings, [file, resolve(file)], analysis.list.weeks.length > 0) : true;
      reports.push({ file, text, problems: checked ? analysis.problems : [] });
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      options.stderr(`paper-list: ${error.message}\n`);
      errors.push(error.message);
    }
  }
  return { reports, failed: errors.length > 0, errors, fixedFiles };
}

interface CheckedList {
  readonly layout?: ListLayout;
  /** Every file's report, index first then year files newest first, named relative to the working folder. */
  readonly reports: CheckedFile[];
  readonly problems: ReadonlyMap<string, readonly Finding[]>;
  readonly texts: ReadonlyMap<string, string>;
  readonly errors: string[];
  readonly fixedFiles: string[];
}

/** List discovery through the FileSource: missing and unreadable files are told apart, never thrown. */
function readerOf(source: FileSource, files?: Map<string, ListFile>): ListReader {
  return {
    async read(uri) {
      if (!source.host.existsNow(uri)) return { missing: true };
      const path = fileURLToPath(uri);
      try {
        const file = source.read(path);
        files?.set(uri, file);
        return { text: file.text };
      } catch (error) {
        return { error: error instanceof FileError ? error.message.replace(`${path}: `, '') : String(error) };
      }
    },
  };
}

/** A multi-file list: every file read, fixed as one step with --fix (all or nothing), analysed as one list. */
async function checkList(indexUri: string, settings: Settings, source: FileSource, options: CheckOptions): Promise<CheckedList> {
  const files = new Map<string, ListFile>();
  const reader = readerOf(source, files);
  const none = { reports: [], problems: new Map(), texts: new Map(), errors: [], fixedFiles: [] };
  const indexRead = await reader.read(indexUri);
  if (!('text' in indexRead)) return none;
  const layout = await loadLayout(indexUri, indexRead.text, reader);
  if (!layout.isMultiFile) return { ...none, layout };
  const fileExistsNear = (uri: string) => (relativePath: string) => source.host.existsNow(resolveRelative(uri, relativePath) ?? '');
  let texts: ReadonlyMap<string, string> = layout.texts;
  const errors: string[] = [];
  const fixedFiles: string[] = [];
  if (options.fix) {
    const unreadable = [...layout.absent.values()].filter((a) => a.reason === 'unreadable');
    if (unreadable.length > 0) {
      const message = `${unreadable.map((a) => `${displayPath(a.uri)}: ${a.message}`).join('; ')}; nothing written`;
      options.stderr(`paper-list: ${message}\n`);
      errors.push(message);
    } else {
      const result = fixAllList(
        layout,
        texts,
        settings,
        layout.members.map((m) => ({ uri: m.uri, fileExists: fileExistsNear(m.uri) })),
      );
      if (result.texts.size > 0) {
        try {
          writeFilesAtomically([...result.texts].map(([uri, text]) => ({ file: files.get(uri)!, text })));
          for (const uri of result.texts.keys()) fixedFiles.push(displayPath(uri));
          options.stderr(
            `paper-list: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'} in ${result.texts.size} file${result.texts.size === 1 ? '' : 's'}: ${fixedFiles.join(', ')}\n`,
          );
          texts = new Map([...texts, ...result.texts]);
        } catch (error) {
          if (!(error instanceof FileError)) throw error;
          options.stderr(`paper-list: ${error.message}\n`);
          errors.push(error.message);
        }
      }
    }
  }
  const sources = new Map([...texts].map(([uri, text]) => [uri, { uri, source: text, fileExists: fileExistsNear(uri) }]));
  const analysis = analyzeMembers(layout, sources, settings);
  const order = [...analysis.model.files.map((f) => f.uri), ...[...analysis.files.keys()].filter((uri) => !analysis.model.file(uri))];
  const reports = order.map((uri) => ({ file: displayPath(uri), text: texts.get(uri) ?? '', problems: analysis.problems.get(uri) ?? [] }));
  return { layout, reports, problems: analysis.problems, texts, errors, fixedFiles };
}

function displayPath(uri: string): string {
  return relative(process.cwd(), fileURLToPath(uri)).split('\\').join('/');
}

/** The nearest .paperlistrc.json at or above the file's folder. */
function findConfig(file: string): string | undefined {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const candidate = join(dir, '.paperlistrc.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function loadSettings(path: string | undefined, stderr: (s: string) => void): Settings {
  if (!path) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FileError(
      `${path}: cannot read settings: ${error instanceof SyntaxError ? `invalid JSON (${error.message})` : ((error as NodeJS.ErrnoException).code ?? String(error))}`,
    );
  }
  const warnings: { message: string }[] = [];
  const settings = sanitizeSettings(raw, warnings);
  for (const w of warnings) stderr(`paper-list: ${path}: ${w.message}\n`);
  return settings;
}
