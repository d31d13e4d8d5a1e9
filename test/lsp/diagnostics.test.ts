// Diagnostics, quick fixes and fix-all over real stdio against dist/server.js, compared with the CLI's --fix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../support/lspClient';
import { runCli } from '../support/cli';
import { makeTempDir, samplePath } from '../support/paths';
import { applyTextEdits } from '../support/text';
import { row } from '../support/lists';

const FIX_ALL_KIND = 'source.fixAll.paperList';

/** Two weeks; the newer one skips 3 and writes `5.`: both are row-number problems with the same renumber fix. */
const MISNUMBERED = [
  '# Reading list',
  '',
  '## Top ML Papers of the Week (June 9 - June 15) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  row('1)', 'Alpha Routing', 1),
  row('2)', 'Beta Memory', 2),
  row('4)', 'Gamma Planning', 3),
  row('5.', 'Delta Search', 4),
  '',
  '## Top ML Papers of the Week (June 2 - June 8) - 2025',
  '| **Paper** | **Links** |',
  '| --- | --- |',
  row('1)', 'Epsilon Agents', 5),
  row('2)', 'Zeta Scaling', 6),
  '',
].join('\n');

const lineOf = (text: string, needle: string): number => {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.notEqual(index, -1, `no line contains ${needle}`);
  return index;
};

const byRule = (diagnostics: readonly Diagnostic[], rule: string) => diagnostics.filter((d) => d.code === rule);

/** Runs `check --fix` on a temp copy of `text` and returns the fixed file's text. */
async function cliFix(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const result = await runCli(['check', path, '--fix', '--format', 'json']);
  assert.ok(result.code === 0 || result.code === 1, `cli --fix failed (${result.code}): ${result.stderr}`);
  return readFileSync(path, 'utf8');
}

