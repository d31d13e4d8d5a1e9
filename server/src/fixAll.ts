// Fix-all: every safe fix that does not overlap another, applied and re-analysed until nothing is left to fix.
import type { TextEdit } from 'vscode-languageserver-types';
import { analyze, type Analysis, type AnalysisEnv } from './analysis';
import { WeekCache } from './model/cache';
import type { Fix } from './rules/rule';
import type { LineIndex } from './model/text';
import type { Settings } from './settings';
import { applyEdits, diffEdits } from './textEdits';

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

/**
 * compatibleFixes over the files of a list: a fix is chosen when none of its edits, in any file it touches, overlaps
 * an edit already chosen. TOC fixes wait a pass when another fix renames a heading (see compatibleFixes).
 */
export function compatibleFixesAcrossFiles(
  fixes: readonly { uri: string; rule: string; fix: Fix }[],
  linesOf: (uri: string) => LineIndex | undefined,
  headingLinesOf: (uri: string) => readonly number[],
): { uri: string; fix: Fix }[] {
  const taken = new Map<string, { start: number; end: number }[]>();
  const seen = new Set<Fix>();
  const chosen: { uri: string; fix: Fix }[] = [];
  const headingLines = new Map<string, Set<number>>();
  const isHeading = (uri: string, line: number) => {
    let lines = headingLines.get(uri);
    if (!lines) headingLines.set(uri, (lines = new Set(headingLinesOf(uri))));
    return lines.has(line);
  };
  const renamesHeading = fixes.some(({ uri, rule, fix }) => rule !== 'toc' && fix.edits.some((e) => isHeading(uri, e.range.start.line)));
  for (const { uri, rule, fix } of fixes) {
    if (seen.has(fix) || (renamesHeading && rule === 'toc')) continue;
    seen.add(fix);
    const parts = [{ uri, edits: fix.edits }, ...(fix.otherFiles ?? [])];
    const spans: { uri: string; start: number; end: number }[] = [];
    let known = true;
    for (const part of parts) {
      const lines = linesOf(part.uri);
      if (!lines) known = false;
      else for (const e of part.edits) spans.push({ uri: part.uri, start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) });
    }
    if (!known) continue;
    const overlaps = spans.some((s) =>
      (taken.get(s.uri) ?? []).some(
        (t) => (s.start < t.end && t.start < s.end) || (s.start === s.end && s.start === t.start) || (t.start === t.end && t.start === s.start),
      ),
    );
    if (overlaps) continue;
    for (const s of spans) {
      const list = taken.get(s.uri);
      if (list) list.push(s);
      else taken.set(s.uri, [s]);
    }
    chosen.push({ uri, fix });
  }
  return chosen;
}

export interface FixAllResult {
  readonly text: string;
  /** Edits against the original text that produce `text`. */
  readonly edits: TextEdit[];
  readonly passes: number;
  readonly fixesApplied: number;
  /** The applied fixes' notes (see Fix.note), in order. */
  readonly notes: readonly string[];
}

/** "3 fixes applied" (", in 2 files" for a multi-file list), then the notes: what Fix All tells the curator. */
export function fixAllMessage(result: Pick<FixAllResult, 'fixesApplied' | 'notes'>, filesChanged = 1): string {
  const head = `${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'} applied${filesChanged > 1 ? ` in ${filesChanged} files` : ''}`;
  return result.notes.length > 0 ? `${head}. ${result.notes.join('. ')}.` : head;
}

/**
 * Applies every safe fix, re-analysing until nothing is left to fix (a fix can expose another: a corrected
 * week date changes the heading's anchor, which the TOC fix then follows). Bounded, so it always ends.
 */
export function fixAll(text: string, settings: Settings, env: AnalysisEnv = {}, maxPasses = 8): FixAllResult {
  let current = text;
  let fixesApplied = 0;
  let passes = 0;
  const notes: string[] = [];
  const cache = env.cache ?? new WeekCache();
  while (passes < maxPasses) {
    const analysis = analyze(current, settings, { ...env, cache });
    const fixes = compatibleFixes(analysis);
    if (fixes.length === 0) break;
    passes++;
    fixesApplied += fixes.length;
    for (const fix of fixes) if (fix.note) notes.push(fix.note);
    current = applyEdits(
      current,
      fixes.flatMap((f) => f.edits),
    );
  }
  return { text: current, edits: diffEdits(text, current), passes, fixesApplied, notes };
}
