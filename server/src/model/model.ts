// The list model: sections from the line scan, weeks from the per-week parse cache, TOC entries,
// heading anchors and the cross-week indexes every rule reads. Read-only after construction.
import { isBlank, type LineIndex } from './text';
import { parseWeekDates, weekSpan, type WeekDates } from './dates';
import { scanSections, isWeekHeadingText, type DisableComment, type SectionIndex, type SectionSpan } from './sectionIndex';
import { scanLinks, type Link, type PaperRow, type Span, type ParsedTable, type ParsedWeek } from './parseWeek';
import { anchorOf, githubSlug, hostOf, paperKey } from './urls';
import type { PlacedWeek, WeekCache, WeekSlot } from './cache';
import { isPlaceholderTitle } from './placeholders';
import { LayeredMap } from './layeredMap';
import { DEFAULT_MARKER_STYLE, mostUsedStyle, NORM_STYLES, type MarkerStyle } from './numbering';

export type { Link, PaperRow, Span, ParsedTable };

export interface Week {
  readonly index: number;
  readonly level: number;
  readonly headingLine: number;
  /** Heading text without `#`s. */
  readonly heading: string;
  readonly headingSpan: Span;
  readonly anchor: string;
  readonly dates?: WeekDates;
  /** Why the heading's dates did not parse. */
  readonly dateError?: string;
  /** Year the week ends in: the heading's suffix, else inferred from neighbours, else undefined. */
  readonly year?: number;
  /** Absolute days of the week's first and last day, when the dates and a year are known. */
  readonly span?: { readonly start: number; readonly end: number };
  readonly startLine: number;
  /** Line after the section. */
  readonly endLine: number;
  /** Last non-blank line of the section. */
  readonly lastContentLine: number;
  readonly rows: readonly PaperRow[];
  readonly tables: readonly ParsedTable[];
  readonly otherLinks: readonly Link[];
  /** The section's position-independent parse: what is cached per week (weekProblems.ts) is keyed by it, so a moved week keeps it. */
  readonly parsed: ParsedWeek;
}

export interface TocEntry {
  readonly line: number;
  readonly text: string;
  readonly target: string;
  readonly link: Link;
  /** Anchor of the target, or undefined when the target has no `#`. */
  readonly anchor?: string;
  readonly dates?: WeekDates;
  /** The bullet and indentation before the link, e.g. `- `. */
  readonly prefix: string;
}

export interface RowRef {
  readonly week: Week;
  readonly row: PaperRow;
}

export interface PaperList {
  readonly lines: LineIndex;
  readonly weeks: readonly Week[];
  readonly toc: readonly TocEntry[];
  /** Anchor → heading line, with GitHub's `-1`, `-2` suffixes for repeated headings. */
  readonly anchors: ReadonlyMap<string, number>;
  /** Links in the preamble and tail (outside weeks and the TOC), code excluded. */
  readonly outsideLinks: readonly Link[];
  readonly disableComments: readonly DisableComment[];
  /** Normalized title → rows, over all weeks. */
  readonly titles: ReadonlyMap<string, readonly RowRef[]>;
  /** Paper key (see urls.paperKey) of each row's paper link (ModelOptions.paperLabel) → rows, over all weeks. */
  readonly papers: ReadonlyMap<string, readonly RowRef[]>;
  /** The keys of `titles` and `papers` held by two or more rows: what the duplicate rules read, so they need not walk every key. */
  readonly repeatedTitles: ReadonlySet<string>;
  readonly repeatedPapers: ReadonlySet<string>;
  /** True when no heading states a year and no year file names one: weeks' `year` is then NOMINAL_YEAR, for date arithmetic only (see statedYear). */
  readonly yearsAssumed: boolean;
  /** The row marker most rows use (`N)`, `(N)`, …; see numbering.ts), `N)` when no row is numbered. */
  readonly markerStyle: MarkerStyle;
  /**
   * In a list without week sections (grouped by month, day or topic): its table rows and bullet items that hold
   * links, for the checks that need no weeks (duplicate papers). Empty when the list has weeks.
   */
  readonly items: readonly ListItem[];
  /** Explicit HTML anchors, `<a id="x">` / `<a name="x">`, which `#x` links may target. */
  readonly htmlAnchors: HtmlAnchors;
}

/** A table row or bullet item of a list without weeks. */
export interface ListItem {
  readonly line: number;
  readonly links: readonly Link[];
  /** The link that names the paper: labelled like ModelOptions.paperLabel, else the first link to a paper host. */
  readonly paper?: Link;
  /** The nearest heading above, for messages. */
  readonly heading?: string;
}

