// Analysis of a multi-file list: each file's own rules run per file (cached per file and version, as for a single
// file); the cross-week rules (those with checkList) run once over the list model and report into any file. A fix that
// renames a week heading also carries the edit of its index entry (text and anchor), so no fix breaks a link.
import type { TextEdit } from 'vscode-languageserver-types';
import {
  analyze,
  cappedSeverity,
  keptFinding,
  keptEqualProblems,
  headingInputs,
  movedHeadings,
  movedProblems,
  sameArrays,
  type Analysis,
  type AnalysisEnv,
  type Finding,
  type HeadingInputs,
} from '../analysis';
import type { LineIndex } from '../model/text';
import { weekAtHeading, type PaperList, type Week } from '../model/model';
import { parseWeekDates } from '../model/dates';
import { githubSlug } from '../model/urls';
import { tocEntryText, tocStyleOf } from '../model/toc';
import { applyEdits } from '../textEdits';
import { RULES } from '../rules/index';
import { replaceSpan, type Fix, type LineMap, type ListProblem } from '../rules/rule';
import { fixAcrossFiles } from '../rules/tocAcrossFiles';
import { severityOf, type Settings } from '../settings';
import { disabledFilter } from '../disableComments';
import { ListModel, type AbsentFile, type ListFile, type ListFileRole, type ResolvedEntry } from './listModel';

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
  // The list rules' findings per file, in the order reported; each file's own come first when they are merged below.
  const listFound = new Map<string, Finding[]>(files.map((f) => [f.uri, []]));
  const filters = new Map(modelled.map((f) => [f.uri, disabledFilter(f.analysis.list.disableComments)]));
  const entries = entrySignature(model);
  const entriesTokens = entryTokensByFile(model, entries);
  const inputs = listHeadingInputs(model, entries);
  const memo = headingRules.get(model);
  // Replayed as they were, or moved with their headings (rows inserted or deleted above them).
  const lineOf = inputs && memo?.settings === settings ? movedListHeadings(memo.inputs, inputs) : undefined;
  const replayed = lineOf && memo && movedListProblems(memo.problems, memo.inputs, inputs!, lineOf);
  const recorded = new Map<string, readonly ListProblem[]>(replayed ?? []);
  for (const rule of RULES) {
    const severity = severityOf(settings, rule.name);
    if (!severity || !rule.checkList) continue;
    const report = (reported: ListProblem) => {
      if (filters.get(reported.uri)?.(rule.name, reported.range.start.line)) return;
      const finding = keptFinding(reported, rule.name, cappedSeverity(severity, reported.severity), () => {
        const { uri: _uri, ...problem } = reported;
        return problem;
      });
      listFound.get(reported.uri)?.push(finding);
    };
    const replay = rule.readsHeadingsOnly ? replayed?.get(rule.name) : undefined;
    if (replay) {
      replay.forEach(report);
      continue;
    }
    if (!rule.readsHeadingsOnly) {
      rule.checkList({ list: model, settings }, report);
      continue;
    }
    const fresh: ListProblem[] = [];
    rule.checkList({ list: model, settings }, (problem) => fresh.push(problem));
    // Run again: the problems an edit left as they were are the previous objects, which keep their findings.
    const record = keptEqualProblems(fresh, memo?.problems.get(rule.name) ?? [], (p) => p);
    record.forEach(report);
    recorded.set(rule.name, record);
  }
  if (inputs) headingRules.set(model, { settings, inputs, problems: recorded });
  else headingRules.delete(model);
  const outputs = new Map<string, FileOutput>();
  const problems = new Map<string, readonly Finding[]>();
  const previous = fileOutputs.get(model);
  for (const f of files) {
    const own = f.analysis.problems;
    const fromList = listFound.get(f.uri)!;
    const file = model.file(f.uri);
    const token = file && entriesTokens.get(f.uri);
    const before = previous?.get(f.uri);
    // A file the edit left alone (every file but the edited one, on most edits): its own problems are the same array,
    // the list rules reported the same findings into it, and its fixes' extensions read the same entries.
    const kept = before !== undefined && before.own === own && before.token === token && before.list === file?.list && sameArrays(before.fromList, fromList);
    const output = kept ? before : { own, fromList, token, list: file?.list, problems: mergedFileProblems(model, file, own, fromList, token) };
    outputs.set(f.uri, output);
    problems.set(f.uri, output.problems);
  }
  fileOutputs.set(model, outputs);
  return { model, problems, files: new Map(files.map((f) => [f.uri, f])) };
}

/** What one file's problems in its list were made of, to hand back the same array while none of it changed. */
interface FileOutput {
  readonly own: readonly Finding[];
  readonly fromList: readonly Finding[];
  readonly token: object | undefined;
  readonly list: PaperList | undefined;
  readonly problems: readonly Finding[];
}

/** Per list model, each file's last output: a file whose problems are the same array keeps its diagnostics array too (features/diagnostics.ts). */
const fileOutputs = new WeakMap<ListModel, ReadonlyMap<string, FileOutput>>();

