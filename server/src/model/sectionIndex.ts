// One fast line scan over the whole document: where the weeks, the TOC, year groups and disable
// comments are. No markdown-it here; it runs per week section afterwards.
import { indexOfLine } from './text';

export interface WeekHeadingLine {
  readonly line: number;
  /** Number of `#`s. */
  readonly level: number;
  /** The heading's text without `#`s and surrounding spaces. */
  readonly text: string;
  /** Column where `text` starts in the line. */
  readonly textColumn: number;
}

export interface SectionSpan {
  readonly heading: WeekHeadingLine;
  /** First line of the section (the heading). */
  readonly startLine: number;
  /** Line after the last line of the section. */
  readonly endLine: number;
}

export interface OtherHeading {
  readonly line: number;
  readonly level: number;
  readonly text: string;
}

export interface DisableComment {
  readonly line: number;
  readonly kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Empty means every rule. */
  readonly rules: readonly string[];
}

export interface SectionIndex {
  readonly weeks: readonly SectionSpan[];
  /** Headings that are not week headings (title, year groups, "Contributing"…), for anchors and the TOC. */
  readonly otherHeadings: readonly OtherHeading[];
  /** Lines outside week sections that are not inside code fences or HTML blocks (preamble, TOC, tail). */
  readonly outsideLines: readonly number[];
  readonly disableComments: readonly DisableComment[];
}