export interface ModelOptions {
  /** The label of the link that identifies a row's paper (the first of the requiredLinks setting); default `Paper`. */
  readonly paperLabel?: string;
  /** The year a year file of a multi-file list holds (its title or name): anchors year inference when no heading gives one. */
  readonly fallbackYear?: number;
}

const TOC_ENTRY = /^(\s*(?:[-*+]|\d+[.)])\s+)\[/;

/** The model of a text, given as a string or as its line table (which saves a scan of the text). */
export function buildModel(source: string | LineIndex, cache: WeekCache, options: ModelOptions = {}): PaperList {
  const lines = cache.lineIndexFor(source);
  const lineTexts = lines.lines();
  const index = scanSections(lineTexts, cache.lineFacts);
  cache.beginBuild();
  const paperLabel = options.paperLabel ?? 'Paper';
  const { weeks, facts, slots } = buildWeeks(lineTexts, index, cache, options.fallbackYear);
  const yearsAssumed = options.fallbackYear === undefined && weeks.length > 0 && weeks.every((w) => w.dates?.year === undefined);
  const anchors = anchorsOf(index, weeks);
  const toc: TocEntry[] = [];
  const outsideLinks: Link[] = [];
  const items: ListItem[] = [];
  let heading = 0;
  for (const line of index.outsideLines) {
    const textOfLine = lineTexts[line];
    if (textOfLine.indexOf('](') === -1) continue;
    // The function itself, not a closure over the line: a 10 MB list's TOC is 1,300 lines, read on every build.
    const found = cache.outsideLine(line, textOfLine, outsideLine);
    if (found.toc) toc.push(found.toc);
    for (const link of found.links) outsideLinks.push(link);
    if (weeks.length === 0 && found.links.length > 0 && ITEM_LINE.test(textOfLine)) {
      while (heading + 1 < index.otherHeadings.length && index.otherHeadings[heading + 1].line < line) heading++;
      const above = index.otherHeadings[heading]?.line < line ? index.otherHeadings[heading].text : undefined;
      items.push({ line, links: found.links, paper: itemPaper(found.links, paperLabel), heading: above });
    }
  }
  // The sections an edit replaced since the last build: its indexes and marker totals are adjusted by them.
  const last = cache.lastBuild;
  const changes = last && fewChanges(changedSlots(last.slots, slots), slots.length);
  const markerTotals = markerTotalsOf(weeks, slots, changes && last.markerTotals, changes);
  const indexes = buildIndexes(slots, facts, paperLabel, changes && last.paperLabel === paperLabel ? last.indexes : undefined, changes);
  cache.lastBuild = { slots, paperLabel, indexes, markerTotals };
  const markerStyle = listMarkerStyle(weeks, markerTotals);
  return {
    lines,
    weeks,
    toc,
    anchors,
    outsideLinks,
    disableComments: index.disableComments,
    yearsAssumed,
    markerStyle,
    items,
    htmlAnchors: new HtmlAnchors(lineTexts, weeks),
    ...indexes,
  };
}

/** Each section index's anchors: the headings' lines and texts are the index's, so an edit that keeps the index keeps them. */
const indexAnchors = new WeakMap<SectionIndex, ReadonlyMap<string, number>>();

function anchorsOf(index: SectionIndex, weeks: readonly Week[]): ReadonlyMap<string, number> {
  const known = indexAnchors.get(index);
  if (known) return known;
  const anchors = new Map<string, number>();
  // A repeated slug gets the first free `-n`, as GitHub numbers them. Each slug's search starts after the suffix it
  // took last (those below are taken, and anchors are never removed): from 1 each time, a list of n equal headings
  // cost n²/2 lookups (4,000 of them: 2 s).
  const nextSuffix = new Map<string, number>();
  const add = (slug: string, line: number) => {
    let anchor = slug;
    if (anchors.has(anchor)) {
      let n = nextSuffix.get(slug) ?? 1;
      for (anchor = `${slug}-${n}`; anchors.has(anchor);) anchor = `${slug}-${++n}`;
      nextSuffix.set(slug, n + 1);
    }
    anchors.set(anchor, line);
  };
  // Both lists are in line order: merged as they are, in document order (GitHub numbers repeated slugs so), without
  // an object per heading and a sort (a 10 MB list has 1,300 weeks, and this runs on every structural edit).
  const others = index.otherHeadings;
  let o = 0;
  for (const week of weeks) {
    for (; o < others.length && others[o].line < week.headingLine; o++) add(githubSlug(others[o].text), others[o].line);
    add(week.anchor, week.headingLine);
  }
  for (; o < others.length; o++) add(githubSlug(others[o].text), others[o].line);
  indexAnchors.set(index, anchors);
  return anchors;
}

/** A table row (not the delimiter row) or a bullet or numbered list item. */
const ITEM_LINE = /^\s*(?:\|(?!\s*:?-{3,})|(?:[-*+]|\d{1,4}[.)])\s)/;
/** Hosts that serve papers: an item's first link to one of them names its paper when no link is labelled `Paper`. */
const PAPER_HOST =
  /^(?:arxiv\.org|openreview\.net|aclanthology\.org|doi\.org|dl\.acm\.org|ieeexplore\.ieee\.org|proceedings\.\S+|papers\.nips\.cc|proceedings\.neurips\.cc|biorxiv\.org|medrxiv\.org|semanticscholar\.org|huggingface\.co)$/;

