#!/usr/bin/env node
// The browser issue's "done when", automated: `npm run package` makes one .vsix holding both entries (main and browser);
// installed into code-server as a user would install it, it shows diagnostics and the weeks tree on real lists from
// ../shared/corpus, in the web worker extension host (remote.extensionKind web) and in the Node one.
// Each list is copied into a temp workspace (never into the repo). Skips with a reason when ../shared is absent.
//
//   node test/vscode/check-vsix.mjs [--vsix <file>]   (default: package one into a temp dir with npm run package)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const corpusDir = resolve(repoRoot, process.env.PAPER_LIST_CORPUS ?? '../shared/corpus');

/** Read by vsix/installed.test.ts from the workspace: what the extension should show. */
const EXPECTED_FILE = '.paper-list-expected.json';

/**
 * The lists to check: a folder copied whole, or one file copied as the workspace's README.md. `needs` names a
 * setting the package must contribute for the case to apply (multi-file lists come with `paperList.index`).
 */
const LISTS = [
  { name: 'Feb 2023 list (one file)', file: 'potw-2023-02-README.md' },
  { name: "today's list (an index and year files)", folder: 'aipotw-2026-06', needs: 'paperList.index' },
];

function log(msg) {
  console.log(`[check-vsix] ${msg}`);
}

/** The names in a .zip (a .vsix is one), from its central directory: enough to check what was packaged. */
export function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function main() {
  if (!existsSync(corpusDir)) {
    log(`skipped: corpus not found at ${corpusDir} (../shared is absent)`);
    return 0;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-vsix-'));
  try {
    const argVsix = process.argv.indexOf('--vsix');
    let vsix;
    if (argVsix >= 0) vsix = resolve(process.argv[argVsix + 1]);
    else {
      vsix = join(tmp, 'paper-list-curator.vsix');
      run('npm', ['run', 'package', '--silent', '--', '--out', vsix]);
    }
    const entries = zipEntries(readFileSync(vsix));
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/languageServer.js',
      'extension/dist/web/extension.js',
      'extension/dist/web/server.js',
    ]) {
      if (!entries.includes(required)) throw new Error(`${vsix} lacks ${required}; it holds: ${entries.join(', ')}`);
    }
    log(
      `${vsix}: ${entries.length} files, both entries (dist/extension.js + dist/server.js and dist/languageServer.js, dist/web/extension.js + dist/web/server.js)`,
    );

    const contributed = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).contributes;
    let failed = 0;
    for (const list of LISTS) {
      const source = join(corpusDir, list.file ?? list.folder);
      if (!existsSync(source)) {
        log(`skipped ${list.name}: ${source} not found`);
        continue;
      }
      if (list.needs && !(list.needs in contributed.configuration.properties)) {
        log(`skipped ${list.name}: the extension has no ${list.needs} setting yet (multi-file lists are not built)`);
        continue;
      }
      const workspace = join(tmp, `workspace-${LISTS.indexOf(list)}`);
      mkdirSync(workspace, { recursive: true });
      if (list.folder) cpSync(source, workspace, { recursive: true });
      else cpSync(source, join(workspace, 'README.md'));
      // What the CLI (same core, disk host) finds: with no file argument it checks the whole list whose index is
      // ./README.md (one file, or the index and its year files). The extension must show the same in both hosts.
      const cli = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
      const all = JSON.parse(cli.stdout);
      const problems = all.filter((p) => p.file === 'README.md');
      const rules = {};
      for (const p of problems) rules[p.rule] = (rules[p.rule] ?? 0) + 1;
      writeFileSync(join(workspace, EXPECTED_FILE), JSON.stringify({ file: 'README.md', rules, listProblems: all.length }, null, 2));
      log(
        `${list.name}: ${list.file ?? list.folder}; the CLI finds ${all.length} problems in the list, ${problems.length} in README.md: ${JSON.stringify(rules)}`,
      );
      const r = spawnSync(
        process.execPath,
        [join(here, 'run-code-server.mjs'), '--vsix', vsix, '--workspace', workspace, '--tests', join(here, 'vsix'), '--host', 'both', '--timeout', '150'],
        { cwd: repoRoot, stdio: 'inherit' },
      );
      if (r.status !== 0) failed++;
    }
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exit(main());
