// The properties every document must satisfy, whatever its text: analysis terminates in bounded time without
// throwing, ranges stay inside the document, fix-all is idempotent, exact and touches only what its rules own,
// and the incremental (cached) analysis equals a fresh one.
import { analyze, type Analysis } from '../../server/src/analysis';
import { applyEdits } from '../../server/src/textEdits';
import { compatibleFixes, fixAll } from '../../server/src/fixAll';
import { WeekCache } from '../../server/src/model/cache';
import { LineIndex } from '../../server/src/model/text';
import { parseRow, scanLinks } from '../../server/src/model/parseWeek';
import { parseWeekDates } from '../../server/src/model/dates';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Finding } from '../../server/src/analysis';
import type { Fix } from '../../server/src/rules/rule';

export type PropertyName =
  'throws' | 'slow' | 'range' | 'fix-converges' | 'fix-idempotent' | 'fix-leftover' | 'fix-scope' | 'fix-edits' | 'fix-resolves' | 'row-words' | 'incremental';

export interface Failure {
  readonly property: PropertyName;
  readonly message: string;
}

export interface CheckInput {
  /** Earlier versions of the document, analysed first with the shared cache as an editor session would. */
  readonly previous?: readonly string[];
  readonly text: string;
  readonly settings?: Settings;
  /** A stand-in for the file system, so `missing-file` runs. */
  readonly fileExists?: (path: string) => boolean;
}

/** Analysis time allowed for a document of `length` characters: a hang guard against catastrophic backtracking, not a benchmark. */
export function timeBound(length: number): number {
  return 2_000 + length * 0.01;
}

const MAX_PASSES = 8;

/** The first property the input violates, or undefined when it satisfies all. */
export function checkProperties(input: CheckInput): Failure | undefined {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const env = { fileExists: input.fileExists };
  const text = input.text;
  let fresh: Analysis;
  try {
    const started = performance.now();
    fresh = analyze(text, settings, { ...env, cache: new WeekCache() });
    const elapsed = performance.now() - started;
    if (elapsed > timeBound(text.length))
      return {
        property: 'slow',
        message: `analysis took ${elapsed.toFixed(0)} ms for ${text.length} characters (bound ${timeBound(text.length).toFixed(0)} ms)`,
      };
  } catch (error) {
    return { property: 'throws', message: `analyze threw: ${describeError(error)}` };
  }

  const outside = rangeProblem(fresh);
  if (outside) return { property: 'range', message: outside };

  try {
    const shared = new WeekCache();
    for (const version of input.previous ?? []) analyze(version, settings, { ...env, cache: shared });
    const incremental = analyze(text, settings, { ...env, cache: shared });
    const a = snapshot(incremental);
    const b = snapshot(fresh);
    if (a !== b) return { property: 'incremental', message: `analysis with the session's cache differs from a fresh analysis:\n${firstDifference(a, b)}` };
  } catch (error) {
    return { property: 'throws', message: `incremental analysis threw: ${describeError(error)}` };
  }

  let fixed: ReturnType<typeof fixAll>;
  let again: ReturnType<typeof fixAll>;
  let after: Analysis;
  try {
    fixed = fixAll(text, settings, env, MAX_PASSES);
    again = fixAll(fixed.text, settings, env, MAX_PASSES);
    after = analyze(fixed.text, settings, env);
  } catch (error) {
    return { property: 'throws', message: `fixAll threw: ${describeError(error)}` };
  }
  const leftover = compatibleFixes(after);
  if (fixed.passes >= MAX_PASSES && (leftover.length > 0 || again.edits.length > 0))
    return {
      property: 'fix-converges',
      message: `fix-all did not reach a fixed point in ${MAX_PASSES} passes; still fixable: ${leftover.map((f) => f.title).join('; ')}`,
    };
  if (again.edits.length > 0)
    return { property: 'fix-idempotent', message: `a second fix-all changed the text again: ${JSON.stringify(again.edits.slice(0, 3))}` };
  if (leftover.length > 0)
    return {
      property: 'fix-leftover',
      message: `fixable problems remain after fix-all: ${leftover.map((f) => `${f.title} ${JSON.stringify(f.edits)}`).join('; ')}`,
    };
  const applied = applyEdits(text, fixed.edits);
  if (applied !== fixed.text)
    return {
      property: 'fix-edits',
      message: `applyEdits(text, fixAll(text).edits) differs from fixAll(text).text:\n${firstDifference(JSON.stringify(applied), JSON.stringify(fixed.text))}`,
    };
  const scope = scopeProblem(text, fixed.text, fresh, after);
  if (scope) return { property: 'fix-scope', message: scope };
  const rowWords = rowWordsProblem(text, fixed.text, fresh, 'fix-all');
  if (rowWords) return { property: 'row-words', message: rowWords };
  try {
    return eachFixProblem(text, fresh, settings, env);
  } catch (error) {
    return { property: 'throws', message: `re-checking a fix threw: ${describeError(error)}` };
  }
}