function itemPaper(links: readonly Link[], paperLabel: string): Link | undefined {
  const labelled = links.find((l) => !l.isImage && sameLabel(l.label, paperLabel));
  if (labelled) return labelled;
  return links.find((l) => {
    if (l.isImage) return false;
    const host = hostOf(l.target);
    return host !== undefined && PAPER_HOST.test(host) && (host !== 'huggingface.co' || /\/papers\//.test(l.target));
  });
}

const HTML_ANCHOR = /<a\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"'<>]+)["']/gi;

function addHtmlAnchors(line: string, into: Set<string>): void {
  if (line.indexOf('<a') === -1 && line.indexOf('<A') === -1) return;
  HTML_ANCHOR.lastIndex = 0;
  for (let m = HTML_ANCHOR.exec(line); m; m = HTML_ANCHOR.exec(line)) into.add(m[1]);
}

/** A section's HTML anchors, found once per section text. */
const sectionHtmlAnchors = new WeakMap<ParsedWeek, readonly string[]>();

/**
 * A version's HTML anchors, found when first asked for: only a same-document link whose anchor matches no heading asks
 * (anchor-link), so most versions never scan the lines between the weeks (a 10 MB list's TOC is 1,300 of them).
 */
export class HtmlAnchors implements Iterable<string> {
  private found: ReadonlySet<string> | undefined;
  constructor(
    private readonly lines: readonly string[],
    private readonly weeks: readonly Week[],
  ) {}
  has(anchor: string): boolean {
    return this.all().has(anchor);
  }
  [Symbol.iterator](): Iterator<string> {
    return this.all().values();
  }
  private all(): ReadonlySet<string> {
    return (this.found ??= htmlAnchorsOf(this.lines, this.weeks));
  }
}

/** Every line's HTML anchors: each week's from its section's memo, the lines between weeks scanned. */
function htmlAnchorsOf(lines: readonly string[], weeks: readonly Week[]): Set<string> {
  const found = new Set<string>();
  let line = 0;
  for (const week of weeks) {
    for (; line < week.startLine; line++) addHtmlAnchors(lines[line], found);
    let own = sectionHtmlAnchors.get(week.parsed);
    if (!own) {
      const inSection = new Set<string>();
      for (let l = week.startLine; l < week.endLine; l++) addHtmlAnchors(lines[l], inSection);
      sectionHtmlAnchors.set(week.parsed, (own = [...inSection]));
    }
    for (const anchor of own) found.add(anchor);
    line = week.endLine;
  }
  for (; line < lines.length; line++) addHtmlAnchors(lines[line], found);
  return found;
}

const STYLE_LIST: readonly MarkerStyle[] = [...NORM_STYLES];

/**
 * Each section's marker styles in order of first use with their counts (what dominantStyle counts), once per section
 * text: pairs of an index into STYLE_LIST and a count, which summing for every week on every edit reads without a map.
 */
const sectionMarkers = new WeakMap<ParsedWeek, Int32Array>();

/** A section's numbered rows per marker style, as [style index, count] pairs in the order the rows first use them. */
function sectionMarkerCounts(parsed: ParsedWeek): Int32Array {
  let own = sectionMarkers.get(parsed);
  if (!own) {
    const styles = new Map<MarkerStyle, number>();
    for (let r = 0; r < parsed.rows.length; r++) {
      const row = parsed.rows[r];
      if (row.number && NORM_STYLES.has(row.number.style)) styles.set(row.number.style, (styles.get(row.number.style) ?? 0) + 1);
    }
    sectionMarkers.set(parsed, (own = Int32Array.from([...styles].flatMap(([style, count]) => [STYLE_LIST.indexOf(style), count]))));
  }
  return own;
}

/** Numbered rows per marker style over the list: the last build's `kept` totals adjusted by `changes`, or summed. */
function markerTotalsOf(weeks: readonly Week[], slots: readonly WeekSlot[], kept: Int32Array | undefined, changes: SlotChanges | undefined): Int32Array {
  if (kept && changes) {
    const totals = kept.slice();
    for (const slot of changes.removed) addCounts(totals, sectionMarkerCounts(slot.parsed), -1);
    for (const i of changes.added) addCounts(totals, sectionMarkerCounts(slots[i].parsed), 1);
    return totals;
  }
  const totals = new Int32Array(STYLE_LIST.length);
  for (const week of weeks) addCounts(totals, sectionMarkerCounts(week.parsed), 1);
  return totals;
}

/** dominantStyle over every row of the list, from its totals: the style most numbered rows use; in a tie the default, else the one the list uses first. */
function listMarkerStyle(weeks: readonly Week[], totals: Int32Array): MarkerStyle {
  // mostUsedStyle takes the first of equal counts: the list's first use orders the styles, needed only for a tie.
  const top = Math.max(...totals);
  const tied = top > 0 && totals.filter((count) => count === top).length > 1;
  const styles = tied ? stylesByFirstUse(weeks) : STYLE_LIST.map((_, i) => i);
  const counts = new Map(styles.filter((i) => totals[i] > 0).map((i) => [STYLE_LIST[i], totals[i]] as const));
  return mostUsedStyle(counts, DEFAULT_MARKER_STYLE) ?? DEFAULT_MARKER_STYLE;
}

/** The styles' indexes in the order the list's rows first use them. */
function stylesByFirstUse(weeks: readonly Week[]): number[] {
  const order: number[] = [];
  for (const week of weeks) {
    const own = sectionMarkerCounts(week.parsed);
    for (let i = 0; i < own.length; i += 2) if (!order.includes(own[i])) order.push(own[i]);
  }
  return order;
}

/** Adds a section's counts to the totals (`sign` -1: takes them away). */
function addCounts(totals: Int32Array, own: Int32Array, sign: 1 | -1): void {
  for (let i = 0; i < own.length; i += 2) totals[own[i]] += sign * own[i + 1];
}

/** A TOC entry and the other links of a line outside the weeks. */
function outsideLine(text: string, line: number): { toc?: TocEntry; links: readonly Link[] } {
  const links = scanLinks(text, line, 0, text.length);
  const bullet = TOC_ENTRY.exec(text);
  if (bullet && links.length > 0 && links[0].span.start === bullet[1].length && isTocLink(links[0])) {
    const link = links[0];
    // `[Week (…)]([XXX](#anchor))`: the pasted link's target is what the entry means (placeholder-link reports the paste).
    const target = link.nested?.target ?? link.target;
    const parsed = parseWeekDates(link.label);
    return {
      toc: { line, text: link.label, target, link, anchor: anchorOf(target), dates: parsed.ok ? parsed.dates : undefined, prefix: bullet[1] },
      links: links.slice(1),
    };
  }
  return { links };
}

function isTocLink(link: Link): boolean {
  return !link.isImage && (isWeekHeadingText(link.label) || /#top-/i.test(link.target));
}

/** What the model derives from a parsed section alone, memoized with the parse: unchanged weeks cost a lookup. */
interface SectionFacts {
  readonly dateParse: ReturnType<typeof parseWeekDates>;
  readonly anchor: string;
  /** normalizeTitle of each row, parallel to the rows. */
  readonly titleKeys: readonly string[];
  /** paperKey of each row's paper link, for the paper label they were computed with. */
  paperKeys?: { readonly label: string; readonly keys: readonly (string | undefined)[] };
}

const sectionFacts = new WeakMap<ParsedWeek, SectionFacts>();

function factsOf(parsed: ParsedWeek, heading: SectionIndex['weeks'][number]['heading']): SectionFacts {
  let facts = sectionFacts.get(parsed);
  if (!facts) {
    facts = {
      dateParse: parseWeekDates(heading.text, heading.textColumn),
      anchor: githubSlug(heading.text),
      titleKeys: parsed.rows.map((r) => normalizeTitle(r.title)),
    };
    sectionFacts.set(parsed, facts);
  }
  return facts;
}

/** A Week built for a placed section, reused while the section keeps its place, position in the list and year. */
interface BuiltWeek {
  readonly index: number;
  readonly year: number | undefined;
  readonly week: Week;
}

const builtWeeks = new WeakMap<PlacedWeek, BuiltWeek>();

/** Each cache's last build: its sections' spans and facts, in order (see buildWeeks). */
const builtSections = new WeakMap<WeekCache, { readonly spans: readonly SectionSpan[]; readonly facts: readonly SectionFacts[] }>();

const indexYears = new WeakMap<SectionIndex, { readonly fallbackYear: number | undefined; readonly years: readonly (number | undefined)[] }>();

function buildWeeks(
  lineTexts: readonly string[],
  index: SectionIndex,
  cache: WeekCache,
  fallbackYear?: number,
): { weeks: Week[]; facts: SectionFacts[]; slots: WeekSlot[] } {
  // A section the previous build placed at the same index, with the same span object (the index is the same, or the
  // span comes before lines inserted or deleted), and outside the lines the edit changed is the same section in the same
  // place: taken as it was, with its facts.
  const previous = builtSections.get(cache);
  const { changedFrom = 0, changedTo = Infinity } = cache.lineFacts;
  const placed: PlacedWeek[] = [];
  const facts: SectionFacts[] = [];
  index.weeks.forEach((section, i) => {
    if (previous !== undefined && previous.spans[i] === section && (section.endLine <= changedFrom || section.startLine >= changedTo)) {
      placed.push(cache.sameSection(i));
      facts.push(previous.facts[i]);
    } else {
      const p = cache.section(lineTexts, section.startLine, section.endLine);
      placed.push(p);
      facts.push(factsOf(p.parsed, section.heading));
    }
  });
  builtSections.set(cache, { spans: index.weeks, facts });
  // The years follow from the headings alone, which are the index's.
  let known = indexYears.get(index);
  if (!known || known.fallbackYear !== fallbackYear) {
    known = {
      fallbackYear,
      years: inferYears(
        facts.map((f) => (f.dateParse.ok ? f.dateParse.dates : undefined)),
        fallbackYear,
      ),
    };
    indexYears.set(index, known);
  }
  const years = known.years;
  const weeks = placed.map((p, i) => {
    const year = years[i];
    const built = builtWeeks.get(p);
    const week = built && built.index === i && built.year === year ? built.week : new PlacedWeekModel(index.weeks[i], p, facts[i], i, year);
    if (week !== built?.week) builtWeeks.set(p, { index: i, year, week });
    p.slot.week = week;
    return week;
  });
  return { weeks, facts, slots: placed.map((p) => p.slot) };
}

/**
 * A Week on the document's lines. Its rows, tables and links are read through the placement, which copies the parse to
 * document lines on first use (model/cache.ts). A class rather than an object literal with getters: such a literal gets
 * a hidden class of its own on every call, which made every read of a week's fields a slow lookup and kept each
 * version's shapes alive through the young-generation collections.
 */
class PlacedWeekModel implements Week {
  readonly level: number;
  readonly headingLine: number;
  readonly heading: string;
  readonly headingSpan: Span;
  readonly anchor: string;
  readonly dates: WeekDates | undefined;
  readonly dateError: string | undefined;
  readonly startLine: number;
  readonly endLine: number;
  readonly lastContentLine: number;
  readonly parsed: ParsedWeek;
  readonly span: { readonly start: number; readonly end: number } | undefined;

  readonly #placed: PlacedWeek;

  constructor(
    section: SectionSpan,
    placed: PlacedWeek,
    known: SectionFacts,
    readonly index: number,
    readonly year: number | undefined,
  ) {
    this.#placed = placed;
    const heading = section.heading;
    const dateParse = known.dateParse;
    this.level = heading.level;
    this.headingLine = heading.line;
    this.heading = heading.text;
    this.headingSpan = { line: heading.line, start: heading.textColumn, end: heading.textColumn + heading.text.length };
    this.anchor = known.anchor;
    this.dates = dateParse.ok ? dateParse.dates : undefined;
    this.dateError = dateParse.ok ? undefined : dateParse.reason;
    this.startLine = section.startLine;
    this.endLine = section.endLine;
    this.lastContentLine = section.startLine + placed.parsed.lastContentLine;
    this.parsed = placed.parsed;
    this.span = this.dates && year !== undefined ? weekSpan(this.dates, year) : undefined;
  }

  get rows(): readonly PaperRow[] {
    return this.#placed.rows;
  }
  get tables(): readonly ParsedTable[] {
    return this.#placed.tables;
  }
  get otherLinks(): readonly Link[] {
    return this.#placed.otherLinks;
  }

  /** Every field, rows included (tests compare weeks as JSON). */
  toJSON(): Week {
    const { index, level, headingLine, heading, headingSpan, anchor, dates, dateError, startLine, endLine, lastContentLine } = this;
    const { rows, tables, otherLinks, parsed, year, span } = this;
    return {
      index,
      level,
      headingLine,
      heading,
      headingSpan,
      anchor,
      dates,
      dateError,
      startLine,
      endLine,
      lastContentLine,
      rows,
      tables,
      otherLinks,
      parsed,
      year,
      span,
    };
  }
}

/**
 * The year each week ends in. Explicit ` - 2025` suffixes win; other weeks take the year that puts
 * them just before their newer neighbour (or just after their older one), weeks being newest first.
 */
export function inferYears(dates: readonly (WeekDates | undefined)[], fallbackYear?: number): (number | undefined)[] {
  const years = dates.map((d) => d?.year);
  const closest = (d: WeekDates, anchorDay: number, anchorYear: number, before: boolean): number => {
    let best = anchorYear;
    let bestDistance = Infinity;
    for (const y of [anchorYear - 1, anchorYear, anchorYear + 1]) {
      const span = weekSpan(d, y);
      const distance = before ? anchorDay - span.end : span.start - anchorDay;
      // The nearest year wins, either side: a week listed out of order is then weeks off, not a year.
      const score = Math.abs(distance);
      if (score < bestDistance) {
        bestDistance = score;
        best = y;
      }
    }
    return best;
  };
  // Older weeks from the nearest dated newer week downwards, then newer weeks upwards; a week whose heading
  // does not parse is stepped over rather than cutting the chain.
  for (let pass = 0; pass < 2; pass++) {
    let newer = -1;
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i];
      if (!d) continue;
      if (years[i] === undefined && newer !== -1) years[i] = closest(d, weekSpan(dates[newer]!, years[newer]!).start, years[newer]!, true);
      if (years[i] !== undefined) newer = i;
    }
    let older = -1;
    for (let i = dates.length - 1; i >= 0; i--) {
      const d = dates[i];
      if (!d) continue;
      if (years[i] === undefined && older !== -1) years[i] = closest(d, weekSpan(dates[older]!, years[older]!).end, years[older]!, false);
      if (years[i] !== undefined) older = i;
    }
  }
  if (years.every((y) => y === undefined)) {
    // No year anywhere: the file's own year (a year file of a multi-file list) anchors the newest week; else dates
    // still compare relative to each other, so anchor it in a leap-neutral year.
    const first = dates.findIndex((d) => d !== undefined);
    if (first !== -1) return inferYears(dates.map((d, i) => (d && i === first ? { ...d, year: fallbackYear ?? NOMINAL_YEAR } : d)));
  }
  return years;
}

