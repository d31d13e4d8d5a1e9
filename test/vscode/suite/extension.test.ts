// The extension inside a real VS Code: activation, diagnostics, fixes, completions, the weeks tree,
// New Week, settings and the grammar. Every wait is on an event (with a timeout), never a sleep.
// The same file runs in the Node and the web worker extension hosts: files go through vscode.workspace.fs and URIs,
// never Node's fs or path; a test that cannot apply in one host skips there with its reason (skipBecause).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor as waitForEvents } from './support/wait';
import type { ShownList, PaperListApi } from '../../../client/src/ctx';
import type { OutsideItem, RowItem, TreeNode, WeekItem, YearItem } from '../../../client/src/weeksTree';
import { inWebWorkerHost, skipBecause } from './support/results';

const EXTENSION_ID = 'paper-list-curator.paper-list-curator';
const WAIT_MS = 15_000;

let api: PaperListApi;
let folder: vscode.Uri;

// ---- waiting on events ----

/** The suite's waitFor: the shared one with the suite's timeout unless a test gives its own. */
function waitFor<T>(what: string, check: () => T | undefined | null | false, events: vscode.Event<unknown>[], ms = WAIT_MS): Promise<T> {
  return waitForEvents(what, check, events, ms);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'paper-list');
}

function codes(uri: vscode.Uri): string[] {
  return ours(uri)
    .map((d) => codeOf(d) ?? '?')
    .sort();
}

function waitForDiagnostics(uri: vscode.Uri, what: string, check: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics of ${baseName(uri)}: ${what}`,
    () => {
      const diagnostics = ours(uri);
      return check(diagnostics) && diagnostics;
    },
    [vscode.languages.onDidChangeDiagnostics],
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: [${codes(uri).join(', ')}]`);
  });
}

/** The tree/status show `document` at its current version. */
function waitShown(document: vscode.TextDocument): Promise<ShownList> {
  return waitFor(
    `the weeks of ${baseName(document.uri)} v${document.version}`,
    () => {
      const shown = api.current();
      return shown?.document === document && shown.list.version === document.version && shown;
    },
    [api.onDidRefresh],
  );
}

function waitText(document: vscode.TextDocument, what: string, check: (text: string) => boolean): Promise<string> {
  return waitFor(what, () => check(document.getText()) && document.getText(), [vscode.workspace.onDidChangeTextDocument]).catch((error: Error) => {
    throw new Error(`${error.message}\n--- text now ---\n${document.getText()}`);
  });
}

// ---- documents ----

const HEADER = '| **Paper**  | **Links** |\n| ------------- | ------------- |';
let paperId = 30000;

/** A row with a title unique to the test and a unique arXiv id, so no duplicate rule fires by accident. */
function row(number: string | number, title: string): string {
  const id = ++paperId;
  return `| ${number}) **${title}** - What the paper does. | [Paper](https://arxiv.org/abs/2506.${id}), [Tweet](https://x.com/curator/status/${id}) |`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

interface WeekSpec {
  dates: string; // "June 23 - June 29"
  rows: string[];
}

/** A paper list in the format of the real README: title, TOC under a year heading, newest week first. */
function paperList(weeks: WeekSpec[], year = 2025): string {
  const heading = (w: WeekSpec) => `Top ML Papers of the Week (${w.dates}) - ${year}`;
  const toc = weeks.map((w) => `- [Top ML Papers of the Week (${w.dates})](#${slug(heading(w))})`);
  const sections = weeks.map((w) => `## ${heading(w)}\n${HEADER}\n${w.rows.join('\n')}\n`);
  return `# ML Papers of the Week\n\n## ${year}\n${toc.join('\n')}\n\n${sections.join('\n')}`;
}

async function open(name: string, content?: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder, name);
  if (content !== undefined) await vscode.workspace.fs.writeFile(uri, utf8(content));
  const document = await vscode.workspace.openTextDocument(uri);
  // A pinned tab: a preview tab is replaced by the next file opened in preview (the tree's previews included),
  // which disposes the editor a test still holds.
  return vscode.window.showTextDocument(document, { preview: false });
}

async function openList(name: string, content?: string): Promise<vscode.TextEditor> {
  const editor = await open(name, content);
  await waitShown(editor.document);
  return editor;
}

