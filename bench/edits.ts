// Seeded random edits of the kinds a curator makes, as LSP incremental changes against a text the
// caller keeps in step: type into a title, delete a row, insert a row, change a number, edit a heading
// date, edit a TOC line. Shared by the benchmark and the incremental-analysis test.

export interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface Edit {
  readonly kind: EditKind;
  readonly range: Range;
  readonly text: string;
}

export const EDIT_KINDS = ['type-title', 'delete-row', 'insert-row', 'change-number', 'heading-date', 'toc-line'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

const ROW = /^\s*\|\s*(?:\*\*)?\s*(\d{1,4})/;
const HEADING = /^#{1,6}\s.*\bweek\b[^(]*\(\s*[A-Za-z]+\.?\s*(\d{1,2})/i;
const TOC = /^\s*[-*+]\s+\[[^\]]*\]\(([^)]*)\)/;

/** Line numbers of rows, week headings and TOC entries; recomputed by the caller after each edit. */
export interface Landmarks {
  readonly rows: number[];
  readonly headings: number[];
  readonly toc: number[];
}

export function landmarks(lines: readonly string[]): Landmarks {
  const rows: number[] = [];
  const headings: number[] = [];
  const toc: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].charCodeAt(0);
    if (c === 124 /* | */ && ROW.test(lines[i])) rows.push(i);
    else if (c === 35 /* # */ && HEADING.test(lines[i])) headings.push(i);
    else if ((c === 45 /* - */ || c === 42 || c === 43) && TOC.test(lines[i])) toc.push(i);
  }
  return { rows, headings, toc };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const at = (line: number, character: number) => ({ line, character });

/** One random edit of a random kind (falling back to typing into a title when the kind has no target). */
export function randomEdit(lines: readonly string[], marks: Landmarks, random: () => number, serial: number): Edit {
  const kind = pick(random, EDIT_KINDS);
  if (kind === 'delete-row' && marks.rows.length > 0) {
    const line = pick(random, marks.rows);
    const end = line + 1 < lines.length ? at(line + 1, 0) : at(line, lines[line].length);
    return { kind, range: { start: at(line, 0), end }, text: '' };
  }
  if (kind === 'insert-row' && marks.rows.length > 0) {
    const line = pick(random, marks.rows);
    const number = Number(ROW.exec(lines[line])![1]) + 1;
    const row = `| ${number}) **Inserted Paper ${serial}** - a row typed during the benchmark. | [Paper](https://arxiv.org/abs/2999.${String(serial).padStart(5, '0')}), [Tweet](https://x.com/dair_ai/status/${serial}) |`;
    return { kind, range: { start: at(line, lines[line].length), end: at(line, lines[line].length) }, text: '\n' + row };
  }
  if (kind === 'change-number' && marks.rows.length > 0) {
    const line = pick(random, marks.rows);
    const match = ROW.exec(lines[line])!;
    const start = match[0].length - match[1].length;
    const value = Number(match[1]);
    const next = value + (random() < 0.5 && value > 1 ? -1 : 1);
    return { kind, range: { start: at(line, start), end: at(line, start + match[1].length) }, text: String(next) };
  }
  if (kind === 'heading-date' && marks.headings.length > 0) {
    const line = pick(random, marks.headings);
    const match = HEADING.exec(lines[line])!;
    const start = match[0].length - match[1].length;
    const day = Number(match[1]);
    const next = day >= 28 ? day - 1 : day + (random() < 0.5 && day > 1 ? -1 : 1);
    return { kind, range: { start: at(line, start), end: at(line, start + match[1].length) }, text: String(next) };
  }
  if (kind === 'toc-line' && marks.toc.length > 0) {
    const line = pick(random, marks.toc);
    const text = lines[line];
    const close = text.lastIndexOf(')');
    // Break or mend the anchor: drop its last character, or add one.
    if (random() < 0.5 && close > 0 && text[close - 1] !== '#') return { kind, range: { start: at(line, close - 1), end: at(line, close) }, text: '' };
    return { kind, range: { start: at(line, close), end: at(line, close) }, text: pick(random, ['5', 'x', '-']) };
  }
  if (marks.rows.length === 0) return { kind: 'type-title', range: { start: at(0, 0), end: at(0, 0) }, text: 'x' };
  const line = pick(random, marks.rows);
  const match = ROW.exec(lines[line])!;
  const column = Math.min(lines[line].length, match[0].length + 2 + Math.floor(random() * 12));
  return { kind: 'type-title', range: { start: at(line, column), end: at(line, column) }, text: pick(random, ['a', 'e', 'n', ' ', 'Q']) };
}

/** Applies an edit to a line array in place (lines without their `\n`). */
export function applyToLines(lines: string[], edit: Edit): void {
  const { start, end } = edit.range;
  const joined = lines[start.line].slice(0, start.character) + edit.text + lines[end.line].slice(end.character);
  lines.splice(start.line, end.line - start.line + 1, ...joined.split('\n'));
}
