// The analysis pipeline shared by the server and the CLI: text → model → rules → problems with
// severities, disable comments applied; and fix-all over those problems.
import type { TextEdit } from 'vscode-languageserver-types';
import { buildModel, type PaperList } from './model/model';
import { WeekCache } from './model/cache';
import { LineIndex } from './model/text';
import { RULES } from './rules/index';
import type { Fix, Problem, Severity } from './rules/rule';
import { severityOf, type Settings } from './settings';
import type { DisableComment } from './model/sectionIndex';

export interface Finding extends Problem {
  readonly severity: Severity;
}

export interface Analysis {
  readonly text: string;
  readonly list: PaperList;
  readonly problems: readonly Finding[];
  /** Set when the document was not analysed (too large); the reason is also the single problem. */
  readonly skipped?: string;
}

export interface AnalysisEnv {
  readonly cache?: WeekCache;
  readonly fileExists?: (relativePath: string) => boolean;
}

/** Analyses a text, given as a string or as its line table (the server's, kept up to date per edit). */
export function analyze(source: string | LineIndex, settings: Settings, env: AnalysisEnv = {}): Analysis {
  const cache = env.cache ?? new WeekCache();
  if (source.length > settings.maxFileSize) {
    const list = buildModel('', cache, settings);
    const text = typeof source === 'string' ? source : source.text;
    const message = `Paper List skipped this document: ${text.length.toLocaleString('en-US')} characters is over the paperList.maxFileSize limit of ${settings.maxFileSize.toLocaleString('en-US')}`;
    return {
      text,
      list,
      skipped: message,
      problems: [{ rule: 'max-file-size', severity: 'info', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    };
  }
  const list = buildModel(source, cache, settings);
  const problems: Finding[] = [];
  const filter = disabledFilter(list.disableComments);
  for (const rule of RULES) {
    const severity = severityOf(settings, rule.name);
    if (!severity) continue;
    rule.check({ list, placeholderPatterns: settings.placeholderPatterns, fileExists: env.fileExists }, (problem) => {
      if (!filter(rule.name, problem.range.start.line)) problems.push({ ...problem, rule: rule.name, severity });
    });
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // The text is joined from the line table only when asked for (fix-all): most versions never are.
  return {
    get text() {
      return list.lines.text;
    },
    list,
    problems,
  };
}

/** `<!-- paper-list-disable rule -->` … `<!-- paper-list-enable rule -->`, `-disable-next-line`, `-disable-line`. */
function disabledFilter(comments: readonly DisableComment[]): (rule: string, line: number) => boolean {
  if (comments.length === 0) return () => false;
  return (rule, line) => {
    let disabled = false;
    for (const c of comments) {
      const applies = c.rules.length === 0 || c.rules.includes(rule);
      if (!applies) continue;
      if (c.kind === 'disable-next-line' && c.line + 1 === line) return true;
      if (c.kind === 'disable-line' && c.line === line) return true;
      if (c.line > line) break;
      if (c.kind === 'disable') disabled = true;
      else if (c.kind === 'enable') disabled = false;
    }
    return disabled;
  };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.start) + edit.newText;
    at = Math.max(at, edit.end);
  }
  return result + text.slice(at);
}

/** The safe fixes of an analysis that do not overlap each other, first come first served; a fix is all or nothing. */
export function compatibleFixes(analysis: Analysis): Fix[] {
  const index = analysis.list.lines;
  const taken: { start: number; end: number }[] = [];
  const chosen: Fix[] = [];
  const seen = new Set<Fix>();
  // A fix that rewrites a week heading changes its anchor: TOC fixes wait for the next fix-all pass, which
  // computes them against the new heading (else a TOC entry would be inserted with the old anchor).
  const headingLines = new Set(analysis.list.weeks.map((w) => w.headingLine));
  const renamesHeading = analysis.problems.some((p) => p.rule !== 'toc' && p.fix?.edits.some((e) => headingLines.has(e.range.start.line)));
  for (const problem of analysis.problems) {
    const fix = problem.fix;
    if (!fix || seen.has(fix) || (renamesHeading && problem.rule === 'toc')) continue;
    seen.add(fix);
    const spans = fix.edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end) }));
    const overlaps = spans.some((s) =>
      taken.some((t) => (s.start < t.end && t.start < s.end) || (s.start === s.end && s.start === t.start) || (t.start === t.end && t.start === s.start)),
    );
    if (overlaps) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}