/** Fixes re-checked one by one per mutant: enough to cover every rule's fixes over a run, bounded for large lists. */
const FIXES_CHECKED = 12;

/**
 * Every fix on its own: its result, re-checked, no longer has the problem it fixed (same rule and message on the
 * same line, shifted by the lines the fix adds), and every row it touches keeps every word it had.
 */
function eachFixProblem(text: string, fresh: Analysis, settings: Settings, env: { fileExists?: (p: string) => boolean }): Failure | undefined {
  const byFix = new Map<Fix, Finding[]>();
  for (const problem of fresh.problems) {
    if (!problem.fix) continue;
    const same = byFix.get(problem.fix);
    if (same) same.push(problem);
    else byFix.set(problem.fix, [problem]);
  }
  const cache = new WeekCache();
  let checked = 0;
  for (const [fix, problems] of byFix) {
    if (checked++ >= FIXES_CHECKED) break;
    const result = applyEdits(text, fix.edits);
    const after = analyze(result, settings, { ...env, cache });
    for (const problem of problems) {
      const line = shiftedLine(problem.range.start.line, fix.edits);
      const still = after.problems.find((q) => q.rule === problem.rule && q.message === problem.message && q.range.start.line === line);
      if (still)
        return { property: 'fix-resolves', message: `the fix "${fix.title}" leaves the problem it fixed: ${problem.rule} line ${line + 1} ${problem.message}` };
    }
    const words = rowWordsProblem(text, result, fresh, `the fix "${fix.title}"`);
    if (words) return { property: 'row-words', message: words };
  }
  return undefined;
}

/** Where an original line is after edits that may add or remove lines before it. */
function shiftedLine(line: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.range.end.line >= line && !(edit.range.end.line === line && edit.range.start.line === line)) continue;
    if (edit.range.end.line > line) continue;
    shift += (edit.newText.match(/\n/g) ?? []).length - (edit.range.end.line - edit.range.start.line);
  }
  return line + shift;
}

/**
 * Words of a row: runs of letters and digits holding a letter (numbers may be renumbered), with link labels read
 * without their punctuation (link-label's fix drops a stray `!` inside a label: `[Bl!og]` keeps its word as `[Blog]`).
 */
function wordsOf(text: string): Set<string> {
  let plain = text;
  for (const link of scanLinks(text, 0, 0, text.length).reverse())
    plain = plain.slice(0, link.labelSpan.start) + link.label.replace(/[^\p{L}\p{N}\s]/gu, '') + plain.slice(link.labelSpan.end);
  return new Set(plain.match(/[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu) ?? []);
}

/** Markers at the start of a row's first cell: `1) (1) Title` has two. */
function markerCount(row: string): number {
  let rest = row.replace(/^\s*\|?\s*/, '');
  let count = 0;
  for (let m = MARKER.exec(rest); m && m[0] !== ''; m = MARKER.exec(rest)) {
    count++;
    rest = rest.slice(m[0].length);
  }
  return count;
}
const MARKER = /^(?:\*\*|__)?\s*(?:\(\d{1,4}\)|\d{1,4}\s*(?:\)\.?|\.\)?|:|\s-)|#\d{1,4}|\[\d{1,4}\])(?:\*\*|__)?\s*/;