function lineOf(document: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starts with ${JSON.stringify(prefix)}`);
}

function rowNumbers(text: string): string[] {
  return [...text.matchAll(/^\| (\S+)\) \*\*/gm)].map((m) => m[1]!);
}

/** The tree's year groups (the "Table of contents" node, when there is one, comes first). */
function yearsOf(): YearItem[] {
  return api.tree.getChildren().filter((n): n is YearItem => n.kind === 'year');
}

/** Our problems the Problems panel shows (it leaves hints out). */
function panelCount(uri: vscode.Uri): number {
  return ours(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).length;
}

async function setRule(rule: string, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('paperList').update(`rules.${rule}`, value, vscode.ConfigurationTarget.Workspace);
}

suiteSetup(async () => {
  const extension = vscode.extensions.getExtension<PaperListApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  folder = vscode.workspace.workspaceFolders![0]!.uri;
  api = await extension.activate();
  assert.ok(api?.tree, 'activate() returns the test API');
});

teardown(async () => {
  // Keep the workspace clean between tests: save what a test changed (the folder is a temp copy), close everything.
  await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === folder.scheme).map((d) => d.save()));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

suite('Activation', () => {
  test('a paper list activates the extension, the weeks view and the status bar', async () => {
    const editor = await openList('papers.md');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    const shown = api.current()!;
    assert.equal(shown.list.isPaperList, true);
    assert.equal(shown.list.paperCount, 6);
    assert.equal(shown.list.weeks.length, 2);
    const status = await waitFor(
      'a status text with the problem count',
      () => {
        const text = api.statusText();
        return text && /^6 papers · [1-9]\d* problems?$/.test(text) && text;
      },
      [api.onDidRefresh],
    );
    assert.match(status, /^6 papers · \d+ problems?$/);
    assert.equal(editor.document.languageId, 'markdown');
  });

  test('a normal markdown file stays silent: no diagnostics, no tree, no status', async () => {
    await openList('papers.md');
    const editor = await open('notes.md');
    await waitFor('the tree to clear for notes.md', () => api.current() === undefined, [api.onDidRefresh]);
    assert.equal(api.statusText(), undefined);
    assert.deepEqual(api.tree.getChildren(), []);
    // The weeks request answered after the server saw the document, so any diagnostics would be here by now.
    assert.deepEqual(ours(editor.document.uri), []);
  });
});

suite('Untitled documents', () => {
  test('an unsaved paper list is checked too', async () => {
    const content = paperList([{ dates: 'June 23 - June 29', rows: [row(1, 'Eta One'), row(3, 'Eta Two')] }]);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document);
    try {
      const shown = await waitShown(document);
      assert.equal(shown.list.paperCount, 2);
      await waitForDiagnostics(document.uri, 'row-number', (ds) => ds.some((d) => codeOf(d) === 'row-number'));
    } finally {
      // Closing a dirty untitled editor would ask to save; revert it instead.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});

suite('Diagnostics', () => {
  test('problems carry source paper-list and the rule name as code', async () => {
    const { document } = await openList('papers.md');
    const diagnostics = await waitForDiagnostics(document.uri, 'row-number and placeholder-link', (ds) => {
      const found = ds.map(codeOf);
      return found.includes('row-number') && found.includes('placeholder-link');
    });
    const rowNumber = diagnostics.find((d) => codeOf(d) === 'row-number')!;
    assert.equal(rowNumber.range.start.line, lineOf(document, '| 4) **Cheaper Evals'));
    assert.equal(rowNumber.severity, vscode.DiagnosticSeverity.Warning);
    const placeholder = diagnostics.find((d) => codeOf(d) === 'placeholder-link')!;
    assert.equal(placeholder.range.start.line, lineOf(document, '| 3) **Tiny Agents'));
    assert.equal(placeholder.severity, vscode.DiagnosticSeverity.Error);
    for (const d of diagnostics) assert.ok(codeOf(d), `every diagnostic has a code: ${d.message}`);
  });

  test('turning a rule off in settings removes its diagnostics, turning it back on restores them', async () => {
    const { document } = await openList('papers.md');
    await waitForDiagnostics(document.uri, 'placeholder-link present', (ds) => ds.some((d) => codeOf(d) === 'placeholder-link'));
    await setRule('placeholder-link', 'off');
    try {
      await waitForDiagnostics(
        document.uri,
        'placeholder-link gone, row-number kept',
        (ds) => !ds.some((d) => codeOf(d) === 'placeholder-link') && ds.some((d) => codeOf(d) === 'row-number'),
      );
      await setRule('row-number', 'error');
      const ds = await waitForDiagnostics(document.uri, 'row-number as an error', (ds) =>
        ds.some((d) => codeOf(d) === 'row-number' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.ok(!ds.some((d) => codeOf(d) === 'placeholder-link'));
    } finally {
      await setRule('placeholder-link', undefined);
      await setRule('row-number', undefined);
    }
    await waitForDiagnostics(document.uri, 'placeholder-link back', (ds) => ds.some((d) => codeOf(d) === 'placeholder-link'));
  });
});

suite('Fixes', () => {
  const broken = () =>
    paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Alpha Fix One'), row(3, 'Alpha Fix Two'), row(3, 'Alpha Fix Three')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Beta Fix One'), row(2, 'Beta Fix Two'), row('5', 'Beta Fix Three'), row(4, 'Beta Fix Four')] },
    ]);

  test('the quick fix for row-number renumbers the week', async () => {
    const { document } = await openList('quickfix.md', broken());
    const [diagnostic] = await waitForDiagnostics(document.uri, 'row-number', (ds) => ds.some((d) => codeOf(d) === 'row-number')).then((ds) =>
      ds.filter((d) => codeOf(d) === 'row-number' && d.range.start.line < lineOf(document, '## Top ML Papers of the Week (June 16')),
    );
    assert.ok(diagnostic, 'a row-number problem in the newest week');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    // vscode.executeCodeActionProvider drops each action's `diagnostics`, so the fix is found by kind and title.
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && /renumber/i.test(a.title));
    assert.ok(fix, `a renumber quick fix among: ${actions.map((a) => `${a.title} (${a.kind?.value})`).join('; ')}`);
    assert.equal(fix.isPreferred, true, 'the renumber fix is the preferred one');
    assert.ok(fix.edit, 'the quick fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = document.getText();
    assert.deepEqual(rowNumbers(text), ['1', '2', '3', '1', '2', '5', '4'], 'only the newest week changed');
    await waitForDiagnostics(document.uri, 'one row-number problem left (the older week)', (ds) =>
      ds.filter((d) => codeOf(d) === 'row-number').every((d) => d.range.start.line > lineOf(document, '## Top ML Papers of the Week (June 16')),
    );
  });

  test('the command Fix All applies every safe fix', async () => {
    const { document } = await openList('fixall.md', broken());
    const expected = document.getText().replace('| 3) **Alpha Fix Two', '| 2) **Alpha Fix Two').replace('| 5) **Beta Fix Three', '| 3) **Beta Fix Three');
    await vscode.commands.executeCommand('paperList.fixAll');
    const text = await waitText(document, 'Fix All to renumber both weeks', (t) => rowNumbers(t).join() === '1,2,3,1,2,3,4');
    assert.equal(text, expected, 'nothing but the row numbers changed');
    await waitForDiagnostics(document.uri, 'no row-number problem', (ds) => !ds.some((d) => codeOf(d) === 'row-number'));
  });

  test('the source.fixAll.paperList code action makes the same edits as the command', async () => {
    const { document } = await openList('fixall-action.md', broken());
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, document.lineCount, 0),
      'source.fixAll.paperList',
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.paperList');
    assert.ok(fixAll?.edit, `a source.fixAll.paperList action among: ${actions.map((a) => a.kind?.value).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.deepEqual(rowNumbers(document.getText()), ['1', '2', '3', '1', '2', '3', '4']);
  });

  test('Renumber Week renumbers the week under the cursor only', async () => {
    const editor = await openList('renumber.md', broken());
    const line = lineOf(editor.document, '| 5) **Beta Fix Three');
    editor.selection = new vscode.Selection(line, 3, line, 3);
    await vscode.commands.executeCommand('paperList.renumberWeek');
    const text = await waitText(editor.document, 'the older week renumbered', (t) => rowNumbers(t).slice(3).join() === '1,2,3,4');
    assert.deepEqual(rowNumbers(text).slice(0, 3), ['1', '3', '3'], 'the newest week is untouched');
  });
});

suite('Hover and symbols', () => {
  test('hovering a row shows its week, number and arXiv id', async () => {
    const { document } = await openList('papers.md');
    const line = lineOf(document, '| 2) **Reward Models');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 8));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Row 2\*\* of week June 23 - June 29 · 2025/);
    assert.match(text, /arXiv \[2506\.10002\]/);
  });

  test('the outline lists our rows, each with its week; weeks come only from the Markdown headings', async () => {
    const { document } = await openList('papers.md');
    const all = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    // VS Code's own Markdown outline (the headings) is merged in where its extension runs; ours adds the rows only.
    assert.ok(!all.some((s) => s.kind === vscode.SymbolKind.Namespace), 'no week symbol of ours duplicates a heading');
    const rows = all.filter((s) => s.kind === vscode.SymbolKind.Field);
    assert.deepEqual(
      rows.filter((r) => r.detail === 'June 16 - June 22').map((r) => r.name),
      ['1) Diffusion for Tables', '2) Retrieval Without an Index', '4) Cheaper Evals with Fewer Items'],
    );
    assert.equal(rows.length, 6);
  });
});

