// Fix-all: every safe fix that does not overlap another, applied and re-analysed until nothing is left to fix.
import type { TextEdit } from 'vscode-languageserver-types';
import { analyze, type Analysis, type AnalysisEnv } from './analysis';
import { WeekCache } from './model/cache';
import type { Fix } from './rules/rule';
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
