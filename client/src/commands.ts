// One function per command. The command table at the end is what the context registers.
import * as vscode from 'vscode';
import { FixAllRequest, NewWeekRequest, RenumberWeekRequest, type EditResult } from '../../server/src/protocol';
import type { CommandTable, Ctx, ShownList } from './ctx';
import { formatPapers, paperRecords, type ExportFormat } from './export';
import { papersAndProblems, paperUrl, rowLabel, weekDatesLabel } from './format';
import { RowItem, WeekItem } from './weeksTree';

async function newWeek(ctx: Ctx): Promise<boolean> {
  const document = ctx.requireList()?.document;
  if (!document) return false;
  return applyServerEdits(ctx, document, 'New Week', undefined, () =>
    ctx.client.sendRequest(NewWeekRequest.type, { textDocument: { uri: uriOf(ctx, document) } }),
  );
}

async function fixAll(ctx: Ctx): Promise<boolean> {
  const document = ctx.requireList()?.document;
  if (!document) return false;
  return applyServerEdits(ctx, document, 'Fix All', 'nothing to fix automatically.', () =>
    ctx.client.sendRequest(FixAllRequest.type, { textDocument: { uri: uriOf(ctx, document) } }),
  );
}

/** From the tree's week menu (the week is given) or the palette (the week under the cursor). */
async function renumberWeek(ctx: Ctx, item?: WeekItem): Promise<boolean> {
  const document = ctx.requireList()?.document;
  const position = document && (item instanceof WeekItem ? item.headingRange.start : cursorIn(document));
  if (!document || !position) return false;
  return applyServerEdits(ctx, document, 'Renumber Week', 'this week is already numbered 1..N.', () =>
    ctx.client.sendRequest(RenumberWeekRequest.type, {
      textDocument: { uri: uriOf(ctx, document) },
      position: ctx.client.code2ProtocolConverter.asPosition(position),
    }),
  );
}

/** Asks the server for edits against the document's current version; applies them unless the document changed meanwhile. */
async function applyServerEdits(
  ctx: Ctx,
  document: vscode.TextDocument,
  what: string,
  whenNothing: string | undefined,
  request: () => Promise<EditResult>,
): Promise<boolean> {
  const version = document.version;
  const result = await request();
  if (result.edits.length === 0) {
    if (whenNothing) void vscode.window.showInformationMessage(`Paper List: ${whenNothing}`);
    return false;
  }
  return ctx.applyEdits(document, version, result, what);
}