suite('Fix on save', () => {
  test('"editor.codeActionsOnSave": source.fixAll.paperList fixes the list when it is saved', async () => {
    const content = paperList([{ dates: 'June 23 - June 29', rows: [row(1, 'Theta One'), row(3, 'Theta Two'), row(3, 'Theta Three')] }]);
    const editor = await openList('onsave.md', content);
    await waitForDiagnostics(editor.document.uri, 'row-number', (ds) => ds.some((d) => codeOf(d) === 'row-number'));
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll.paperList': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      // An edit makes the document dirty, so that save runs the actions.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '\n'));
      assert.ok(await editor.document.save());
      assert.deepEqual(rowNumbers(editor.document.getText()), ['1', '2', '3']);
      assert.deepEqual(rowNumbers(await readText(editor.document.uri)), ['1', '2', '3'], 'the saved file has the fix');
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

suite('Files next to the list', () => {
  test('an image next to the list is found and a missing one reported, through the host the platform has', async () => {
    // In the web worker host the server has no disk: it asks the client, which answers with vscode.workspace.fs.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'pics', 'iota-here.png'), utf8('an image, for the test'));
    const content = paperList([{ dates: 'June 23 - June 29', rows: [row(1, 'Iota One'), row(2, 'Iota Two')] }]).replace(
      HEADER,
      `![This week](pics/iota-here.png)\n![Last week](pics/iota-absent.png)\n\n${HEADER}`,
    );
    const { document } = await openList('images.md', content);
    const [missing, ...more] = await waitForDiagnostics(document.uri, 'one missing-file', (ds) => ds.some((d) => codeOf(d) === 'missing-file')).then((ds) =>
      ds.filter((d) => codeOf(d) === 'missing-file'),
    );
    assert.deepEqual(more, [], 'only the absent image is reported');
    assert.equal(missing!.range.start.line, lineOf(document, '![Last week]'));
    assert.match(missing!.message, /iota-absent\.png/);
  });
});

suite('Completions', () => {
  test('starting a row in a week table offers the next row number', async () => {
    const content = paperList([{ dates: 'June 23 - June 29', rows: [row(1, 'Gamma One'), row(2, 'Gamma Two'), row(3, 'Gamma Three'), '| '] }]);
    const { document } = await openList('complete.md', content);
    const line = lineOf(document, '| 3) **Gamma Three') + 1;
    assert.equal(document.lineAt(line).text, '| ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(line, 2),
    );
    const texts = list.items.map((item) => {
      const label = typeof item.label === 'string' ? item.label : item.label.label;
      const insert = item.insertText instanceof vscode.SnippetString ? item.insertText.value : (item.insertText ?? '');
      return `${label} ${insert}`;
    });
    assert.ok(
      texts.some((t) => /(^|\D)4\)/.test(t)),
      `an item with "4)" among: ${JSON.stringify(texts)}`,
    );
    assert.ok(!texts.some((t) => /(^|\D)3\)/.test(t) && !/(^|\D)4\)/.test(t)), 'no item offers a used number');
  });
});

suite('Weeks tree', () => {
  test('years → weeks → rows, with counts, and clicking a row reveals it', async () => {
    const editor = await openList('papers.md');
    const years = yearsOf();
    assert.deepEqual(
      years.map((y) => y.label),
      ['2025'],
    );
    const weeks = api.tree.getChildren(years[0]) as WeekItem[];
    assert.deepEqual(
      weeks.map((w) => w.label),
      ['Jun 23 – Jun 29', 'Jun 16 – Jun 22'],
    );
    assert.match(String(weeks[0]!.description), /^3 papers · [1-9]\d* problems?$/);
    assert.equal(weeks[0]!.contextValue, 'week');
    assert.ok(weeks[0]!.iconPath instanceof vscode.ThemeIcon && weeks[0]!.iconPath.id === 'error', 'a week with a placeholder link shows an error icon');
    const rows = api.tree.getChildren(weeks[1]) as RowItem[];
    assert.deepEqual(
      rows.map((r) => r.label),
      ['1) Diffusion for Tables', '2) Retrieval Without an Index', '4) Cheaper Evals with Fewer Items'],
    );
    assert.equal(api.tree.getParent(rows[2]!), weeks[1]);
    assert.equal(rows[2]!.contextValue, 'row.paper');
    // The weeks answer carries no descriptions: the tooltip is fetched when VS Code resolves the item.
    await api.tree.resolveTreeItem(rows[2]!, rows[2]!, new vscode.CancellationTokenSource().token);
    const tooltip = rows[2]!.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Picks the informative questions/);
    assert.match(tooltip.value, /https:\/\/arxiv\.org\/abs\/2506\.20003/);

    // Move the cursor away, then "click" the row: the editor selects the row's line.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const target = lineOf(editor.document, '| 4) **Cheaper Evals');
    const command = rows[2]!.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document, editor.document);
    assert.equal(active.selection.start.line, target);
    assert.ok(
      active.visibleRanges.some((r) => r.start.line <= target && target <= r.end.line),
      'the row is scrolled into view',
    );
  });

  test('the tree follows the cursor', async () => {
    const editor = await openList('papers.md');
    await vscode.commands.executeCommand('paperList.weeks.focus');
    await waitFor('the weeks view to be visible', () => api.treeView.visible, [api.treeView.onDidChangeVisibility]);
    const target = lineOf(editor.document, '| 2) **Retrieval Without');
    const selected = waitFor(
      'the tree to select the row under the cursor',
      () => {
        const item = api.treeView.selection[0] as TreeNode | undefined;
        return item?.kind === 'row' && item.range.start.line === target && item;
      },
      [api.treeView.onDidChangeSelection],
    );
    editor.selection = new vscode.Selection(target, 5, target, 5);
    const item = (await selected) as RowItem;
    assert.equal(item.label, '2) Retrieval Without an Index');
  });

  test('follow-cursor selections never preview: not a reveal that lands late, not another list with the same weeks', async () => {
    const weeks = (prefix: string) => [
      { dates: 'March 10 - March 16', rows: [row(1, `${prefix} One`), row(2, `${prefix} Two`)] },
      { dates: 'March 3 - March 9', rows: [row(1, `${prefix} Three`)] },
    ];
    const first = await openList('same-weeks-a.md', paperList(weeks('Sigma')));
    await vscode.commands.executeCommand('paperList.weeks.focus');
    await waitFor('the weeks view to be visible', () => api.treeView.visible, [api.treeView.onDidChangeVisibility]);
    const selectedRow = (document: vscode.TextDocument, line: number) =>
      waitFor(
        `the tree to select line ${line + 1} of ${baseName(document.uri)}`,
        () => {
          const item = api.treeView.selection[0] as TreeNode | undefined;
          return item?.kind === 'row' && item.uri.toString() === document.uri.toString() && item.range.start.line === line;
        },
        [api.treeView.onDidChangeSelection],
      );
    const previews = api.previewCount();
    // The cursor moves on before the view has revealed the first row: that reveal lands late and must not pull it back.
    const passedBy = lineOf(first.document, '| 1) **Sigma Three');
    const inFirst = lineOf(first.document, '| 2) **Sigma Two');
    const followedFirst = selectedRow(first.document, inFirst);
    first.selection = new vscode.Selection(passedBy, 3, passedBy, 3);
    first.selection = new vscode.Selection(inFirst, 3, inFirst, 3);
    await followedFirst;
    assert.equal(first.selection.active.line, inFirst, 'the cursor stays where it was put');
    const second = await openList('same-weeks-b.md', paperList(weeks('Tau')));
    const inSecond = lineOf(second.document, '| 1) **Tau One');
    const followedSecond = selectedRow(second.document, inSecond);
    second.selection = new vscode.Selection(inSecond, 3, inSecond, 3);
    await followedSecond;
    assert.equal(vscode.window.activeTextEditor?.document, second.document, 'the editor stays on the list just opened');
    assert.equal(api.previewCount(), previews, 'follow-cursor selections preview nothing');
    assert.ok(api.tree.allWeeks().every((w) => w.uri.toString() === second.document.uri.toString()));
  });

  test('an edit refreshes the tree and the status bar, keeping item ids (and so expansion state)', async () => {
    const content = paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Zeta One'), row(2, 'Zeta Two')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Zeta Three')] },
    ]);
    const editor = await openList('edit.md', content);
    const before = api.tree.getChildren(yearsOf()[0]) as WeekItem[];
    assert.equal(api.statusText(), '3 papers · 0 problems');
    const line = lineOf(editor.document, '| 2) **Zeta Two') + 1;
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), row(3, 'Zeta Four') + '\n'));
    await waitShown(editor.document);
    const after = api.tree.getChildren(yearsOf()[0]) as WeekItem[];
    assert.deepEqual(
      after.map((w) => w.rows.length),
      [3, 1],
    );
    assert.deepEqual(
      after.map((w) => w.id),
      before.map((w) => w.id),
    );
    assert.equal(api.statusText(), '4 papers · 0 problems');
  });

  test('Show Only Weeks with Problems filters the weeks', async () => {
    const content = paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Delta One'), row(2, 'Delta Two')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Delta Three'), row(3, 'Delta Four')] },
    ]);
    await openList('filter.md', content);
    await waitFor('a week with problems', () => api.current()?.list.weeks[1]?.problemCount, [api.onDidRefresh]);
    await vscode.commands.executeCommand('paperList.showOnlyProblems');
    try {
      const [year] = yearsOf();
      assert.deepEqual(
        (api.tree.getChildren(year) as WeekItem[]).map((w) => w.label),
        ['Jun 16 – Jun 22'],
      );
    } finally {
      await vscode.commands.executeCommand('paperList.showAllWeeks');
    }
    const [year] = yearsOf();
    assert.equal(api.tree.getChildren(year).length, 2);
  });
});