/** Used for arithmetic only when a list never says which year it is. */
const NOMINAL_YEAR = 2023;

export function normalizeTitle(title: string): string {
  const ascii = normalizeAsciiTitle(title);
  if (ascii !== undefined) return ascii;
  return title
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * normalizeTitle of an ASCII title in one pass (most titles; every row's title is normalized when a list is opened),
 * undefined for any other: the Unicode letter and number classes are the regular expressions'. The kept characters go
 * into a buffer made once and become one string at the end: appending them one by one made a string per character,
 * half of what normalizing a list allocated.
 */
function normalizeAsciiTitle(title: string): string | undefined {
  const codes = title.length <= titleCodes.length ? titleCodes : new Uint8Array(title.length);
  let length = 0;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c >= 128) return undefined;
    // Emphasis and code marks go before runs of other characters become one space: `a*b` is `ab`.
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 96 /* ` */ || c === 126 /* ~ */) continue;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && length > 0) codes[length++] = 32;
      gap = false;
      codes[length++] = c;
    } else gap = true;
  }
  return charsOf(codes, length);
}

/** Longer than any real title (MAX_TITLE in parseWeek.ts is 140): a longer one gets a buffer of its own. */
const titleCodes = new Uint8Array(256);

/** The string of `codes[0, length)`, in slices small enough for an argument list. */
function charsOf(codes: Uint8Array, length: number): string {
  const SLICE = 4096;
  if (length <= SLICE) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let at = 0; at < length; at += SLICE) text += String.fromCharCode.apply(null, codes.subarray(at, Math.min(length, at + SLICE)) as unknown as number[]);
  return text;
}