/** Each row of `before` (aligned line by line with `after` over rows, as the scope check does) keeps its words and gains no second marker. */
function rowWordsProblem(before: string, after: string, analysis: Analysis, what: string): string | undefined {
  if (before === after) return undefined;
  const a = before.split('\n');
  const b = after.split('\n');
  // Fixes only insert lines (TOC entries): a row at line i is now at one of i … i + added.
  const added = Math.max(0, b.length - a.length);
  for (const week of analysis.list.weeks) {
    for (const row of week.rows) {
      const old = a[row.line];
      let worst: string | undefined;
      for (let k = 0; k <= added; k++) {
        const now = b[row.line + k];
        if (now === undefined) break;
        if (now === old) {
          worst = undefined;
          break;
        }
        const kept = wordsOf(now);
        const lost = [...wordsOf(old)].filter((w) => !kept.has(w));
        const problem =
          lost.length > 0
            ? `${what} lost the words ${lost.slice(0, 5).join(', ')} of row line ${row.line + 1}: ${JSON.stringify(old)} became ${JSON.stringify(now)}`
            : markerCount(now) > Math.max(1, markerCount(old))
              ? `${what} gave row line ${row.line + 1} a second marker: ${JSON.stringify(old)} became ${JSON.stringify(now)}`
              : undefined;
        if (!problem) {
          worst = undefined;
          break;
        }
        worst ??= problem;
      }
      if (worst) return worst;
    }
  }
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n')}` : String(error);
}

/** What a client sees of an analysis, plus the model's structure: equal JSON means equal results. */
function snapshot(analysis: Analysis): string {
  const list = analysis.list;
  return JSON.stringify({ problems: analysis.problems, weeks: list.weeks, toc: list.toc, anchors: [...list.anchors], outside: list.outsideLinks });
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `  cached: …${a.slice(Math.max(0, i - 80), i + 120)}…\n  fresh:  …${b.slice(Math.max(0, i - 80), i + 120)}…`;
}

function rangeProblem(analysis: Analysis): string | undefined {
  const lines = analysis.list.lines;
  const check = (range: Range, what: string): string | undefined => {
    for (const p of [range.start, range.end]) {
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
        return `${what}: position ${JSON.stringify(p)} is not a valid position`;
      if (p.line >= lines.lineCount) return `${what}: line ${p.line} is past the last line ${lines.lineCount - 1}`;
      if (p.character > lines.lineLength(p.line))
        return `${what}: character ${p.character} is past the end of line ${p.line} (length ${lines.lineLength(p.line)})`;
    }
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character))
      return `${what}: range ${JSON.stringify(range)} ends before it starts`;
    return undefined;
  };
  for (const problem of analysis.problems) {
    const what = `${problem.rule} "${problem.message}"`;
    const issue =
      check(problem.range, what) ??
      (problem.related ?? []).map((r) => check(r.range, `${what}, related "${r.message}"`)).find((m) => m) ??
      [problem.fix, ...(problem.suggestions ?? [])]
        .flatMap((f) => f?.edits ?? [])
        .map((e) => check(e.range, `${what}, fix edit`))
        .find((m) => m);
    if (issue) return issue;
  }
  return undefined;
}

const LABEL_PUNCTUATION = /[()[\]{}<>,;:!|]/g;
const TOC_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]\n]*\]\([^)\n]*#[^)\n]*\)\r?$/;

/**
 * Fix-all may only renumber rows, add pipes, clean link labels, change TOC entries' links, insert TOC entries and
 * change a week heading's dates. Lines are aligned in order: every original line must survive (no row dropped
 * or reordered), changed only inside what its role allows; every extra line must be a TOC entry.
 */
export function scopeProblem(before: string, after: string, analysis: Analysis, fixedAnalysis: Analysis): string | undefined {
  if (before === after) return undefined;
  const rowHeader = new Map<number, number>();
  for (const week of analysis.list.weeks) for (const row of week.rows) rowHeader.set(row.line, row.headerCells);
  // A fix can make a line a row (a pipe added above brings it into the table); it is then a row of the fixed text.
  const fixedRowHeader = new Map<number, number>();
  for (const week of fixedAnalysis.list.weeks) for (const row of week.rows) fixedRowHeader.set(row.line, row.headerCells);
  const headings = new Set(analysis.list.weeks.map((w) => w.headingLine));
  const tocLines = new Set(analysis.list.toc.map((e) => e.line));
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  let j = 0;
  let firstMismatch: string | undefined;
  let insertable = b.length - a.length;
  while (i < a.length) {
    if (j >= b.length) return `line ${i + 1} ${JSON.stringify(a[i])} was dropped by fix-all${firstMismatch ? ` (${firstMismatch})` : ''}`;
    // Inserted TOC entries first, when the original line follows them unchanged.
    // Only as many as fix-all added: a repeated line must not pass for an insertion.
    if (a[i] !== b[j]) {
      let t = j;
      while (t < b.length && t - j < insertable && TOC_LINE.test(b[t]) && b[t] !== a[i]) t++;
      if (t > j && b[t] === a[i]) {
        insertable -= t - j;
        j = t;
      }
    }
    const why = allowedChange(a[i], b[j], rowHeader.get(i) ?? fixedRowHeader.get(j), headings.has(i), tocLines.has(i));
    if (why === undefined) {
      i++;
      j++;
      continue;
    }
    firstMismatch ??= `line ${i + 1}: ${why}`;
    if (TOC_LINE.test(b[j])) {
      j++;
      continue;
    }
    return `fix-all changed what no rule owns: ${firstMismatch}`;
  }
  for (; j < b.length; j++) if (!TOC_LINE.test(b[j])) return `fix-all appended a line that is not a TOC entry: ${JSON.stringify(b[j])}`;
  return undefined;
}

