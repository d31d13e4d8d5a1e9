// Parses one week section (heading line first) into rows and links. Positions are relative to the
// section's first line, so a parse stays valid when the week moves; model.ts rebases them.
import MarkdownIt from 'markdown-it';
import { plainSectionBlocks, type SectionBlock } from './parseWeekFast';
import { isBlank } from './text';

export interface Span {
  /** Line relative to the section start (in ParsedWeek) or absolute (in the model). */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Link {
  readonly label: string;
  readonly target: string;
  readonly isImage: boolean;
  /** The whole `[label](target)`. */
  readonly span: Span;
  readonly labelSpan: Span;
  readonly targetSpan: Span;
  /** A whole second link pasted as the target, `[Tweet]([XXX](https://…))`: the target is then that link's text. */
  readonly nested?: {
    readonly label: string;
    readonly target: string;
    readonly targetSpan: Span;
    /** Whether the outer `)` is there. */ readonly closed: boolean;
  };
}

export interface Cell {
  readonly text: string;
  /** Trimmed cell text's span. */
  readonly span: Span;
}

/** A row's marker as written: `5)`, `(5)`, `5.`, `5).`, `5:`, `5 -` (bold around it is not part of the token). */
export interface NumberToken {
  /** Digits and punctuation as written, e.g. `5).`, `(5)`, `5 -` */
  readonly text: string;
  readonly value: number;
  /** The marker with `N` for the digits (model/numbering.ts), e.g. `N)`, `(N)`, `N -`. */
  readonly style: string;
  readonly span: Span;
}

export interface PaperRow {
  readonly line: number;
  readonly number?: NumberToken;
  readonly title: string;
  readonly titleSpan: Span;
  readonly description: string;
  readonly cells: readonly Cell[];
  /** Links in every cell, in order. */
  readonly links: readonly Link[];
  readonly hasLeadingPipe: boolean;
  readonly hasTrailingPipe: boolean;
  /** Column where a missing trailing pipe goes (end of the row's content). */
  readonly contentEnd: number;
  /** Column of the row's first non-space character. */
  readonly contentStart: number;
  /** Column count of the table's header. */
  readonly headerCells: number;
}

export interface ParsedTable {
  readonly headerLine: number;
  readonly headerCells: number;
  /** Line after the table's last line. */
  readonly endLine: number;
  readonly rows: readonly PaperRow[];
}

export interface ParsedWeek {
  readonly lineCount: number;
  readonly tables: readonly ParsedTable[];
  readonly rows: readonly PaperRow[];
  /** Links outside tables (images, notes), code excluded. */
  readonly otherLinks: readonly Link[];
  /** Last line that is not blank (relative), for the week's range. */
  readonly lastContentLine: number;
}

// Block-level structure only: inline parsing is most of markdown-it's cost and we scan links ourselves
// with exact columns.
const markdown = new MarkdownIt('commonmark').enable('table');
markdown.core.ruler.disable(['inline', 'text_join']);

/**
 * The one decision point between the two block tokenisers: a section that is plainly headings, tables, blank
 * lines and `---` is split by a line scan; anything else goes through markdown-it. Both give the same blocks.
 */
export function sectionBlocks(lines: readonly string[]): readonly SectionBlock[] {
  return plainSectionBlocks(lines) ?? markdownItBlocks(lines);
}

/** The tables, paragraphs and headings markdown-it finds in the section, in order. */
export function markdownItBlocks(lines: readonly string[]): SectionBlock[] {
  // markdown-it reads a lone `\r` as a line break; our lines keep it inside the line, so it becomes a space of the
  // same width for the parse (token line numbers then index `lines`).
  const source = lines.join('\n');
  const tokens = markdown.parse(source.includes('\r') ? source.replace(/\r/g, ' ') : source, {});
  const blocks: SectionBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'table_open' && token.map) {
      blocks.push({ kind: 'table', start: token.map[0], end: token.map[1] });
      while (i < tokens.length && tokens[i].type !== 'table_close') i++;
    } else if ((token.type === 'paragraph_open' || token.type === 'heading_open') && token.map) {
      blocks.push({ kind: 'text', start: token.map[0], end: token.map[1] });
    }
  }
  return blocks;
}

