// Analysis of a multi-file list: each file's own rules run per file (cached per file and version, as for a single
// file); the cross-week rules (those with checkList) run once over the list model and report into any file. A fix that
// renames a week heading also carries the edit of its index entry (text and anchor), so no fix breaks a link.
import type { TextEdit } from 'vscode-languageserver-types';
import { analyze, cappedSeverity, type Analysis, type AnalysisEnv, type Finding } from '../analysis';
import type { LineIndex } from '../model/text';
import type { PaperList } from '../model/model';
import { parseWeekDates } from '../model/dates';
import { githubSlug } from '../model/urls';
import { tocEntryText, tocStyleOf } from '../model/toc';
import { applyEdits } from '../textEdits';
import { RULES } from '../rules/index';
import { replaceSpan, type Fix } from '../rules/rule';
import { fixAcrossFiles } from '../rules/tocAcrossFiles';
import { severityOf, type Settings } from '../settings';
import { disabledFilter } from '../disableComments';
import { ListModel, type AbsentFile, type ListFile, type ListFileRole } from './listModel';

/** The rules a multi-file list runs over all its files at once rather than per file. */
export const LIST_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.checkList).map((r) => r.name));

/** One file of a multi-file list analysed alone: its own rules, with its year anchoring year inference. */
export function analyzeListFile(source: string | LineIndex, settings: Settings, env: AnalysisEnv): Analysis {
  return analyze(source, settings, { ...env, skipRules: LIST_RULES });
}

export interface AnalyzedFile {
  readonly uri: string;
  readonly role: ListFileRole;
  readonly year?: number;
  readonly analysis: Analysis;
}

export interface ListAnalysis {
  readonly model: ListModel;
  /** Every file's problems (its own and the list rules'), sorted by position; a file over maxFileSize has its one info problem. */
  readonly problems: ReadonlyMap<string, readonly Finding[]>;
  readonly files: ReadonlyMap<string, AnalyzedFile>;
}

/**
 * Runs the list rules over the files' analyses. `model` is the list's previous model, updated in place (only the
 * changed files' index contributions are redone); pass undefined to build one.
 */
export function analyzeList(
  indexUri: string,
  files: readonly AnalyzedFile[],
  absent: ReadonlyMap<string, AbsentFile>,
  settings: Settings,
  model?: ListModel,
): ListAnalysis {
  const modelled = files.filter((f) => f.analysis.skipped === undefined);
  const listFiles: ListFile[] = modelled.map((f) => ({ uri: f.uri, role: f.role, year: f.year, list: f.analysis.list }));
  if (model && model.absent === absent) model.update(listFiles);
  else model = new ListModel(indexUri, listFiles, absent);
  const problems = new Map<string, Finding[]>(files.map((f) => [f.uri, [...f.analysis.problems]]));
  const filters = new Map(modelled.map((f) => [f.uri, disabledFilter(f.analysis.list.disableComments)]));
  for (const rule of RULES) {
    const severity = severityOf(settings, rule.name);
    if (!severity || !rule.checkList) continue;
    rule.checkList({ list: model, settings }, ({ uri, ...problem }) => {
      if (filters.get(uri)?.(rule.name, problem.range.start.line)) return;
      problems.get(uri)?.push({ ...problem, rule: rule.name, severity: cappedSeverity(severity, problem.severity) });
    });
  }
  for (const [uri, found] of problems) {
    const file = model.file(uri);
    if (file) {
      for (let i = 0; i < found.length; i++) {
        const fix = found[i].fix;
        if (fix && found[i].rule !== 'toc') {
          const followed = followHeadingRenames(model, file, fix);
          if (followed !== fix) found[i] = { ...found[i], fix: followed };
        }
      }
    }
    found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  return { model, problems, files: new Map(files.map((f) => [f.uri, f])) };
}

/**
 * A fix that rewrites week headings of `file`, extended with the edits that keep the index entries pointing at those
 * weeks (anchor, and text in the entry's style); undefined when the new anchor would be ambiguous (a link would break).
 */
function followHeadingRenames(model: ListModel, file: ListFile, fix: Fix): Fix | undefined {
  const headings = headingLinesOf(file.list);
  if (!fix.edits.some((e) => e.range.start.line === e.range.end.line && headings.has(e.range.start.line))) return fix;
  const weeks = file.list.weeks.filter((w) => fix.edits.some((e) => e.range.start.line === w.headingLine && e.range.end.line === w.headingLine));
  const indexEdits: TextEdit[] = [];
  for (const week of weeks) {
    const lineText = file.list.lines.line(week.headingLine);
    const lineEdits = fix.edits
      .filter((e) => e.range.start.line === week.headingLine)
      .map((e) => ({ ...e, range: { start: { line: 0, character: e.range.start.character }, end: { line: 0, character: e.range.end.character } } }));
    const newLine = applyEdits(lineText, lineEdits);
    const heading = newLine.slice(week.headingSpan.start, week.headingSpan.end + (newLine.length - lineText.length)).trim();
    const anchor = githubSlug(heading);
    const entries = model.entries.filter((r) => r.week === week && r.file === file);
    if (entries.length === 0) continue;
    if (anchor !== week.anchor && file.list.anchors.has(anchor)) return undefined;
    for (const r of entries) {
      const hash = r.entry.target.indexOf('#');
      indexEdits.push(replaceSpan(r.entry.link.targetSpan, `${r.entry.target.slice(0, hash)}#${anchor}`));
      // The text follows when it named this week; a text naming another week is the toc rule's to report.
      const parsed = parseWeekDates(heading);
      if (r.entry.dates && week.dates && parsed.ok && !/[[\]]/.test(heading)) {
        const text = tocEntryText(tocStyleOf(r.entry), heading);
        if (text !== r.entry.text && sameDays(r.entry.dates, week.dates)) indexEdits.push(replaceSpan(r.entry.link.labelSpan, text));
      }
    }
  }
  if (indexEdits.length === 0) return fix;
  const byUri = new Map<string, TextEdit[]>([[file.uri, [...fix.edits]]]);
  for (const other of fix.otherFiles ?? []) byUri.set(other.uri, [...other.edits]);
  byUri.set(model.indexUri, [...(byUri.get(model.indexUri) ?? []), ...indexEdits]);
  return fixAcrossFiles(fix.title, file.uri, byUri);
}

const headingLines = new WeakMap<PaperList, ReadonlySet<number>>();

/** The lines of the list's week headings, found once per file model: most fixes touch none, and are then let through at once. */
function headingLinesOf(list: PaperList): ReadonlySet<number> {
  let lines = headingLines.get(list);
  if (!lines) headingLines.set(list, (lines = new Set(list.weeks.map((w) => w.headingLine))));
  return lines;
}

function sameDays(a: { start: { month: number; day: number }; end: { month: number; day: number } }, b: typeof a): boolean {
  return a.start.month === b.start.month && a.start.day === b.start.day && a.end.month === b.end.month && a.end.day === b.end.day;
}
