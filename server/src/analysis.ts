// The analysis pipeline shared by the server and the CLI: text → model → rules → problems with severities,
// disable comments applied.
import { buildModel, type PaperList, type TocEntry } from './model/model';
import { WeekCache } from './model/cache';
import type { LineIndex } from './model/text';
import { RULES } from './rules/index';
import type { Problem, RuleHost, Severity } from './rules/rule';
import { severityOf, type Settings } from './settings';
import { disabledFilter } from './disableComments';
import { weekProblems, type RuleProblem } from './weekProblems';

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
  readonly lineCount: number;
  /** Per week: heading line, the line's text and the week's year. */
  readonly headingLines: readonly number[];
  readonly headingTexts: readonly string[];
  readonly years: readonly (number | undefined)[];
  readonly toc: readonly TocEntry[];
  readonly tocBreaks: readonly string[];
  readonly anchors: ReadonlyMap<string, number>;
}

/** Undefined when the TOC ends on the document's last line: a fix there reads the whole text for its line breaks, so nothing is reused. */
export function headingInputs(list: PaperList): HeadingInputs | undefined {
  const lineCount = list.lines.lineCount;
  if (list.toc.length > 0 && list.toc[list.toc.length - 1].line + 1 >= lineCount) return undefined;
  return {
    lineCount,
    headingLines: list.weeks.map((w) => w.headingLine),
    headingTexts: list.weeks.map((w) => list.lines.line(w.headingLine)),
    years: list.weeks.map((w) => w.year),
    toc: list.toc,
    tocBreaks: list.toc.map((e) => list.lines.lineBreak(e.line)),
    anchors: list.anchors,
  };
}

export function sameHeadingInputs(a: HeadingInputs, b: HeadingInputs): boolean {
  const same = <T>(x: readonly T[], y: readonly T[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  if (a.lineCount !== b.lineCount || !same(a.headingLines, b.headingLines) || !same(a.headingTexts, b.headingTexts) || !same(a.years, b.years)) return false;
  if (!same(a.toc, b.toc) || !same(a.tocBreaks, b.tocBreaks) || a.anchors.size !== b.anchors.size) return false;
  for (const [anchor, line] of a.anchors) if (b.anchors.get(anchor) !== line) return false;
  return true;
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
  const found: RuleProblem[] = [];
  const host: RuleHost | undefined = env.fileExists ? { fileExists: env.fileExists } : undefined;
  const severities = RULES.map((rule) => severityOf(settings, rule.name));
  const enabled = severities.map((severity, i) => severity !== undefined && !env.skipRules?.has(RULES[i].name));
  // Week-local checks first (cached per week), then the cross-week ones: a rule's problems at one position keep
  // that order, and rules at one position keep the registry's.
  for (const week of list.weeks) found.push(...weekProblems(list, week, RULES, enabled, settings, host));
  const headings = headingInputs(list);
  const memo = cache.headingRules;
  const reuse =
    headings !== undefined &&
    memo !== undefined &&
    memo.settings === settings &&
    memo.enabled.every((on, i) => on === enabled[i]) &&
    sameHeadingInputs(memo.inputs, headings);
  const headingProblems: RuleProblem[] = [];
  if (reuse) found.push(...memo.problems);
  RULES.forEach((rule, ruleIndex) => {
    if (!enabled[ruleIndex] || !rule.check || (reuse && rule.readsHeadingsOnly)) return;
    rule.check({ list, settings, host }, (problem) => {
      found.push({ ruleIndex, problem });
      if (rule.readsHeadingsOnly) headingProblems.push({ ruleIndex, problem });
    });
  });
  cache.headingRules = headings && { settings, enabled, inputs: headings, problems: reuse ? memo.problems : headingProblems };
  const byPosition = (a: RuleProblem, b: RuleProblem) =>
    a.problem.range.start.line - b.problem.range.start.line || a.problem.range.start.character - b.problem.range.start.character || a.ruleIndex - b.ruleIndex;
  const filter = disabledFilter(list.disableComments);
  const problems: Finding[] = [];
  for (const entry of found.sort(byPosition)) {
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