export function parseWeek(lines: readonly string[], blocksOf: (lines: readonly string[]) => readonly SectionBlock[] = sectionBlocks): ParsedWeek {
  const tables: ParsedTable[] = [];
  const rows: PaperRow[] = [];
  const otherLinks: Link[] = [];
  let consumed = 0; // lines up to here belong to a table (pasted rows markdown-it read as a list)
  for (const block of blocksOf(lines)) {
    if (block.kind === 'table') {
      const { start, end: tableEnd } = block;
      let end = tableEnd;
      // A row pasted without its leading pipe, `3) **Title** - … |`, starts an ordered list for markdown-it
      // and ends the table; the curator meant a row, so it and the rows after it stay in the table.
      // Rows with pipes after a pasted one were list continuation lines for markdown-it: they are rows too.
      while (end < lines.length && (PASTED_ROW.test(lines[end]) || (end > tableEnd && /^ {0,3}\|/.test(lines[end])))) end++;
      const headerCells = splitCells(lines[start]).cells.length;
      const tableRows: PaperRow[] = [];
      for (let line = start + 2; line < end; line++) {
        if (lines[line].trim() === '') continue;
        const row = parseRow(lines[line], line, headerCells);
        tableRows.push(row);
        rows.push(row);
      }
      tables.push({ headerLine: start, headerCells, endLine: end, rows: tableRows });
      consumed = end;
    } else if (block.start >= consumed) {
      for (let line = block.start; line < block.end; line++) otherLinks.push(...scanLinks(lines[line], line, 0, lines[line].length));
    }
  }
  let lastContentLine = lines.length - 1;
  while (lastContentLine > 0 && lines[lastContentLine].trim() === '') lastContentLine--;
  return { lineCount: lines.length, tables, rows, otherLinks, lastContentLine };
}

/** A numbered line with a link and no leading pipe, right under a table: `3) **T** - d | [Paper](…) |`. */
const PASTED_ROW = /^ {0,3}(?:\*\*|__)?(?:\d{1,4}\s*(?:\)\.?|\.\)?|:)|\(\d{1,4}\))[^|]*(?:\|.*)?\]\(/;

interface SplitCells {
  cells: Cell[];
  leadingPipe: boolean;
  trailingPipe: boolean;
  contentStart: number;
  contentEnd: number;
}

/**
 * Splits a table line at unescaped pipes, as GFM and markdown-it do: a pipe inside a code span splits the cell too
 * (GFM spec, tables: escape it as `\|`). Cell spans are on line 0; callers rebase.
 */
function splitCells(text: string, line = 0): SplitCells {
  const pipes: number[] = [];
  if (text.indexOf('\\') === -1) {
    // No escapes (most rows): the native search finds the pipes.
    for (let i = text.indexOf('|'); i !== -1; i = text.indexOf('|', i + 1)) pipes.push(i);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 124 /* | */) pipes.push(i);
    }
  }
  // What trimStart and trimEnd would keep, found without copying the row.
  let contentStart = 0;
  while (contentStart < text.length && isBlank(text.charCodeAt(contentStart))) contentStart++;
  // A trailing `<!-- paper-list-disable-line … -->` is not part of the row.
  const comment = text.lastIndexOf('<!--');
  let contentEnd = comment !== -1 && /^<!--.*-->\s*$/.test(text.slice(comment)) ? comment : text.length;
  while (contentEnd > 0 && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
  while (pipes.length > 0 && pipes[pipes.length - 1] >= contentEnd) pipes.pop();
  const leadingPipe = pipes.length > 0 && pipes[0] === contentStart;
  const trailingPipe = pipes.length > 0 && pipes[pipes.length - 1] === contentEnd - 1 && !(leadingPipe && pipes.length === 1);
  // The pipes between cells are pipes[first, last); the row's cells are kept with the model, so their array is made
  // at its size: one grown by push holds 17 slots for a row's 2 or 3 cells.
  const first = leadingPipe ? 1 : 0;
  const last = trailingPipe ? pipes.length - 1 : pipes.length;
  const cells: Cell[] = new Array<Cell>(last - first + 1);
  let left = leadingPipe ? pipes[0] : contentStart - 1;
  for (let b = 0; b < cells.length; b++) {
    const right = first + b < last ? pipes[first + b] : trailingPipe ? pipes[pipes.length - 1] : contentEnd;
    // The cell between two pipes without the blanks around it (those String.prototype.trim drops), cut once.
    let start = left + 1;
    let end = Math.max(start, right);
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    cells[b] = { text: text.slice(start, end), span: { line, start, end } };
    left = right;
  }
  return { cells, leadingPipe, trailingPipe, contentStart, contentEnd };
}

// `N)`, `(N)`, `N.`, `N).`, `N:`, `N -` optionally inside bold (`**N).`, `**(N)**`), at the start of the first cell.
const NUMBER = /^(\*\*|__)?\s*(?:\((\d{1,4})\)|(\d{1,4})(\s*(?:\)\.?|\.\)?|:)|\s+[-–](?=\s))?)/;

