// `paper-list check [files…] [--format text|json|github|sarif] [--fix]`: the server's analysis, for CI.
// Exit 0: no error-severity problem left; 1: some remain; 2: bad usage or a file that cannot be read or written.
import { FORMATS, formatReports, type Format } from './cli/formats';
import { checkFiles } from './cli/check';

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
  const { reports, failed } = await checkFiles(options.files, { fix: options.fix, config: options.config, stderr: io.stderr, wholeList: options.wholeList });
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

if (require.main === module) {
  // A reader that stops early (`paper-list check | head`) closes the pipe: the rest of the report has nowhere to go,
  // which is no failure of the check. Exit with its status instead of an unhandled EPIPE's stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`paper-list: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
