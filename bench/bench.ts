// `npm run bench`: cold analysis next to markdown-it, markdownlint and a bare line scan on the same text,
// then edit → diagnostics and request latencies over LSP stdio against dist/server.js, server memory and
// bundle sizes, for the 974 KB corpus list (or a generated list of the same size when ../shared is absent)
// and a generated list ten times larger. Prints a table and writes bench/results.json.
// Options: --quick (fewer runs, for trying things out), --no-markdownlint-large (skip markdownlint on 10 MB).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { analyze } from '../server/src/analysis';
import { WeekCache } from '../server/src/model/cache';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { diagnosticsOf } from '../server/src/features/diagnostics';
import { generateList, rng } from './generate';
import { applyToLines, landmarks, randomEdit, type Edit, type EditKind } from './edits';
import { BenchClient, type Published } from './lspClient';

const root = resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const markdownlintLarge = !process.argv.includes('--no-markdownlint-large');

interface Stats {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  readonly min: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { runs: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1], min: s[0] };
}

/**
 * Times `run` after `warmup` untimed runs. No forced GC between runs: after a full GC V8 shrinks the young
 * generation, and the next run then pays for growing it back, which no editor session sees.
 */
function time(run: () => unknown, runs: number, warmup = 2): Stats {
  for (let i = 0; i < warmup; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

async function timeAsync(run: (i: number) => Promise<unknown>, runs: number): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

interface Subject {
  readonly name: string;
  readonly source: string;
  readonly path: string;
  readonly text: string;
  /** Whether this is the 974 KB list the main targets are about. */
  readonly main: boolean;
}

function subjects(tmp: string): Subject[] {
  const corpus = resolve(root, '../shared/corpus/potw-2025-07-README.md');
  const list: Subject[] = [];
  if (existsSync(corpus)) {
    list.push({ name: '974 KB list', source: 'corpus potw-2025-07-README.md', path: corpus, text: readFileSync(corpus, 'utf8'), main: true });
  } else {
    console.log('../shared/corpus is absent: using a generated 130-week list (about 1 MB) instead of the corpus list');
    const path = join(tmp, 'generated-130.md');
    writeFileSync(path, generateList({ weeks: 130 }));
    list.push({ name: '1 MB list', source: 'generated, 130 weeks', path, text: readFileSync(path, 'utf8'), main: true });
  }
  const path = join(tmp, 'generated-1300.md');
  writeFileSync(path, generateList({ weeks: 1300 }));
  list.push({ name: '10 MB list', source: 'generated, 1,300 weeks', path, text: readFileSync(path, 'utf8'), main: false });
  return list;
}

async function inProcess(subject: Subject) {
  const { text } = subject;
  const runs = quick ? 5 : subject.main ? 30 : 20;
  const folder = dirname(subject.path);
  const fileExists = (relativePath: string) => existsSync(resolve(folder, relativePath));
  const ours = time(() => analyze(text, DEFAULT_SETTINGS, { cache: new WeekCache(), fileExists }), runs);
  const cache = new WeekCache();
  analyze(text, DEFAULT_SETTINGS, { cache, fileExists });
  // Same text again with a warm section cache: the floor of what an edit costs in-process.
  const warm = time(() => analyze(text, DEFAULT_SETTINGS, { cache, fileExists }), runs);
  const lineScan = time(() => {
    let headings = 0;
    for (const line of text.split('\n')) if (line.charCodeAt(0) === 35) headings++;
    return headings;
  }, runs);
  const markdownIt = new MarkdownIt();
  const mdParse = time(() => markdownIt.parse(text, {}), quick ? 3 : 20);
  // markdownlint 0.40 is ESM-only; this file is CommonJS, hence the dynamic import and the local type.
  const { lint } = (await import('markdownlint/sync')) as { lint: (options: { strings: Record<string, string> }) => unknown };
  let markdownlint: Stats | undefined;
  if (subject.main || markdownlintLarge) {
    const lintRuns = quick ? 1 : subject.main ? 5 : 1;
    markdownlint = time(() => lint({ strings: { list: text } }), lintRuns, subject.main && !quick ? 1 : 0);
  }
  return { ours, warm, lineScan, markdownIt: mdParse, markdownlint, problems: analyze(text, DEFAULT_SETTINGS, { fileExists }).problems.length };
}

async function overLsp(subject: Subject) {
  const client = new BenchClient(join(root, 'dist/server.js'));
  const uri = pathToFileURL(subject.path).href;
  const edits = quick ? 50 : 200;
  try {
    await client.initialize(pathToFileURL(dirname(subject.path)).href);
    const openStart = performance.now();
    const opened = client.diagnosticsFor(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: subject.text } });
    await opened;
    const openMs = performance.now() - openStart;
    const afterOpen = client.memory();

    const lines = subject.text.split('\n');
    const random = rng(4);
    const samples: number[] = [];
    const byKind = new Map<EditKind, number[]>();
    let version = 1;
    let last: Published | undefined;
    for (let i = 0; i < edits; i++) {
      const edit: Edit = randomEdit(lines, landmarks(lines), random, i);
      applyToLines(lines, edit);
      version++;
      const published = client.diagnosticsFor(uri, version);
      const start = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: edit.range, text: edit.text }] });
      last = await published;
      const ms = last.at - start;
      samples.push(ms);
      byKind.set(edit.kind, [...(byKind.get(edit.kind) ?? []), ms]);
    }
    const afterEdits = client.memory();

    // The server's diagnostics after the edits must be those of a fresh analysis of the same text.
    const finalText = lines.join('\n');
    const folder = dirname(subject.path);
    const fresh = analyze(finalText, DEFAULT_SETTINGS, { fileExists: (p) => existsSync(resolve(folder, p)) });
    const expected = diagnosticsOf({ uri, version, analysis: fresh, settings: DEFAULT_SETTINGS, isPaperList: true });
    const matchesFresh = JSON.stringify(expected) === JSON.stringify(last?.diagnostics);
    const versions = client.publishedVersions.get(uri) ?? [];
    const monotonic = versions.every((v, i) => i === 0 || v >= versions[i - 1]);

    const marks = landmarks(lines);
    const pos = (i: number, list: number[], character: (line: string) => number) => {
      const line = list[(i * 7919) % list.length];
      return { line, character: character(lines[line]) };
    };
    const requestRuns = quick ? 10 : subject.main ? 100 : 30;
    const td = { uri };
    const completion = await timeAsync(
      (i) =>
        client.request('textDocument/completion', {
          textDocument: td,
          position: i % 2 === 0 ? pos(i, marks.rows, () => 2) : pos(i, marks.rows, (l) => l.lastIndexOf('[') + 1),
        }),
      requestRuns,
    );
    const hover = await timeAsync(
      (i) => client.request('textDocument/hover', { textDocument: td, position: i % 4 === 0 ? pos(i, marks.headings, () => 5) : pos(i, marks.rows, () => 8) }),
      requestRuns,
    );
    const symbols = await timeAsync(() => client.request('textDocument/documentSymbol', { textDocument: td }), requestRuns);
    const weeks = await timeAsync(() => client.request('paperList/weeks', { textDocument: td }), requestRuns);
    const afterRequests = client.memory();
    return {
      openMs,
      edits: stats(samples),
      editsByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, stats(v)])),
      finalProblems: last?.diagnostics.length ?? 0,
      matchesFreshAnalysis: matchesFresh,
      versionsMonotonic: monotonic,
      completion,
      hover,
      documentSymbol: symbols,
      weeks,
      rssAfterOpen: afterOpen.rss,
      rssAfterEdits: afterEdits.rss,
      rssAfterRequests: afterRequests.rss,
      rssPeak: afterRequests.peak,
    };
  } finally {
    await client.stop();
  }
}