/** A file's own problems and the list rules' findings in it, fixes followed into the index, sorted by position (stable: own first at one place). */
function mergedFileProblems(
  model: ListModel,
  file: ListFile | undefined,
  own: readonly Finding[],
  fromList: readonly Finding[],
  token: object | undefined,
): Finding[] {
  const found = [...own, ...fromList];
  if (file)
    for (let i = 0; i < found.length; i++) {
      const fix = found[i].fix;
      if (fix && found[i].rule !== 'toc') {
        const followedFix = followHeadingRenames(model, file, fix, token!);
        if (followedFix !== fix) found[i] = withFollowedFix(found[i], followedFix);
      }
    }
  return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** What the list rules marked readsHeadingsOnly read of a list model: every file's headings, TOC and anchors, the index and its resolved entries. */
interface ListHeadingInputs {
  readonly indexUri: string;
  readonly index: PaperList;
  readonly entries: EntrySignature;
  readonly absent: ReadonlyMap<string, AbsentFile>;
  readonly files: readonly { readonly file: ListFile; readonly role: ListFileRole; readonly year?: number; readonly headings: HeadingInputs }[];
}

/** The problems of those rules per list model, with what they read: reused while it is unchanged (an edit inside rows). */
const headingRules = new WeakMap<ListModel, { settings: Settings; inputs: ListHeadingInputs; problems: ReadonlyMap<string, readonly ListProblem[]> }>();

/** The resolved index entries, each week by its heading line (what is read of the week itself is in its file's headings). */
type EntrySignature = readonly (readonly [ResolvedEntry['entry'], ResolvedEntry['target'], ResolvedEntry['file'], number | undefined])[];

function entrySignature(model: ListModel): EntrySignature {
  return model.entries.map((r) => [r.entry, r.target, r.file, r.week?.headingLine] as const);
}

function sameEntries(a: EntrySignature, b: EntrySignature): boolean {
  return a.length === b.length && a.every((e, i) => e.every((v, j) => v === b[i][j]));
}

/**
 * Per list model, a token per file that stays the same object while the signature of the entries resolving into that
 * file does: what a fix's followed extension reads of the entries (followRenames reads only its own file's), so rows
 * inserted in one year file leave the other files' extensions as they were.
 */
const entryTokens = new WeakMap<ListModel, ReadonlyMap<string, { readonly entries: EntrySignature; readonly token: object }>>();

function entryTokensByFile(model: ListModel, entries: EntrySignature): ReadonlyMap<string, object> {
  const byFile = new Map<string, EntrySignature[number][]>();
  for (const entry of entries) {
    const uri = entry[2]?.uri;
    if (uri === undefined) continue;
    const own = byFile.get(uri);
    if (own) own.push(entry);
    else byFile.set(uri, [entry]);
  }
  const last = entryTokens.get(model);
  const kept = new Map<string, { entries: EntrySignature; token: object }>();
  const tokens = new Map<string, object>();
  for (const file of model.files) {
    const own = byFile.get(file.uri) ?? [];
    const before = last?.get(file.uri);
    const token = before && sameEntries(before.entries, own) ? before.token : {};
    kept.set(file.uri, { entries: own, token });
    tokens.set(file.uri, token);
  }
  entryTokens.set(model, kept);
  return tokens;
}

function listHeadingInputs(model: ListModel, entries: EntrySignature): ListHeadingInputs | undefined {
  const files: ListHeadingInputs['files'][number][] = [];
  for (const file of model.files) {
    const headings = headingInputs(file.list);
    if (!headings) return undefined;
    files.push({ file, role: file.role, year: file.year, headings });
  }
  return { indexUri: model.indexUri, index: model.index.list, entries, absent: model.absent, files };
}

/**
 * Where `before`'s lines are in `after`, file by file (see analysis.ts's movedHeadings), when the list reads the same
 * but for week headings moved in their files; undefined when anything else the heading rules read differs.
 */
function movedListHeadings(before: ListHeadingInputs, after: ListHeadingInputs): LineMap | undefined {
  if (before.indexUri !== after.indexUri || before.index !== after.index || before.absent !== after.absent || before.files.length !== after.files.length)
    return undefined;
  const files = new Map<string, (line: number) => number | undefined>();
  for (let i = 0; i < before.files.length; i++) {
    const f = before.files[i];
    const g = after.files[i];
    if (f.file !== g.file || f.role !== g.role || f.year !== g.year) return undefined;
    const lineOf = movedHeadings(f.headings, g.headings);
    if (!lineOf) return undefined;
    files.set(f.file.uri, lineOf);
  }
  const lineOf: LineMap = (uri, line) => (uri === undefined ? undefined : files.get(uri)?.(line));
  const same =
    before.entries.length === after.entries.length &&
    before.entries.every(([entry, target, file, headingLine], i) => {
      const [entryAfter, targetAfter, fileAfter, headingLineAfter] = after.entries[i];
      if (entry !== entryAfter || target !== targetAfter || file !== fileAfter) return false;
      return headingLine === undefined || file === undefined ? headingLine === headingLineAfter : lineOf(file.uri, headingLine) === headingLineAfter;
    });
  return same ? lineOf : undefined;
}

/** The recorded problems on `after`'s lines: the same map while no heading moved; undefined when one cannot be moved (analysis.ts's movedProblems). */
function movedListProblems(
  problems: ReadonlyMap<string, readonly ListProblem[]>,
  before: ListHeadingInputs,
  after: ListHeadingInputs,
  lineOf: LineMap,
): ReadonlyMap<string, readonly ListProblem[]> | undefined {
  if (before.files.every((f, i) => sameArrays(f.headings.headingLines, after.files[i].headings.headingLines))) return problems;
  const moved = new Map<string, readonly ListProblem[]>();
  for (const [rule, list] of problems) {
    const onNewLines = movedProblems(list, lineOf);
    if (!onNewLines) return undefined;
    moved.set(rule, onNewLines);
  }
  return moved;
}

/** A finding with its fix extended to the index entries, the same object while the extension is. */
function withFollowedFix(finding: Finding, fix: Fix | undefined): Finding {
  const known = followedFindings.get(finding);
  if (known && known.fix === fix) return known.finding;
  const result = { ...finding, fix };
  followedFindings.set(finding, { fix, finding: result });
  return result;
}

const followedFindings = new WeakMap<Finding, { readonly fix: Fix | undefined; readonly finding: Finding }>();

/**
 * A fix that rewrites week headings of `file`, extended with the edits that keep the index entries pointing at those
 * weeks (anchor, and text in the entry's style); undefined when the new anchor would be ambiguous (a link would break).
 */
function followHeadingRenames(model: ListModel, file: ListFile, fix: Fix, entries: object): Fix | undefined {
  const known = followed.get(fix);
  const sameEntriesAndIndex = known !== undefined && known.entries === entries && known.indexUri === model.indexUri;
  // The same file model too: nothing the extension reads changed (every file but the edited one, on each edit).
  if (sameEntriesAndIndex && known.list === file.list) return known.result;
  // Most fixes touch no week heading, and are let through.
  const weeks = headingWeeks(file.list, fix);
  let result: Fix | undefined = fix;
  // What the extension reads: those weeks (the same objects while their sections keep their text and place), the
  // file's anchors (kept per section index) and the index entries; not the rest of the file, which an edit elsewhere changes.
  if (weeks.length > 0)
    result =
      sameEntriesAndIndex && known.anchors === file.list.anchors && sameArrays(known.weeks, weeks) ? known.result : followRenames(model, file, fix, weeks);
  followed.set(fix, { list: file.list, weeks, anchors: file.list.anchors, entries, indexUri: model.indexUri, result });
  return result;
}

/** Each fix's extension, for what it was computed from (a week's cached problems keep their fixes). */
const followed = new WeakMap<
  Fix,
  { list: PaperList; weeks: readonly Week[]; anchors: ReadonlyMap<string, number>; entries: object; indexUri: string; result: Fix | undefined }
>();

/** The weeks whose heading line one of the fix's single-line edits is on, in list order. */
function headingWeeks(list: PaperList, fix: Fix): Week[] {
  const weeks: Week[] = [];
  for (const edit of fix.edits) {
    if (edit.range.start.line !== edit.range.end.line) continue;
    const week = weekAtHeading(list, edit.range.start.line);
    if (week && !weeks.includes(week)) weeks.push(week);
  }
  return weeks.sort((a, b) => a.index - b.index);
}

function followRenames(model: ListModel, file: ListFile, fix: Fix, weeks: readonly Week[]): Fix | undefined {
  const indexEdits: TextEdit[] = [];
  for (const week of weeks) {
    const lineText = file.list.lines.line(week.headingLine);
    const lineEdits = fix.edits
      .filter((e) => e.range.start.line === week.headingLine)
      .map((e) => ({ ...e, range: { start: { line: 0, character: e.range.start.character }, end: { line: 0, character: e.range.end.character } } }));
    const newLine = applyEdits(lineText, lineEdits);
    const heading = newLine.slice(week.headingSpan.start, week.headingSpan.end + (newLine.length - lineText.length)).trim();
    const anchor = githubSlug(heading);
    const entries = entriesOfWeek(model, week).filter((r) => r.file === file);
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

/** The index entries that resolve to each week, once per resolution of the entries (a fix is followed per week it renames). */
const entriesByWeek = new WeakMap<readonly ResolvedEntry[], Map<Week, ResolvedEntry[]>>();

function entriesOfWeek(model: ListModel, week: Week): readonly ResolvedEntry[] {
  let byWeek = entriesByWeek.get(model.entries);
  if (!byWeek) {
    byWeek = new Map();
    for (const r of model.entries) {
      if (!r.week) continue;
      const same = byWeek.get(r.week);
      if (same) same.push(r);
      else byWeek.set(r.week, [r]);
    }
    entriesByWeek.set(model.entries, byWeek);
  }
  return byWeek.get(week) ?? [];
}

function sameDays(a: { start: { month: number; day: number }; end: { month: number; day: number } }, b: typeof a): boolean {
  return a.start.month === b.start.month && a.start.day === b.start.day && a.end.month === b.end.month && a.end.day === b.end.day;
}
