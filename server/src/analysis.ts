// The analysis pipeline shared by the server and the CLI: text → model → rules → problems with severities,
// disable comments applied.
import { buildModel, type PaperList, type TocEntry } from './model/model';
import { WeekCache } from './model/cache';
import { indexOfLine, type LineIndex } from './model/text';
import { RULES } from './rules/index';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { relocatedProblem, type FileEdits, type Fix, type LineMap, type Problem, type RelatedLocation, type RuleHost, type Severity } from './rules/rule';
import { severityOf, type Settings } from './settings';
import { disabledFilter } from './disableComments';
import { byPosition, weekProblems, type RuleProblem } from './weekProblems';

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
  /** Whether a path relative to the document exists (undefined: not known yet); absent when the document has no folder (untitled). */
  readonly fileExists?: (relativePath: string) => boolean | undefined;
  /** A year file's year (see ModelOptions.fallbackYear). */
  readonly fallbackYear?: number;
  /** Rules not to run on this file alone: the cross-week rules, which a multi-file list runs over all its files (listAnalysis.ts). */
  readonly skipRules?: ReadonlySet<string>;
}

/** Severities from least to most severe: a cap lowers, the tree's worst picks the highest. */
export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The rule's severity, lowered to the problem's own cap when it has one. */
export function cappedSeverity(ruleSeverity: Severity, cap: Severity | undefined): Severity {
  return cap !== undefined && SEVERITY_RANK[cap] < SEVERITY_RANK[ruleSeverity] ? cap : ruleSeverity;
}

/** What the rules marked readsHeadingsOnly read of a list, to tell whether their problems can be reused. */
export interface HeadingInputs {
  /** Per week: heading line, the line's text and the week's year. */
  readonly headingLines: readonly number[];
  readonly headingTexts: readonly string[];
  readonly years: readonly (number | undefined)[];
  readonly toc: readonly TocEntry[];
  /** The TOC entries' lines, ascending. */
  readonly tocLines: readonly number[];
  readonly tocBreaks: readonly string[];
  readonly anchors: ReadonlyMap<string, number>;
}

/** Each list's heading inputs (null: none), computed once: a multi-file list reads every file's on each edit, and most files did not change. */
const headingInputsOf = new WeakMap<PaperList, HeadingInputs | null>();

/** Undefined when the TOC ends on the document's last line: a fix there reads the whole text for its line breaks, so nothing is reused. */
export function headingInputs(list: PaperList): HeadingInputs | undefined {
  let inputs = headingInputsOf.get(list);
  if (inputs === undefined) headingInputsOf.set(list, (inputs = computedHeadingInputs(list) ?? null));
  return inputs ?? undefined;
}

function computedHeadingInputs(list: PaperList): HeadingInputs | undefined {
  const lineCount = list.lines.lineCount;
  if (list.toc.length > 0 && list.toc[list.toc.length - 1].line + 1 >= lineCount) return undefined;
  return {
    headingLines: list.weeks.map((w) => w.headingLine),
    headingTexts: list.weeks.map((w) => list.lines.line(w.headingLine)),
    years: list.weeks.map((w) => w.year),
    toc: list.toc,
    tocLines: list.toc.map((e) => e.line),
    tocBreaks: list.toc.map((e) => list.lines.lineBreak(e.line)),
    anchors: list.anchors,
  };
}

const lineNumber = (line: number): number => line;

export const sameArrays = <T>(x: readonly T[], y: readonly T[]): boolean => x === y || (x.length === y.length && x.every((v, i) => v === y[i]));

/**
 * Where `before`'s lines are in `after` when `after` reads as `before` with week headings moved and nothing else the
 * heading rules read changed (rows inserted or deleted above some headings): old line → new line for the lines those
 * rules' problems may be on (week headings and TOC lines; a TOC that moved is not the same TOC), undefined for any other
 * line. Undefined when anything else differs.
 */
