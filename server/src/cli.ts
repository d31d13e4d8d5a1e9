// `paper-list check [files…] [--format text|json|github|sarif] [--fix]`: the server's analysis, for CI.
// Exit 0: no error-severity problem left; 1: some remain; 2: bad usage or a file that cannot be read or written.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRelative } from './host';
import { diskHost } from './node/diskHost';
import { analyze } from './analysis';
import { fixAll } from './fixAll';
import { WeekCache } from './model/cache';
import { sanitizeSettings, isCheckedFile, DEFAULT_SETTINGS, type Settings } from './settings';
import { FORMATS, formatReports, type FileReport, type Format } from './cli/formats';
import { readListFile, writeFileAtomically, writeFilesAtomically, FileError, type ListFile } from './cli/files';
import { analyzeMembers, findIndex, fixAllList, loadLayout, type FileSource, type ListLayout, type ListReader } from './list/loadList';
import type { Finding } from './analysis';

declare const PACKAGE_VERSION: string | undefined;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

const USAGE = `Usage: paper-list check [files...] [--format text|json|github|sarif] [--fix] [--config <file>]

Checks Markdown paper lists ("ML Papers of the Week" format) for curation errors.
With no files, checks the list whose index is README.md in the current directory (every file
its table of contents links into). A named file is checked as part of its list.

  --format <f>     output format: text (default), json, github (workflow commands), sarif (2.1.0)
  --fix            apply every safe fix in place (atomically), then report what remains
  --config <file>  settings file (default: the nearest .paperlistrc.json above each file)
  --help           show this help
  --version        print the version

Exit status: 0 no errors, 1 errors remain, 2 bad usage or unreadable file.`;

class UsageError extends Error {}

interface Options {
  files: string[];
  format: Format;
  fix: boolean;
  config?: string;
  /** No file named: report every file of the list whose index is ./README.md. */
  wholeList?: boolean;
}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args[0] === '--help' || args[0] === '-h') return 'help';
  if (args[0] === '--version' || args[0] === '-v') return 'version';
  const command = args.shift();
  if (command !== 'check') throw new UsageError(command === undefined ? 'missing command: expected "check"' : `unknown command "${command}": expected "check"`);
  const options: Options = { files: [], format: 'text', fix: false };
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--fix') options.fix = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args.shift();
      if (!value || !(FORMATS as readonly string[]).includes(value))
        throw new UsageError(`--format needs one of ${FORMATS.join(', ')}${value ? `, not "${value}"` : ''}`);
      options.format = value as Format;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args.shift();
      if (!value) throw new UsageError('--config needs a file');
      options.config = value;
    } else if (arg === '--') options.files.push(...args.splice(0));
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) {
    options.files.push('README.md');
    options.wholeList = true;
  }
  return options;
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

export async function main(
  argv: readonly string[],
  io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) },
): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`paper-list: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    io.stdout(VERSION + '\n');
    return 0;
  }
  const reports: FileReport[] = [];
  let failed = false;
  const cache = new WeekCache();
  const lists = new Map<string, Promise<CheckedList>>();
  for (const file of options.files) {
    try {
      const configPath = options.config ?? findConfig(file);
      const settings = loadSettings(configPath, io.stderr);
      const source = readListFile(file);
      const uri = pathToFileURL(resolve(file)).href;
      const indexSetting = settings.index && pathToFileURL(resolve(configPath ? dirname(configPath) : '.', settings.index)).href;
      const indexUri = await findIndex(uri, diskReader(), indexSetting);
      let list = lists.get(indexUri);
      if (!list) lists.set(indexUri, (list = checkList(indexUri, settings, options.fix, io)));
      const checked = await list;
      if (checked.layout?.isMultiFile) {
        if (checked.failed) failed = true;
        if (options.wholeList && uri === indexUri) reports.push(...checked.reports);
        else reports.push({ file, problems: checked.problems.get(uri) ?? [] });
        continue;
      }
      const fileExists = (relativePath: string) => diskHost.existsNow(resolveRelative(uri, relativePath) ?? '');
      const env = { cache, fileExists };
      let text = source.text;
      if (options.fix) {
        const result = fixAll(text, settings, env);
        if (result.text !== text) {
          writeFileAtomically(source, result.text);
          io.stderr(`paper-list: ${file}: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'}\n`);
          text = result.text;
        }
      }
      const analysis = analyze(text, settings, env);
      const checkedFile = settings.files.length > 0 ? isCheckedFile(settings, [file, resolve(file)], analysis.list.weeks.length > 0) : true;
      reports.push({ file, problems: checkedFile ? analysis.problems : [] });
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      io.stderr(`paper-list: ${error.message}\n`);
      failed = true;
    }
  }
  io.stdout(formatReports(options.format, reports, VERSION));
  if (options.format === 'text') {
    const count = reports.reduce((n, r) => n + r.problems.length, 0);
    const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
    const fixable = reports.reduce((n, r) => n + r.problems.filter((p) => p.fix).length, 0);
    io.stderr(
      `${count} problem${count === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${reports.length} file${reports.length === 1 ? '' : 's'}${fixable > 0 && !options.fix ? `; ${fixable} fixable with --fix` : ''}\n`,
    );
  }
  if (failed) return 2;
  return reports.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

