#!/usr/bin/env node
// What typing in the 974 KB list costs the editor, with and without the extension, in a real VS Code (code-server
// 1.100.3, its Node extension host, driven by headless Chromium): the extension host's CPU time (and our language
// server's) for the same keystrokes typed into a row's description at a steady pace. Both runs have VS Code's
// built-in Markdown features, so the difference is what Paper List Curator adds.
//
//   npm run bench:typing [-- --keys 157 --delay 60 --runs 3]
//
// Needs what `npm test` needs (chromium; code-server installs on first use) and ../shared/corpus/potw-2025-07-README.md.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, remoteUri, repoRoot, startCodeServer, waitFor, workbenchUrl } from '../test/vscode/run-code-server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const KEYS = arg('keys', 157);
const DELAY_MS = arg('delay', 60);
const RUNS = arg('runs', 3);
const corpusList = resolve(repoRoot, process.env.PAPER_LIST_CORPUS ?? '../shared/corpus', 'potw-2025-07-README.md');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in these

if (!existsSync(corpusList)) {
  console.log(`skipped: ${corpusList} not found (../shared is absent)`);
  process.exit(0);
}
if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
  console.error('dist/extension.js not found: run npm run build first');
  process.exit(2);
}

/** CPU seconds (user + system) of a process so far, or undefined when it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

/** Processes of code-server's process group whose command line contains `needle`. */
function processesWith(groupId, needle) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== groupId) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) found.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Waits until the process's CPU time stops growing (two readings 300 ms apart are equal): the work the keys caused is done. */
async function settled(pids) {
  let last = -1;
  await waitFor(
    () => {
      const now = pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
      const still = now === last;
      last = now;
      return still;
    },
    { timeoutMs: 60_000, what: 'the editor to go idle', intervalMs: 300 },
  );
}

async function typingRun(withExtension) {
  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-typing-'));
  const folder = join(tmp, 'list');
  mkdirSync(folder);
  const file = join(folder, 'README.md');
  copyFileSync(corpusList, file);
  let server;
  let browser;
  try {
    server = await startCodeServer({ workspace: folder, dataDir: tmp, settings: { 'window.commandCenter': false } });
    browser = await launchBrowser();
    const { page } = browser;
    const payload = [...(withExtension ? [['extensionDevelopmentPath', remoteUri(server.port, repoRoot)]] : []), ['openFile', remoteUri(server.port, file)]];
    await page.goto(workbenchUrl({ port: server.port, folder, payload }), { waitUntil: 'domcontentloaded' });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 60_000 });
    if (withExtension)
      await page
        .locator('.statusbar-item', { hasText: /papers · \d+ problem/ })
        .first()
        .waitFor({ timeout: 60_000 });
    const hosts = await waitFor(() => processesWith(server.proc.pid, 'extensionHost').length > 0 && processesWith(server.proc.pid, 'extensionHost'), {
      timeoutMs: 60_000,
      what: 'the extension host process',
    });
    const servers = withExtension ? processesWith(server.proc.pid, join('dist', 'server.js')) : [];
    // The cursor at the end of a row's description in the middle of the list (Ctrl+G, then End).
    const lines = readFileSync(file, 'utf8').split('\n');
    const rowLine = lines.findIndex((line, i) => i > lines.length / 2 && /^\| *\d+\) \*\*/.test(line)) + 1;
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(rowLine));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // before the trailing pipe of the links cell: text inside the row
    await settled([...hosts, ...servers]);
    const before = new Map([...hosts, ...servers].map((pid) => [pid, cpuSeconds(pid)]));
    const text = 'a few more words about the method '.repeat(Math.ceil(KEYS / 34)).slice(0, KEYS);
    const started = Date.now();
    await page.keyboard.type(text, { delay: DELAY_MS });
    const typedMs = Date.now() - started;
    await settled([...hosts, ...servers]);
    // A process that ended meanwhile took its CPU time with it: such a run measures nothing and is repeated.
    const spent = (pids) => {
      let total = 0;
      for (const pid of pids) {
        const now = cpuSeconds(pid);
        if (now === undefined || before.get(pid) === undefined) return undefined;
        total += now - before.get(pid);
      }
      return total;
    };
    const host = spent(hosts);
    const languageServer = spent(servers);
    return host === undefined || languageServer === undefined ? undefined : { host, server: languageServer, typedMs };
  } finally {
    await browser?.browser.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { without: [], with: [] };
for (let run = 0; run < RUNS; run++) {
  // Alternated, so a change in the machine's load falls on both.
  for (const mode of ['without', 'with']) {
    let result;
    for (let attempt = 0; !result && attempt < 3; attempt++) {
      result = await typingRun(mode === 'with');
      if (!result) console.log(`run ${run + 1} ${mode} the extension: a measured process ended during the run; running it again`);
    }
    if (!result) throw new Error('the measured processes kept ending during the runs');
    results[mode].push(result);
    console.log(
      `run ${run + 1} ${mode} the extension: extension host ${result.host.toFixed(2)} s CPU, language server ${result.server.toFixed(2)} s, ${KEYS} keys in ${(result.typedMs / 1000).toFixed(1)} s`,
    );
  }
}
const hostWithout = median(results.without.map((r) => r.host));
const hostWith = median(results.with.map((r) => r.host));
const server = median(results.with.map((r) => r.server));
console.log(`\n${KEYS} keystrokes, ${DELAY_MS} ms apart, into a row of the 974 KB list; medians of ${RUNS} runs each, alternated:`);
console.log(`| measure | without the extension | with it | ratio |`);
console.log(`|---|---:|---:|---:|`);
console.log(`| extension host CPU | ${hostWithout.toFixed(2)} s | ${hostWith.toFixed(2)} s | ${(hostWith / hostWithout).toFixed(2)}× |`);
console.log(`| language server CPU | | ${server.toFixed(2)} s | |`);
console.log(
  `| extension host + language server | ${hostWithout.toFixed(2)} s | ${(hostWith + server).toFixed(2)} s | ${((hostWith + server) / hostWithout).toFixed(2)}× |`,
);