export function movedHeadings(before: HeadingInputs, after: HeadingInputs): ((line: number) => number | undefined) | undefined {
  // The same inputs are the same list (headingInputs): nothing in it moved, every line is where it was.
  if (before === after) return lineNumber;
  if (!sameArrays(before.headingTexts, after.headingTexts) || !sameArrays(before.years, after.years)) return undefined;
  if (!sameArrays(before.toc, after.toc) || !sameArrays(before.tocBreaks, after.tocBreaks) || before.anchors.size !== after.anchors.size) return undefined;
  const headings = before.headingLines;
  const lineOf = (line: number): number | undefined => {
    const week = indexOfLine(headings, line, lineNumber);
    if (week !== -1) return after.headingLines[week];
    return indexOfLine(before.tocLines, line, lineNumber) !== -1 ? line : undefined;
  };
  // Other headings' anchors must not move: their lines are not mapped. The same map (one per section index) with the
  // same heading lines has nothing to check, which spares a walk over every anchor on most edits.
  if (before.anchors !== after.anchors || !sameArrays(headings, after.headingLines))
    for (const [anchor, line] of before.anchors) if (after.anchors.get(anchor) !== (lineOf(line) ?? line)) return undefined;
  return lineOf;
}

/**
 * The heading rules' problems of `before` on `after`'s lines (see movedHeadings), `lineOf` mapping a line of a file (a
 * problem's `uri`, undefined in a single file): a problem that did not move is the same object (so it keeps its finding
 * and diagnostic). Undefined when a problem touches a line that is not mapped, or its message names a line that moved
 * ("line N": rule.ts asks messages to name lines so), which would now be stale.
 */
export function movedProblems<P extends Omit<Problem, 'rule'> & { readonly uri?: string }>(problems: readonly P[], lineOf: LineMap): P[] | undefined {
  const result: P[] = [];
  for (const problem of problems) {
    const movedLines: number[] = [];
    const relocated = relocatedProblem(problem, (uri, line) => {
      const now = lineOf(uri, line);
      if (now !== undefined && now !== line) movedLines.push(line);
      return now;
    });
    if (!relocated || namesMovedLine(problem.message, movedLines)) return undefined;
    result.push(movedLines.length === 0 ? problem : relocated);
  }
  return result;
}

type ComparedProblem = Omit<Problem, 'rule'> & { readonly uri?: string };

/**
 * Every field of a problem, each compared below: a field added to Problem that is not compared here fails to compile,
 * so a problem that differs only in it cannot be taken for the previous one.
 */
const COMPARED_FIELDS: Record<keyof ComparedProblem, true> = {
  range: true,
  message: true,
  related: true,
  fix: true,
  severity: true,
  suggestions: true,
  uri: true,
};
const COMPARED_FIX_FIELDS: Record<keyof Fix, true> = { title: true, edits: true, otherFiles: true, note: true };
void COMPARED_FIELDS;
void COMPARED_FIX_FIELDS;

/**
 * Whether two problems hold the same data. Written out field by field: the heading rules' problems are compared with
 * the previous version's after every heading or TOC edit (a 10 MB list's hundreds), and a generic walk over their keys
 * cost several times as much.
 */
function sameProblem(a: ComparedProblem, b: ComparedProblem): boolean {
  if (a === b) return true;
  return (
    a.message === b.message &&
    sameRange(a.range, b.range) &&
    a.severity === b.severity &&
    a.uri === b.uri &&
    sameList(a.related, b.related, sameRelated) &&
    sameFix(a.fix, b.fix) &&
    sameList(a.suggestions, b.suggestions, sameFix)
  );
}

const sameRange = (a: Range, b: Range): boolean =>
  a === b || (a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);

const sameRelated = (a: RelatedLocation, b: RelatedLocation): boolean => a.message === b.message && a.uri === b.uri && sameRange(a.range, b.range);

const sameEdit = (a: TextEdit, b: TextEdit): boolean => a.newText === b.newText && sameRange(a.range, b.range);

const sameFileEdits = (a: FileEdits, b: FileEdits): boolean => a.uri === b.uri && sameList(a.edits, b.edits, sameEdit);

function sameFix(a: Fix | undefined, b: Fix | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.title === b.title && a.note === b.note && sameList(a.edits, b.edits, sameEdit) && sameList(a.otherFiles, b.otherFiles, sameFileEdits);
}

/** Two optional lists, item by item (absent and absent are the same; absent and empty are not, as JSON would tell them apart). */
function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

/**
 * `fresh` with each problem that holds the same data as one of `previous` (by `problemOf`) replaced by that one: a rule
 * that runs again after an edit (the heading rules, after a heading or TOC line changed) then reports most of its
 * problems as the objects it reported before, which keep their findings, diagnostics and encoded JSON.
 */
