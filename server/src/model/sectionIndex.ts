// One fast line scan over the whole document: where the weeks, the TOC, year groups and disable
// comments are. No markdown-it here; it runs per week section afterwards.

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

export function scanSections(lines: readonly string[]): SectionIndex {
  const weekHeadings: WeekHeadingLine[] = [];
  const otherHeadings: OtherHeading[] = [];
  const breaks: number[] = [];
  const disableComments: DisableComment[] = [];
  const opaque = new Uint8Array(lines.length); // 1 = inside a code fence or multi-line HTML comment
  let fence: string | undefined;
  let inComment = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence !== undefined) {
      opaque[i] = 1;
      const close = FENCE.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = undefined;
      continue;
    }
    if (inComment) {
      opaque[i] = 1;
      if (line.includes('-->')) inComment = false;
      if (line.includes('paper-list-')) collectDisableComments(line, i, disableComments);
      continue;
    }
    const first = line.charCodeAt(line.search(/\S/));
    if (first === 96 /* ` */ || first === 126 /* ~ */) {
      const open = FENCE.exec(line);
      if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = open[1];
        opaque[i] = 1;
        continue;
      }
    }
    // Anywhere in the line: `<!-- paper-list-disable-line … -->` goes at the end of the row it silences.
    if (line.includes('paper-list-')) collectDisableComments(line, i, disableComments);
    if (first === 60 /* < */) {
      const start = line.indexOf('<!--');
      if (start !== -1 && start <= 3 && !line.includes('-->', start + 4)) {
        inComment = true;
        opaque[i] = 1;
        continue;
      }
    }
    if ((first === 45 /* - */ || first === 42 /* * */ || first === 95) /* _ */ && THEMATIC_BREAK.test(line) && (i === 0 || lines[i - 1].trim() === '')) {
      breaks.push(i);
      continue;
    }
    if (first === 35 /* # */) {
      const heading = headingOf(line);
      if (heading) {
        const { level, text, textColumn } = heading;
        if (isWeekHeadingText(text)) weekHeadings.push({ line: i, level, text, textColumn });
        else otherHeadings.push({ line: i, level, text });
      }
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
