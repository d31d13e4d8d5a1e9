import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { PaperList, Week } from '../model/model';
import type { MarkerStyle } from '../model/numbering';
import type { ListModel } from '../list/listModel';
import type { Span } from '../model/parseWeek';
import { toRange } from '../model/ranges';
import type { Settings } from '../settings';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Level = Severity | 'off';

/** An edit set that resolves a problem; data until the LSP/CLI boundary turns it into a WorkspaceEdit or file write. */
export interface Fix {
  readonly title: string;
  /** Edits in the problem's own file. */
  readonly edits: readonly TextEdit[];
  /** Edits in other files of a multi-file list (the index entry of a renamed heading); one WorkspaceEdit with `edits`. */
  readonly otherFiles?: readonly FileEdits[];
  /** What the curator should know after applying it, e.g. that a renumbered week now has fewer rows than its numbers said. */
  readonly note?: string;
}

export interface FileEdits {
  readonly uri: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly range: Range;
  readonly message: string;
  /** The file, when it is another file of the list than the problem's. */
  readonly uri?: string;
}

export interface Problem {
  readonly rule: string;
  readonly range: Range;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** The safe fix, applied by quick fix, fix-all and `--fix`. */
  readonly fix?: Fix;
  /** At most this severity, whatever the rule's: a skipped week is information even where week-sequence warns. */
  readonly severity?: Severity;
  /** Other actions offered in the editor only (never applied by fix-all), e.g. "Remove this row". */
  readonly suggestions?: readonly Fix[];
}

/** What rules may ask of the world beyond the text, answered at once from what the platform's Host already knows. */
export interface RuleHost {
  /** Whether a path relative to the document exists; undefined while the answer is not known yet (nothing is reported then). */
  fileExists(relativePath: string): boolean | undefined;
}

export interface RuleContext {
  readonly list: PaperList;
  readonly settings: Settings;
  /** Absent when the document has no folder (untitled): rules about other files stay silent. */
  readonly host?: RuleHost;
}

/** What a week-local check may read: the week, its year, and the lines of its section plus the line after it. */
export interface WeekRuleContext {
  readonly week: Week;
  readonly settings: Settings;
  readonly host?: RuleHost;
  /** The list's row-number marker style (the one list-wide fact a week check reads). */
  readonly markerStyle: MarkerStyle;
  /** A line of the week's section, or the line right after it (undefined past the document's end); others throw. */
  line(line: number): string | undefined;
}

export type Report = (problem: Omit<Problem, 'rule'>) => void;

/**
 * A rule has a week-local part, a cross-week part, or both. The week-local part's problems depend only on
 * what WeekRuleContext offers, so they are computed per week and cached with the week's parse (weekProblems.ts);
 * the cross-week part reads the whole list and its indexes on every analysis.
 */
export interface Rule {
  /** Stable kebab-case name: diagnostic code, CLI output, setting key, disable comments. */
  readonly name: string;
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** What the fix does, for the README; undefined when the rule has no safe fix. */
  readonly fix?: string;
  checkWeek?(context: WeekRuleContext, report: Report): void;
  check?(context: RuleContext, report: Report): void;
  /**
   * True when `check` and `checkList` read only the weeks' heading lines (their text, dates, year and order), the TOC
   * entries, the anchors and the line breaks of TOC lines (and, over a list, the index and its resolved entries): their
   * problems are then reused while those are unchanged, so an edit inside a week's rows does not re-run them, and moved
   * with their headings when rows above them were inserted or deleted (analysis.ts, list/listAnalysis.ts). Such a rule
   * reports only on heading and TOC lines, and a message names a line as `line N`.
   */
  readonly readsHeadingsOnly?: boolean;
  /**
   * A cross-week rule's check over a multi-file list (every file's weeks; problems name their file). Rules that have
   * it run it instead of `check` when the list spans files; single-file lists use `check` alone.
   */
  checkList?(context: ListRuleContext, report: (problem: ListProblem) => void): void;
}

export interface ListRuleContext {
  readonly list: ListModel;
  readonly settings: Settings;
}

export type ListProblem = Omit<Problem, 'rule'> & { readonly uri: string };

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { range: toRange(span), newText };
}

export function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: { start: { line, character }, end: { line, character } }, newText };
}

/** Where a line of a file (a problem's `uri`; undefined: the problem's own file in a single-file analysis) is now; undefined: nowhere known. */
export type LineMap = (uri: string | undefined, line: number) => number | undefined;

/**
 * The problem with every position on the line `lineOf` gives it: its range, its related locations (in their file), its
 * fix's and suggestions' edits (in the problem's file, and other files' by their uri). Undefined when a line maps nowhere.
 */
export function relocatedProblem<P extends Omit<Problem, 'rule'> & { readonly uri?: string }>(
  problem: P,
  lineOf: LineMap,
  /** Fixes already moved by the same `lineOf` (which maps every line), for problems that share a fix (a week's row numbers). */
  movedFixes?: Map<Fix, Fix>,
): P | undefined {
  let lost = false;
  const line = (uri: string | undefined, at: number): number => {
    const now = lineOf(uri, at);
    if (now === undefined) lost = true;
    return now ?? at;
  };
  const range = (uri: string | undefined, r: Range): Range => ({
    start: { line: line(uri, r.start.line), character: r.start.character },
    end: { line: line(uri, r.end.line), character: r.end.character },
  });
  const edits = (uri: string | undefined, list: readonly TextEdit[]): TextEdit[] => list.map((e) => ({ ...e, range: range(uri, e.range) }));
  const own = problem.uri;
  const fix = (f: Fix): Fix => {
    let moved = movedFixes?.get(f);
    if (!moved) {
      moved = { ...f, edits: edits(own, f.edits), ...(f.otherFiles && { otherFiles: f.otherFiles.map((o) => ({ ...o, edits: edits(o.uri, o.edits) })) }) };
      movedFixes?.set(f, moved);
    }
    return moved;
  };
  const relocated: P = {
    ...problem,
    range: range(own, problem.range),
    ...(problem.related && { related: problem.related.map((r) => ({ ...r, range: range(r.uri ?? own, r.range) })) }),
    ...(problem.fix && { fix: fix(problem.fix) }),
    ...(problem.suggestions && { suggestions: problem.suggestions.map(fix) }),
  };
  return lost ? undefined : relocated;
}
