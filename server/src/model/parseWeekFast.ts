// The cold path without markdown-it: most week sections are a heading, one table, blank lines and `---`.
// For those a line scan finds the same blocks markdown-it would; a section with anything else (a list, a
// paragraph, a pasted row, indentation, a fence, HTML, a `\r`) returns undefined and goes through markdown-it.
// Only block boundaries are decided here: rows, cells and links are parsed by the same code on both paths.

export interface SectionBlock {
  readonly kind: 'table' | 'text';
  /** First line of the block, relative to the section. */
  readonly start: number;
  /** Line after the block's last line. */
  readonly end: number;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** markdown-it stops counting rows past this many cells filled in for short rows (MAX_AUTOCOMPLETED_CELLS). */
const MAX_AUTOCOMPLETED_CELLS = 65536;

export function plainSectionBlocks(lines: readonly string[]): SectionBlock[] | undefined {
  const blocks: SectionBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const text = lines[i];
    if (text.includes('\r')) return undefined;
    if (BLANK.test(text) || THEMATIC_BREAK.test(text)) {
      i++;
    } else if (ATX_HEADING.test(text)) {
      blocks.push({ kind: 'text', start: i, end: i + 1 });
      i++;
    } else if (text.charCodeAt(0) === 124 /* | */) {
      const columns = tableColumns(lines, i);
      if (columns === undefined) return undefined;
      let end = i + 2;
      // Rows run to a blank line or a heading or `---` (markdown-it's terminators for a table); any other line
      // would be a row without pipes or a list that the markdown-it path and PASTED_ROW have opinions on.
      while (end < lines.length && lines[end].charCodeAt(0) === 124) {
        if (lines[end].includes('\r')) return undefined;
        end++;
      }
      if (end < lines.length && !(BLANK.test(lines[end]) || ATX_HEADING.test(lines[end]) || THEMATIC_BREAK.test(lines[end]))) return undefined;
      if ((end - i - 2) * columns > MAX_AUTOCOMPLETED_CELLS) return undefined;
      blocks.push({ kind: 'table', start: i, end });
      i = end;
    } else {
      return undefined;
    }
  }
  return blocks;
}

/**
 * The header's column count when lines[header] and the next line open a table exactly as markdown-it's table
 * rule decides it (delimiter characters, one alignment per header cell), else undefined.
 */
function tableColumns(lines: readonly string[], header: number): number | undefined {
  const delimiter = lines[header + 1];
  if (delimiter === undefined || delimiter.includes('\r')) return undefined;
  const first = delimiter.charCodeAt(0);
  const second = delimiter.charCodeAt(1);
  if (first !== 124 && first !== 45 && first !== 58) return undefined;
  if (!(second === 124 || second === 45 || second === 58 || second === 32 || second === 9)) return undefined;
  if (first === 45 && (second === 32 || second === 9)) return undefined;
  if (!/^[|:\- \t]*$/.test(delimiter)) return undefined;
  const parts = delimiter.split('|');
  let aligns = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p].trim();
    if (!part) {
      if (p === 0 || p === parts.length - 1) continue;
      return undefined;
    }
    if (!/^:?-+:?$/.test(part)) return undefined;
    aligns++;
  }
  const columns = escapedSplitCount(lines[header].trim());
  return columns !== 0 && columns === aligns ? columns : undefined;
}

/** How many cells markdown-it's escapedSplit gives for a table line, after dropping an empty first and last. */
function escapedSplitCount(text: string): number {
  const cells: string[] = [];
  let current = '';
  let last = 0;
  let escaped = false;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 124) {
      if (!escaped) {
        cells.push(current + text.substring(last, pos));
        current = '';
        last = pos + 1;
      } else {
        current += text.substring(last, pos - 1);
        last = pos;
      }
    }
    escaped = c === 92;
  }
  cells.push(current + text.substring(last));
  if (cells.length && cells[0] === '') cells.shift();
  if (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells.length;
}
