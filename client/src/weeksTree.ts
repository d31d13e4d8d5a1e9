// The weeks tree: "Table of contents" (problems outside weeks), then year groups → weeks → rows, built from the
// server's `paperList/weeks` answer; a multi-file list's weeks each open in their own file.
import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageclient';
import type { OutsideWeeksInfo, ProblemInfo, RowDetails, RowInfo, WeekInfo, WeeksResult } from '../../server/src/protocol';
import { baseName, count, papersAndProblems, paperUrl, rowLabel, weekDatesLabel } from './format';

/** The command a click runs: preview a range of the list, focus staying in the tree. */
export const REVEAL_COMMAND = 'paperList.reveal';

export type TreeNode = OutsideItem | ProblemItem | YearItem | WeekItem | RowItem;

function severityIcon(severity: WeekInfo['worstSeverity']): vscode.ThemeIcon | undefined {
  switch (severity) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'info':
    case 'hint':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return undefined;
  }
}

/** Where a node leads: a file and a range in it. */
interface Located {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

function revealCommand(target: Located, kind: 'week' | 'row' | 'problem'): vscode.Command {
  return { title: 'Preview', command: REVEAL_COMMAND, arguments: [target.uri, target.range, kind] };
}

/** Problems in no week (table of contents, intro), so every problem the status bar counts has a place in the tree. */
export class OutsideItem extends vscode.TreeItem implements Located {
  readonly kind = 'outside';
  readonly problems: ProblemItem[];

  constructor(
    readonly info: OutsideWeeksInfo,
    readonly uri: vscode.Uri,
    readonly range: vscode.Range,
    toRange: RangeConverter,
    toUri: (uri: string) => vscode.Uri,
  ) {
    super('Table of contents', info.problemCount > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // Per list: VS Code carries selection and expansion across trees by id, and another list's selection must not preview here.
    this.id = `outside:${uri.toString()}`;
    this.description = info.problemCount > 0 ? count(info.problemCount, 'problem') : undefined;
    this.iconPath = severityIcon(info.worstSeverity) ?? new vscode.ThemeIcon('list-unordered');
    this.contextValue = 'outside';
    this.command = revealCommand(this, 'problem');
    this.problems = info.problems.map((p, i) => new ProblemItem(p, this, toUri(p.uri), toRange(p.range), `${this.id}/${i}`));
  }
}

export class ProblemItem extends vscode.TreeItem implements Located {
  readonly kind = 'problem';

  constructor(
    readonly problem: ProblemInfo,
    readonly parent: OutsideItem,
    readonly uri: vscode.Uri,
    readonly range: vscode.Range,
    id: string,
  ) {
    super(problem.message, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = `${problem.rule} · line ${range.start.line + 1}`;
    this.iconPath = severityIcon(problem.severity);
    this.contextValue = 'problem';
    this.command = revealCommand(this, 'problem');
  }
}

export class YearItem extends vscode.TreeItem {
  readonly kind = 'year';
  readonly weeks: WeekItem[] = [];

  constructor(readonly year: number | undefined) {
    // Undefined only when nothing in the list states a year (hover and export say none either).
    super(year === undefined ? 'Year not stated' : String(year), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `year:${year ?? 'none'}`;
    this.contextValue = 'year';
  }

  /** Filled once its weeks are known. */
  summarize(): void {
    const papers = this.weeks.reduce((n, w) => n + w.week.rowCount, 0);
    const problems = this.weeks.reduce((n, w) => n + w.week.problemCount, 0);
    this.description = `${count(this.weeks.length, 'week')} · ${papersAndProblems(papers, problems)}`;
  }
}

export class WeekItem extends vscode.TreeItem implements Located {
  readonly kind = 'week';
  readonly rows: RowItem[];