// A BOM may start the first line (a document read without stripping it). The closing `#`s are cut by hand
// (headingOf): a regex for them backtracks quadratically on a long run of spaces.
const HEADING_OPEN = /^\uFEFF? {0,3}(#{1,6})[ \t]+/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const WEEK_WORD = /\bweek\b/i;
const DATE_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
// `[^<>]`, not `[^>]`: an unclosed comment must not be rescanned from every `<!--` after it.
const DISABLE = /<!--\s*paper-list-(disable-next-line|disable-line|disable|enable)\b([^<>]*?)-->/g;

/** "week" followed somewhere by "(". Checked from the first "week" only: `/\bweek\b[^(]*\(/` rescans the line from every "week". */
export function isWeekHeadingText(text: string): boolean {
  const week = WEEK_WORD.exec(text);
  if (week === null) return false;
  const open = text.indexOf('(', week.index);
  if (open === -1) return false;
  // Something date-like in the parentheses: "(Jun 23 - 29)", "(March4)"; a title like "(test list)" is no week.
  const inside = text.slice(open + 1, open + 40);
  return /\d/.test(inside) || DATE_WORD.test(inside);
}

/** `# Text ##`: the level, the text without the optional closing `#`s, and the text's column. */
function headingOf(line: string): { level: number; text: string; textColumn: number } | undefined {
  const open = HEADING_OPEN.exec(line);
  if (!open) return undefined;
  const start = open[0].length;
  const isBlank = (at: number) => line.charCodeAt(at) === 32 || line.charCodeAt(at) === 9;
  let end = line.length;
  while (end > start && isBlank(end - 1)) end--;
  let hashes = end;
  while (hashes > start && line.charCodeAt(hashes - 1) === 35 /* # */) hashes--;
  if (hashes < end && hashes > start && isBlank(hashes - 1)) {
    end = hashes;
    while (end > start && isBlank(end - 1)) end--;
  }
  const text = line.slice(start, end);
  return { level: open[1].length, text, textColumn: text === '' ? line.length : start };
}

/** What the scan needs to know of one line, found once per line text (see LineFactsMemo). */
interface LineFacts {
  /** Char code of the first non-blank character (NaN for a blank line). */
  readonly first: number;
  readonly blank: boolean;
  /** The run of backticks or tildes a fence line starts with, and whether it is all the line holds. */
  readonly fence?: { readonly run: string; readonly bare: boolean; readonly opens: boolean };
  readonly closesComment: boolean;
  readonly opensComment: boolean;
  readonly disables?: readonly Omit<DisableComment, 'line'>[];
  readonly thematicBreak: boolean;
  readonly heading?: { readonly level: number; readonly text: string; readonly textColumn: number; readonly isWeek: boolean };
}

/**
 * The previous scan's lines, their facts and its index, so a scan after an edit computes facts only for the lines that
 * changed, and an edit that changes no line's part in the structure (typing in a row) returns the same index.
 */
export interface LineFactsMemo {
  lines?: readonly string[];
  facts?: readonly LineFacts[];
  index?: SectionIndex;
  /** The last scan's changed lines, [changedFrom, changedTo) in its text: the lines outside are the previous text's, in the same order. */
  changedFrom?: number;
  changedTo?: number;
}

/** Whether a line with facts `a` replaced by one with facts `b` leaves every section boundary, heading and comment where it was. */
function sameStructure(a: LineFacts, b: LineFacts): boolean {
  return a.blank === b.blank && isPlain(a) && isPlain(b);
}

/** No part in the structure: not a fence, comment, disable comment, thematic break or heading (blank or not). */
const isPlain = (f: LineFacts) => !f.heading && noPartButHeading(f);

/** No part in the structure but, maybe, a heading: not a fence, comment (`-->` in a heading ends an open one), disable comment or break. */
const noPartButHeading = (f: LineFacts) => !f.fence && !f.opensComment && !f.closesComment && !f.disables && !f.thematicBreak;

const firstNonBlank = /\S/;

function lineFacts(line: string): LineFacts {
  const at = line.search(firstNonBlank);
  const first = line.charCodeAt(at);
  let fence: LineFacts['fence'];
  if (first === 96 /* ` */ || first === 126 /* ~ */) {
    const open = FENCE.exec(line);
    if (open) fence = { run: open[1], bare: line.trim() === open[1], opens: !(open[1][0] === '`' && line.slice(open[0].length).includes('`')) };
  }
  let disables: Omit<DisableComment, 'line'>[] | undefined;
  if (line.includes('paper-list-')) {
    const found: DisableComment[] = [];
    collectDisableComments(line, 0, found);
    if (found.length > 0) disables = found.map(({ kind, rules }) => ({ kind, rules }));
  }
  let opensComment = false;
  if (first === 60 /* < */) {
    const start = line.indexOf('<!--');
    opensComment = start !== -1 && start <= 3 && !line.includes('-->', start + 4);
  }
  const thematicBreak = (first === 45 /* - */ || first === 42 /* * */ || first === 95) /* _ */ && THEMATIC_BREAK.test(line);
  let heading: LineFacts['heading'];
  if (first === 35 /* # */) {
    const found = headingOf(line);
    if (found) heading = { ...found, isWeek: isWeekHeadingText(found.text) };
  }
  return { first, blank: at === -1, fence, closesComment: line.includes('-->'), opensComment, disables, thematicBreak, heading };
}

/** The section index of the lines; with a memo of the previous scan, only changed lines are looked at again. */
export function scanSections(lines: readonly string[], memo?: LineFactsMemo): SectionIndex {
  const before = memo?.lines;
  const known = memo?.facts;
  // The lines an edit did not touch are the same strings: unchanged runs at both ends keep their facts.
  let head = 0;
  let tail = 0;
  if (before && known) {
    const most = Math.min(before.length, lines.length);
    while (head < most && before[head] === lines[head]) head++;
    while (tail < most - head && before[before.length - 1 - tail] === lines[lines.length - 1 - tail]) tail++;
  }
  const changed: LineFacts[] = [];
  for (let i = head; i < lines.length - tail; i++) changed.push(lineFacts(lines[i]));
  if (memo) {
    memo.changedFrom = head;
    memo.changedTo = lines.length - tail;
  }
  if (memo?.index && before!.length === lines.length && changed.every((f, k) => sameStructure(known![head + k], f))) {
    // No line changed its part in the structure (typing in a row): the same index. Only this scan reads the memo's
    // facts, so they are updated in place rather than copied (a 10 MB list has 22,000 lines).
    const facts = known as LineFacts[];
    for (let k = 0; k < changed.length; k++) facts[head + k] = changed[k];
    memo.lines = lines;
    return memo.index;
  }
  const retitled = memo?.index && before!.length === lines.length ? retitledIndex(memo.index, known!, changed, head) : undefined;
  if (retitled) {
    // Headings whose text changed and nothing else (a week's dates typed): the other sections keep their spans.
    const facts = known as LineFacts[];
    for (let k = 0; k < changed.length; k++) facts[head + k] = changed[k];
    memo!.lines = lines;
    memo!.index = retitled;
    return retitled;
  }
  const facts = new Array<LineFacts>(lines.length);
  for (let i = 0; i < head; i++) facts[i] = known![i];
  for (let k = 0; k < changed.length; k++) facts[head + k] = changed[k];
  for (let i = lines.length - tail, j = before ? before.length - tail : 0; i < lines.length; i++, j++) facts[i] = known![j];
  const index = (memo?.index && shiftedIndex(memo.index, known!, facts, head, before!.length - tail, lines.length - before!.length)) || scanFacts(lines, facts);
  if (memo) {
    memo.lines = lines;
    memo.facts = facts;
    memo.index = index;
  }
  return index;
}

/**
 * The previous index with lines inserted or deleted inside one week (rows added or removed): the old lines
 * [head, oldEnd) became [head, oldEnd + delta), all of them plain lines inside a week section. Every boundary at or after
 * oldEnd moves by delta, and nothing else changes, so no pass over the lines is needed (a 10 MB list has 22,000). Undefined
 * when that does not hold: the scan runs.
 */
function shiftedIndex(
  index: SectionIndex,
  oldFacts: readonly LineFacts[],
  facts: readonly LineFacts[],
  head: number,
  oldEnd: number,
  delta: number,
): SectionIndex | undefined {
  const newEnd = oldEnd + delta;
  for (let i = head; i < oldEnd; i++) if (!isPlain(oldFacts[i])) return undefined;
  for (let i = head; i < newEnd; i++) if (!isPlain(facts[i])) return undefined;
  // A thematic break ends a week only after a blank line: the line before the first unchanged one may have changed.
  if (newEnd < facts.length && facts[newEnd].thematicBreak) return undefined;
  // The week the lines are in: its heading above them, its end at or after them (the lines before its end belong to it).
  const week = index.weeks.findIndex((w) => w.startLine < head && oldEnd <= w.endLine);
  if (week === -1) return undefined;
  const moved = (line: number) => (line >= oldEnd ? line + delta : line);
  return {
    weeks: index.weeks.map((w, i) =>
      i < week
        ? w
        : i === week
          ? { ...w, endLine: moved(w.endLine) }
          : { heading: { ...w.heading, line: w.heading.line + delta }, startLine: w.startLine + delta, endLine: moved(w.endLine) },
    ),
    otherHeadings: index.otherHeadings.map((h) => (h.line >= oldEnd ? { ...h, line: h.line + delta } : h)),
    outsideLines: index.outsideLines.map(moved),
    disableComments: index.disableComments.map((d) => (d.line >= oldEnd ? { ...d, line: d.line + delta } : d)),
  };
}

/**
 * The previous index with some headings' text changed, when every changed line kept its part in the structure otherwise:
 * a plain line that stays plain (and blank or not), or a heading that stays a heading of the same level and kind (week
 * or other) with no other part (fence, comment, break). Section boundaries depend only on heading lines and levels,
 * so they stay; the sections not retitled keep their span objects (the model reuses their weeks by identity). Undefined
 * when that does not hold: the scan runs.
 */
function retitledIndex(index: SectionIndex, oldFacts: readonly LineFacts[], changed: readonly LineFacts[], head: number): SectionIndex | undefined {
  let weeks: SectionSpan[] | undefined;
  let otherHeadings: OtherHeading[] | undefined;
  for (let k = 0; k < changed.length; k++) {
    const before = oldFacts[head + k];
    const after = changed[k];
    if (sameStructure(before, after)) continue;
    const was = before.heading;
    const now = after.heading;
    if (!was || !now || was.level !== now.level || was.isWeek !== now.isWeek || !noPartButHeading(before) || !noPartButHeading(after)) return undefined;
    const line = head + k;
    if (now.isWeek) {
      const at = indexOfLine(index.weeks, line, (w) => w.startLine);
      // A week heading the scan did not make a section (inside a fence or a comment): the scan decides.
      if (at === -1) return undefined;
      weeks ??= [...index.weeks];
      const span = weeks[at];
      weeks[at] = { heading: { line, level: now.level, text: now.text, textColumn: now.textColumn }, startLine: span.startLine, endLine: span.endLine };
    } else {
      const at = indexOfLine(index.otherHeadings, line, (h) => h.line);
      if (at === -1) return undefined;
      otherHeadings ??= [...index.otherHeadings];
      otherHeadings[at] = { line, level: now.level, text: now.text };
    }
  }
  if (!weeks && !otherHeadings) return undefined;
  return { ...index, weeks: weeks ?? index.weeks, otherHeadings: otherHeadings ?? index.otherHeadings };
}

function scanFacts(lines: readonly string[], facts: readonly LineFacts[]): SectionIndex {
  const weekHeadings: WeekHeadingLine[] = [];
  const otherHeadings: OtherHeading[] = [];
  const breaks: number[] = [];
  const disableComments: DisableComment[] = [];
  const opaque = new Uint8Array(lines.length); // 1 = inside a code fence or multi-line HTML comment
  let fence: string | undefined;
  let inComment = false;
  const collect = (f: LineFacts, line: number) => {
    for (const d of f.disables!) disableComments.push({ line, ...d });
  };

  for (let i = 0; i < lines.length; i++) {
    const f = facts[i];
    if (fence !== undefined) {
      opaque[i] = 1;
      const close = f.fence;
      if (close && close.run[0] === fence[0] && close.run.length >= fence.length && close.bare) fence = undefined;
      continue;
    }
    if (inComment) {
      opaque[i] = 1;
      if (f.closesComment) inComment = false;
      if (f.disables) collect(f, i);
      continue;
    }
    if (f.fence?.opens) {
      fence = f.fence.run;
      opaque[i] = 1;
      continue;
    }
    // Anywhere in the line: `<!-- paper-list-disable-line … -->` goes at the end of the row it silences.
    if (f.disables) collect(f, i);
    if (f.opensComment) {
      inComment = true;
      opaque[i] = 1;
      continue;
    }
    if (f.thematicBreak && (i === 0 || facts[i - 1].blank)) {
      breaks.push(i);
      continue;
    }
    if (f.heading) {
      const { level, text, textColumn, isWeek } = f.heading;
      if (isWeek) weekHeadings.push({ line: i, level, text, textColumn });
      else otherHeadings.push({ line: i, level, text });
    }
  }

  const weeks: SectionSpan[] = [];
  let other = 0;
  let nextBreak = 0;
  for (let w = 0; w < weekHeadings.length; w++) {
    const heading = weekHeadings[w];
    let end = w + 1 < weekHeadings.length ? weekHeadings[w + 1].line : lines.length;
    while (other < otherHeadings.length && otherHeadings[other].line <= heading.line) other++;
    for (let o = other; o < otherHeadings.length && otherHeadings[o].line < end; o++) {
      if (otherHeadings[o].level <= heading.level) {
        end = otherHeadings[o].line;
        break;
      }
    }
    // A thematic break after a blank line ends the week: what follows (`---` then the list's closing words) is the tail.
    while (nextBreak < breaks.length && breaks[nextBreak] <= heading.line) nextBreak++;
    if (nextBreak < breaks.length && breaks[nextBreak] < end) end = breaks[nextBreak];
    weeks.push({ heading, startLine: heading.line, endLine: end });
  }

  const outsideLines: number[] = [];
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    if (next < weeks.length && i === weeks[next].startLine) {
      i = weeks[next].endLine - 1;
      next++;
      continue;
    }
    if (!opaque[i]) outsideLines.push(i);
  }
  return { weeks, otherHeadings, outsideLines, disableComments };
}

function collectDisableComments(line: string, lineNumber: number, into: DisableComment[]): void {
  DISABLE.lastIndex = 0;
  for (let match = DISABLE.exec(line); match; match = DISABLE.exec(line)) {
    const rules = match[2]
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r !== '');
    into.push({ line: lineNumber, kind: match[1] as DisableComment['kind'], rules });
  }
}
