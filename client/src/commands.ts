// One function per command. The command table at the end is what the context registers.
import * as vscode from 'vscode';
import { FixAllRequest, NewWeekRequest, RenumberWeekRequest, type EditResult, type RowDetails } from '../../server/src/protocol';
import type { CommandTable, Ctx, ShownList } from './ctx';
import { parseDateQuery, weekMatches } from './dateQuery';
import { formatPapers, paperRecords, type ExportFormat } from './export';
import { baseName, papersAndProblems, paperUrl, rowLabel, weekDatesAsWritten, weekDatesLabel } from './format';
import { RowItem, WeekItem } from './weeksTree';

/** Adds next week; when the newest week is still an untouched template, goes there instead and says so. */
async function newWeek(ctx: Ctx): Promise<boolean> {
  const document = ctx.requireList()?.document;
  if (!document) return false;
  const version = document.version;
  const result = await ctx.client.sendRequest(NewWeekRequest.type, { textDocument: { uri: uriOf(ctx, document) } });
  if (result.edits.length === 0 && !result.changes && result.selection) {
    const position = ctx.client.protocol2CodeConverter.asPosition(result.selection);
    const uri = result.selectionUri ? ctx.client.protocol2CodeConverter.asUri(result.selectionUri) : document.uri;
    await ctx.reveal(uri, new vscode.Range(position, position));
    if (result.message) void ctx.inform(`Paper List: ${result.message}`);
    return false;
  }
  return ctx.applyEdits(document, version, result, 'New Week');
}

/** Every safe fix; the status bar says how many ("3 fixes applied") and what the curator should check. */
async function fixAll(ctx: Ctx): Promise<boolean> {
  const document = ctx.requireList()?.document;
  if (!document) return false;
  return applyServerEdits(ctx, document, 'Fix All', 'nothing to fix automatically.', () =>
    ctx.client.sendRequest(FixAllRequest.type, { textDocument: { uri: uriOf(ctx, document) } }),
  );
}

/** From the tree's week menu (the week is given) or the palette (the week under the cursor). */
async function renumberWeek(ctx: Ctx, item?: WeekItem): Promise<boolean> {
  const document = item instanceof WeekItem ? await vscode.workspace.openTextDocument(item.uri) : ctx.requireList()?.document;
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
  if (result.edits.length === 0 && !result.changes) {
    if (whenNothing) void ctx.inform(`Paper List: ${whenNothing}`);
    return false;
  }
  const applied = await ctx.applyEdits(document, version, result, what);
  if (applied && result.message) ctx.statusMessage(`Paper List: ${result.message}`, 8000);
  return applied;
}

async function copyWeek(ctx: Ctx, item?: WeekItem): Promise<void> {
  const shown = ctx.requireList();
  const week = item instanceof WeekItem ? item : shown && weekAtCursor(ctx, shown);
  if (!shown || !week) return;
  const document = await vscode.workspace.openTextDocument(week.uri);
  const text = document.getText(week.range).replace(/\s+$/, '') + '\n';
  await vscode.env.clipboard.writeText(text);
  ctx.statusMessage(`Copied week ${week.label as string} (${week.rows.length} rows)`, 3000);
}