/**
 * A row by its section and its place in the section: the week and the row (on document lines) are those of the
 * section's newest build, so an index entry stays valid while its section only moves.
 */
class SlotRowRef implements RowRef {
  constructor(
    readonly slot: WeekSlot,
    private readonly rowIndex: number,
  ) {}
  get week(): Week {
    return this.slot.week!;
  }
  get row(): PaperRow {
    return this.slot.week!.rows[this.rowIndex];
  }
}

/** Where a section's rows go in the title and paper indexes: computed once per section. */
interface WeekKeys {
  readonly titles: readonly (readonly [string, RowRef])[];
  readonly papers: readonly (readonly [string, RowRef])[];
}

const weekKeys = new WeakMap<WeekSlot, { readonly paperLabel: string; readonly keys: WeekKeys }>();

function keysOf(slot: WeekSlot, known: SectionFacts, paperLabel: string): WeekKeys {
  const memo = weekKeys.get(slot);
  if (memo && memo.paperLabel === paperLabel) return memo.keys;
  if (known.paperKeys?.label !== paperLabel) {
    known.paperKeys = {
      label: paperLabel,
      keys: slot.parsed.rows.map((row) => {
        const paper = paperLink(row, paperLabel);
        return paper && paperKey(paper.target);
      }),
    };
  }
  const titles: (readonly [string, RowRef])[] = [];
  const papers: (readonly [string, RowRef])[] = [];
  for (let r = 0; r < slot.parsed.rows.length; r++) {
    const ref = new SlotRowRef(slot, r);
    const title = known.titleKeys[r];
    if (title !== '' && !isPlaceholderTitle(title)) titles.push([title, ref]);
    const key = known.paperKeys.keys[r];
    if (key) papers.push([key, ref]);
  }
  const keys = { titles, papers };
  weekKeys.set(slot, { paperLabel, keys });
  return keys;
}