  constructor(
    readonly week: WeekInfo,
    readonly parent: YearItem,
    readonly uri: vscode.Uri,
    readonly range: vscode.Range,
    readonly headingRange: vscode.Range,
    rowRanges: vscode.Range[],
    /** Stable across edits (the heading's anchor), so VS Code keeps the week's expansion state. */
    readonly stableId: string,
    generation: number,
    multiFile: boolean,
  ) {
    super(weekDatesLabel(week), vscode.TreeItemCollapsibleState.Collapsed);
    // A new generation gives a new id: the only way to collapse one item of an extension tree (follow-cursor does).
    this.id = generation > 0 ? `${stableId}#${generation}` : stableId;
    const templates = week.rows.filter((r) => r.template).length;
    this.description = templates > 0 ? `in progress · ${templates} of ${week.rowCount} to fill in` : papersAndProblems(week.rowCount, week.problemCount);
    this.tooltip = new vscode.MarkdownString(
      `${escapeMarkdown(week.heading)}\n\n${escapeMarkdown(this.description)}${multiFile ? `\n\n${escapeMarkdown(baseName(uri))}` : ''}`,
    );
    this.iconPath = severityIcon(week.worstSeverity) ?? new vscode.ThemeIcon('calendar');
    this.contextValue = 'week';
    this.command = revealCommand({ uri, range: headingRange }, 'week');
    this.rows = week.rows.map((row, i) => new RowItem(row, this, uri, rowRanges[i]!, `${this.id}/row:${i}`));
  }
}

export class RowItem extends vscode.TreeItem implements Located {
  readonly kind = 'row';

  constructor(
    readonly row: RowInfo,
    readonly parent: WeekItem,
    readonly uri: vscode.Uri,
    readonly range: vscode.Range,
    id: string,
  ) {
    super(rowLabel(row), vscode.TreeItemCollapsibleState.None);
    this.id = id;
    if (row.problemCount > 0) {
      this.description = count(row.problemCount, 'problem');
      this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    } else {
      this.iconPath = new vscode.ThemeIcon(row.template ? 'edit' : 'file-text');
    }
    // `row` always opens the context menu; `row.paper` adds Open Paper / Copy Paper URL.
    this.contextValue = paperUrl(row) ? 'row.paper' : 'row';
    this.command = revealCommand(this, 'row');
  }