suite('Commands', () => {
  test('New Week inserts next week above the newest one, with its TOC entry, and puts the cursor in the first row', async () => {
    const content = paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Epsilon One'), row(2, 'Epsilon Two')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Epsilon Three'), row(2, 'Epsilon Four')] },
    ]);
    const editor = await openList('newweek.md', content);
    const document = editor.document;
    await vscode.commands.executeCommand('paperList.newWeek');
    const heading = '## Top ML Papers of the Week (June 30 - July 6) - 2025';
    const text = await waitText(document, 'the new week heading', (t) => t.includes(heading));
    const newHeading = lineOf(document, heading);
    assert.ok(newHeading < lineOf(document, '## Top ML Papers of the Week (June 23 - June 29)'), 'above the newest week');
    assert.equal(document.lineAt(newHeading + 1).text, '| **Paper**  | **Links** |');
    assert.match(document.lineAt(newHeading + 2).text, /^\| -+ \| -+ \|$/);
    assert.match(document.lineAt(newHeading + 3).text, /^\| 1\) /);
    const tocEntry = '- [Top ML Papers of the Week (June 30 - July 6)](#top-ml-papers-of-the-week-june-30---july-6---2025)';
    assert.ok(text.includes(tocEntry), 'the TOC entry for the new week');
    assert.ok(text.indexOf(tocEntry) < text.indexOf('- [Top ML Papers of the Week (June 23 - June 29)]'), 'the TOC entry is first');
    const cursor = vscode.window.activeTextEditor!.selection.active;
    assert.equal(cursor.line, newHeading + 3, 'the cursor is in the first row');
    // The rest of the document is unchanged.
    assert.ok(text.endsWith(content.slice(content.indexOf('## Top ML Papers of the Week (June 23 - June 29)'))));
  });

  test('Export Papers as CSV and JSON write every row with its week', async () => {
    await openList('papers.md');
    const csvUri = vscode.Uri.joinPath(folder, 'out', 'papers.csv');
    const jsonUri = vscode.Uri.joinPath(folder, 'out', 'papers.json');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'out'));
    await vscode.commands.executeCommand('paperList.exportCsv', csvUri);
    await vscode.commands.executeCommand('paperList.exportJson', jsonUri);
    const csv = (await readText(csvUri)).split('\r\n');
    assert.equal(csv[0], 'Title,Description,PaperURL,TweetURL,Week');
    assert.equal(csv.filter((l) => l).length, 7);
    assert.match(csv[1]!, /^Sparse Mixtures for Long Context,.*,https:\/\/arxiv\.org\/abs\/2506\.10001,https:\/\/x\.com\/curator\/status\/10001,2025-06-23$/);
    const json = JSON.parse(await readText(jsonUri)) as Record<string, unknown>[];
    assert.equal(json.length, 6);
    assert.deepEqual(Object.keys(json[5]!), ['Title', 'Description', 'PaperURL', 'TweetURL', 'Week']);
    assert.equal(json[5]!.Title, 'Cheaper Evals with Fewer Items');
    assert.equal(json[5]!.Week, '2025-06-16');
  });

  test('every contributed command is registered, in the Paper List category', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = extension.packageJSON.contributes.commands as { command: string; category: string }[];
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is registered`);
      assert.equal(c.category, 'Paper List');
    }
  });
});

// The little of vscode-textmate / vscode-oniguruma the grammar test uses (VS Code ships both; we do not depend on them).
interface TextMate {
  Registry: new (options: object) => { loadGrammar(scope: string): Promise<Grammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath?: string): unknown;
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

suite('Grammar', () => {
  test('row numbers, link labels and week dates get their scopes', async function () {
    if (inWebWorkerHost) return skipBecause(this, "VS Code's TextMate engine is loaded from its install folder with Node's require and fs");
    // VS Code ships the TextMate engine and the markdown grammar; tokenize with them directly. Node's modules are
    // required here, not imported, so the web host's bundle of this file loads without them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const { createRequire } = require('node:module') as typeof import('node:module');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const appRoot = vscode.env.appRoot;
    const requireFromApp = createRequire(path.join(appRoot, 'package.json'));
    const markdownGrammar = path.join(appRoot, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
    let tm: TextMate;
    let onig: Oniguruma;
    try {
      tm = requireFromApp('vscode-textmate') as TextMate;
      onig = requireFromApp('vscode-oniguruma') as Oniguruma;
      if (!fs.existsSync(markdownGrammar)) throw new Error(markdownGrammar);
    } catch (error) {
      console.log(`[grammar] skipped: VS Code's TextMate engine not found under ${appRoot} (${String(error)})`);
      return this.skip();
    }
    const wasm = fs.readFileSync(requireFromApp.resolve('vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined); // already loaded is fine
    const ours = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'syntaxes', 'paper-list.injection.tmLanguage.json');
    const files: Record<string, string> = { 'text.html.markdown': markdownGrammar, 'text.markdown.paper-list.injection': ours };
    const registry = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
      loadGrammar: async (scope: string) => (files[scope] ? tm.parseRawGrammar(fs.readFileSync(files[scope]!, 'utf8'), files[scope]) : null),
      getInjections: (scope: string) => (scope === 'text.html.markdown' ? ['text.markdown.paper-list.injection'] : undefined),
    });
    const grammar = (await registry.loadGrammar('text.html.markdown'))!;
    const lines = [
      '## Top ML Papers of the Week (June 23 - June 29) - 2025',
      HEADER.split('\n')[0]!,
      HEADER.split('\n')[1]!,
      '| 1) **Title** - desc | [Paper](https://arxiv.org/abs/2506.00001), [Tweet](https://x.com/a/status/1) |',
    ];
    const scopes = new Map<string, string[]>();
    let stack = tm.INITIAL;
    for (const line of lines) {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      for (const token of result.tokens) scopes.set(`${line.slice(token.startIndex, token.endIndex)}@${lines.indexOf(line)}`, token.scopes);
    }
    const has = (text: string, line: number, scope: string) =>
      assert.ok(scopes.get(`${text}@${line}`)?.includes(scope), `${JSON.stringify(text)} has ${scope}: ${scopes.get(`${text}@${line}`)?.join(' ')}`);
    has('June 23', 0, 'constant.numeric.date.week-start.paper-list');
    has('June 29', 0, 'constant.numeric.date.week-end.paper-list');
    has('2025', 0, 'constant.numeric.date.year.paper-list');
    has('1', 3, 'constant.numeric.row-number.paper-list');
    has('Paper', 3, 'entity.name.tag.link-label.paper-list');
    has('Paper', 3, 'string.other.link.title.markdown');
    has('Tweet', 3, 'entity.name.tag.link-label.paper-list');
    has('Title', 3, 'markup.bold.markdown');
  });
});