/**
 * What a build leaves in its cache for the next one to adjust rather than redo: its sections, its title and paper
 * indexes (for its paper label) and its numbered rows per marker style.
 */
export interface LastBuild {
  readonly slots: readonly WeekSlot[];
  readonly paperLabel: string;
  readonly indexes: Indexes;
  readonly markerTotals: Int32Array;
}

interface Indexes {
  readonly titles: KeyIndex;
  readonly papers: KeyIndex;
  readonly repeatedTitles: ReadonlySet<string>;
  readonly repeatedPapers: ReadonlySet<string>;
}

type KeyIndex = ReadonlyMap<string, readonly RowRef[]>;

/**
 * Normalized title → rows and paper key → rows, each list in list order. When few weeks changed (a Week object is
 * reused only when nothing about it changed), from the previous build's maps: a copy with the removed weeks' refs
 * taken out and the new weeks' put in. The maps' key order is not meaningful; the order of each key's refs is.
 */
function buildIndexes(
  slots: readonly WeekSlot[],
  facts: readonly SectionFacts[],
  paperLabel: string,
  kept: Indexes | undefined,
  changes: SlotChanges | undefined,
): Indexes {
  const keys = (i: number) => keysOf(slots[i], facts[i], paperLabel);
  if (kept && changes) {
    const { removed, added } = changes;
    const removedKeys = removed.map((w) => keysOf(w, sectionFacts.get(w.parsed)!, paperLabel));
    const gone = new Set(removed);
    const update = (
      map: KeyIndex,
      repeated: ReadonlySet<string>,
      pick: (k: WeekKeys) => readonly (readonly [string, RowRef])[],
    ): { map: KeyIndex; repeated: ReadonlySet<string> } => {
      const changes = new Map<string, RowRef[] | undefined>();
      const current = (key: string) => (changes.has(key) ? changes.get(key) : map.get(key));
      for (const own of removedKeys) {
        for (const [key] of pick(own)) {
          const refs = current(key);
          if (!refs) continue;
          const kept = refs.filter((r) => !gone.has((r as SlotRowRef).slot));
          if (kept.length !== refs.length) changes.set(key, kept.length === 0 ? undefined : kept);
        }
      }
      const copied = new Set<RowRef[]>();
      for (const i of added) {
        for (const [key, ref] of pick(keys(i))) {
          const refs = current(key);
          if (refs && copied.has(refs as RowRef[])) {
            (refs as RowRef[]).push(ref);
            continue;
          }
          const next = refs ? [...refs, ref] : [ref];
          copied.add(next);
          changes.set(key, next);
        }
      }
      for (const refs of copied) if (refs.length > 1) refs.sort(byListOrder);
      const nowRepeated = new Set(repeated);
      for (const [key, refs] of changes) {
        if (refs && refs.length >= 2) nowRepeated.add(key);
        else nowRepeated.delete(key);
      }
      return { map: LayeredMap.of(map).with(changes), repeated: nowRepeated };
    };
    const titles = update(kept.titles, kept.repeatedTitles, (k) => k.titles);
    const papers = update(kept.papers, kept.repeatedPapers, (k) => k.papers);
    return { titles: titles.map, papers: papers.map, repeatedTitles: titles.repeated, repeatedPapers: papers.repeated };
  }
  const titles = new Map<string, RowRef[]>();
  const papers = new Map<string, RowRef[]>();
  const push = (map: Map<string, RowRef[]>, key: string, ref: RowRef) => {
    const list = map.get(key);
    if (list) list.push(ref);
    else map.set(key, [ref]);
  };
  for (let i = 0; i < slots.length; i++) {
    const own = keys(i);
    for (let t = 0; t < own.titles.length; t++) push(titles, own.titles[t][0], own.titles[t][1]);
    for (let p = 0; p < own.papers.length; p++) push(papers, own.papers[p][0], own.papers[p][1]);
  }
  const repeated = (map: KeyIndex) => {
    const keys = new Set<string>();
    map.forEach((refs, key) => {
      if (refs.length >= 2) keys.add(key);
    });
    return keys;
  };
  return { titles, papers, repeatedTitles: repeated(titles), repeatedPapers: repeated(papers) };
}

