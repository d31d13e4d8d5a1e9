// "Check these files" for the CLI and the GitHub Action: settings, reading, --fix with atomic writes, analysis.
// Files are reached through a FileSource, so the Action can check the same list as it was at the base commit.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveRelative, type Host } from '../host';
import { diskHost } from '../node/diskHost';
import { analyze } from '../analysis';
import { fixAll } from '../fixAll';
import { WeekCache } from '../model/cache';
import { sanitizeSettings, isCheckedFile, DEFAULT_SETTINGS, type Settings } from '../settings';
import type { FileReport } from './formats';
import { readListFile, writeFileAtomically, FileError, type ListFile } from './files';

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

export function checkFiles(files: readonly string[], options: CheckOptions): CheckResult {
  const source = options.source ?? diskSource;
  const reports: CheckedFile[] = [];
  const fixedFiles: string[] = [];
  const errors: string[] = [];
  const cache = new WeekCache();
  for (const file of files) {
    try {
      const settings = loadSettings(options.config ?? findConfig(file), options.stderr);
      const listFile = source.read(file);
      const uri = pathToFileURL(resolve(file)).href;
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