async function copyWeek(ctx: Ctx, item?: WeekItem): Promise<void> {
  const shown = ctx.requireList();
  const week = item instanceof WeekItem ? item : shown && weekAtCursor(ctx, shown);
  if (!shown || !week) return;
  const text = shown.document.getText(week.range).replace(/\s+$/, '') + '\n';
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Copied week ${week.label as string} (${week.rows.length} rows)`, 3000);
}

async function openPaper(ctx: Ctx, item?: RowItem): Promise<void> {
  const url = rowUrl(ctx, item);
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function copyPaperUrl(ctx: Ctx, item?: RowItem): Promise<void> {
  const url = rowUrl(ctx, item);
  if (!url) return;
  await vscode.env.clipboard.writeText(url);
  vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
}

async function goToWeek(ctx: Ctx): Promise<void> {
  const shown = await freshList(ctx);
  if (!shown) return;
  type Pick = vscode.QuickPickItem & { week: WeekItem };
  const picks: Pick[] = ctx.tree.allWeeks().map((week) => ({
    label: `${weekDatesLabel(week.week)}${week.week.year ? `, ${week.week.year}` : ''}`,
    description: papersAndProblems(week.week.rowCount, week.week.problemCount),
    detail: week.week.rows.map((row) => row.title).join(' · '),
    week,
  }));
  const pick = await vscode.window.showQuickPick(picks, {
    title: 'Go to Week',
    placeHolder: 'Type a date or a paper title',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await ctx.reveal(pick.week.uri, pick.week.headingRange, { atTop: true });
}

async function goToPaper(ctx: Ctx): Promise<void> {
  const shown = await freshList(ctx);
  if (!shown) return;
  type Pick = vscode.QuickPickItem & { row: RowItem };
  const picks: Pick[] = ctx.tree
    .allWeeks()
    .flatMap((week) =>
      week.rows.map((row) => ({ label: rowLabel(row.row), description: weekDatesLabel(week.week), detail: row.row.description || undefined, row })),
    );
  const pick = await vscode.window.showQuickPick(picks, { title: 'Go to Paper', placeHolder: 'Type part of a title', matchOnDescription: true });
  if (pick) await ctx.reveal(pick.row.uri, pick.row.range);
}

/** `target` lets tests and other extensions skip the save dialog. */
async function exportPapers(ctx: Ctx, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const shown = await freshList(ctx);
  if (!shown) return undefined;
  const { document } = shown;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: `Export Papers as ${format.toUpperCase()}`,
          defaultUri: defaultExportUri(document, format),
          filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
  if (!uri) return undefined;
  const records = paperRecords(shown.list);
  // workspace.fs, not Node's fs: the same code writes to the disk, a remote and github.dev's virtual files.
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatPapers(records, format)));
  vscode.window.setStatusBarMessage(`Exported ${records.length} papers to ${vscode.workspace.asRelativePath(uri)}`, 5000);
  return uri;
}

function defaultExportUri(document: vscode.TextDocument, format: ExportFormat): vscode.Uri | undefined {
  if (document.uri.scheme !== 'untitled') return document.uri.with({ path: document.uri.path.replace(/(\.[^./]*)?$/, `.${format}`) });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, `papers.${format}`);
}

function uriOf(ctx: Ctx, document: vscode.TextDocument): string {
  return ctx.client.code2ProtocolConverter.asUri(document.uri);
}

function cursorIn(document: vscode.TextDocument): vscode.Position | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) return editor.selection.active;
  void vscode.window.showInformationMessage('Paper List: put the cursor in a week first.');
  return undefined;
}

function weekAtCursor(ctx: Ctx, shown: ShownList): WeekItem | undefined {
  const position = cursorIn(shown.document);
  if (!position) return undefined;
  const week = ctx.tree.allWeeks().find((w) => w.range.contains(position));
  if (!week) void vscode.window.showInformationMessage('Paper List: the cursor is not inside a week.');
  return week;
}

function rowUrl(ctx: Ctx, item?: RowItem): string | undefined {
  let row = item instanceof RowItem ? item : undefined;
  if (!row) {
    const shown = ctx.requireList();
    const position = shown && cursorIn(shown.document);
    if (!position) return undefined;
    row = ctx.tree
      .allWeeks()
      .flatMap((w) => w.rows)
      .find((r) => r.range.start.line === position.line);
  }
  const url = row && paperUrl(row.row);
  if (!url) void vscode.window.showInformationMessage(row ? 'Paper List: this row has no link.' : 'Paper List: the cursor is not on a paper row.');
  return url;
}

/** The pickers and exports read the whole list, so they ask the server for the current version first. */
async function freshList(ctx: Ctx): Promise<ShownList | undefined> {
  return (await ctx.refresh()) ?? ctx.requireList();
}

export const commandTable: CommandTable = {
  'paperList.newWeek': newWeek,
  'paperList.fixAll': fixAll,
  'paperList.renumberWeek': renumberWeek,
  'paperList.copyWeek': copyWeek,
  'paperList.openPaper': openPaper,
  'paperList.copyPaperUrl': copyPaperUrl,
  'paperList.goToWeek': goToWeek,
  'paperList.goToPaper': goToPaper,
  'paperList.exportCsv': (ctx: Ctx, target?: vscode.Uri) => exportPapers(ctx, 'csv', target),
  'paperList.exportJson': (ctx: Ctx, target?: vscode.Uri) => exportPapers(ctx, 'json', target),
  'paperList.showOnlyProblems': (ctx: Ctx) => ctx.setOnlyProblems(true),
  'paperList.showAllWeeks': (ctx: Ctx) => ctx.setOnlyProblems(false),
  'paperList.restartServer': (ctx: Ctx) => ctx.restartServer(),
};
