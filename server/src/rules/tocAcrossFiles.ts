// The toc rule over a multi-file list: the index's entries against the headings of the files they name, and every
// week of every file listed once. A missing week is reported at its heading in its own file; its fix inserts the
// entry into the index, in its `## <year>` group and in date order, in the style of its neighbours (model/toc.ts).
import type { TextEdit } from 'vscode-languageserver-types';
import { weekLabel, type Week } from '../model/model';
import { tocEntryLine, tocEntryText, tocStyleOf, type TocStyle } from '../model/toc';
import { toRange } from '../model/ranges';
import type { ListFile, ListModel, ListWeek, ResolvedEntry } from '../list/listModel';
import { anchorsOfWeeks, byDays, dayKey, hasBrackets, sameDates, spacedAnchor, unbalanced } from './tocWeeks';
import { insertAt, replaceSpan, type Fix, type ListProblem, type ListRuleContext } from './rule';

/** A fix whose edits may fall in several files, split into the problem file's own edits and the others. */
export function fixAcrossFiles(title: string, problemUri: string, editsByUri: ReadonlyMap<string, readonly TextEdit[]>): Fix {
  const otherFiles = [...editsByUri].filter(([uri]) => uri !== problemUri).map(([uri, edits]) => ({ uri, edits }));
  return { title, edits: editsByUri.get(problemUri) ?? [], ...(otherFiles.length > 0 ? { otherFiles } : {}) };
}

