// Seeded fuzzer: mutates the fixtures, the sample list and (when present) the public corpus, and checks the
// properties in properties.ts on every mutant. Cases form editing sessions: a session starts from a source
// (or an excerpt of a large one) and each case mutates the previous version, analysed with the session's cache.
//
// Usage: npm run fuzz -- [--cases N] [--seed S] [--save] [--quiet]
//   --quiet  prints failures and the summary only
//   --save   writes each failure's shrunk reproducer to test/fixtures/regressions/ (check it contains no corpus text
//            before committing: corpus lists are not ours; rewrite titles and links by hand)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Rng, caseSeed } from './rng';
import { MUTATIONS, MUTATION_KINDS } from './mutations';
import { checkProperties, type CheckInput, type Failure } from './properties';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../../server/src/settings';

export const repoRoot = resolve(__dirname, '..', '..');
export const corpusDir = resolve(repoRoot, '../shared/corpus');
export const regressionsDir = join(repoRoot, 'test', 'fixtures', 'regressions');

export interface Source {
  readonly name: string;
  readonly path: string;
  readonly size: number;
}

/** Markdown under test/fixtures (regressions excluded: they are replayed as they are), the sample, the corpus by path. */
export function findSources(): Source[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== regressionsDir) walk(path);
      } else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(repoRoot, 'test', 'fixtures'));
  files.push(join(repoRoot, 'samples', 'papers.md'));
  walk(corpusDir);
  return files
    .filter((f) => existsSync(f))
    .sort()
    .map((path) => ({ name: relative(repoRoot, path), path, size: statSync(path).size }));
}

export interface FuzzOptions {
  readonly cases: number;
  readonly seed: number;
  readonly sources?: readonly Source[];
  /** Called with progress lines; default silent. */
  readonly log?: (line: string) => void;
  /** Stop at the first failure (the test does; the CLI collects all). */
  readonly stopAtFirst?: boolean;
  readonly save?: boolean;
}

export interface FuzzFailure extends Failure {
  readonly caseIndex: number;
  readonly caseSeed: number;
  readonly source: string;
  readonly mutations: readonly string[];
  /** Shrunk reproducer: earlier versions (cache warm-up) and the failing text. */
  readonly reproducer: { readonly previous: readonly string[]; readonly text: string; readonly settings: string };
}

export interface FuzzSummary {
  readonly cases: number;
  readonly seed: number;
  readonly sources: number;
  readonly sessions: number;
  readonly mutationCounts: Readonly<Record<string, number>>;
  readonly characters: number;
  readonly largest: number;
  readonly milliseconds: number;
  readonly failures: readonly FuzzFailure[];
}

/** Large lists are fuzzed through excerpts (the checks run fix-all several times); now and then whole. */
const EXCERPT_ABOVE = 60_000;
const WHOLE_FILE_CHANCE = 0.004;
const SESSION_LENGTH = 12;

/** Settings variants: defaults, stricter required links, a plain-text placeholder pattern, rules off. */
const SETTINGS_VARIANTS: readonly { name: string; settings: Settings }[] = [
  { name: 'default', settings: DEFAULT_SETTINGS },
  {
    name: 'strict',
    settings: sanitizeSettings({
      requiredLinks: ['Paper', 'Tweet'],
      placeholderPatterns: ['(a+)+$', 'arxiv.org/abs/0000'],
      rules: { 'missing-link': 'warning' },
    }),
  },
  { name: 'some-off', settings: sanitizeSettings({ rules: { 'row-number': 'off', toc: 'off', 'table-row': 'hint' } }) },
];