interface SlotChanges {
  readonly removed: readonly WeekSlot[];
  readonly added: readonly number[];
}

/** `changes` when few enough (of `count` sections) to adjust the last build's indexes and totals by; undefined otherwise. */
function fewChanges(changes: SlotChanges | undefined, count: number): SlotChanges | undefined {
  return changes && changes.removed.length + changes.added.length <= Math.max(8, count / 4) ? changes : undefined;
}

/**
 * The sections of the previous build that are gone and the indexes of the new ones, when the sections both builds have
 * are in the same order (the refs of unchanged keys are then still in list order); undefined otherwise. An edit inside a
 * week replaces one slot in place, which a walk in step finds without building sets of every slot.
 */
function changedSlots(before: readonly WeekSlot[], after: readonly WeekSlot[]): SlotChanges | undefined {
  if (before.length === after.length) {
    const removed: WeekSlot[] = [];
    const added: number[] = [];
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      removed.push(before[i]);
      added.push(i);
    }
    // A slot that moved to another place is in both lists: removed and added again, which keeps the order right.
    return { removed, added };
  }
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  const kept = before.filter((s) => inAfter.has(s));
  let k = 0;
  for (const slot of after) if (inBefore.has(slot) && kept[k++] !== slot) return undefined;
  return { removed: before.filter((s) => !inAfter.has(s)), added: after.flatMap((s, i) => (inBefore.has(s) ? [] : [i])) };
}