function bundles() {
  const size = (p: string) => (existsSync(join(root, p)) ? statSync(join(root, p)).size : NaN);
  const extension = size('dist/extension.js');
  const server = size('dist/server.js');
  return { extension, server, total: extension + server, cli: size('dist/cli.js') };
}

function machine() {
  const cpu = cpus();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return {
    cpu: cpu[0]?.model.trim(),
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    freeGB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: load,
  };
}

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/**
 * Today's multi-file list (../shared/corpus/aipotw-2026-06): opening one year file until every file of the list has its
 * first diagnostics (the others are read from disk by the server). A fresh server per run: this is the cold path.
 */
async function multiFileOpen(): Promise<Stats | undefined> {
  const dir = resolve(root, '../shared/corpus/aipotw-2026-06');
  if (!existsSync(dir)) return undefined;
  const opened = join(dir, 'years/2026.md');
  const text = readFileSync(opened, 'utf8');
  const others = ['README.md', 'years/2023.md', 'years/2024.md', 'years/2025.md'].map((f) => pathToFileURL(join(dir, f)).href);
  const uri = pathToFileURL(opened).href;
  const samples: number[] = [];
  for (let run = 0; run < (quick ? 3 : 5); run++) {
    const client = new BenchClient(join(root, 'dist/server.js'));
    try {
      await client.initialize(pathToFileURL(dir).href);
      const all = Promise.all(others.map((other) => client.diagnosticsFor(other, undefined)));
      const start = performance.now();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const published = await all;
      samples.push(Math.max(...published.map((p) => p.at)) - start);
    } finally {
      await client.stop();
    }
  }
  return stats(samples);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run npm run build first');
  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-bench-'));
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine(), quick };
  const rows: string[][] = [];
  const checks: { measure: string; value: string; target: string; ok: boolean }[] = [];
  const lists: Record<string, unknown>[] = [];
  try {
    for (const subject of subjects(tmp)) {
      const lineCount = subject.text.split('\n').length;
      process.stderr.write(`${subject.name}: in-process runs…\n`);
      const local = await inProcess(subject);
      process.stderr.write(`${subject.name}: LSP over stdio…\n`);
      const lsp = await overLsp(subject);
      lists.push({ name: subject.name, source: subject.source, bytes: Buffer.byteLength(subject.text), lines: lineCount, inProcess: local, lsp });
      const ratio = (other: Stats | undefined) =>
        other ? `${(other.median / local.ours.median).toFixed(other.median / local.ours.median >= 100 ? 0 : 1)}×` : '—';
      const n = subject.name;
      rows.push(
        [
          `${n}: our cold analysis (parse + all rules)`,
          `${ms(local.ours.median)} ms`,
          `${ms(local.ours.p95)} ms`,
          `${local.ours.runs} runs, ${local.problems} problems`,
        ],
        [
          `${n}: markdownlint 0.40 lint`,
          `${ms(local.markdownlint?.median)} ms`,
          `${ms(local.markdownlint?.p95)} ms`,
          local.markdownlint ? `${local.markdownlint.runs} runs; ours is ${ratio(local.markdownlint)} faster` : 'skipped',
        ],
        [
          `${n}: markdown-it 15 full parse`,
          `${ms(local.markdownIt.median)} ms`,
          `${ms(local.markdownIt.p95)} ms`,
          `${local.markdownIt.runs} runs; ours is ${ratio(local.markdownIt)} faster`,
        ],
        [`${n}: bare line scan (split + loop)`, `${ms(local.lineScan.median)} ms`, `${ms(local.lineScan.p95)} ms`, `${local.lineScan.runs} runs`],
        [`${n}: our analysis, same text, warm cache`, `${ms(local.warm.median)} ms`, `${ms(local.warm.p95)} ms`, `${local.warm.runs} runs`],
        [
          `${n}: LSP edit → diagnostics`,
          `${ms(lsp.edits.median)} ms`,
          `${ms(lsp.edits.p95)} ms`,
          `${lsp.edits.runs} edits, max ${ms(lsp.edits.max)} ms; final = fresh analysis: ${lsp.matchesFreshAnalysis ? 'yes' : 'NO'}`,
        ],
        [`${n}: LSP completion`, `${ms(lsp.completion.median)} ms`, `${ms(lsp.completion.p95)} ms`, `${lsp.completion.runs} requests`],
        [`${n}: LSP hover`, `${ms(lsp.hover.median)} ms`, `${ms(lsp.hover.p95)} ms`, `${lsp.hover.runs} requests`],
        [`${n}: LSP documentSymbol`, `${ms(lsp.documentSymbol.median)} ms`, `${ms(lsp.documentSymbol.p95)} ms`, `${lsp.documentSymbol.runs} requests`],
        [`${n}: LSP paperList/weeks`, `${ms(lsp.weeks.median)} ms`, `${ms(lsp.weeks.p95)} ms`, `${lsp.weeks.runs} requests`],
        [
          `${n}: server RSS`,
          mb(lsp.rssAfterOpen),
          '',
          `after open; ${mb(lsp.rssAfterEdits)} after edits, ${mb(lsp.rssAfterRequests)} after requests, peak ${mb(lsp.rssPeak)}`,
        ],
      );
      if (subject.main) {
        checks.push(
          { measure: 'cold full analysis median', value: `${ms(local.ours.median)} ms`, target: '≤ 25 ms', ok: local.ours.median <= 25 },
          {
            measure: 'faster than markdownlint',
            value: ratio(local.markdownlint),
            target: '≥ 100×',
            ok: !!local.markdownlint && local.markdownlint.median / local.ours.median >= 100,
          },
          { measure: 'edit → diagnostics p95', value: `${ms(lsp.edits.p95)} ms`, target: '≤ 5 ms', ok: lsp.edits.p95 <= 5 },
          { measure: 'completion p95', value: `${ms(lsp.completion.p95)} ms`, target: '≤ 5 ms', ok: lsp.completion.p95 <= 5 },
          { measure: 'hover p95', value: `${ms(lsp.hover.p95)} ms`, target: '≤ 5 ms', ok: lsp.hover.p95 <= 5 },
          { measure: 'paperList/weeks p95', value: `${ms(lsp.weeks.p95)} ms`, target: '≤ 10 ms', ok: lsp.weeks.p95 <= 10 },
          { measure: 'documentSymbol p95', value: `${ms(lsp.documentSymbol.p95)} ms`, target: '≤ 10 ms', ok: lsp.documentSymbol.p95 <= 10 },
          { measure: 'server RSS with the list open', value: mb(lsp.rssAfterOpen), target: '≤ 100 MB', ok: lsp.rssAfterOpen <= 100 * 2 ** 20 },
        );
      } else {
        checks.push({ measure: '10 MB: edit → diagnostics p95', value: `${ms(lsp.edits.p95)} ms`, target: '≤ 20 ms', ok: lsp.edits.p95 <= 20 });
      }
      checks.push({
        measure: `${subject.name}: diagnostics after the edits = fresh analysis; versions in order`,
        value: `${lsp.matchesFreshAnalysis && lsp.versionsMonotonic ? 'yes' : 'NO'}`,
        target: 'yes',
        ok: lsp.matchesFreshAnalysis && lsp.versionsMonotonic,
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.stderr.write('multi-file list: opening years/2026.md…\n');
  const multi = await multiFileOpen();
  if (multi) {
    const single = (lists.find((l) => (l as { name: string }).name === '974 KB list') as { lsp?: { openMs: number } } | undefined)?.lsp?.openMs;
    rows.push([
      'multi-file list (2.1 MB, 5 files): open years/2026.md → first diagnostics for every file',
      `${ms(multi.median)} ms`,
      `${ms(multi.p95)} ms`,
      `${multi.runs} runs, fresh server each (server start excluded)${single ? `; 974 KB single file opened in ${ms(single)} ms in this run` : ''}`,
    ]);
    if (single)
      checks.push({
        measure: 'multi-file list: first diagnostics ≤ 2× the 974 KB single file',
        value: `${(multi.median / single).toFixed(2)}×`,
        target: '≤ 2×',
        ok: multi.median <= 2 * single,
      });
    Object.assign(results, { multiFileOpen: multi });
  }
  const sizes = bundles();
  rows.push([
    `bundles: dist/extension.js + dist/server.js`,
    kb(sizes.total),
    '',
    `${kb(sizes.extension)} + ${kb(sizes.server)} minified (dist/cli.js ${kb(sizes.cli)})`,
  ]);
  checks.push({ measure: 'bundles together', value: kb(sizes.total), target: '≤ 500 KB', ok: sizes.total <= 500 * 1024 });
  Object.assign(results, { lists, bundles: sizes, checks });

  const table = ['| measure | median | p95 | notes |', '|---|---:|---:|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const targets = [
    '| target | measured | goal | met |',
    '|---|---:|---:|:-:|',
    ...checks.map((c) => `| ${c.measure} | ${c.value} | ${c.target} | ${c.ok ? 'yes' : '**no**'} |`),
  ].join('\n');
  const m = results.machine as ReturnType<typeof machine>;
  console.log(
    `\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, Node ${m.node}, Linux ${m.kernel}; load average at start ${m.loadAverageAtStart}\n`,
  );
  console.log(table + '\n\n' + targets + '\n');
  Object.assign(results, { table, targets });
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('Wrote bench/results.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