  /** The tooltip, from the row's details (fetched when VS Code first shows it: the weeks answer carries no descriptions). */
  setDetails(details: RowDetails | null): void {
    // Built from escaped text rather than appendText, which turns spaces into &nbsp; and stops long descriptions wrapping.
    const parts = [`**${escapeMarkdown(rowLabel(this.row))}**`];
    if (details?.description) parts.push(escapeMarkdown(details.description));
    const links = (details?.links ?? []).filter((link) => !link.placeholder && /^https?:\/\//i.test(link.url));
    if (links.length > 0) parts.push(links.map((l) => `[${escapeMarkdown(l.label)}](${l.url.replace(/[()\s]/g, encodeURIComponent)})`).join(' · '));
    if (this.row.problemCount > 0) parts.push(count(this.row.problemCount, 'problem'));
    this.tooltip = new vscode.MarkdownString(parts.join('\n\n'));
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Converts the server's ranges once per refresh; the tree never sees LSP types after this. */
export type RangeConverter = (range: LspRange) => vscode.Range;
/** A row's description and links, asked of the server when its tooltip is first shown. */
export type DetailsFetcher = (uri: vscode.Uri, line: number, token: vscode.CancellationToken) => Promise<RowDetails | null>;

export class WeeksTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private outside: OutsideItem | undefined;
  private years: YearItem[] = [];
  private weeks: WeekItem[] = [];
  private onlyProblems = false;
  /** Per stable week id: bumped to collapse that week (see WeekItem's id). */
  private readonly generations = new Map<string, number>();
  private lastList: WeeksResult | undefined;
  private lastConvert: { toRange: RangeConverter; toUri: (uri: string) => vscode.Uri } | undefined;

  constructor(private readonly fetchDetails?: DetailsFetcher) {}

  /** Replaces the tree's content; `undefined` empties it. */
  setList(list: WeeksResult | undefined, toRange: RangeConverter, toUri: (uri: string) => vscode.Uri): void {
    this.lastList = list;
    this.lastConvert = { toRange, toUri };
    this.build();
    this.changed.fire(undefined);
  }

  private build(): void {
    this.years = [];
    this.weeks = [];
    this.outside = undefined;
    const list = this.lastList;
    if (!list || !this.lastConvert) return;
    const { toRange, toUri } = this.lastConvert;
    if (list.outside) this.outside = new OutsideItem(list.outside, toUri(list.outside.uri), toRange(list.outside.range), toRange, toUri);
    const multiFile = list.files.length > 1;
    const byYear = new Map<number | undefined, YearItem>();
    const seen = new Map<string, number>();
    for (const week of list.weeks) {
      let year = byYear.get(week.year);
      if (!year) {
        year = new YearItem(week.year);
        byYear.set(week.year, year);
        this.years.push(year);
      }
      // Anchors are stable across edits, so VS Code keeps each week's expansion state; repeats get a suffix. The file
      // is part of the id: VS Code carries selection across trees by id, and two lists often share a week's dates
      // (selecting the other list's week would preview it, switching the tree back: the editor jumped between files).
      const key = `${week.uri}#${week.anchor}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const stableId = `week:${key}${n > 1 ? `~${n}` : ''}`;
      const item = new WeekItem(
        week,
        year,
        toUri(week.uri),
        toRange(week.range),
        toRange(week.headingRange),
        week.rows.map((r) => toRange(r.range)),
        stableId,
        this.generations.get(stableId) ?? 0,
        multiFile,
      );
      year.weeks.push(item);
      this.weeks.push(item);
    }
    for (const year of this.years) year.summarize();
  }

  /** Shows `week` collapsed again: VS Code offers no collapse for one item, so it gets a new id. */
  collapse(week: WeekItem): void {
    this.generations.set(week.stableId, (this.generations.get(week.stableId) ?? 0) + 1);
    this.build();
    this.changed.fire(undefined);
  }

  setOnlyProblems(value: boolean): void {
    this.onlyProblems = value;
    this.changed.fire(undefined);
  }

  get showsOnlyProblems(): boolean {
    return this.onlyProblems;
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    return element;
  }

  async resolveTreeItem(_item: vscode.TreeItem, element: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (element.kind === 'row' && element.tooltip === undefined && this.fetchDetails) {
      element.setDetails(await this.fetchDetails(element.uri, element.range.start.line, token).catch(() => null));
    }
    return element;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) {
      const years: TreeNode[] = this.years.filter((year) => this.visibleWeeks(year).length > 0);
      const outside = this.outside && (!this.onlyProblems || this.outside.info.problemCount > 0) ? [this.outside] : [];
      return [...outside, ...years];
    }
    if (element.kind === 'outside') return element.problems;
    if (element.kind === 'year') return this.visibleWeeks(element);
    if (element.kind === 'week') return element.rows;
    return [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.kind === 'year' || element.kind === 'outside' ? undefined : element.parent;
  }

  /** All weeks in list order (newest first), ignoring the problem filter. */
  allWeeks(): readonly WeekItem[] {
    return this.weeks;
  }

  /** Whether `item` is one of the items shown now (a selection event can carry an item of an earlier build). */
  shows(item: TreeNode): boolean {
    if (item.kind === 'week') return this.weeks.includes(item);
    if (item.kind === 'row') return this.weeks.includes(item.parent) && item.parent.rows.includes(item);
    if (item.kind === 'problem') return this.outside?.problems.includes(item) ?? false;
    return item === this.outside || (item.kind === 'year' && this.years.includes(item));
  }

  /** The "Table of contents" node, when the list has a TOC or problems outside its weeks. */
  outsideItem(): OutsideItem | undefined {
    return this.outside;
  }

  /** The row under `position` in `uri`, else the week containing it; hidden items (filtered out) are skipped. */
  itemAt(uri: vscode.Uri, position: vscode.Position): WeekItem | RowItem | undefined {
    const key = uri.toString();
    const week = this.weeks.find((w) => w.uri.toString() === key && w.range.contains(position));
    if (!week || (this.onlyProblems && week.week.problemCount === 0)) return undefined;
    return week.rows.find((r) => r.range.start.line === position.line) ?? week;
  }

  private visibleWeeks(year: YearItem): WeekItem[] {
    return this.onlyProblems ? year.weeks.filter((w) => w.week.problemCount > 0) : year.weeks;
  }
}