interface CheckedList {
  readonly layout?: ListLayout;
  /** Every file's report, index first then year files newest first, named relative to the working folder. */
  readonly reports: FileReport[];
  readonly problems: ReadonlyMap<string, readonly Finding[]>;
  readonly failed: boolean;
}

/** Reads the disk for list discovery: missing files and unreadable ones are told apart, never thrown. */
function diskReader(files?: Map<string, ListFile>): ListReader {
  return {
    async read(uri) {
      const path = fileURLToPath(uri);
      if (!existsSync(path)) return { missing: true };
      try {
        if (statSync(path).isDirectory()) return { error: 'is a directory' };
        const file = readListFile(path);
        files?.set(uri, file);
        return { text: file.text };
      } catch (error) {
        return { error: error instanceof FileError ? error.message.replace(`${path}: `, '') : String(error) };
      }
    },
  };
}

/** A multi-file list: every file read, fixed as one step with --fix, analysed as one list. */
async function checkList(indexUri: string, settings: Settings, fix: boolean, io: { stderr: (s: string) => void }): Promise<CheckedList> {
  const files = new Map<string, ListFile>();
  const reader = diskReader(files);
  const indexRead = await reader.read(indexUri);
  if (!('text' in indexRead)) return { reports: [], problems: new Map(), failed: false };
  let layout = await loadLayout(indexUri, indexRead.text, reader);
  if (!layout.isMultiFile) return { layout, reports: [], problems: new Map(), failed: false };
  const sourcesOf = (texts: ReadonlyMap<string, string>) =>
    new Map<string, FileSource>(
      [...texts].map(([uri, text]) => [
        uri,
        { uri, source: text, fileExists: (relativePath: string) => diskHost.existsNow(resolveRelative(uri, relativePath) ?? '') },
      ]),
    );
  let texts = layout.texts;
  let failed = false;
  if (fix) {
    const unreadable = [...layout.absent.values()].filter((a) => a.reason === 'unreadable');
    if (unreadable.length > 0) {
      io.stderr(`paper-list: ${unreadable.map((a) => `${displayPath(a.uri)}: ${a.message}`).join('; ')}; nothing written\n`);
      failed = true;
    } else {
      const result = fixAllList(layout, texts, settings, [...sourcesOf(texts).values()]);
      if (result.texts.size > 0) {
        try {
          writeFilesAtomically([...result.texts].map(([uri, text]) => ({ file: files.get(uri)!, text })));
          for (const uri of result.texts.keys()) io.stderr(`paper-list: ${displayPath(uri)}: fixed\n`);
          io.stderr(
            `paper-list: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'} in ${result.texts.size} file${result.texts.size === 1 ? '' : 's'}\n`,
          );
          texts = new Map([...texts, ...result.texts]);
        } catch (error) {
          if (!(error instanceof FileError)) throw error;
          io.stderr(`paper-list: ${error.message}\n`);
          failed = true;
        }
      }
    }
  }
  const analysis = analyzeMembers(layout, sourcesOf(texts), settings);
  layout = { ...layout, texts };
  const order = [...analysis.model.files.map((f) => f.uri), ...[...analysis.files.keys()].filter((uri) => !analysis.model.file(uri))];
  const reports = order.map((uri) => ({ file: displayPath(uri), problems: analysis.problems.get(uri) ?? [] }));
  return { layout, reports, problems: analysis.problems, failed };
}

function displayPath(uri: string): string {
  return relative(process.cwd(), fileURLToPath(uri)).split('\\').join('/');
}

if (require.main === module) {
  try {
    main(process.argv.slice(2)).then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        process.stderr.write(`paper-list: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
      },
    );
  } catch (error) {
    process.stderr.write(`paper-list: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