export function checkTocAcrossFiles({ list }: ListRuleContext, report: (problem: ListProblem) => void): void {
  const index = list.index;
  if (list.entries.length === 0) return;
  const anchorOf = anchorsByWeek(list);
  const weeksByDays = byDays(list.weeks, (ref) => ref.week.dates);
  const fileOfWeek = new Map<Week, ListFile>(list.weeks.map((r) => [r.week, r.file]));
  // The week whose dates an entry's text names: in the file the entry names first (2023 and 2024 share day names).
  const matchingOf = (r: ResolvedEntry): Week | undefined => {
    const candidates = r.entry.dates ? (weeksByDays.get(dayKey(r.entry.dates)) ?? []).filter((w) => sameDates(w.week.dates!, r.entry.dates!)) : [];
    return (candidates.find((w) => w.file === r.file) ?? candidates[0])?.week;
  };
  const stylesByFile = new Map<string, TocStyle>();
  for (const r of list.entries)
    if (r.target && r.entry.target.includes('#') && !stylesByFile.has(r.target.uri)) stylesByFile.set(r.target.uri, tocStyleOf(r.entry));
  const retarget = (r: ResolvedEntry, week: Week): Fix => {
    const file = fileOfWeek.get(week)!;
    const base =
      file === r.file ? r.entry.target.slice(0, Math.max(0, r.entry.target.indexOf('#'))) : (stylesByFile.get(file.uri)?.base ?? baseFor(list, file));
    const anchor = anchorOf.get(week)!;
    return { title: `Point the entry at ${list.nameOf(file.uri)}#${anchor}`, edits: [replaceSpan(r.entry.link.targetSpan, `${base}#${anchor}`)] };
  };
  const reportIndex = (problem: Omit<ListProblem, 'uri'>) => report({ ...problem, uri: index.uri });
  const listed = new Map<Week, ResolvedEntry>();
  const intendedOf = new Map<ResolvedEntry, Week>();
  const unreadableReported = new Set<string>();
  for (const r of list.entries) {
    const { entry, target, file, week: pointed } = r;
    const range = toRange(entry.link.span);
    if (!target) continue;
    if (!file) {
      const absent = list.absent.get(target.uri);
      if (absent?.reason === 'missing' && !target.viaUrl)
        reportIndex({ range: toRange(entry.link.targetSpan), message: `TOC entry "${entry.text}" links to ${list.nameOf(target.uri)}, which does not exist` });
      else if (absent?.reason === 'unreadable' && !unreadableReported.has(target.uri)) {
        unreadableReported.add(target.uri);
        reportIndex({
          range: toRange(entry.link.targetSpan),
          message: `${list.nameOf(target.uri)} cannot be read (${absent.message}); its weeks are not checked`,
        });
      }
      continue;
    }
    const matching = matchingOf(r);
    const name = list.nameOf(file.uri);
    const pointedAgrees = pointed && entry.dates && pointed.dates && sameDates(entry.dates, pointed.dates);
    if (!target.anchor) {
      reportIndex({
        range,
        message: `TOC entry "${entry.text}" links to ${name}, which has no #anchor${matching ? `; expected #${anchorOf.get(matching)}` : ''}`,
        fix: matching && retarget(r, matching),
      });
    } else if (!pointed && file.list.anchors.has(target.anchor.toLowerCase())) {
      // Points at a heading that is not a week (an intro section): not a week entry of ours to judge.
    } else if (!pointed && matching && target.anchor === spacedAnchor(fileOfWeek.get(matching)!.list, matching)) {
      // Points at the anchor the heading gets once week-heading adds the missing space (`March4`): that rule reports it.
    } else if (!pointed) {
      reportIndex({
        range: toRange(entry.link.targetSpan),
        message: `TOC entry "${entry.text}" points at ${name}#${target.anchor}, which matches no heading${matching ? `; expected ${list.nameOf(fileOfWeek.get(matching)!.uri)}#${anchorOf.get(matching)}` : ''}`,
        fix: matching && retarget(r, matching),
      });
    } else if (!pointedAgrees && entry.dates && pointed.dates) {
      const text = tocEntryText(tocStyleOf(entry), pointed.heading);
      const textFix = hasBrackets(text) ? undefined : { title: `Change the entry text to "${text}"`, edits: [replaceSpan(entry.link.labelSpan, text)] };
      // Another week with the text's dates exists: the anchor is what is wrong. Else the text is (a typo in a day).
      const otherListed = matching && matching !== pointed;
      reportIndex({
        range: otherListed ? toRange(entry.link.targetSpan) : toRange(entry.link.labelSpan),
        message: otherListed
          ? `TOC entry "${entry.text}" points at week ${weekLabel(pointed)} in ${name}; expected #${anchorOf.get(matching)}`
          : `TOC entry "${entry.text}" points at week ${weekLabel(pointed)} in ${name}, whose dates differ from the entry text; expected the text "${text}"`,
        related: [{ uri: file.uri, range: toRange(pointed.headingSpan), message: `Week ${weekLabel(pointed)}` }],
        fix: otherListed ? retarget(r, matching) : textFix,
      });
    } else if (pointed && (!entry.dates || unbalanced(entry.text))) {
      const text = tocEntryText(tocStyleOf(entry), pointed.heading);
      reportIndex({
        range: toRange(entry.link.labelSpan),
        message: `TOC entry text "${entry.text}" is malformed (${entry.dates ? 'unbalanced parentheses' : 'no dates'}); expected "${text}"`,
        related: [{ uri: file.uri, range: toRange(pointed.headingSpan), message: `Week ${weekLabel(pointed)}, which the entry links` }],
        fix:
          hasBrackets(text) || text === entry.text
            ? undefined
            : { title: `Change the entry text to "${text}"`, edits: [replaceSpan(entry.link.labelSpan, text)] },
      });
    }
    const intended = pointedAgrees || !matching ? pointed : matching;
    if (!intended) continue;
    intendedOf.set(r, intended);
    const earlier = listed.get(intended);
    if (earlier) {
      reportIndex({
        range,
        message: `TOC entry "${entry.text}" repeats the entry on line ${earlier.entry.line + 1} (both for week ${weekLabel(intended)})`,
        related: [{ range: toRange(earlier.entry.link.span), message: 'Earlier entry' }],
      });
    } else {
      listed.set(intended, r);
    }
  }
  const missing: ListWeek[] = [];
  for (const ref of list.weeks) {
    if (listed.has(ref.week)) continue;
    // A repeated heading (week-heading reports it) gets no entry of its own: it would duplicate the first's.
    if (ref.file.list.weeks.some((w) => w !== ref.week && listed.has(w) && w.dates && ref.week.dates && sameDates(w.dates, ref.week.dates))) continue;
    missing.push(ref);
  }
  if (missing.length === 0) return;
  const placer = new EntryPlacer(list, intendedOf, stylesByFile);
  // Weeks that go in at the same place share one fix inserting them all in order (inserts at one point overlap).
  const groups = new Map<string, { at: Insertion; weeks: ListWeek[] }>();
  for (const ref of missing) {
    const at = placer.place(ref);
    if (!at) {
      report({
        uri: ref.file.uri,
        range: toRange(ref.week.headingSpan),
        message: `Week ${weekLabel(ref.week)} has no entry in the index ${list.nameOf(index.uri)}`,
      });
      continue;
    }
    const key = `${at.line}:${at.after}:${at.groupHeading ?? ''}`;
    const group = groups.get(key);
    if (group) group.weeks.push(ref);
    else groups.set(key, { at, weeks: [ref] });
  }
  const eol = index.list.lines.eol;
  for (const { at, weeks } of groups.values()) {
    const insertable = weeks.filter((w) => !hasBrackets(w.week.heading));
    const lines = insertable.map((w) => {
      const style = { ...at.style, base: stylesByFile.get(w.file.uri)?.base ?? baseFor(list, w.file) };
      return tocEntryLine(style, tocEntryText(style, w.week.heading), anchorOf.get(w.week)!);
    });
    let text = lines.map((l) => l + eol).join('');
    if (at.groupHeading) text = at.after ? `${eol}${at.groupHeading}${eol}${lines.join(eol)}` : `${at.groupHeading}${eol}${text}${eol}`;
    else if (at.after) text = lines.map((l) => eol + l).join('');
    const edit = insertAt(at.line, at.after ? index.list.lines.lineLength(at.line) : 0, text);
    const texts = insertable.map((w) => tocEntryText(at.style, w.week.heading));
    const title =
      texts.length === 1 ? `Add "${texts[0]}" to the index` : `Add the ${texts.length} missing weeks ${texts[0]} … ${texts[texts.length - 1]} to the index`;
    for (const ref of weeks) {
      const fix = insertable.includes(ref) ? fixAcrossFiles(title, ref.file.uri, new Map([[index.uri, [edit]]])) : undefined;
      report({
        uri: ref.file.uri,
        range: toRange(ref.week.headingSpan),
        message: `Week ${weekLabel(ref.week)} has no entry in the index ${list.nameOf(index.uri)}`,
        fix,
      });
    }
  }
}