export interface FixAllResult {
  readonly text: string;
  /** Edits against the original text that produce `text`. */
  readonly edits: TextEdit[];
  readonly passes: number;
  readonly fixesApplied: number;
}

/**
 * Applies every safe fix, re-analysing until nothing is left to fix (a fix can expose another: a corrected
 * week date changes the heading's anchor, which the TOC fix then follows). Bounded, so it always ends.
 */
export function fixAll(text: string, settings: Settings, env: AnalysisEnv = {}, maxPasses = 8): FixAllResult {
  let current = text;
  let fixesApplied = 0;
  let passes = 0;
  const cache = env.cache ?? new WeekCache();
  while (passes < maxPasses) {
    const analysis = analyze(current, settings, { ...env, cache });
    const fixes = compatibleFixes(analysis);
    if (fixes.length === 0) break;
    passes++;
    fixesApplied += fixes.length;
    current = applyEdits(
      current,
      fixes.flatMap((f) => f.edits),
    );
  }
  return { text: current, edits: diffEdits(text, current), passes, fixesApplied };
}

/**
 * Minimal-ish edits turning `before` into `after`: unchanged lines are matched greedily (fixes change a few
 * lines and insert a few), changed lines become one edit each, trimmed to the characters that differ.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = new LineIndex(before);
  const b = new LineIndex(after);
  const aLines = a.lines();
  const bLines = b.lines();
  // Lines are matched with their `\r`: in a mixed CRLF/LF file, lines equal but for it are different lines.
  const aRaw = before.split('\n');
  const bRaw = after.split('\n');
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  const LOOKAHEAD = 64;
  while (i < aLines.length || j < bLines.length) {
    if (i < aLines.length && j < bLines.length && aRaw[i] === bRaw[j]) {
      i++;
      j++;
      continue;
    }
    // Find the nearest resynchronisation point: lines inserted in `after` or removed from `before`.
    let inserted = -1;
    let removed = -1;
    for (let k = 1; k <= LOOKAHEAD; k++) {
      if (inserted === -1 && i < aLines.length && j + k < bLines.length && aRaw[i] === bRaw[j + k]) inserted = k;
      if (removed === -1 && j < bLines.length && i + k < aLines.length && aRaw[i + k] === bRaw[j]) removed = k;
      if (inserted !== -1 || removed !== -1) break;
    }
    if (inserted !== -1 && (removed === -1 || inserted <= removed)) {
      // The inserted lines as `after` has them, line breaks included: a mixed CRLF/LF file stays exact.
      const text = after.slice(b.lineStarts[j], b.lineStarts[j + inserted]);
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: 0 } }, newText: text });
      j += inserted;
    } else if (removed !== -1) {
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i + removed, character: 0 } }, newText: '' });
      i += removed;
    } else if (i < aLines.length && j < bLines.length) {
      const sameBreak = aRaw[i].endsWith('\r') === bRaw[j].endsWith('\r');
      // A changed line break cannot be addressed inside the line: the line is replaced up to the next one.
      if (!sameBreak && i + 1 < aRaw.length && j + 1 < bRaw.length)
        edits.push({ range: { start: { line: i, character: 0 }, end: { line: i + 1, character: 0 } }, newText: bRaw[j] + '\n' });
      else edits.push(lineEdit(i, aLines[i], bLines[j]));
      i++;
      j++;
    } else if (i < aLines.length) {
      // Trailing lines removed.
      const prevEnd = i > 0 ? { line: i - 1, character: aLines[i - 1].length } : { line: 0, character: 0 };
      edits.push({ range: { start: prevEnd, end: { line: aLines.length - 1, character: aLines[aLines.length - 1].length } }, newText: '' });
      i = aLines.length;
    } else {
      const last = aLines.length - 1;
      edits.push({
        range: { start: { line: last, character: aLines[last].length }, end: { line: last, character: aLines[last].length } },
        newText: after.slice(b.lineStarts[j - 1] + bLines[j - 1].length),
      });
      j = bLines.length;
    }
  }
  return edits;
}

function lineEdit(line: number, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { range: { start: { line, character: start }, end: { line, character: endBefore } }, newText: after.slice(start, endAfter) };
}