export function keptEqualProblems<P>(
  fresh: readonly P[],
  previous: readonly P[],
  problemOf: (p: P) => Omit<Problem, 'rule'> & { readonly uri?: string },
  ruleOf: (p: P) => unknown = () => undefined,
): P[] {
  if (previous.length === 0) return [...fresh];
  const same = (a: P, b: P) => ruleOf(a) === ruleOf(b) && sameProblem(problemOf(a), problemOf(b));
  const taken = new Uint8Array(previous.length);
  // Rules report in a stable order, so most problems equal the previous one after the last match; the others are
  // looked up by message (built on the first miss), and the walk goes on after what they matched.
  let next = 0;
  let byMessage: Map<string, number[]> | undefined;
  return fresh.map((p) => {
    if (next < previous.length && !taken[next] && same(previous[next], p)) {
      taken[next] = 1;
      return previous[next++];
    }
    if (!byMessage) {
      byMessage = new Map();
      previous.forEach((q, i) => {
        const message = problemOf(q).message;
        const at = byMessage!.get(message);
        if (at) at.push(i);
        else byMessage!.set(message, [i]);
      });
    }
    const match = byMessage.get(problemOf(p).message)?.find((i) => !taken[i] && same(previous[i], p));
    if (match === undefined) return p;
    taken[match] = 1;
    next = match + 1;
    return previous[match];
  });
}

const NAMED_LINE = /\bline (\d+)\b/g;

/** Whether a message names one of these (0-based) lines as `line N`; most name none, and are let through without a search. */
function namesMovedLine(message: string, movedLines: readonly number[]): boolean {
  if (movedLines.length === 0 || !message.includes('line ')) return false;
  for (const named of message.matchAll(NAMED_LINE)) if (movedLines.includes(Number(named[1]) - 1)) return true;
  return false;
}

/**
 * Each reported problem's finding: a problem object a rule reports again (a week's cached problems, a link's, the
 * heading rules' reused ones, a list rule's replayed ones) keeps its finding, and so its diagnostic and that
 * diagnostic's encoded JSON (features/diagnostics.ts).
 */
const findings = new WeakMap<object, Finding>();

/** The finding of `reported` (`problem` is it without what a finding leaves out), kept while its rule and severity are. */
export function keptFinding(reported: object, rule: string, severity: Severity, problem: () => Omit<Problem, 'rule'>): Finding {
  let finding = findings.get(reported);
  if (finding?.rule !== rule || finding.severity !== severity) findings.set(reported, (finding = { ...problem(), rule, severity }));
  return finding;
}

/** movedProblems for the single-file rules' wrappers: one that did not move is the same wrapper (it carries its finding). */
function movedRuleProblems(problems: readonly RuleProblem[], lineOf: (line: number) => number | undefined): readonly RuleProblem[] | undefined {
  const moved = movedProblems(
    problems.map((p) => p.problem),
    (_uri, line) => lineOf(line),
  );
  return moved && moved.map((problem, i) => (problem === problems[i].problem ? problems[i] : { ruleIndex: problems[i].ruleIndex, problem }));
}

