// Security posture, checked at run time: a full server session and CLI runs (check, --fix, every format) with
// process-spawning and network APIs replaced by traps make no such call; placeholder patterns from settings are
// plain text, so a pathological "regex" in workspace settings costs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { LspClient, fileUri } from '../support/lspClient';
import { distCli, makeTempDir, requireBuilt, samplePath } from '../support/paths';
import { analyze } from '../../server/src/analysis';
import { sanitizeSettings } from '../../server/src/settings';

const PRELOAD = join(__dirname, 'forbidApis.cjs');

test('the trap works: a process that spawns or connects is caught', () => {
  for (const code of ["require('child_process').execSync('true')", "require('node:net').connect(1)", "fetch('http://127.0.0.1:1')"]) {
    const result = spawnSync(process.execPath, ['--require', PRELOAD, '-e', code], { encoding: 'utf8' });
    assert.match(result.stderr, /FORBIDDEN-API/, code);
  }
});

test('a server session uses no child process and no network API', async () => {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --require ${PRELOAD}`.trim();
  let client: LspClient;
  try {
    client = await LspClient.start({ settings: { placeholderPatterns: ['(a+)+$'] } });
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
  const temp = makeTempDir('paper-list-security-');
  try {
    const path = join(temp.dir, 'README.md');
    const text = readFileSync(samplePath, 'utf8') as string;
    writeFileSync(path, text);
    const uri = fileUri(path);
    const diagnostics = await client.open(uri, text);
    assert.ok(diagnostics.length > 0);
    await client.request('paperList/fixAll', { textDocument: { uri } });
    await client.request('paperList/weeks', { textDocument: { uri } });
    await client.request('paperList/newWeek', { textDocument: { uri } });
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
      context: { diagnostics },
    });
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 2 } });
    await client.request('workspace/symbol', { query: 'a' });
  } finally {
    assert.equal(await client.stop(), 0);
    temp.remove();
  }
  assert.doesNotMatch(client.stderr.join(''), /FORBIDDEN-API/);
});

test('the CLI (check, --fix, every format) uses no child process and no network API', () => {
  const cli = requireBuilt(distCli);
  const temp = makeTempDir('paper-list-security-cli-');
  try {
    const path = join(temp.dir, 'list.md');
    writeFileSync(path, readFileSync(samplePath, 'utf8'));
    for (const args of [['--format', 'text'], ['--format', 'json'], ['--format', 'github'], ['--format', 'sarif'], ['--fix']]) {
      const result = spawnSync(process.execPath, ['--require', PRELOAD, cli, 'check', path, ...args], { encoding: 'utf8' });
      assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /FORBIDDEN-API/);
    }
  } finally {
    temp.remove();
  }
});

test('placeholder patterns from settings are plain text, never regular expressions', () => {
  const settings = sanitizeSettings({ placeholderPatterns: ['(a+)+$', '.*', 'arxiv.org/abs/0000'] });
  const hostile = `## Top ML Papers of the Week (Jun 23 - Jun 29)\n| **Paper** | **Links** |\n| --- | --- |\n| 1) **T** | [Paper](https://x.org/${'a'.repeat(50_000)}!) |\n| 2) **U** | [Paper](https://arxiv.org/abs/0000.1) |\n| 3) **V** | [Paper](https://x.org/(a+)+$) |\n`;
  const placeholders = analyze(hostile, settings).problems.filter((p) => p.rule === 'placeholder-link');
  // Only the literal matches: as a regex, `.*` would match every link and `(a+)+$` would hang on row 1.
  assert.deepEqual(
    placeholders.map((p) => p.range.start.line),
    [4, 5],
  );
});
