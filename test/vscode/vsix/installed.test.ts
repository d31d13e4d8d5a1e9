// The packaged extension as a user gets it: run by check-vsix.mjs after `code-server --install-extension <.vsix>`, on a
// copy of a real list from ../shared/corpus (the workspace's README.md). No development path: what runs is the .vsix.
// check-vsix.mjs writes what the CLI finds to .paper-list-expected.json; the editor must show README.md's problems rule
// by rule and count the whole list's in the status bar, in either extension host (in the web worker one, the server
// reads every file and checks every link through the client).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperListApi } from '../../../client/src/ctx';
import type { WeekItem } from '../../../client/src/weeksTree';
import { inWebWorkerHost } from '../suite/support/results';
import { waitFor } from '../suite/support/wait';

const EXTENSION_ID = 'paper-list-curator.paper-list-curator';
const WAIT_MS = 60_000;

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function byRule(diagnostics: vscode.Diagnostic[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) {
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return sorted(counts);
}

suite('The installed .vsix', () => {
  test('shows diagnostics and the weeks tree on the list in the workspace', async function () {
    this.timeout(2 * WAIT_MS);
    const extension = vscode.extensions.getExtension<PaperListApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.match(
      extension.extensionUri.path,
      /\/extensions\/paper-list-curator\.paper-list-curator-\d/,
      'loaded from the extensions folder, not a development path',
    );
    const api = await extension.activate();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const readme = vscode.Uri.joinPath(folder, 'README.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme));

    const shown = await waitFor(
      'the weeks of README.md',
      () => {
        const current = api.current();
        return current?.document === editor.document && current.list.weeks.length > 0 && current;
      },
      [api.onDidRefresh],
      WAIT_MS,
    );
    const expected = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.paper-list-expected.json')))) as {
      rules: Record<string, number>;
      /** The whole list's, over every file: what the status bar counts. */
      listProblems: number;
    };
    assert.ok(Object.keys(expected.rules).length > 0, 'the list has problems to show');
    let seen: Record<string, number> = {};
    const diagnostics = await waitFor(
      `paper-list diagnostics on README.md as the CLI finds them: ${JSON.stringify(expected.rules)}`,
      () => {
        const ours = vscode.languages.getDiagnostics(readme).filter((d) => d.source === 'paper-list');
        seen = byRule(ours);
        return JSON.stringify(seen) === JSON.stringify(sorted(expected.rules)) && ours;
      },
      [vscode.languages.onDidChangeDiagnostics],
      WAIT_MS,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(seen)}`);
    });
    // Top level: the table-of-contents node (problems outside the weeks), then one node per year holding its weeks.
    const years = api.tree.getChildren().filter((node) => node.contextValue === 'year');
    const treeWeeks = years.flatMap((year) => api.tree.getChildren(year)).filter((node) => node.contextValue === 'week');
    assert.ok(years.length > 0, 'the tree has year groups');
    assert.equal(treeWeeks.length, shown.list.weeks.length, 'the tree shows every week');
    // Printed, not asserted: which file each week opens belongs to the multi-file client (issue 9), not to the package.
    const weekFiles = new Set(treeWeeks.map((week) => (week as WeekItem).uri.toString()));
    const total = expected.listProblems.toLocaleString('en-US');
    await waitFor(`the status bar to count ${total} problems`, () => api.statusText()?.endsWith(` · ${total} problems`), [api.onDidRefresh], WAIT_MS);
    assert.match(api.statusText()!, /^[\d,]+ papers · [\d,]+ problems$/);
    const host = inWebWorkerHost ? 'web worker' : 'node';
    console.log(
      `[vsix] ${host} extension host: README.md ${shown.list.weeks.length} weeks, ${shown.list.paperCount} papers, ${diagnostics.length} diagnostics, tree ${years.length} years, weeks opening ${weekFiles.size} file(s); status "${api.statusText()}"`,
    );
  });
});