// ---- the curator's weekly routine (issue 14), one test per item ----

function templateFree(dates: string, titles: string[]): WeekSpec {
  return { dates, rows: titles.map((t, i) => row(i + 1, t)) };
}

suite('Weekly routine', () => {
  test('1. navigation places the cursor (nothing selected); a tree selection previews, Enter opens', async () => {
    const editor = await openList('papers.md');
    const week = api.tree.allWeeks()[1]!;
    const target = week.rows[1]!;
    const command = target.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.selection.isEmpty, true, 'a keystroke now replaces nothing');
    assert.equal(active.selection.active.line, target.range.start.line);
    // Enter (paperList.openSelected, bound to Enter in the view) opens the tree's selection with focus in the editor.
    await vscode.commands.executeCommand('paperList.weeks.focus');
    await waitFor('the weeks view to be visible', () => api.treeView.visible, [api.treeView.onDidChangeVisibility]);
    const selectedId = () => (api.treeView.selection[0] as TreeNode | undefined)?.id;
    // Follow-cursor first selects the row the click put the cursor on; then the user selects another.
    await waitFor('follow-cursor to select the clicked row', () => selectedId() === target.id, [api.treeView.onDidChangeSelection]);
    const other = week.rows[0]!;
    await api.treeView.reveal(other, { select: true, focus: true });
    await waitFor('the other row selected', () => selectedId() === other.id, [api.treeView.onDidChangeSelection]);
    await vscode.commands.executeCommand('paperList.openSelected');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, other.range.start.line);
    // From the keyboard: the arrow keys move the view's focus (as in every VS Code tree, nothing opens), Space selects
    // the focused row, which previews it with focus kept in the view (through the item's command or the selection
    // handler, whichever VS Code runs first; the other then finds the cursor there already), and Enter opens it.
    await api.treeView.reveal(other, { select: true, focus: true });
    const previews = api.previewCount();
    const next = week.rows[1]!;
    const previewed = waitFor(
      'Space to preview the row the arrow key moved to',
      () => selectedId() === next.id && vscode.window.activeTextEditor?.selection.active.line === next.range.start.line,
      [api.treeView.onDidChangeSelection, vscode.window.onDidChangeTextEditorSelection],
    );
    await vscode.commands.executeCommand('list.focusDown');
    await vscode.commands.executeCommand('list.select');
    await previewed.catch((error: Error) => {
      throw new Error(
        `${error.message}; selected ${String((api.treeView.selection[0] as TreeNode | undefined)?.label)}, previews ${api.previewCount() - previews}, cursor line ${vscode.window.activeTextEditor?.selection.active.line} (row at ${next.range.start.line})`,
      );
    });
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const keys = extension.packageJSON.contributes.keybindings as { command: string; key: string; when: string }[];
    assert.ok(keys.some((k) => k.command === 'paperList.openSelected' && k.key === 'enter' && k.when.includes('focusedView')));
  });

  test('2. New Week rows are "in progress": one information, F8 skips them, New Week again moves there', async () => {
    const content = paperList([
      templateFree('June 23 - June 29', ['Kappa One', 'Kappa Two']),
      { dates: 'June 16 - June 22', rows: [row(1, 'Kappa Three'), row(3, 'Kappa Four')] },
    ]);
    const editor = await openList('routine-newweek.md', content);
    const { document } = editor;
    await vscode.commands.executeCommand('paperList.newWeek');
    await waitText(document, 'the new week', (t) => t.includes('(June 30 - July 6) - 2025'));
    const ds = await waitForDiagnostics(document.uri, 'unfinished-week', (ds) => ds.some((d) => codeOf(d) === 'unfinished-week'));
    const heading = lineOf(document, '## Top ML Papers of the Week (June 30');
    const inNewWeek = ds.filter((d) => d.range.start.line >= heading && d.range.start.line < heading + 14);
    assert.deepEqual(
      inNewWeek.map((d) => [codeOf(d), d.severity]),
      [['unfinished-week', vscode.DiagnosticSeverity.Information]],
    );
    assert.match(inNewWeek[0]!.message, /10 of 10 rows still to fill in/);
    const shown = await waitShown(document);
    assert.equal(shown.list.weeks[0]!.worstSeverity, 'info', 'the tree does not turn red');
    // F8 from the first template row goes to the next real problem (the older week's row 3), past the template.
    const first = vscode.window.activeTextEditor!.selection.active.line;
    assert.equal(first, heading + 3);
    const real = lineOf(document, '| 3) **Kappa Four');
    const jumped = waitFor('F8 to land on a real problem', () => editor.selection.active.line !== first && editor.selection.active.line, [
      vscode.window.onDidChangeTextEditorSelection,
    ]);
    await vscode.commands.executeCommand('editor.action.marker.next');
    assert.equal(await jumped, real);
    // New Week again: no second week; the cursor goes back to the template, and a message says why.
    const before = document.getText();
    const message = new Promise<string>((resolve) => {
      const sub = api.onDidNotify((text) => {
        sub.dispose();
        resolve(text);
      });
    });
    await vscode.commands.executeCommand('paperList.newWeek');
    assert.match(await message, /still an untouched template/);
    assert.equal(document.getText(), before);
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, heading + 3);
  });

  test('3. completion after an auto-closed [] gives [Code](…) with the cursor inside, labels the row has last, one spelling', async () => {
    const content = paperList([templateFree('June 23 - June 29', ['Lambda One', 'Lambda Two'])]).replace(
      '[Tweet](https://x.com/curator/status/' + String(paperId) + ') |',
      `[Tweet](https://x.com/curator/status/${paperId}), [Github](https://github.com/a/b), [] |`,
    );
    const editor = await openList('routine-complete.md', content);
    const line = lineOf(editor.document, '| 2) **Lambda Two');
    const character = editor.document.lineAt(line).text.lastIndexOf('[]') + 1;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(line, character),
    );
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.ok(!['Paper', 'Tweet', 'GitHub', 'Github'].includes(labelOf(sorted[0]!)), `first: ${labelOf(sorted[0]!)}`);
    assert.equal(list.items.filter((i) => labelOf(i).toLowerCase() === 'github').length, 1, 'one spelling of GitHub');
    const code = list.items.find((i) => labelOf(i) === 'Code')!;
    const range = code.range instanceof vscode.Range ? code.range : code.range!.replacing;
    const snippet = code.insertText instanceof vscode.SnippetString ? code.insertText : new vscode.SnippetString(String(code.insertText));
    assert.ok(await editor.insertSnippet(snippet, range));
    assert.ok(editor.document.lineAt(line).text.endsWith(', [Code]() |'), editor.document.lineAt(line).text);
    assert.equal(editor.selection.active.character, editor.document.lineAt(line).text.lastIndexOf('()') + 1, 'the cursor is between the parentheses');
  });

  test('4. workspace symbols find a paper by arXiv id; Go to Week opens a week with the cursor on its heading', async () => {
    const editor = await openList('papers.md');
    const { document } = editor;
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '2506.10001');
    const found = symbols.find((s) => s.location.uri.toString() === document.uri.toString());
    assert.ok(found, JSON.stringify(symbols.map((s) => s.name)));
    assert.equal(found.location.range.start.line, lineOf(document, '| 1) **Sparse Mixtures'));
    assert.match(found.name, /2506\.10001/);
    // A day inside a week (not in any label), a month with a year, as the picker understands them.
    for (const [query, heading] of [
      ['June 18', '## Top ML Papers of the Week (June 16'],
      ['jun 27', '## Top ML Papers of the Week (June 23'],
      ['2025-06-22', '## Top ML Papers of the Week (June 16'],
      ['Jun 2025', '## Top ML Papers of the Week (June 23'],
    ]) {
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('paperList.goToWeek', query);
      const cursor = vscode.window.activeTextEditor!.selection;
      assert.equal(vscode.window.activeTextEditor!.document, document, query);
      assert.equal(cursor.isEmpty, true);
      assert.equal(cursor.active.line, lineOf(document, heading!), query);
    }
  });

  test('5. a "Table of contents" node carries TOC problems; tree, status bar and Problems panel count the same', async () => {
    const content = paperList([
      templateFree('June 23 - June 29', ['Mu One']),
      { dates: 'June 16 - June 22', rows: [row(1, 'Mu Two'), row(3, 'Mu Three')] },
    ]).replace(/\((\.\/)?#top-ml-papers-of-the-week-june-16---june-22---2025\)/, '(#top-ml-papers-of-the-week-june-9---june-15---2025)');
    const { document } = await openList('routine-toc.md', content);
    await waitForDiagnostics(document.uri, 'toc and row-number', (ds) => ds.some((d) => codeOf(d) === 'toc') && ds.some((d) => codeOf(d) === 'row-number'));
    const shown = await waitFor(
      'the tree to count every problem',
      () => {
        const s = api.current();
        return s?.document === document && s.list.problemCount === panelCount(document.uri) && s;
      },
      [api.onDidRefresh, vscode.languages.onDidChangeDiagnostics],
    );
    const outside = api.tree.getChildren()[0] as OutsideItem;
    assert.equal(outside.kind, 'outside');
    assert.equal(outside.label, 'Table of contents');
    assert.ok(outside.problems.some((p) => p.problem.rule === 'toc'));
    const inTree = yearsOf().reduce((n, y) => n + y.weeks.reduce((m, w) => m + w.week.problemCount, 0), 0) + outside.info.problemCount;
    assert.equal(inTree, panelCount(document.uri));
    assert.equal(
      api.statusText(),
      `2 papers · ${panelCount(document.uri)} problem${panelCount(document.uri) === 1 ? '' : 's'}`.replace('2 papers', `${shown.list.paperCount} papers`),
    );
    await vscode.commands.executeCommand('paperList.showOnlyProblems');
    try {
      assert.equal((api.tree.getChildren()[0] as TreeNode).kind, 'outside', 'the filter keeps the TOC problems');
    } finally {
      await vscode.commands.executeCommand('paperList.showAllWeeks');
    }
  });

  test('6. fixes: one Remove Row that renumbers, Disable <rule> for this line, Fix All says what it did', async () => {
    const content = paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Nu One'), row(2, 'Nu Two'), row(3, 'Nu Three'), row(4, 'Nu Four')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Nu Five'), row(2, 'Nu Six'), row(4, 'Nu Seven')] },
    ]);
    // Row 2 of the newest week repeats row 1 of the older one: same title and same paper.
    const paper = /\[Paper\]\((https:\/\/arxiv\.org\/abs\/[\d.]+)\)/.exec(content.split('\n').find((l) => l.includes('Nu Five'))!)![1]!;
    const text = content.replace(/\| 2\) \*\*Nu Two\*\*[^\n]*/, `| 2) **Nu Five** - Again. | [Paper](${paper}), [Tweet](https://x.com/curator/status/1) |`);
    const { document } = await openList('routine-fixes.md', text);
    const line = lineOf(document, '| 2) **Nu Five');
    await waitForDiagnostics(document.uri, 'both duplicates', (ds) =>
      ['duplicate-title', 'duplicate-paper'].every((c) => ds.some((d) => codeOf(d) === c && d.range.start.line === line)),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(line, 0, line, 5),
    );
    const titles = actions.map((a) => a.title);
    assert.equal(titles.filter((t) => t.startsWith('Remove this row')).length, 1, titles.join('; '));
    assert.ok(titles.includes('Disable duplicate-title for this line'), titles.join('; '));
    const remove = actions.find((a) => a.title.startsWith('Remove this row'))!;
    assert.ok(await vscode.workspace.applyEdit(remove.edit!));
    assert.deepEqual(rowNumbers(document.getText()).slice(0, 3), ['1', '2', '3'], 'the rest of the week moved up');
    const said = new Promise<string>((resolve) => {
      const sub = api.onDidNotify((m) => {
        sub.dispose();
        resolve(m);
      });
    });
    await waitShown(document);
    await vscode.commands.executeCommand('paperList.fixAll');
    assert.equal(
      await said,
      'Paper List: 1 fix applied. Week June 16 - June 22 now has 3 rows, numbered 1..3; its numbers went up to 4 (a row may be missing).',
    );
  });

  test('7. a list without years: no year in tree or hover; exports use ISO dates, skip templates and placeholders, offer Open', async () => {
    // No year anywhere; Xi Two's tweet is a placeholder; the older week is an untouched template.
    const content = [
      '# Papers without years',
      '',
      '## Top ML Papers of the Week (June 23 - June 29)',
      HEADER,
      row(1, 'Xi One'),
      row(2, 'Xi Two').replace(/\[Tweet\]\([^)]*\)/, '[Tweet](xxx)'),
      '',
      '## Top ML Papers of the Week (June 16 - June 22)',
      HEADER,
      '| 1)  | [Paper](), [Tweet]() |',
      '',
    ].join('\n');
    const { document } = await openList('routine-years.md', content);
    assert.deepEqual(
      yearsOf().map((y) => y.label),
      ['Year not stated'],
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(lineOf(document, '| 1) **Xi One'), 4),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(!/20\d\d/.test(hoverText.replace(/2506\.\d+/g, '')), hoverText);
    const json = vscode.Uri.joinPath(folder, 'out', 'routine.json');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'out'));
    const said = new Promise<string>((resolve) => {
      const sub = api.onDidNotify((m) => {
        sub.dispose();
        resolve(m);
      });
    });
    await vscode.commands.executeCommand('paperList.exportJson', json);
    assert.match(await said, /exported 2 papers/);
    const records = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(json))) as Record<string, string | null>[];
    assert.deepEqual(
      records.map((r) => [r.Title, r.Week]),
      [
        ['Xi One', '--06-23'],
        ['Xi Two', '--06-23'],
      ],
      'ISO month-day for a list without years; the template week is left out',
    );
    assert.ok(
      records.every((r) => r.TweetURL === null || r.TweetURL.startsWith('https://')),
      'no placeholder URL',
    );
  });

  test('8. typing in a description costs no tree rebuild; the status bar stays current', async () => {
    const content = paperList([templateFree('June 23 - June 29', ['Omicron One', 'Omicron Two'])]);
    const editor = await openList('routine-typing.md', content);
    let rebuilds = 0;
    const sub = api.onDidChangeTree(() => rebuilds++);
    try {
      const line = lineOf(editor.document, '| 1) **Omicron One');
      const at = editor.document.lineAt(line).text.indexOf(' - ') + 3;
      for (const ch of 'Quietly ') await editor.edit((b) => b.insert(new vscode.Position(line, at), ch), { undoStopBefore: false, undoStopAfter: false });
      await waitShown(editor.document);
      assert.equal(rebuilds, 0, 'a description is not shown in the tree: nothing to rebuild');
      assert.equal(api.statusText(), '2 papers · 0 problems');
      await editor.edit((b) => b.insert(new vscode.Position(line, editor.document.lineAt(line).text.indexOf('Omicron One')), 'New '));
      await waitShown(editor.document);
      assert.equal(rebuilds, 1, 'a title change rebuilds once');
    } finally {
      sub.dispose();
    }
  });

  test('9. small things: rows-only symbols, hover link, activity-bar view, follow-cursor collapses what it expanded', async () => {
    const editor = await openList('papers.md');
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      'vscode.executeDocumentSymbolProvider',
      editor.document.uri,
    );
    const flat: string[] = [];
    const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation) => {
      flat.push(s.name);
      if ('children' in s) s.children.forEach(walk);
    };
    symbols.forEach(walk);
    assert.ok(flat.filter((n) => n.includes('(June 23 - June 29)')).length <= 1, `each week once: ${flat.join(' | ')}`);
    assert.ok(flat.includes('1) Sparse Mixtures for Long Context'), 'our rows');
    // The hover's "also at line N" is a link.
    const dupe = paperList([
      { dates: 'June 23 - June 29', rows: [row(1, 'Pi Same')] },
      { dates: 'June 16 - June 22', rows: [row(1, 'Pi Same')] },
    ]);
    const other = await openList('routine-hover.md', dupe);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      other.document.uri,
      new vscode.Position(lineOf(other.document, '| 1) **Pi Same'), 6),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\[line \d+\]\([a-z-]+:\/\/[^)]*routine-hover\.md#L\d+\)/);
    // The weeks view in its own activity-bar container.
    await vscode.commands.executeCommand('paperList.weeksBar.focus');
    await waitFor('the activity-bar weeks view', () => api.barView.visible, [api.barView.onDidChangeVisibility]);
    // Follow-cursor: a row in a collapsed week expands it; leaving the week collapses it again. Dates no other
    // test uses, so no week id (its anchor) was expanded before.
    const list = await openList(
      'routine-follow.md',
      paperList([
        { dates: 'May 12 - May 18', rows: [row(1, 'Rho One'), row(2, 'Rho Two')] },
        { dates: 'May 5 - May 11', rows: [row(1, 'Rho Three'), row(2, 'Rho Four')] },
      ]),
    );
    const older = api.tree.allWeeks()[1]!;
    const olderId = older.id;
    const rowLine = older.rows[0]!.range.start.line;
    // Follow-cursor selects in the view the curator is looking at, and never brings the Explorer's view to the front.
    const selectedRow = waitFor(
      'the row selected in the Weeks container',
      () => api.barView.visible && (api.barView.selection[0] as TreeNode | undefined)?.kind === 'row',
      [api.barView.onDidChangeSelection, api.barView.onDidChangeVisibility],
    ).catch((error: Error) => {
      const selected = api.barView.selection[0] as TreeNode | undefined;
      throw new Error(
        `${error.message}; bar visible ${api.barView.visible}, explorer visible ${api.treeView.visible}, selected ${selected?.kind} ${String(selected?.label)}, shown ${api.current()?.document.uri.path}`,
      );
    });
    list.selection = new vscode.Selection(rowLine, 3, rowLine, 3);
    await selectedRow;
    const newer = api.tree.allWeeks()[0]!.rows[0]!.range.start.line;
    const collapsed = waitFor('the older week collapsed again', () => api.tree.allWeeks()[1]!.id !== olderId, [api.onDidChangeTree]);
    list.selection = new vscode.Selection(newer, 3, newer, 3);
    await collapsed;
    assert.equal(api.tree.allWeeks()[1]!.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.ok(api.barView.visible && !api.treeView.visible, 'the side bar still shows the Weeks container');
  });
});