function allowedChange(before: string, after: string, headerCells: number | undefined, heading: boolean, toc: boolean): string | undefined {
  if (before === after) return undefined;
  const diff = `${JSON.stringify(before)} became ${JSON.stringify(after)}`;
  if (before.endsWith('\r') !== after.endsWith('\r')) return `line ending changed: ${diff}`;
  // placeholder-link unwraps `[Paper]([url](url))` and relative-anchor drops the `./` of `./#anchor`, in any line.
  const x = unwrapRepeatedUrls(before.replace(/\r$/, '')).replace(/\]\(\.\/#/g, '](#');
  const y = unwrapRepeatedUrls(after.replace(/\r$/, '')).replace(/\]\(\.\/#/g, '](#');
  if (x === y) return undefined;
  if (headerCells !== undefined)
    return rowCanon(x, headerCells) === rowCanon(y, headerCells) ? undefined : `row changed beyond number, pipes and labels: ${diff}`;
  if (heading) {
    // week-heading and week-sequence own the dates inside the parentheses (start date, missing spaces).
    const p = parseWeekDates(x);
    const q = parseWeekDates(y);
    if (p.ok && q.ok && x.slice(0, p.dates.startColumn) === y.slice(0, q.dates.startColumn) && x.slice(p.dates.endColumn) === y.slice(q.dates.endColumn))
      return undefined;
    return `week heading changed beyond its dates: ${diff}`;
  }
  if (toc) {
    // The toc rule owns the entry's link: its text (the week's name) and its target (the anchor).
    const p = scanLinks(x, 0, 0, x.length)[0];
    const q = scanLinks(y, 0, 0, y.length)[0];
    if (p && q && x.slice(0, p.span.start) === y.slice(0, q.span.start) && x.slice(p.span.end) === y.slice(q.span.end) && q.target.includes('#'))
      return undefined;
    return `TOC entry changed beyond its link: ${diff}`;
  }
  return `changed: ${diff}`;
}

/** placeholder-link's fix, anywhere: `[Paper]([url](url))` → `[Paper](url)`. */
function unwrapRepeatedUrls(text: string): string {
  let result = text;
  for (const link of scanLinks(text, 0, 0, text.length).reverse())
    if (link.nested && link.nested.closed && link.nested.label.trim() === link.nested.target)
      result = result.slice(0, link.targetSpan.start) + `${link.nested.target})` + result.slice(link.span.end);
  return result;
}

/** A row with what fixes own taken out: surrounding pipes and space, the number token, punctuation in link labels. */
function rowCanon(text: string, headerCells: number): string {
  const row = parseRow(text, 0, headerCells);
  let masked = text;
  const cuts: { start: number; end: number; text: string }[] = [];
  if (row.number) {
    let end = row.number.span.end;
    while (end < text.length && /\s/.test(text[end])) end++;
    cuts.push({ start: row.number.span.start, end, text: '' });
  }
  for (const link of row.links) cuts.push({ start: link.labelSpan.start, end: link.labelSpan.end, text: link.label.replace(LABEL_PUNCTUATION, '').trim() });
  if (row.hasLeadingPipe) cuts.push({ start: row.contentStart, end: row.contentStart + 1, text: '' });
  if (row.hasTrailingPipe) cuts.push({ start: row.contentEnd - 1, end: row.contentEnd, text: '' });
  cuts.sort((p, q) => q.start - p.start);
  for (const cut of cuts) masked = masked.slice(0, cut.start) + cut.text + masked.slice(cut.end);
  return masked.trim();
}

/** The number of lines of a text as LSP counts them. */
export function lineCount(text: string): number {
  return new LineIndex(text).lineCount;
}
