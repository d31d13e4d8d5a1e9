// The week-local tier of the rules: each week's problems are computed once and cached with the week's parse,
// on the parse's own lines (the checks see the week as if it began the document), so an edit re-checks only the
// week it touched and a week that moved is only shifted. The cache entry is reused while everything a week check may read is the same: the
// section's text (the parse), the week's year (inferred from neighbours), the line after the section, the list's
// marker style, the settings, and the host's answers to the questions the checks asked.
import type { ParsedWeek } from './model/parseWeek';
import type { PaperList, Week } from './model/model';
import { relocatedProblem, type Fix, type LineMap, type Problem, type Rule, type RuleHost } from './rules/rule';
import type { Settings } from './settings';
import type { Finding } from './analysis';

/** A problem of rule RULES[ruleIndex]. */
export interface RuleProblem {
  readonly ruleIndex: number;
  readonly problem: Omit<Problem, 'rule'>;
  /** The problem as analysis.ts publishes it, kept on wrappers that are cached (a week's problems, the heading rules'). */
  finding?: Finding;
}

interface Entry {
  readonly settings: Settings;
  readonly year: number | undefined;
  readonly lineAfter: string | undefined;
  readonly markerStyle: string;
  readonly hasHost: boolean;
  readonly answers: ReadonlyMap<string, boolean | undefined>;
  readonly relative: readonly RuleProblem[];
  placedAt: number;
  placed: readonly RuleProblem[];
}

const cache = new WeakMap<ParsedWeek, Entry>();

/** The order problems are published in: by position, then by rule (the registry's order); a stable sort keeps the rest. */
export function byPosition(a: RuleProblem, b: RuleProblem): number {
  const x = a.problem.range.start;
  const y = b.problem.range.start;
  return x.line - y.line || x.character - y.character || a.ruleIndex - b.ruleIndex;
}

/**
 * The problems of the week-local checks of `rules` (those enabled: `enabled[i]`) for one week, on the document's lines,
 * in publishing order (byPosition): sorted once here, so the analysis merges the weeks' problems instead of sorting them all.
 */
export function weekProblems(
  list: PaperList,
  week: Week,
  rules: readonly Rule[],
  enabled: readonly boolean[],
  settings: Settings,
  host: RuleHost | undefined,
): readonly RuleProblem[] {
  const lineAfter = week.endLine < list.lines.lineCount ? list.lines.line(week.endLine) : undefined;
  let entry = cache.get(week.parsed);
  if (
    !entry ||
    entry.settings !== settings ||
    entry.year !== week.year ||
    entry.lineAfter !== lineAfter ||
    entry.markerStyle !== list.markerStyle ||
    entry.hasHost !== (host !== undefined) ||
    !sameAnswers(entry.answers, host)
  ) {
    const answers = new Map<string, boolean | undefined>();
    const recording: RuleHost | undefined = host && {
      fileExists(path) {
        const answer = host.fileExists(path);
        answers.set(path, answer);
        return answer;
      },
    };
    // The checks see the week at line 0 (its parse as it is), so its rows are never copied to document lines for them.
    const offset = week.startLine;
    const relative = relativeWeek(week);
    const line = (n: number) => {
      if (n < 0 || n > relative.endLine) throw new Error(`a week-local check read line ${n} outside its week (0-${relative.endLine})`);
      return n + offset < list.lines.lineCount ? list.lines.line(n + offset) : undefined;
    };
    const found: RuleProblem[] = [];
    rules.forEach((rule, ruleIndex) => {
      if (enabled[ruleIndex] && rule.checkWeek)
        rule.checkWeek({ week: relative, settings, host: recording, markerStyle: list.markerStyle, line }, (problem) => found.push({ ruleIndex, problem }));
    });
    found.sort(byPosition);
    entry = {
      settings,
      year: week.year,
      lineAfter,
      markerStyle: list.markerStyle,
      hasHost: host !== undefined,
      answers,
      relative: found,
      placedAt: offset,
      placed: offset === 0 ? found : moved(found, offset),
    };
    cache.set(week.parsed, entry);
  } else if (entry.placedAt !== week.startLine) {
    entry.placed = moved(entry.placed, week.startLine - entry.placedAt);
    entry.placedAt = week.startLine;
  }
  return entry.placed;
}

/** The week as if its section began the document: its parse's own positions, no copy of its rows. */
function relativeWeek(week: Week): Week {
  const offset = week.startLine;
  if (offset === 0) return week;
  const parsed = week.parsed;
  return {
    index: week.index,
    level: week.level,
    headingLine: week.headingLine - offset,
    heading: week.heading,
    headingSpan: { ...week.headingSpan, line: week.headingSpan.line - offset },
    anchor: week.anchor,
    dates: week.dates,
    dateError: week.dateError,
    year: week.year,
    span: week.span,
    startLine: 0,
    endLine: week.endLine - offset,
    lastContentLine: week.lastContentLine - offset,
    rows: parsed.rows,
    tables: parsed.tables,
    otherLinks: parsed.otherLinks,
    parsed,
  };
}

/**
 * The problems `delta` lines further down (a week's own problems are in its file: other files' edits stay where they
 * are). Problems that share a fix (a week's row numbers, one renumbering) share its moved copy. A placed problem the
 * analysis published carries its finding (analysis.ts): the finding is moved instead, and is the new wrapper's problem
 * and finding both, so a moved week's problems need no finding of their own made and looked up again.
 */
function moved(placed: readonly RuleProblem[], delta: number): RuleProblem[] {
  const lineOf: LineMap = (uri, line) => (uri === undefined ? line + delta : line);
  const movedFixes = placed.length > 1 ? new Map<Fix, Fix>() : undefined;
  return placed.map(({ ruleIndex, problem, finding }) => {
    if (!finding) return { ruleIndex, problem: relocatedProblem(problem, lineOf, movedFixes)! };
    const movedFinding = relocatedProblem(finding, lineOf, movedFixes)!;
    return { ruleIndex, problem: movedFinding, finding: movedFinding };
  });
}

/** Whether the host still gives the answers a week's checks were given (most weeks asked nothing). */
function sameAnswers(answers: ReadonlyMap<string, boolean | undefined>, host: RuleHost | undefined): boolean {
  if (answers.size === 0) return true;
  for (const [path, answer] of answers) if (host?.fileExists(path) !== answer) return false;
  return true;
}