export function runFuzz(options: FuzzOptions): FuzzSummary {
  const log = options.log ?? (() => undefined);
  const sources = options.sources ?? findSources();
  if (sources.length === 0) throw new Error('no sources to fuzz');
  const texts = new Map<string, string>();
  const textOf = (s: Source) => {
    let t = texts.get(s.path);
    if (t === undefined) texts.set(s.path, (t = readFileSync(s.path, 'utf8')));
    return t;
  };
  const counts: Record<string, number> = Object.fromEntries(MUTATION_KINDS.map((k) => [k, 0]));
  const failures: FuzzFailure[] = [];
  const started = performance.now();
  let characters = 0;
  let largest = 0;
  let sessions = 0;
  let session: { source: Source; settings: (typeof SETTINGS_VARIANTS)[number]; versions: string[]; mutations: string[]; left: number } | undefined;

  for (let index = 0; index < options.cases; index++) {
    const seed = caseSeed(options.seed, index);
    const rng = new Rng(seed);
    if (!session || session.left === 0) {
      const source = rng.pick(sources);
      const base = excerpt(textOf(source), rng);
      // Sessions on a whole large list are short: each case re-checks it several times.
      const length = base.length > EXCERPT_ABOVE ? rng.int(1, 2) : rng.int(1, SESSION_LENGTH);
      session = { source, settings: rng.pick(SETTINGS_VARIANTS), versions: [base], mutations: [], left: length };
      sessions++;
    }
    session.left--;
    const previous = session.versions[session.versions.length - 1];
    let text = previous;
    const applied: string[] = [];
    for (let n = rng.int(1, 3); n > 0; n--) {
      const kind = rng.pick(MUTATION_KINDS);
      text = MUTATIONS[kind](text, rng);
      applied.push(kind);
      counts[kind]++;
    }
    session.versions.push(text);
    session.mutations.push(...applied);
    characters += text.length;
    largest = Math.max(largest, text.length);
    const fileExists = fakeFileSystem(seed);
    const input: CheckInput = { previous: [previous], text, settings: session.settings.settings, fileExists };
    const failure = checkProperties(input);
    if (failure) {
      const shrunk = shrink(input, failure);
      const result: FuzzFailure = {
        ...failure,
        caseIndex: index,
        caseSeed: seed,
        source: session.source.name,
        mutations: [...session.mutations],
        reproducer: { previous: shrunk.previous ?? [], text: shrunk.text, settings: session.settings.name },
      };
      failures.push(result);
      log(describeFailure(result, options.seed));
      if (options.save) saveRegression(result, options.seed);
      // Continue from the source again: a broken session would repeat the same failure.
      session = undefined;
      if (options.stopAtFirst) break;
    }
    if ((index + 1) % 500 === 0) log(`${index + 1} cases, ${failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return {
    cases: options.cases,
    seed: options.seed,
    sources: sources.length,
    sessions,
    mutationCounts: counts,
    characters,
    largest,
    milliseconds: performance.now() - started,
    failures,
  };
}

/** A contiguous run of lines of a large list, often with its preamble and TOC lines, so the TOC rules have work. */
function excerpt(text: string, rng: Rng): string {
  if (text.length <= EXCERPT_ABOVE || rng.chance(WHOLE_FILE_CHANCE)) return text;
  const lines = text.split('\n');
  const length = rng.int(10, 160);
  const start = rng.int(0, Math.max(0, lines.length - length));
  const body = lines.slice(start, start + length);
  if (start > 0 && rng.chance(0.5)) {
    const toc = lines.filter((l) => /^\s*[-*+]\s+\[[^\]]*\]\([^)]*#/.test(l));
    const tocStart = rng.int(0, Math.max(0, toc.length - 20));
    return [...lines.slice(0, 5), ...toc.slice(tocStart, tocStart + rng.int(0, 40)), '', ...body].join('\n');
  }
  return body.join('\n');
}

/** A deterministic file system where about half of the relative paths exist. */
function fakeFileSystem(seed: number): (path: string) => boolean {
  return (path) => {
    let h = seed;
    for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
    return (h & 1) === 0;
  };
}

/**
 * Deletes line chunks (halves, quarters… single lines) from each version while the same property still fails:
 * a reproducer of a few lines instead of a whole list.
 */
export function shrink(input: CheckInput, failure: Failure, budget = 2_000): CheckInput {
  let current: CheckInput = input;
  const stillFails = (candidate: CheckInput) => {
    if (budget-- <= 0) return false;
    try {
      return checkProperties(candidate)?.property === failure.property;
    } catch {
      return false;
    }
  };
  const versions = () => [...(current.previous ?? []), current.text];
  let progress = true;
  while (progress && budget > 0) {
    progress = false;
    for (let v = versions().length - 1; v >= 0; v--) {
      let lines = versions()[v].split('\n');
      for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1; chunk = chunk === 1 ? 0 : Math.max(1, chunk >> 1)) {
        for (let at = 0; at < lines.length && budget > 0;) {
          const candidateLines = [...lines.slice(0, at), ...lines.slice(at + chunk)];
          const all = versions();
          all[v] = candidateLines.join('\n');
          const candidate: CheckInput = { ...current, previous: all.slice(0, -1), text: all[all.length - 1] };
          if (candidateLines.length < lines.length && stillFails(candidate)) {
            current = candidate;
            lines = candidateLines;
            progress = true;
          } else {
            at += chunk;
          }
        }
      }
    }
    // A previous version that does not matter is dropped.
    if ((current.previous ?? []).length > 0) {
      const candidate: CheckInput = { ...current, previous: [] };
      if (stillFails(candidate)) {
        current = candidate;
        progress = true;
      }
    }
  }
  return current;
}

export function describeFailure(f: FuzzFailure, runSeed: number): string {
  const repro = [
    `FAIL case ${f.caseIndex} (case seed ${f.caseSeed}; replay: npm run fuzz -- --seed ${runSeed} --cases ${f.caseIndex + 1}): ${f.property}`,
    `  source ${f.source}, settings ${f.reproducer.settings}, session mutations: ${f.mutations.join(', ')}`,
    `  ${f.message.split('\n').join('\n  ')}`,
    `  minimal reproducer (${f.reproducer.text.split('\n').length} lines${f.reproducer.previous.length ? `, after a previous version of ${f.reproducer.previous[0].split('\n').length} lines` : ''}):`,
  ];
  for (const p of f.reproducer.previous) repro.push(`  previous: ${JSON.stringify(p)}`);
  repro.push(`  text: ${JSON.stringify(f.reproducer.text)}`);
  return repro.join('\n');
}

function saveRegression(f: FuzzFailure, runSeed: number): void {
  mkdirSync(regressionsDir, { recursive: true });
  const file = join(regressionsDir, `fuzz-${runSeed}-${f.caseIndex}-${f.property}.json`);
  const body = {
    property: f.property,
    message: f.message.split('\n')[0],
    seed: runSeed,
    case: f.caseIndex,
    settings: f.reproducer.settings,
    previous: f.reproducer.previous,
    text: f.reproducer.text,
  };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
}

export function settingsNamed(name: string): Settings {
  return (SETTINGS_VARIANTS.find((v) => v.name === name) ?? SETTINGS_VARIANTS[0]).settings;
}

export function formatSummary(s: FuzzSummary): string {
  const kinds = Object.entries(s.mutationCounts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `${s.cases} cases (${s.sessions} editing sessions, ${s.sources} sources, seed ${s.seed}) in ${(s.milliseconds / 1000).toFixed(1)} s; ${s.failures.length} failure${s.failures.length === 1 ? '' : 's'}`,
    `${MUTATION_KINDS.length} mutation kinds applied: ${kinds}`,
    `${(s.characters / 1e6).toFixed(1)} M characters checked; largest mutant ${s.largest.toLocaleString('en-US')} characters`,
  ].join('\n');
}

function parseCli(argv: readonly string[]): { cases: number; seed: number; save: boolean; quiet: boolean } {
  const options = { cases: 1000, seed: 1, save: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${arg} needs a non-negative integer`);
      return v;
    };
    if (arg === '--cases') options.cases = value();
    else if (arg === '--seed') options.seed = value();
    else if (arg === '--save') options.save = true;
    else if (arg === '--quiet') options.quiet = true;
    else throw new Error(`unknown option ${arg}; usage: npm run fuzz -- [--cases N] [--seed S] [--save] [--quiet]`);
  }
  return options;
}

if (require.main === module) {
  const options = parseCli(process.argv.slice(2));
  const sources = findSources();
  if (!existsSync(corpusDir)) console.log(`note: corpus not found at ${corpusDir}; fuzzing the fixtures and the sample only`);
  const summary = runFuzz({ ...options, sources, log: (line) => (!options.quiet || line.startsWith('FAIL')) && console.log(line) });
  console.log(formatSummary(summary));
  process.exitCode = summary.failures.length > 0 ? 1 : 0;
}