describe('diagnostics over stdio', () => {
  let client: LspClient;
  let temp: ReturnType<typeof makeTempDir>;
  before(async () => {
    temp = makeTempDir();
    client = await LspClient.start({ workspaceFolders: [temp.dir] });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown/exit');
    temp.remove();
  });

  test('the sample list: every planted mistake, with source, severity, code link and version', async () => {
    const text = readFileSync(samplePath, 'utf8');
    const uri = fileUri(join(temp.dir, 'sample-diagnostics.md'));
    const diagnostics = await client.open(uri, text, { version: 7 });
    assert.equal(client.published.get(uri)!.at(-1)!.version, 7);
    for (const d of diagnostics) {
      assert.equal(d.source, 'paper-list');
      assert.equal(typeof d.code, 'string');
      assert.match(d.codeDescription?.href ?? '', new RegExp(`${d.code}$`));
    }
    const at = (rule: string, needle: string) => byRule(diagnostics, rule).filter((d) => d.range.start.line === lineOf(text, needle));
    // `5.` instead of `5)`: the range covers exactly the number token.
    const dotted = at('row-number', '| 5. **Diffusion Planners');
    assert.equal(dotted.length, 1);
    const dottedLine = text.split('\n')[dotted[0].range.start.line];
    assert.equal(dottedLine.slice(dotted[0].range.start.character, dotted[0].range.end.character), '5.');
    assert.equal(dotted[0].severity, DiagnosticSeverity.Warning);
    // The week that skips 7: reported at the row numbered 8.
    assert.equal(at('row-number', '| 8) **Compositional Image Editing').length, 1);
    assert.equal(at('table-row', '| 6) **Curriculum for Tool Use').length, 1);
    assert.equal(at('link-label', '| 6) **Open Weights Audit').length, 1);
    assert.equal(at('week-heading', '## Top ML Papers of the Week (June 8 - June 15)').length, 1);
    // The eight-day label is one problem (week-heading's); week-sequence does not report the overlap it causes.
    assert.equal(at('week-sequence', '## Top ML Papers of the Week (June 8 - June 15)').length, 0);
    assert.equal(at('toc', '- [Top ML Papers of the Week (June 16 - June 22)]').length, 1);
    // The same paper as abs and as pdf v2, with the same title: both rows, each pointing at the other.
    const first = lineOf(text, '| 1) **Sparse Mixture Routers Revisited');
    const second = lineOf(text, '| 5) **Sparse Mixture Routers Revisited');
    for (const rule of ['duplicate-title', 'duplicate-paper']) {
      const found = byRule(diagnostics, rule);
      assert.deepEqual(
        found.map((d) => d.range.start.line).sort((a, b) => a - b),
        [first, second],
        rule,
      );
      for (const d of found) {
        const other = d.range.start.line === first ? second : first;
        assert.ok(d.relatedInformation && d.relatedInformation.length > 0, `${rule} carries relatedInformation`);
        assert.ok(
          d.relatedInformation.some((r) => r.location.uri === uri && r.location.range.start.line === other),
          `${rule} at line ${d.range.start.line} points at line ${other}`,
        );
      }
    }
    // The sample has no placeholder links, so nothing is an error, and nothing else is reported.
    assert.ok(diagnostics.every((d) => d.severity !== DiagnosticSeverity.Error));
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))].sort(), [
      'duplicate-paper',
      'duplicate-title',
      'link-label',
      'row-number',
      'table-row',
      'toc',
      'week-heading',
    ]);
    await client.close(uri);
  });

  test('severities: placeholder-link is an error, missing-link information', async () => {
    const text = MISNUMBERED.replace('[Paper](https://arxiv.org/abs/2506.00005)', '[Paper](xxx)').replace('[Paper](https://arxiv.org/abs/2506.00006), ', '');
    const uri = fileUri(join(temp.dir, 'severities.md'));
    const diagnostics = await client.open(uri, text);
    const placeholder = byRule(diagnostics, 'placeholder-link');
    assert.equal(placeholder.length, 1);
    assert.equal(placeholder[0].range.start.line, lineOf(text, 'Epsilon Agents'));
    assert.equal(placeholder[0].severity, DiagnosticSeverity.Error);
    const missing = byRule(diagnostics, 'missing-link');
    assert.equal(missing.length, 1);
    assert.equal(missing[0].range.start.line, lineOf(text, 'Zeta Scaling'));
    assert.equal(missing[0].severity, DiagnosticSeverity.Information);
    await client.close(uri);
  });

  test('incremental changes: each version gets its own diagnostics', async () => {
    const uri = fileUri(join(temp.dir, 'incremental.md'));
    const diagnostics = await client.open(uri, MISNUMBERED);
    assert.equal(byRule(diagnostics, 'row-number').length, 2);
    const gamma = lineOf(MISNUMBERED, 'Gamma Planning');
    // Type "3" over the "4": the problems move to the `5.` row (5 after 3, and the marker).
    const v2 = await client.change(uri, [{ range: { start: { line: gamma, character: 2 }, end: { line: gamma, character: 3 } }, text: '3' }]);
    assert.equal(client.version(uri), 2);
    const delta = lineOf(MISNUMBERED, 'Delta Search');
    assert.deepEqual(
      byRule(v2, 'row-number').map((d) => d.range.start.line),
      [delta, delta],
    );
    // Two changes in one notification, applied in order: insert a line, then retype the (shifted) `5.` as `4)`.
    const v3 = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro line\n' },
      { range: { start: { line: delta + 1, character: 2 }, end: { line: delta + 1, character: 4 } }, text: '4)' },
    ]);
    assert.deepEqual(v3, [], 'both row-number problems are fixed by hand');
    await client.close(uri);
  });

  test('the renumber quick fix: preferred, tied to its diagnostic, same text as the CLI --fix', async () => {
    const uri = fileUri(join(temp.dir, 'quickfix.md'));
    const diagnostics = await client.open(uri, MISNUMBERED);
    const skip = byRule(diagnostics, 'row-number').find((d) => d.range.start.line === lineOf(MISNUMBERED, 'Gamma Planning'))!;
    assert.ok(skip, 'row 4 reported');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: skip.range,
      context: { diagnostics: [skip] },
    });
    const quickFixes = actions.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable '));
    assert.equal(quickFixes.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(
      actions.some((a) => a.kind === 'quickfix' && a.title === 'Disable row-number for this line'),
      'the disable action comes with the fix',
    );
    const fix = quickFixes[0];
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(
      fix.diagnostics?.map((d) => [d.code, d.message]),
      [[skip.code, skip.message]],
    );
    const edits = LspClient.editsOf(fix.edit, uri);
    // One edit per number token and nothing else: the two wrong numbers.
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]).sort(),
      [
        [lineOf(MISNUMBERED, 'Gamma Planning'), '3)'],
        [lineOf(MISNUMBERED, 'Delta Search'), '4)'],
      ].sort(),
    );
    const fixed = applyTextEdits(MISNUMBERED, edits);
    assert.equal(fixed, await cliFix(temp.dir, 'quickfix-cli.md', MISNUMBERED));
    const after = await client.applyEdits(uri, edits);
    assert.deepEqual(after, [], 're-check is clean');
    // Nothing to fix any more: the refactor action says so instead of offering an empty edit.
    const again = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: skip.range, context: { diagnostics: [] } });
    assert.equal(again.filter((a) => a.kind === 'quickfix').length, 0);
    const renumber = again.find((a) => a.kind === 'refactor.rewrite');
    assert.ok(renumber?.disabled, 'Renumber this week is disabled once the week is numbered 1..N');
    await client.close(uri);
  });

  test('"Renumber this week" refactor on any row of a misnumbered week', async () => {
    const uri = fileUri(join(temp.dir, 'refactor.md'));
    await client.open(uri, MISNUMBERED);
    const line = lineOf(MISNUMBERED, 'Alpha Routing');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['refactor.rewrite'],
    );
    assert.equal(actions[0].disabled, undefined);
    assert.equal(applyTextEdits(MISNUMBERED, LspClient.editsOf(actions[0].edit, uri)), await cliFix(temp.dir, 'refactor-cli.md', MISNUMBERED));
    await client.close(uri);
  });

  for (const eol of ['\n', '\r\n']) {
    const label = eol === '\n' ? 'LF' : 'CRLF';
    test(`fix-all (${label}): source.fixAll.paperList and paperList/fixAll equal the CLI --fix on the sample`, async () => {
      const text = readFileSync(samplePath, 'utf8').replace(/\r?\n/g, eol);
      const name = `fixall-${label}.md`;
      const uri = fileUri(join(temp.dir, name));
      await client.open(uri, text);
      const viaCli = await cliFix(temp.dir, `cli-${name}`, text);
      assert.notEqual(viaCli, text, 'the sample has fixable problems');

      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [FIX_ALL_KIND] },
      });
      assert.deepEqual(
        actions.map((a) => a.kind),
        [FIX_ALL_KIND],
        'exactly the fix-all action when only fix-all is asked for',
      );
      const actionEdits = LspClient.editsOf(actions[0].edit, uri);
      assert.equal(applyTextEdits(text, actionEdits), viaCli);
      // "editor.codeActionsOnSave": { "source.fixAll": … } asks for the parent kind.
      const onSave = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.deepEqual(
        onSave.map((a) => LspClient.editsOf(a.edit, uri)),
        [actionEdits],
      );

      const { edits } = await client.request<{ edits: TextEdit[] }>('paperList/fixAll', { textDocument: { uri } });
      assert.equal(applyTextEdits(text, edits), viaCli);

      // The editor applies the edits; the server's copy must then match the CLI's re-check exactly.
      const fixedDiagnostics = await client.applyEdits(uri, edits);
      const cliPath = join(temp.dir, `cli-${name}`);
      const recheck = JSON.parse((await runCli(['check', cliPath, '--format', 'json'])).stdout) as { line: number; rule: string; fixable: boolean }[];
      assert.ok(
        recheck.every((p) => !p.fixable),
        'nothing fixable is left after --fix',
      );
      assert.deepEqual(
        fixedDiagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`),
        recheck.map((p) => `${p.line} ${p.rule}`),
      );
      // A second fix-all has nothing to do.
      assert.deepEqual((await client.request<{ edits: TextEdit[] }>('paperList/fixAll', { textDocument: { uri } })).edits, []);
      const none = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [FIX_ALL_KIND] },
      });
      assert.deepEqual(none, []);
      await client.close(uri);
    });
  }

  test('UTF-16 columns after emoji and CJK, with CRLF line ends; the label fix applies there', async () => {
    const text = [
      '## Top ML Papers of the Week (June 2 - June 8) - 2025',
      '| **Paper** | **Links** |',
      '| --- | --- |',
      '| 1) **🚀 Rocket 日本語 Models** - 👩‍🔬 fast. | [Paper](xxx), [Tweet)](https://x.com/curator/status/1) |',
      '',
    ].join('\r\n');
    const uri = fileUri(join(temp.dir, 'utf16.md'));
    const diagnostics = await client.open(uri, text);
    const line = text.split('\r\n')[3];
    const placeholder = byRule(diagnostics, 'placeholder-link')[0];
    assert.ok(placeholder);
    // JavaScript string indexes are UTF-16 code units, as LSP columns are.
    assert.equal(placeholder.range.start.character, line.indexOf('[Paper](xxx)'));
    const label = byRule(diagnostics, 'link-label')[0];
    assert.ok(label);
    const bad = line.indexOf('[Tweet)]');
    assert.ok(label.range.start.character >= bad && label.range.end.character <= bad + '[Tweet)]'.length, JSON.stringify(label.range));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: label.range,
      context: { diagnostics: [label] },
    });
    const edits = LspClient.editsOf(actions.find((a) => a.kind === 'quickfix')?.edit, uri);
    assert.equal(applyTextEdits(text, edits), text.replace('[Tweet)]', '[Tweet]'));
    const after = await client.applyEdits(uri, edits);
    assert.deepEqual(
      after.map((d) => d.code),
      ['placeholder-link'],
    );
    await client.close(uri);
  });

  test('fix-all is not offered in the lightbulb (no `only`)', async () => {
    const uri = fileUri(join(temp.dir, 'lightbulb.md'));
    const diagnostics = await client.open(uri, MISNUMBERED);
    const range = diagnostics[0].range;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
    assert.ok(actions.length > 0);
    assert.ok(actions.every((a) => a.kind !== FIX_ALL_KIND));
    await client.close(uri);
  });

  test('disable comments: a disable/enable block and disable-next-line silence only the named rule there', async () => {
    const text = [
      '<!-- paper-list-disable row-number -->',
      '## Top ML Papers of the Week (June 9 - June 15) - 2025',
      '| **Paper** | **Links** |',
      '| --- | --- |',
      row('1)', 'Alpha Routing', 1),
      row('2)', 'Beta Memory', 2),
      row('4)', 'Gamma Planning', 3),
      row('5.', 'Delta Search', 4),
      '<!-- paper-list-enable row-number -->',
      '',
      '<!-- paper-list-disable-next-line week-heading -->',
      '## Top ML Papers of the Week (June 1 - June 8) - 2025',
      '| **Paper** | **Links** |',
      '| --- | --- |',
      row('1)', 'Epsilon Agents', 5),
      row('3)', 'Zeta Scaling', 6),
      '',
    ].join('\n');
    const uri = fileUri(join(temp.dir, 'disable.md'));
    const diagnostics = await client.open(uri, text);
    // The first week's numbering is silenced; the second week's (3 after 1) still shows; the 8-day heading is silenced.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['row-number', lineOf(text, 'Zeta Scaling')]],
    );
    // Control: without the comments every one of them is reported.
    const plain = text.replace(/<!-- paper-list-[^>]*-->\n/g, '');
    const uri2 = fileUri(join(temp.dir, 'disable-control.md'));
    const control = await client.open(uri2, plain);
    assert.equal(byRule(control, 'row-number').length, 3);
    assert.equal(byRule(control, 'week-heading').length, 1);
    await client.close(uri);
    await client.close(uri2);
  });

  test('markdown without a week heading: empty diagnostics, isPaperList false', async () => {
    const uri = fileUri(join(temp.dir, 'notes.md'));
    const text = '# Notes\n\n| 5. a | b |\n| --- | --- |\n| 9. **x** | [Paper](xxx) |\n';
    assert.deepEqual(await client.open(uri, text), []);
    const weeks = await client.request<{ isPaperList: boolean; weeks: unknown[] }>('paperList/weeks', { textDocument: { uri } });
    assert.equal(weeks.isPaperList, false);
    assert.deepEqual(weeks.weeks, []);
    // Becomes a list as soon as a week heading is typed.
    const typed = await client.change(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '## Top ML Papers of the Week (June 2 - June 8) - 2025\n' },
    ]);
    assert.ok(byRule(typed, 'placeholder-link').length === 1, JSON.stringify(typed.map((d) => d.code)));
    // Closing clears what was published.
    const since = client.publishCount(uri);
    await client.close(uri);
    assert.deepEqual((await client.waitForDiagnostics(uri, { since })).diagnostics, []);
  });

  test('a request for a document that is not open is an error, and the server keeps serving', async () => {
    await assert.rejects(client.request('paperList/weeks', { textDocument: { uri: fileUri(join(temp.dir, 'never-opened.md')) } }), /not open/);
    const uri = fileUri(join(temp.dir, 'still-alive.md'));
    assert.equal(byRule(await client.open(uri, MISNUMBERED), 'row-number').length, 2);
    await client.close(uri);
  });
});

describe('settings over workspace/configuration', () => {
  let client: LspClient;
  let temp: ReturnType<typeof makeTempDir>;
  before(async () => {
    temp = makeTempDir();
    client = await LspClient.start({ workspaceFolders: [temp.dir], settings: {} });
  });
  after(async () => {
    await client.stop();
    temp.remove();
  });

  test('rules.row-number off / error via didChangeConfiguration, without reopening', async () => {
    const uri = fileUri(join(temp.dir, 'settings.md'));
    const initial = await client.open(uri, MISNUMBERED);
    assert.equal(byRule(initial, 'row-number').length, 2);
    assert.ok(
      client.configurationRequests.some((items) => items.some((i) => i.section === 'paperList' && i.scopeUri === uri)),
      'settings are pulled per document',
    );

    let since = client.publishCount(uri);
    await client.configure({ rules: { 'row-number': 'off' } });
    const off = await client.waitForDiagnostics(uri, { since });
    assert.equal(off.version, 1, 'same document version, re-published');
    assert.deepEqual(off.diagnostics, []);

    since = client.publishCount(uri);
    await client.configure({ rules: { 'row-number': 'error' } });
    const error = await client.waitForDiagnostics(uri, { since });
    assert.equal(byRule(error.diagnostics, 'row-number').length, 2);
    assert.ok(byRule(error.diagnostics, 'row-number').every((d) => d.severity === DiagnosticSeverity.Error));

    // Fix-all follows the settings: with row-number off there is nothing to fix.
    since = client.publishCount(uri);
    await client.configure({ rules: { 'row-number': 'off' } });
    await client.waitForDiagnostics(uri, { since });
    assert.deepEqual((await client.request<{ edits: TextEdit[] }>('paperList/fixAll', { textDocument: { uri } })).edits, []);
    await client.close(uri);
  });

  test('a rule that is off at open time never shows, not even in the first publish', async () => {
    await client.configure({ rules: { 'row-number': 'off' } });
    const uri = fileUri(join(temp.dir, 'off-at-open.md'));
    const since = client.publishCount(uri);
    await client.open(uri, MISNUMBERED);
    const all = client.published.get(uri)!.slice(since);
    assert.ok(all.length > 0);
    for (const p of all) assert.deepEqual(byRule(p.diagnostics, 'row-number'), [], `publish of version ${p.version}`);
    await client.close(uri);
  });

  test('placeholderPatterns and requiredLinks', async () => {
    await client.configure({ placeholderPatterns: ['pending.invalid'], requiredLinks: ['Paper', 'Code'] });
    const text = MISNUMBERED.replace('https://arxiv.org/abs/2506.00005', 'https://pending.invalid/later');
    const uri = fileUri(join(temp.dir, 'patterns.md'));
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(
      byRule(diagnostics, 'placeholder-link').map((d) => d.range.start.line),
      [lineOf(text, 'Epsilon Agents')],
    );
    // Every row lacks [Code].
    assert.equal(byRule(diagnostics, 'missing-link').length, 6);
    await client.close(uri);
  });
});

describe('settings without workspace/configuration (push clients)', () => {
  test('initializationOptions.settings, then didChangeConfiguration { paperList }', async () => {
    const temp = makeTempDir();
    const client = await LspClient.start({ configurationPull: false, initializationOptions: { settings: { rules: { 'row-number': 'error' } } } });
    try {
      const uri = fileUri(join(temp.dir, 'push.md'));
      const first = await client.open(uri, MISNUMBERED);
      assert.deepEqual(
        byRule(first, 'row-number').map((d) => d.severity),
        [DiagnosticSeverity.Error, DiagnosticSeverity.Error],
      );
      assert.deepEqual(client.configurationRequests, [], 'the server does not pull from a client that cannot answer');
      const since = client.publishCount(uri);
      await client.configure({ rules: { 'row-number': 'off' } });
      assert.deepEqual((await client.waitForDiagnostics(uri, { since })).diagnostics, []);
    } finally {
      await client.stop();
      temp.remove();
    }
  });
});

describe('paperList.files narrows which documents are lists', () => {
  let client: LspClient;
  let temp: ReturnType<typeof makeTempDir>;
  before(async () => {
    temp = makeTempDir();
    mkdirSync(join(temp.dir, 'lists'));
    client = await LspClient.start({ workspaceFolders: [temp.dir], settings: { files: ['lists/*.md'] } });
  });
  after(async () => {
    await client.stop();
    temp.remove();
  });

  test('a list outside the globs is not checked', async () => {
    const uri = fileUri(join(temp.dir, 'elsewhere.md'));
    assert.deepEqual(await client.open(uri, MISNUMBERED), []);
    assert.equal((await client.request<{ isPaperList: boolean }>('paperList/weeks', { textDocument: { uri } })).isPaperList, false);
    await client.close(uri);
  });

  test('a matching file is checked, even before it has a week heading', async () => {
    const uri = fileUri(join(temp.dir, 'lists', 'papers.md'));
    assert.equal(byRule(await client.open(uri, MISNUMBERED), 'row-number').length, 2);
    const empty = fileUri(join(temp.dir, 'lists', 'new.md'));
    assert.deepEqual(await client.open(empty, '# New list\n'), []);
    assert.equal((await client.request<{ isPaperList: boolean }>('paperList/weeks', { textDocument: { uri: empty } })).isPaperList, true);
    await client.close(uri);
    await client.close(empty);
  });
});