function byListOrder(a: RowRef, b: RowRef): number {
  return a.week.index - b.week.index || a.row.line - b.row.line;
}

/**
 * A row New Week wrote and nobody filled in yet: a number, no title or description, and only empty links
 * (`| 3)  | [Paper](), [Tweet]() |`). The link rules leave it to `unfinished-week`, which reports the week once.
 */
export function isTemplateRow(row: PaperRow): boolean {
  return row.title === '' && row.description.trim() === '' && row.links.length > 0 && row.links.every((l) => !l.isImage && l.target.trim() === '');
}

export function paperLink(row: PaperRow, paperLabel = 'Paper'): Link | undefined {
  for (let l = 0; l < row.links.length; l++) {
    const link = row.links[l];
    if (!link.isImage && sameLabel(link.label, paperLabel)) return link;
  }
  return undefined;
}

/**
 * Whether a link's label is `wanted`, ignoring case and surrounding blanks: `label.trim().toLowerCase() === wanted.toLowerCase()`
 * without a lowercased copy of each (every row's links are read for their paper on a cold analysis).
 */
export function sameLabel(label: string, wanted: string): boolean {
  if (label === wanted) return true;
  let start = 0;
  let end = label.length;
  while (start < end && isBlank(label.charCodeAt(start))) start++;
  while (end > start && isBlank(label.charCodeAt(end - 1))) end--;
  // Lowercasing keeps the length of ASCII text: only other text can still match at another length.
  if (end - start !== wanted.length) return !(isAscii(label) && isAscii(wanted)) && label.trim().toLowerCase() === wanted.toLowerCase();
  for (let i = 0; i < wanted.length; i++) {
    const a = label.charCodeAt(start + i);
    const b = wanted.charCodeAt(i);
    if (a === b) continue;
    // Outside ASCII, lowercasing may change lengths: the library decides.
    if (a >= 128 || b >= 128) return label.trim().toLowerCase() === wanted.toLowerCase();
    if ((a | 32) !== (b | 32) || !isAsciiLetter(a) || !isAsciiLetter(b)) return false;
  }
  return true;
}

const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

export function weekOfLine(list: PaperList, line: number): Week | undefined {
  let low = 0;
  let high = list.weeks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const week = list.weeks[mid];
    if (line < week.startLine) high = mid - 1;
    else if (line >= week.endLine) low = mid + 1;
    else return week;
  }
  return undefined;
}

/** The week whose heading is on `line` (a section begins at its heading). */
export function weekAtHeading(list: PaperList, line: number): Week | undefined {
  const week = weekOfLine(list, line);
  return week?.headingLine === line ? week : undefined;
}

export function rowOfLine(week: Week, line: number): PaperRow | undefined {
  return week.rows.find((r) => r.line === line);
}

/** The year to show for a week (tree, hover, export, pickers): undefined when the list never says it, rather than the nominal one. */
export function statedYear(list: PaperList, week: Week): number | undefined {
  return list.yearsAssumed ? undefined : week.year;
}

/** "Feb 13 - 19" as the heading writes it, for messages. */
export function weekLabel(week: Week): string {
  if (!week.dates) return week.heading;
  return week.heading.slice(week.dates.startColumn - week.headingSpan.start, week.dates.endColumn - week.headingSpan.start).trim();
}