/** Each week's anchor as GitHub numbers it in its own file. */
function anchorsByWeek(list: ListModel): Map<Week, string> {
  const anchors = new Map<Week, string>();
  for (const file of list.files) for (const [week, anchor] of anchorsOfWeeks(file.list)) anchors.set(week, anchor);
  return anchors;
}

/** The link base of entries into a file no entry names yet: its path from the index's folder. */
function baseFor(list: ListModel, file: ListFile): string {
  return file.uri === list.indexUri ? './' : list.nameOf(file.uri);
}

interface Insertion {
  readonly line: number;
  /** After the line's end (else before the line). */
  readonly after: boolean;
  readonly style: TocStyle;
  /** A `## 2027` group heading to create with the entry. */
  readonly groupHeading?: string;
}

const YEAR_HEADING = /^(#{1,6})\s+((?:19|20)\d{2})\s*$/;

/** Where a missing week's entry goes in the index: its year's group, before the first older entry. */
class EntryPlacer {
  private readonly groups: { year: number; level: string; line: number; entries: ResolvedEntry[] }[] = [];

  constructor(
    private readonly list: ListModel,
    private readonly intendedOf: ReadonlyMap<ResolvedEntry, Week>,
    private readonly stylesByFile: ReadonlyMap<string, TocStyle>,
  ) {
    const lines = list.index.list.lines;
    const headingLines: number[] = [];
    for (let line = 0; line < lines.lineCount; line++) {
      const text = lines.line(line);
      if (!text.startsWith('#')) continue;
      headingLines.push(line);
      const year = YEAR_HEADING.exec(text);
      if (year) this.groups.push({ year: Number(year[2]), level: year[1], line, entries: [] });
    }
    for (const group of this.groups) {
      const end = headingLines.find((l) => l > group.line) ?? Infinity;
      group.entries = list.entries.filter((r) => r.entry.line > group.line && r.entry.line < end);
    }
  }

  place(ref: ListWeek): Insertion | undefined {
    const year = ref.file.year ?? ref.week.year;
    const start = ref.week.span?.start;
    if (this.groups.length === 0) return this.among(this.list.entries, start);
    const group = this.groups.find((g) => g.year === year);
    if (group) return group.entries.length > 0 ? this.among(group.entries, start) : this.afterLine(group.line, this.list.entries[0]);
    const model = this.list.entries[0];
    if (!model || year === undefined) return undefined;
    const older = this.groups.find((g) => g.year < year);
    const heading = `${this.groups[0].level} ${year}`;
    if (older) return { line: older.line, after: false, style: tocStyleOf(model.entry), groupHeading: heading };
    const last = this.groups[this.groups.length - 1];
    const lastLine = last.entries.length > 0 ? last.entries[last.entries.length - 1].entry.line : last.line;
    return { line: lastLine, after: true, style: tocStyleOf(model.entry), groupHeading: heading };
  }

  /** Before the first entry whose week is older; after the last one when none is. */
  private among(entries: readonly ResolvedEntry[], start: number | undefined): Insertion | undefined {
    if (entries.length === 0) return undefined;
    const older = start === undefined ? undefined : entries.find((r) => (this.intendedOf.get(r)?.span?.start ?? Infinity) < start);
    if (older) return { line: older.entry.line, after: false, style: this.styleOf(older) };
    const last = entries[entries.length - 1];
    return { line: last.entry.line, after: true, style: this.styleOf(last) };
  }

  private afterLine(line: number, model: ResolvedEntry | undefined): Insertion | undefined {
    return model ? { line, after: true, style: this.styleOf(model) } : undefined;
  }

  private styleOf(r: ResolvedEntry): TocStyle {
    return (r.target && this.stylesByFile.get(r.target.uri)) ?? tocStyleOf(r.entry);
  }
}
