// The next week's section: heading in the list's own style, table header, row templates, TOC entry.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';
import { formatRange, fromDayNumber, dayNumber, type DateStyle } from '../model/dates';
import { githubSlug } from '../model/urls';
import { isTemplateRow, weekLabel, type PaperList } from '../model/model';
import { renderMarker, weekMarkerStyle } from '../model/numbering';
import type { PaperRow } from '../model/parseWeek';
import { tocEntryLine, tocEntryText, tocStyleOf } from '../model/toc';
import type { ListModel } from '../list/listModel';
import { relativePathOf } from '../list/listFiles';

export interface NextWeek {
  readonly heading: string;
  readonly start: number;
  readonly end: number;
}

const DEFAULT_STYLE: DateStyle = { fullMonths: true, repeatMonth: true, spacedDash: true };
const ROWS = 10;

/** The week after the newest one (or the coming Monday-Sunday when the list has no dated week yet). */
export function nextWeek(list: PaperList, today = new Date()): NextWeek | undefined {
  const newest = list.weeks.find((w) => w.span && w.dates);
  let start: number;
  if (newest) start = newest.span!.end + 1;
  else {
    const day = dayNumber(today.getFullYear(), today.getMonth() + 1, today.getDate());
    const weekday = (new Date(day * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
    start = day + (weekday === 0 ? 0 : 7 - weekday);
  }
  const end = start + 6;
  const style = newest?.dates?.style ?? DEFAULT_STYLE;
  const template = newest?.heading ?? 'Top ML Papers of the Week (June 23 - June 29) - 2025';
  const open = template.indexOf('(');
  const close = template.indexOf(')', open);
  const hasYear = newest ? newest.dates!.year !== undefined : true;
  const prefix = template.slice(0, open);
  const heading = `${prefix}(${formatRange(start, end, style)})${hasYear ? ` - ${fromDayNumber(end).year}` : template.slice(close + 1).replace(/\s*[-–,]?\s*\d{4}\s*$/, '')}`;
  return { heading, start, end };
}

export interface NewWeekEdit {
  readonly edits: TextEdit[];
  readonly selection: Position;
  /** Set when no week was added: the newest week is still an untouched template, and the cursor goes there. */
  readonly message?: string;
}

/**
 * When `list`'s newest week is still an untouched New Week template: where its first row is, and what to say.
 * Running New Week twice would add a second empty week; the curator most likely lost track of the first.
 */
export function untouchedTemplate(list: PaperList): { selection: Position; message: string } | undefined {
  const unfinished = list.weeks[0];
  const templates = unfinished?.rows.filter(isTemplateRow) ?? [];
  if (!unfinished || templates.length === 0 || templates.length !== unfinished.rows.length) return undefined;
  const first = templates[0];
  return {
    selection: { line: first.line, character: (first.cells[0]?.span.end ?? first.contentStart) + 1 },
    message: `Week ${weekLabel(unfinished)} is still an untouched template (${templates.length} rows to fill in): moved there instead of adding another week.`,
  };
}

export function newWeekEdits(list: PaperList): NewWeekEdit | undefined {
  const unfinished = untouchedTemplate(list);
  if (unfinished) return { edits: [], ...unfinished };
  const next = nextWeek(list);
  if (!next) return undefined;
  const eol = list.lines.eol;
  const newest = list.weeks[0];
  const section = sectionLines(list, next.heading);
  const edits: TextEdit[] = [];
  let insertLine: number;
  let shift = 0;
  // The TOC entry goes above the newest entry, in its style.
  const entry = list.toc[0];
  if (entry && newest) {
    const style = tocStyleOf(entry);
    edits.push({
      range: { start: { line: entry.line, character: 0 }, end: { line: entry.line, character: 0 } },
      newText: tocEntryLine(style, tocEntryText(style, next.heading), githubSlug(next.heading)) + eol,
    });
    shift = entry.line < newest.headingLine ? 1 : 0;
  }
  if (newest) {
    insertLine = newest.headingLine;
    edits.push({
      range: { start: { line: insertLine, character: 0 }, end: { line: insertLine, character: 0 } },
      newText: [...section.lines, ''].join(eol) + eol,
    });
  } else {
    const last = list.lines.lineCount - 1;
    const lastText = list.lines.line(last);
    insertLine = lastText === '' ? last : last + 1;
    const lead = lastText === '' ? '' : eol + eol;
    edits.push({
      range: { start: { line: last, character: lastText.length }, end: { line: last, character: lastText.length } },
      newText: lead + [...section.lines, ''].join(eol),
    });
    if (lastText !== '') insertLine = last + 2;
  }
  // The cursor after the first row's marker: heading, header, delimiter, then the row.
  return { edits, selection: { line: insertLine + shift + 3, character: section.cursor } };
}

export interface ListNewWeekEdit {
  /** Edits by file URI: the week at the top of the newest year file and its index entry. */
  readonly changes: { [uri: string]: TextEdit[] };
  /** A year file to create first (the new week starts a new year). */
  readonly createFile?: string;
  readonly selectionUri: string;
  readonly selection: Position;
}

const YEAR_GROUP = /^(#{1,6})\s+((?:19|20)\d{2})\s*$/;

/**
 * New Week on a multi-file list: the week goes at the top of the newest year file (a new year: a new
 * `years/<year>.md` with the newest year file's header, its year replaced), and its entry into the index, first in its
 * `## <year>` group (created when new), in the style of the entries around it.
 */
export function newWeekInList(model: ListModel): ListNewWeekEdit | undefined {
  const newestFile = model.files.find((f) => f.role === 'weeks' && f.list.weeks.length > 0);
  if (!newestFile) return undefined;
  const next = nextWeek(newestFile.list);
  if (!next) return undefined;
  const nextYear = fromDayNumber(next.end).year;
  const index = model.index.list;
  const eol = index.lines.eol;
  const changes: { [uri: string]: TextEdit[] } = {};
  let targetUri = newestFile.uri;
  let createFile: string | undefined;
  let selection: Position;
  const fileEol = newestFile.list.lines.eol;
  const separated = separatedByRule(newestFile.list);
  const section = sectionLines(newestFile.list, next.heading);
  if (newestFile.year === undefined || nextYear === newestFile.year) {
    const at = newestFile.list.weeks[0].headingLine;
    changes[targetUri] = [insertAt(at, [...section.lines, '', ...(separated ? ['---', ''] : [])].join(fileEol) + fileEol)];
    selection = { line: at + 3, character: section.cursor };
  } else {
    const name = newestFile.uri.slice(newestFile.uri.lastIndexOf('/') + 1).replace(String(newestFile.year), String(nextYear));
    targetUri = newestFile.uri.slice(0, newestFile.uri.lastIndexOf('/') + 1) + (name.includes(String(nextYear)) ? name : `${nextYear}.md`);
    if (model.file(targetUri)) return undefined;
    createFile = targetUri;
    const header: string[] = [];
    for (let line = 0; line < newestFile.list.weeks[0].startLine; line++)
      header.push(newestFile.list.lines.line(line).split(String(newestFile.year)).join(String(nextYear)));
    while (header.length > 0 && header[header.length - 1].trim() === '') header.pop();
    const lead = header.length > 0 ? [...header, ''] : [];
    changes[targetUri] = [insertAt(0, 0, [...lead, ...section.lines, ''].join(fileEol))];
    selection = { line: lead.length + 3, character: section.cursor };
  }
  // The index entry: first in its year's group, or a new group above the newest one.
  const model0 = model.entries.find((r) => r.target?.uri === newestFile.uri) ?? model.entries[0];
  if (model0) {
    const style = { ...tocStyleOf(model0.entry), base: entryBase(model, model0.entry.target, model0.target?.uri, targetUri) };
    const entry = tocEntryLine(style, tocEntryText(style, next.heading), githubSlug(next.heading));
    let group: { line: number; level: string; year: number } | undefined;
    let firstGroup: typeof group;
    for (let line = 0; line < index.lines.lineCount; line++) {
      const m = YEAR_GROUP.exec(index.lines.line(line));
      if (!m) continue;
      const found = { line, level: m[1], year: Number(m[2]) };
      firstGroup ??= found;
      if (found.year === nextYear) group = found;
    }
    let edit: TextEdit;
    if (group) {
      // The group's first entry: an entry past the next heading belongs to another group (this one is empty).
      let end = group.line + 1;
      while (end < index.lines.lineCount && !index.lines.line(end).startsWith('#')) end++;
      const first = model.entries.find((r) => r.entry.line > group.line && r.entry.line < end);
      edit = first ? insertAt(first.entry.line, 0, entry + eol) : insertAt(group.line, index.lines.lineLength(group.line), eol + entry);
    } else if (firstGroup) edit = insertAt(firstGroup.line, 0, `${firstGroup.level} ${nextYear}${eol}${entry}${eol}${eol}`);
    else edit = insertAt(model0.entry.line, 0, entry + eol);
    changes[model.indexUri] = [...(changes[model.indexUri] ?? []), edit];
  }
  return { changes, createFile, selectionUri: targetUri, selection };
}

/**
 * What goes before `#` in the new week's entry, in the style of an entry into `modelUri` (`years/2025.md`,
 * `./years/2025.md`, a GitHub URL): the same link with the file's name changed to the new year file's.
 */
function entryBase(model: ListModel, modelTarget: string, modelUri: string | undefined, targetUri: string): string {
  const base = modelTarget.slice(0, Math.max(0, modelTarget.indexOf('#')));
  if (modelUri === targetUri) return base;
  if (modelUri === undefined) return relativePathOf(model.indexUri, targetUri);
  const oldName = modelUri.slice(modelUri.lastIndexOf('/') + 1);
  const newName = targetUri.slice(targetUri.lastIndexOf('/') + 1);
  const sameFolder = modelUri.slice(0, modelUri.lastIndexOf('/')) === targetUri.slice(0, targetUri.lastIndexOf('/'));
  if (sameFolder && base.endsWith(oldName)) return base.slice(0, base.length - oldName.length) + newName;
  return relativePathOf(model.indexUri, targetUri);
}

/** Whether the file separates its weeks with a `---` line (between its two newest weeks). */
function separatedByRule(list: PaperList): boolean {
  const [newest, previous] = list.weeks;
  if (!previous) return false;
  for (let line = newest.headingLine + 1; line < previous.headingLine; line++) if (list.lines.line(line).trim() === '---') return true;
  return false;
}

interface Section {
  readonly lines: string[];
  /** Where the cursor goes in the first row (its line is the section's fourth: heading, header, delimiter, row). */
  readonly cursor: number;
}

/**
 * The new week's heading, the newest week's table header, and row templates shaped like its rows: the list's marker
 * style, its column count and the link labels its rows carry, so the template itself raises no row-number or
 * table-row problem on a list with its own conventions.
 */
function sectionLines(list: PaperList, heading: string): Section {
  const newest = list.weeks[0];
  const level = newest ? '#'.repeat(newest.level) : '##';
  const table = newest?.tables[0];
  const header = table
    ? [list.lines.line(table.headerLine), list.lines.line(table.headerLine + 1)]
    : ['| **Paper**  | **Links** |', '| ------------- | ------------- |'];
  const style = newest ? weekMarkerStyle(newest.rows, list.markerStyle) : list.markerStyle;
  const middle = ' |'.repeat(Math.max(0, (table?.headerCells ?? 2) - 2));
  const links = usualLabels(newest?.rows ?? [])
    .map((label) => `[${label}]()`)
    .join(', ');
  const rows = Array.from({ length: ROWS }, (_, i) => `| ${renderMarker(style, i + 1)}  |${middle} ${links} |`);
  return { lines: [`${level} ${heading}`, ...header, ...rows], cursor: `| ${renderMarker(style, 1)} `.length };
}

/** The link labels most of the rows carry, in their order (`Paper`, `Tweet` when no row has links). */
function usualLabels(rows: readonly PaperRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = row.links
      .filter((l) => !l.isImage && l.label.trim() !== '')
      .map((l) => l.label.trim())
      .join('\n');
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const usual = [...counts].reduce<[string, number] | undefined>((best, entry) => (!best || entry[1] > best[1] ? entry : best), undefined);
  return usual ? usual[0].split('\n') : ['Paper', 'Tweet'];
}

function insertAt(line: number, character: number, newText?: string): TextEdit;
function insertAt(line: number, text: string): TextEdit;
function insertAt(line: number, a: number | string, b?: string): TextEdit {
  const character = typeof a === 'number' ? a : 0;
  const newText = typeof a === 'string' ? a : (b ?? '');
  return { range: { start: { line, character }, end: { line, character } }, newText };
}