/** Analyses a text, given as a string or as its line table (the server's, kept up to date per edit). */
export function analyze(source: string | LineIndex, settings: Settings, env: AnalysisEnv = {}): Analysis {
  const cache = env.cache ?? new WeekCache();
  const paperLabel = settings.requiredLinks[0];
  if (source.length > settings.maxFileSize) {
    const list = buildModel('', cache, { paperLabel });
    const text = typeof source === 'string' ? source : source.text;
    const message = `Paper List skipped this document: ${text.length.toLocaleString('en-US')} characters is over the paperList.maxFileSize limit of ${settings.maxFileSize.toLocaleString('en-US')}`;
    return {
      text,
      list,
      skipped: message,
      problems: [{ rule: 'max-file-size', severity: 'info', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    };
  }
  const list = buildModel(source, cache, { paperLabel, fallbackYear: env.fallbackYear });
  const weekFound: RuleProblem[] = [];
  const host: RuleHost | undefined = env.fileExists ? { fileExists: env.fileExists } : undefined;
  const severities = RULES.map((rule) => severityOf(settings, rule.name));
  const enabled = severities.map((severity, i) => severity !== undefined && !env.skipRules?.has(RULES[i].name));
  // Week-local checks first (cached per week), then the cross-week ones: a rule's problems at one position keep
  // that order, and rules at one position keep the registry's.
  // Pushed one by one: a spread call copies each week's problems into an arguments list first. Each week's come in
  // publishing order and the weeks in line order, so together they are in order unless a check reported outside its
  // week's lines (then everything is sorted): only the cross-week problems, a few, are sorted and merged in.
  let weeksInOrder = true;
  for (const week of list.weeks) {
    const own = weekProblems(list, week, RULES, enabled, settings, host);
    if (own.length > 0 && weekFound.length > 0 && byPosition(weekFound[weekFound.length - 1], own[0]) > 0) weeksInOrder = false;
    for (let i = 0; i < own.length; i++) weekFound.push(own[i]);
  }
  const cross: RuleProblem[] = [];
  const headings = headingInputs(list);
  const memo = cache.headingRules;
  // Reused as they were, or moved with their headings (rows inserted or deleted above them).
  const lineOf = headings && memo?.settings === settings && memo.enabled.every((on, i) => on === enabled[i]) ? movedHeadings(memo.inputs, headings) : undefined;
  const reused = lineOf && (sameArrays(memo!.inputs.headingLines, headings!.headingLines) ? memo!.problems : movedRuleProblems(memo!.problems, lineOf));
  const fresh: RuleProblem[] = [];
  RULES.forEach((rule, ruleIndex) => {
    if (!enabled[ruleIndex] || !rule.check || (reused && rule.readsHeadingsOnly)) return;
    rule.check({ list, settings, host }, (problem) => (rule.readsHeadingsOnly ? fresh : cross).push({ ruleIndex, problem }));
  });
  // Run again: the problems an edit left as they were are the previous objects (a rule's own order is kept, and sorting
  // by position below is stable).
  const headingProblems =
    reused ??
    keptEqualProblems(
      fresh,
      memo?.problems ?? [],
      (p) => p.problem,
      (p) => p.ruleIndex,
    );
  for (let i = 0; i < headingProblems.length; i++) cross.push(headingProblems[i]);
  cache.headingRules = headings && { settings, enabled, inputs: headings, problems: headingProblems };
  const ordered = weeksInOrder ? mergedByPosition(weekFound, cross.sort(byPosition)) : [...weekFound, ...cross].sort(byPosition);
  const filter = disabledFilter(list.disableComments);
  const problems: Finding[] = [];
  for (const entry of ordered) {
    const { ruleIndex, problem } = entry;
    const rule = RULES[ruleIndex].name;
    if (filter(rule, problem.range.start.line)) continue;
    const severity = cappedSeverity(severities[ruleIndex]!, problem.severity);
    // A cached wrapper (a week's problems, the heading rules') carries its finding; a problem object a rule reported
    // again in a new wrapper (a link's, a repeated key's) finds it by the object.
    const cached = entry.finding;
    const finding = cached?.rule === rule && cached.severity === severity ? cached : keptFinding(problem, rule, severity, () => problem);
    entry.finding = finding;
    problems.push(finding);
  }
  return new AnalysisWithLazyText(list, problems);
}

/**
 * Two runs in publishing order merged into one, as a stable sort of `first` followed by `second` orders them: of two
 * problems at the same place by the same rule, the one from `first` comes first.
 */
function mergedByPosition(first: readonly RuleProblem[], second: readonly RuleProblem[]): readonly RuleProblem[] {
  if (second.length === 0) return first;
  const merged: RuleProblem[] = [];
  let j = 0;
  for (let i = 0; i < first.length; i++) {
    while (j < second.length && byPosition(second[j], first[i]) < 0) merged.push(second[j++]);
    merged.push(first[i]);
  }
  while (j < second.length) merged.push(second[j++]);
  return merged;
}

/**
 * An analysis whose text is joined from the line table only when asked for (fix-all): most versions never are. A class:
 * an object literal with a getter gets a hidden class of its own on every call (see model.ts's PlacedWeekModel).
 */
class AnalysisWithLazyText implements Analysis {
  constructor(
    readonly list: PaperList,
    readonly problems: readonly Finding[],
  ) {}
  get text(): string {
    return this.list.lines.text;
  }
}