export function parseRow(text: string, line: number, headerCells: number): PaperRow {
  const split = splitCells(text, line);
  const first = split.cells[0] ?? { text: '', span: { line, start: split.contentStart, end: split.contentStart } };
  let number: NumberToken | undefined;
  let rest = first.text;
  let restColumn = first.span.start;
  let boldOpen = false;
  const match = NUMBER.exec(rest);
  const after = match ? rest.slice(match[0].length) : '';
  // Digits alone must be followed by a space (`3D Gaussians` is a title); `(N)` by a space or the closing bold.
  if (match && (match[2] !== undefined ? /^(?:\s|\*\*|__|$)/.test(after) : match[4] !== undefined || /^\s/.test(after))) {
    const bold = match[1]?.length ?? 0;
    const tokenStart = bold + (match[0].length - bold - match[0].slice(bold).trimStart().length);
    const tokenText = match[0].slice(tokenStart).trimEnd();
    const start = restColumn + tokenStart;
    const style = match[2] !== undefined ? '(N)' : match[4] === undefined ? 'N' : /[-–]/.test(match[4]) ? `N ${match[4].trim()}` : `N${match[4].trim()}`;
    number = { text: tokenText, value: Number(match[2] ?? match[3]), style, span: { line, start, end: start + tokenText.length } };
    boldOpen = match[1] !== undefined;
    restColumn += match[0].length;
    rest = rest.slice(match[0].length);
  }
  const { title, titleOffset, description } = splitTitle(rest, boldOpen);
  const titleStart = restColumn + titleOffset;
  // Most rows have links in one cell: its array is the row's, else the cells' arrays are joined (at their size).
  let links: Link[] = [];
  for (let c = 0; c < split.cells.length; c++) {
    const span = split.cells[c].span;
    const found = scanLinks(text, line, span.start, span.end);
    if (found.length > 0) links = links.length === 0 ? found : links.concat(found);
  }
  return {
    line,
    number,
    title,
    titleSpan: { line, start: titleStart, end: titleStart + title.length },
    description,
    cells: split.cells,
    links,
    hasLeadingPipe: split.leadingPipe,
    hasTrailingPipe: split.trailingPipe,
    contentStart: split.contentStart,
    contentEnd: split.contentEnd,
    headerCells,
  };
}

/** Longer than any real title in the lists we know (the longest are ~135 characters). */
const MAX_TITLE = 140;
/** Words a description starts with, after a title: `… LLMs Introduces a unified…`, `… Graphs This paper presents…`. */
const DESCRIPTION_OPENING =
  /(?<=\S) (?=(?:This|The) (?:paper|work|study|report|review|survey)\b|(?:Introduces|Proposes|Presents|Investigates|Explores|Demonstrates|Develops|Describes|Provides|Releases|Evaluates|Surveys) [a-z])/;

/**
 * The title and description of a first cell after its number: `**Title** - desc`, `Title** - desc`
 * (number inside the bold), `**** **Title**`, the 2025 form `Title  desc <br>● …`, or `Title - desc`.
 */
function splitTitle(text: string, boldOpen: boolean): { title: string; titleOffset: number; description: string } {
  let offset = text.length - text.trimStart().length;
  let body = text.slice(offset);
  if (boldOpen && body.startsWith('**')) {
    // `**5).**  **Giraffe**`: the bold held only the number.
    const after = body.slice(2);
    const lead = after.length - after.trimStart().length;
    offset += 2 + lead;
    body = after.trimStart();
    boldOpen = false;
  }
  if (!boldOpen && /^\*\*\*\*\s+\*\*\S/.test(body)) {
    // `**** **Title**`: an empty bold before the title.
    const lead = body.slice(4).length - body.slice(4).trimStart().length;
    offset += 4 + lead;
    body = body.slice(4 + lead);
  }
  if (!boldOpen && /^\*\*\*\*[^*\s]/.test(body)) {
    // `****Title****`: bold written twice; the title is inside both.
    const close = body.indexOf('****', 4);
    if (close !== -1) {
      const inner = body.slice(4, close);
      const description = body
        .slice(close + 4)
        .replace(/^\s*[-–—:]?\s*/, '')
        .trim();
      return { title: inner.trim(), titleOffset: offset + 4 + (inner.length - inner.trimStart().length), description };
    }
  }
  if (boldOpen || body.startsWith('**') || body.startsWith('__')) {
    const marker = boldOpen ? '**' : body.slice(0, 2);
    const open = boldOpen ? 0 : 2;
    const close = body.indexOf(marker, open);
    if (close !== -1) {
      const inner = body.slice(open, close);
      const innerLead = inner.length - inner.trimStart().length;
      const title = inner.trim();
      const description = body
        .slice(close + 2)
        .replace(/^\s*[-–—:]?\s*/, '')
        .trim();
      return { title, titleOffset: offset + open + innerLead, description };
    }
  }
  const breakAt = body.search(/<br\s*\/?>/i);
  const head = breakAt === -1 ? body : body.slice(0, breakAt);
  let twoSpaces = head.search(/\S {2,}\S/);
  const dash = head.search(/ [-–—] /);
  // `Title This paper presents…` with one space: a title-length cut is taken from the description's
  // usual opening words, but only when the two-space split (if any) would make an implausibly long title.
  if ((dash === -1 || dash > MAX_TITLE) && (twoSpaces === -1 || twoSpaces > MAX_TITLE)) {
    const opening = DESCRIPTION_OPENING.exec(head);
    if (opening && opening.index > 0 && opening.index <= MAX_TITLE) twoSpaces = opening.index - 1;
  }
  let end: number;
  let descriptionStart: number;
  if (twoSpaces !== -1 && (dash === -1 || twoSpaces < dash)) {
    end = twoSpaces + 1;
    descriptionStart = end;
  } else if (dash !== -1) {
    end = dash;
    descriptionStart = dash + 3;
  } else {
    end = head.trimEnd().length;
    descriptionStart = end;
  }
  return { title: body.slice(0, end).trim(), titleOffset: offset, description: body.slice(descriptionStart).trim() };
}