async function openPaper(ctx: Ctx, item?: RowItem): Promise<void> {
  const url = rowUrl(ctx, item);
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function copyPaperUrl(ctx: Ctx, item?: RowItem): Promise<void> {
  const url = rowUrl(ctx, item);
  if (!url) return;
  await vscode.env.clipboard.writeText(url);
  ctx.statusMessage(`Copied ${url}`, 3000);
}

/**
 * Weeks by their dates as the list writes them (`June 23 - June 29, 2025`), and by any day inside a week
 * ("June 25", "Feb 10", "2025-06-25") or a month ("Dec 2024"): matching weeks are shown first.
 */
async function goToWeek(ctx: Ctx, query?: string): Promise<void> {
  const shown = await freshList(ctx);
  if (!shown) return;
  if (typeof query === 'string') {
    // From a keybinding's args or another extension: straight to the newest week the text names.
    const date = parseDateQuery(query);
    const needle = query.trim().toLowerCase();
    const week = ctx.tree
      .allWeeks()
      .find((w) =>
        date ? weekMatches(w.week, date) : weekDatesAsWritten(w.week).toLowerCase().includes(needle) || w.week.heading.toLowerCase().includes(needle),
      );
    if (week) await ctx.reveal(week.uri, week.headingRange, { atTop: true });
    else void ctx.inform(`Paper List: no week matches "${query}".`);
    return;
  }
  type Pick = vscode.QuickPickItem & { week: WeekItem };
  const all: Pick[] = ctx.tree.allWeeks().map((week) => ({
    label: `${weekDatesAsWritten(week.week)}${week.week.year !== undefined && !/\d{4}/.test(weekDatesAsWritten(week.week)) ? `, ${week.week.year}` : ''}`,
    description: papersAndProblems(week.week.rowCount, week.week.problemCount),
    detail: week.week.rows.map((row) => row.title).join(' · '),
    week,
  }));
  const picker = vscode.window.createQuickPick<Pick>();
  picker.title = 'Go to Week';
  picker.placeholder = 'Type a date ("June 23", "Feb 10", "Dec 2024") or a paper title';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = all;
  const update = () => {
    const query = parseDateQuery(picker.value);
    if (!query) {
      picker.items = all;
      return;
    }
    // A date the labels do not spell out still finds its week: shown first, whatever the filter says.
    const hits = all.filter((p) => weekMatches(p.week.week, query)).map((p) => ({ ...p, alwaysShow: true }));
    picker.items = [...hits, ...all.filter((p) => !hits.some((h) => h.week === p.week))];
  };
  const chosen = await new Promise<Pick | undefined>((resolve) => {
    picker.onDidChangeValue(update);
    picker.onDidAccept(() => resolve(picker.selectedItems[0] ?? picker.activeItems[0]));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (chosen) await ctx.reveal(chosen.week.uri, chosen.week.headingRange, { atTop: true });
}

/** Papers by title, or by their paper URL or arXiv id ("is it already listed?"). */
async function goToPaper(ctx: Ctx): Promise<void> {
  const shown = await freshList(ctx);
  if (!shown) return;
  type Pick = vscode.QuickPickItem & { row: RowItem };
  const multiFile = shown.list.files.length > 1;
  const picks: Pick[] = ctx.tree.allWeeks().flatMap((week) =>
    week.rows
      .filter((row) => !row.row.template)
      .map((row) => ({
        label: rowLabel(row.row),
        description: `${weekDatesLabel(week.week)}${week.week.year !== undefined ? `, ${week.week.year}` : ''}${multiFile ? ` · ${baseName(week.uri)}` : ''}`,
        detail: paperUrl(row.row),
        row,
      })),
  );
  const pick = await vscode.window.showQuickPick(picks, {
    title: 'Go to Paper',
    placeHolder: 'Type part of a title, an arXiv id or a URL',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await ctx.reveal(pick.row.uri, pick.row.range);
}

/** Enter in the weeks tree: open the selected week, row or problem and move focus to the editor (a click only previews). */
async function openSelected(ctx: Ctx): Promise<void> {
  const item = ctx.selectedItem();
  if (!item || !('uri' in item)) return;
  const range = item.kind === 'week' ? item.headingRange : item.range;
  await ctx.reveal(item.uri, range, { atTop: item.kind === 'week', preserveFocus: false, preview: false });
}

/**
 * Every paper of the whole list, with ISO week dates; untouched template rows and placeholder links are left out.
 * `target` lets tests and other extensions skip the save dialog.
 */
async function exportPapers(ctx: Ctx, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const shown = await freshList(ctx);
  if (!shown) return undefined;
  const { document, list } = shown;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: `Export Papers as ${format.toUpperCase()}`,
          defaultUri: defaultExportUri(document, format),
          filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
  if (!uri) return undefined;
  const details = new Map<string, Map<number, RowDetails | null>>();
  const byFile = new Map<string, number[]>();
  for (const week of list.weeks)
    byFile.set(week.uri, [...(byFile.get(week.uri) ?? []), ...week.rows.filter((r) => !r.template).map((r) => r.range.start.line)]);
  for (const [file, lines] of byFile) {
    const rows = await ctx.rowDetails(ctx.client.protocol2CodeConverter.asUri(file), lines);
    details.set(file, new Map(lines.map((line, i) => [line, rows[i] ?? null])));
  }
  const records = paperRecords(list, (file, line) => details.get(file)?.get(line));
  // workspace.fs, not Node's fs: the same code writes to the disk, a remote and github.dev's virtual files.
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatPapers(records, format)));
  void ctx.inform(`Paper List: exported ${records.length} papers to ${vscode.workspace.asRelativePath(uri)}`, 'Open').then(async (choice) => {
    if (choice === 'Open') await vscode.window.showTextDocument(uri);
  });
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
  const item = ctx.tree.itemAt(shown.document.uri, position);
  const week = item?.kind === 'row' ? item.parent : item;
  if (!week) void vscode.window.showInformationMessage('Paper List: the cursor is not inside a week.');
  return week;
}

function rowUrl(ctx: Ctx, item?: RowItem): string | undefined {
  let row = item instanceof RowItem ? item : undefined;
  if (!row) {
    const shown = ctx.requireList();
    const position = shown && cursorIn(shown.document);
    if (!position) return undefined;
    const found = ctx.tree.itemAt(shown.document.uri, position);
    row = found?.kind === 'row' ? found : undefined;
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
  'paperList.openSelected': openSelected,
  'paperList.exportCsv': (ctx: Ctx, target?: vscode.Uri) => exportPapers(ctx, 'csv', target),
  'paperList.exportJson': (ctx: Ctx, target?: vscode.Uri) => exportPapers(ctx, 'json', target),
  'paperList.showOnlyProblems': (ctx: Ctx) => ctx.setOnlyProblems(true),
  'paperList.showAllWeeks': (ctx: Ctx) => ctx.setOnlyProblems(false),
  'paperList.restartServer': (ctx: Ctx) => ctx.restartServer(),
};