suite('Multi-file list', () => {
  /** Opens a file of a multi-file list and waits until the tree shows the whole list (its other files are read through the host, later). */
  async function openMulti(name: string): Promise<{ editor: vscode.TextEditor; shown: ShownList }> {
    const editor = await open(name);
    const shown = await waitFor(
      `the tree to show every file of ${name}'s list`,
      () => {
        const now = api.current();
        return now?.document === editor.document && now.list.files.length >= 2 && now;
      },
      [api.onDidRefresh],
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}; shown: ${
          api
            .current()
            ?.list.files.map((f) => f.uri)
            .join(', ') ?? 'nothing'
        }`,
      );
    });
    return { editor, shown };
  }

  test('the tree shows weeks from every file, by year, and a click opens the right file', async function () {
    const { shown } = await openMulti('multi/README.md');
    assert.deepEqual(
      yearsOf().map((y) => y.label),
      ['2026', '2025'],
    );
    assert.deepEqual(new Set(shown.list.weeks.map((w) => w.uri.replace(/.*\/multi\//, ''))), new Set(['years/2026.md', 'years/2025.md']));
    const week = api.tree.allWeeks().find((w) => w.uri.path.endsWith('years/2025.md'))!;
    await vscode.commands.executeCommand(week.command!.command, ...(week.command!.arguments ?? []));
    assert.ok(vscode.window.activeTextEditor!.document.uri.path.endsWith('years/2025.md'));
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, week.headingRange.start.line);
    const panel = shown.list.files.reduce((n, f) => n + panelCount(vscode.Uri.parse(f.uri)), 0);
    assert.equal(shown.list.problemCount, panel, 'the status bar counts the whole list');
  });

  test('New Week writes the year file and the index in one undoable edit', async function () {
    const { editor } = await openMulti('multi/years/2026.md');
    const index = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'multi', 'README.md'));
    await vscode.commands.executeCommand('paperList.newWeek');
    await waitText(editor.document, 'the new week in 2026.md', (t) => t.includes('(January 12 - January 18) - 2026'));
    await waitText(index, 'its entry in the index', (t) => t.includes('(January 12 - January 18)'));
    await vscode.commands.executeCommand('undo');
    await waitText(editor.document, 'undone in one step', (t) => !t.includes('January 12'));
    assert.ok(!index.getText().includes('January 12'), 'the index entry went with the same undo');
  });

  test('New Week that starts a new year creates years/<year>.md and its index group', async function () {
    // A copy of the list without 2026: its newest week is Dec 22 - 28, 2025, so the next one ends in 2026.
    const root = vscode.Uri.joinPath(folder, 'multi-newyear');
    const read = async (path: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'multi', path)));
    const index = (await read('README.md')).replace(/## 2026\n(?:- .*\n)*\n?/, '');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'README.md'), new TextEncoder().encode(index));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'years', '2025.md'), new TextEncoder().encode(await read('years/2025.md')));
    await openMulti('multi-newyear/years/2025.md');
    const said: string[] = [];
    const listening = api.onDidNotify((m) => said.push(m));
    await vscode.commands.executeCommand('paperList.newWeek');
    listening.dispose();
    const indexDocument = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'README.md'));
    const text = await waitText(
      indexDocument,
      `the 2026 group and entry in the index (messages: ${said.join(' | ') || 'none'})`,
      (t) => t.includes('## 2026') && t.includes('December 29'),
    );
    assert.ok(text.indexOf('## 2026') < text.indexOf('## 2025'), 'the new year group comes first');
    const created = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'years', '2026.md'));
    assert.match(created.getText(), /^# Invented Papers of the Week — 2026/);
    assert.ok(created.getText().includes('(December 29 - January 4) - 2026'), created.getText());
  });

  test('a quick fix edits two files (heading date and its index entry)', async function () {
    const { editor } = await openMulti('multi/years/2025.md');
    const line = lineOf(editor.document, '## Top AI Papers of the Week (December 22');
    const heading = '## Top AI Papers of the Week (December 23 - December 28) - 2025';
    // The heading and its index entry both say December 23: the fix that starts the week on December 22 must
    // rename the heading and update the entry (its text and anchor) in the index, in one edit.
    const indexUri = vscode.Uri.joinPath(folder, 'multi', 'README.md');
    const indexBefore = await vscode.workspace.openTextDocument(indexUri);
    const entryLine = lineOf(indexBefore, '- [Top AI Papers of the Week (December 22');
    const both = new vscode.WorkspaceEdit();
    both.replace(editor.document.uri, new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length), heading);
    both.replace(
      indexUri,
      indexBefore.lineAt(entryLine).range,
      '- [Top AI Papers of the Week (December 23 - December 28)](years/2025.md#top-ai-papers-of-the-week-december-23---december-28---2025)',
    );
    assert.ok(await vscode.workspace.applyEdit(both));
    await waitForDiagnostics(editor.document.uri, 'a problem on the changed heading', (ds) =>
      ds.some((d) => d.range.start.line === line && codeOf(d) !== 'toc'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(line, 0, line, heading.length),
    );
    const twoFiles = actions.find((a) => a.edit && a.edit.entries().length === 2);
    assert.ok(twoFiles, actions.map((a) => `${a.title}: ${a.edit?.entries().length}`).join('; '));
    assert.ok(await vscode.workspace.applyEdit(twoFiles.edit!));
    const index = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'multi', 'README.md'));
    assert.equal(editor.document.lineAt(line).text, '## Top AI Papers of the Week (December 22 - December 28) - 2025');
    assert.ok(index.getText().includes('#top-ai-papers-of-the-week-december-22---december-28---2025'), 'the index entry still resolves');
  });
});

// Last: it replaces the server every test above talked to.
suite('Language server', () => {
  test('Restart Language Server starts a new server (a new worker in the browser) that checks the list again', async () => {
    const content = paperList([{ dates: 'June 23 - June 29', rows: [row(1, 'Kappa One'), row(2, 'Kappa Two')] }]);
    const editor = await openList('restart.md', content);
    await vscode.commands.executeCommand('paperList.restartServer');
    // Only a running server answers: the edit's row-number problem comes from the new one.
    const line = lineOf(editor.document, '| 2) **Kappa Two');
    await editor.edit((b) => b.replace(new vscode.Range(line, 2, line, 3), '5'));
    await waitForDiagnostics(editor.document.uri, 'row-number from the restarted server', (ds) => ds.some((d) => codeOf(d) === 'row-number'));
    const shown = await waitShown(editor.document);
    assert.equal(shown.list.paperCount, 2);
  });
});

suite('Language server start', () => {
  test("the server saves a V8 code cache of itself in the extension's global storage", async function () {
    if (inWebWorkerHost) return skipBecause(this, 'the server runs as a Web Worker there, compiled by the browser');
    const userData = process.env.PAPER_LIST_TEST_USER_DATA;
    if (!userData) return skipBecause(this, 'PAPER_LIST_TEST_USER_DATA names no user data folder (test/vscode/run-code-server.mjs sets it)');
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    /* eslint-enable @typescript-eslint/no-require-imports */
    // VS Code names an extension's storage folder by its id in lower case; the client names code-cache in it.
    const folder = path.join(userData, 'User', 'globalStorage', EXTENSION_ID.toLowerCase(), 'code-cache');
    const saved = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.v8cache')) : []);
    // No event says a file appeared outside the workspace: a tick re-checks (the server saves 2 s after it starts).
    const tick = new vscode.EventEmitter<void>();
    const timer = setInterval(() => tick.fire(), 100);
    try {
      const files = await waitFor(
        `a code cache in ${folder}`,
        () => {
          const found = saved();
          return found.length > 0 && found;
        },
        [tick.event],
        20_000,
      );
      assert.match(files[0]!, /^languageServer-[0-9a-f]{16}\.v8cache$/);
    } finally {
      clearInterval(timer);
      tick.dispose();
    }
  });
});