// `[label](target)` and `![alt](target)`; one level of parentheses inside the target (Wikipedia-style URLs). A target
// that is itself a link, `[Tweet]([XXX](https://…))`, is read whole (its closing `)` may be missing), so the pasted
// link is one problem of the outer link rather than a link of its own.
const TARGET = '[^()\\n]*(?:\\([^()\\n]*\\)[^()\\n]*)*';
const LINK = new RegExp(`(!?)\\[([^[\\]\\n]*)\\]\\((?:(\\s*\\[([^[\\]\\n]*)\\]\\((${TARGET})\\)\\s*)(\\))?|(${TARGET})\\))`, 'g');

const TITLED_TARGET = /^(\S+)\s+(?:"[^"]*"|'[^']*')$/;

/** Links lying within text[from, to), e.g. one cell of a row (a link cannot span a cell's pipe, as in GFM). */
export function scanLinks(text: string, line: number, from: number, to: number): Link[] {
  // Only the segment is searched: searching on to the line's end for every cell is quadratic in a long row's cells.
  const segment = from === 0 && to >= text.length ? text : text.slice(from, to);
  if (segment.indexOf('](') === -1) return [];
  const links: Link[] = [];
  LINK.lastIndex = 0;
  for (let match = LINK.exec(segment); match; match = LINK.exec(segment)) {
    const index = from + match.index;
    const bang = match[1].length;
    const labelStart = index + bang + 1;
    const label = match[2];
    const isNested = match[3] !== undefined;
    const rawTarget = isNested ? match[3] : match[7];
    const targetStart = labelStart + label.length + 2;
    const lead = rawTarget.length - rawTarget.trimStart().length;
    let target = rawTarget.trim();
    // A title after the URL: [Paper](https://… "title")
    // Tried only on a target ending in a quote: a regex literal here was a RegExp object and a match per link.
    const quoted = target.endsWith('"') || target.endsWith("'");
    const titled = isNested || !quoted ? null : TITLED_TARGET.exec(target);
    if (titled) target = titled[1];
    // `<url>`: the span skips the `<` only when it was stripped (an unclosed `<` stays part of the target).
    const angled = target.length >= 2 && target.startsWith('<') && target.endsWith('>');
    if (angled) target = target.slice(1, -1);
    const targetColumn = targetStart + lead + (angled ? 1 : 0);
    links.push({
      label,
      target,
      isImage: bang === 1,
      span: { line, start: index, end: index + match[0].length },
      labelSpan: { line, start: labelStart, end: labelStart + label.length },
      targetSpan: { line, start: targetColumn, end: targetColumn + target.length },
      nested: isNested ? nestedLink(match[4], match[5], targetColumn, line, match[6] !== undefined) : undefined,
    });
  }
  // Kept with the model: a copy at its size, not the 17 slots push grew (the copy's garbage is short-lived).
  return links.slice();
}

/** The pasted link inside a target starting at `column`: `[label](target)`. */
function nestedLink(label: string, rawTarget: string, column: number, line: number, closed: boolean): Link['nested'] {
  const start = column + label.length + 3 + (rawTarget.length - rawTarget.trimStart().length);
  const target = rawTarget.trim();
  return { label, target, targetSpan: { line, start, end: start + target.length }, closed };
}
