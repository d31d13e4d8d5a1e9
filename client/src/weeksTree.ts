// The weeks tree: year groups → weeks → rows, built from the server's `paperList/weeks` answer.
import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageclient';
import type { RowInfo, WeekInfo, WeeksResult } from '../../server/src/protocol';
import { count, papersAndProblems, paperUrl, rowLabel, weekDatesLabel } from './format';

/** The command a click runs: reveal a range of the list in its editor. */
export const REVEAL_COMMAND = 'paperList.reveal';

export type TreeNode = YearItem | WeekItem | RowItem;

function severityIcon(severity: WeekInfo['worstSeverity']): vscode.ThemeIcon {
  switch (severity) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'info':
    case 'hint':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('calendar');
  }
}

export class YearItem extends vscode.TreeItem {
  readonly kind = 'year';
  readonly weeks: WeekItem[] = [];

  constructor(readonly year: number | undefined) {
    super(year === undefined ? 'Undated' : String(year), vscode.TreeItemCollapsibleState.Expanded);
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

export class WeekItem extends vscode.TreeItem {
  readonly kind = 'week';
  readonly rows: RowItem[];

  constructor(
    readonly week: WeekInfo,
    readonly parent: YearItem,
    readonly uri: vscode.Uri,
    readonly range: vscode.Range,
    readonly headingRange: vscode.Range,
    rowRanges: vscode.Range[],
    id: string,
  ) {
    super(weekDatesLabel(week), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = id;
    this.description = papersAndProblems(week.rowCount, week.problemCount);
    this.tooltip = new vscode.MarkdownString(`${escapeMarkdown(week.heading)}\n\n${this.description}`);
    this.iconPath = severityIcon(week.worstSeverity);
    this.contextValue = 'week';
    this.command = { title: 'Reveal Week', command: REVEAL_COMMAND, arguments: [uri, headingRange, 'week'] };
    this.rows = week.rows.map((row, i) => new RowItem(row, this, uri, rowRanges[i]!, `${id}/row:${i}`));
  }
}

export class RowItem extends vscode.TreeItem {
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
    // Built from escaped text rather than appendText, which turns spaces into &nbsp; and stops long descriptions wrapping.
    const parts = [`**${escapeMarkdown(rowLabel(row))}**`];
    if (row.description) parts.push(escapeMarkdown(row.description));
    const links = row.links.filter((link) => /^https?:\/\//i.test(link.url));
    if (links.length > 0) parts.push(links.map((l) => `[${escapeMarkdown(l.label)}](${l.url.replace(/[()\s]/g, encodeURIComponent)})`).join(' · '));
    if (row.problemCount > 0) parts.push(count(row.problemCount, 'problem'));
    const tooltip = new vscode.MarkdownString(parts.join('\n\n'));
    this.tooltip = tooltip;
    if (row.problemCount > 0) {
      this.description = count(row.problemCount, 'problem');
      this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    } else {
      this.iconPath = new vscode.ThemeIcon('file-text');
    }
    // `row` always opens the context menu; `row.paper` adds Open Paper / Copy Paper URL.
    this.contextValue = paperUrl(row) ? 'row.paper' : 'row';
    this.command = { title: 'Reveal Row', command: REVEAL_COMMAND, arguments: [uri, range, 'row'] };
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Converts the server's ranges once per refresh; the tree never sees LSP types after this. */
export type RangeConverter = (range: LspRange) => vscode.Range;

export class WeeksTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private years: YearItem[] = [];
  private weeks: WeekItem[] = [];
  private onlyProblems = false;

  /** Replaces the tree's content; `undefined` empties it. */
  setList(uri: vscode.Uri | undefined, list: WeeksResult | undefined, toRange: RangeConverter): void {
    this.years = [];
    this.weeks = [];
    if (uri && list) {
      const byYear = new Map<number | undefined, YearItem>();
      const seen = new Map<string, number>();
      for (const week of list.weeks) {
        let year = byYear.get(week.year);
        if (!year) {
          year = new YearItem(week.year);
          byYear.set(week.year, year);
          this.years.push(year);
        }
        // Anchors are stable across edits, so VS Code keeps each week's expansion state; repeats get a suffix.
        const n = (seen.get(week.anchor) ?? 0) + 1;
        seen.set(week.anchor, n);
        const id = `week:${week.anchor}${n > 1 ? `~${n}` : ''}`;
        const item = new WeekItem(
          week,
          year,
          uri,
          toRange(week.range),
          toRange(week.headingRange),
          week.rows.map((r) => toRange(r.range)),
          id,
        );
        year.weeks.push(item);
        this.weeks.push(item);
      }
      for (const year of this.years) year.summarize();
    }
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

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.years.filter((year) => this.visibleWeeks(year).length > 0);
    if (element.kind === 'year') return this.visibleWeeks(element);
    if (element.kind === 'week') return element.rows;
    return [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.kind === 'year' ? undefined : element.parent;
  }

  /** All weeks in document order (newest first), ignoring the problem filter. */
  allWeeks(): readonly WeekItem[] {
    return this.weeks;
  }

  /** The row under `position`, else the week containing it; hidden items (filtered out) are skipped. */
  itemAt(position: vscode.Position): WeekItem | RowItem | undefined {
    const week = this.weeks.find((w) => w.range.contains(position));
    if (!week || (this.onlyProblems && week.week.problemCount === 0)) return undefined;
    return week.rows.find((r) => r.range.start.line === position.line) ?? week;
  }

  private visibleWeeks(year: YearItem): WeekItem[] {
    return this.onlyProblems ? year.weeks.filter((w) => w.week.problemCount > 0) : year.weeks;
  }
}
