#!/usr/bin/env node
// Runs the VS Code integration suite (test/vscode/suite) inside a real VS Code, offline, in both extension hosts:
// code-server 4.100.3 (= VS Code 1.100.3) serves the workbench, headless Debian chromium driven by
// playwright-core opens it with an `extensionDevelopmentPath` + `extensionTestsPath` payload, and the
// suite's run() executes
//   - in the Node (remote) extension host: results come back as a JSON file whose path the suite gets through
//     the env var PAPER_LIST_TEST_RESULTS (inherited by the host), console output through PAPER_LIST_TEST_LOG, and
//     PAPER_LIST_TEST_USER_DATA names code-server's user data (the suite finds the server's code cache there);
//   - in the web worker extension host, where vscode.dev and github.dev run extensions: the user setting
//     `remote.extensionKind: { <id>: ["web"] }` moves the extension there, the suite is one browser bundle
//     (index.web.ts), and it exchanges config, log and results through `.paper-list-test/` in the workspace copy.
// Each run bundles the suite into its own out/test/vscode/runs/<id>/ (removed afterwards), so simultaneous runs do not mix.
//
//   node test/vscode/run-code-server.mjs [options]
//     --host <node|web|both>  which extension host(s) to run the suite in, one after the other (default both)
//     --vsix <file>        install this .vsix into code-server and test it instead of a development extension
//     --extension <dir>    extension under test (default: repo root)
//     --workspace <dir>    folder copied to a temp dir and opened (default: test/vscode/workspace)
//     --tests <dir>        folder of *.test.ts to bundle (default: test/vscode/suite)
//     --timeout <seconds>  whole-run limit once the page is opened (default 300, env PAPER_LIST_TEST_RUN_TIMEOUT)
//     --grep <pattern>     only tests matching (Mocha grep)
//     --screenshots <dir>  after the tests, save a screenshot of the workbench there
//     --keep               keep the temp dir (logs, workspace copy, results)
//     --verbose            print all of code-server's log and the browser console live
// Exit code: 0 when tests ran and none failed in every host; 1 when any failed, none ran, or a run timed out.
//
// The helpers (startCodeServer, launchBrowser, workbenchUrl, ...) are exported for screenshots.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, missingSystemPackages } from './install-code-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function log(msg) {
  console.log(`[vscode-tests] ${msg}`);
}

/** Polls cond() until it returns a truthy value (returned), or throws after timeoutMs. */
export async function waitFor(cond, { timeoutMs, what, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Keeps the last `max` lines of a stream for failure reports. */
class Tail {
  constructor(max = 80) {
    this.max = max;
    this.lines = [];
  }
  push(line) {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text() {
    return this.lines.join('\n');
  }
}

/**
 * Starts code-server on a free loopback port with a fresh user-data and extensions dir under `dataDir`, after
 * installing `install.vsix` there when given. `settings` (user settings) may be a function of the installed
 * extensions' ids. Resolves once it listens. Returns { port, url, proc, log: Tail, exited: Promise, stop() }.
 */
export async function startCodeServer({ workspace, dataDir, env = {}, verbose = false, settings = {}, install }) {
  const entry = ensureCodeServer({ quiet: true });
  const port = await freePort();
  const userDataDir = join(dataDir, 'user-data');
  const extensionsDir = join(dataDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const config = ['--config', join(dataDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (install?.vsix) {
    // What a user does with a downloaded .vsix: code-server --install-extension, into this run's extensions dir.
    execFileSync(process.execPath, [entry, ...config, '--install-extension', install.vsix], { stdio: verbose ? 'inherit' : 'pipe', timeout: 120_000 });
  }
  // Ids (publisher.name) of the installed extensions, from their folders `<publisher>.<name>-<version>`.
  const installed = readdirSync(extensionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name.replace(/-\d+\.\d+\.\d+.*$/, ''));
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        ...(typeof settings === 'function' ? settings(installed) : settings),
      },
      null,
      2,
    ),
  );
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...config,
    workspace,
  ];
  const tail = new Tail(120);
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stop() ends the server and everything it forked
  });
  let listening = false;
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));
  for (const stream of [proc.stdout, proc.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        tail.push(line);
        if (verbose) console.log(`[code-server] ${line}`);
        if (line.includes('HTTP server listening on')) listening = true;
      }
    });
  }
  // Whatever ends this process (even process.exit or an uncaught error), never leave code-server behind.
  const killOnExit = () => {
    if (!exitInfo) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {}
    }
  };
  process.on('exit', killOnExit);
  exited.then(() => process.off('exit', killOnExit));
  const stop = async () => {
    if (exitInfo) return;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(t);
  };
  try {
    await waitFor(
      () => {
        if (exitInfo) throw new Error(`code-server exited (${exitInfo.code ?? exitInfo.signal}) before listening:\n${tail.text()}`);
        return listening;
      },
      { timeoutMs: 60_000, what: 'code-server to listen' },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, url: `http://127.0.0.1:${port}/`, proc, log: tail, exited, stop, hasExited: () => exitInfo };
}

/** Launches headless Debian chromium via playwright-core; returns { browser, context, page, console: Tail }. */
export async function launchBrowser({ verbose = false, onConsole, viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Our own signal handlers close the browser *and* code-server; Playwright's would exit(130) first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const tail = new Tail(200);
  page.on('console', (msg) => {
    const line = `[browser ${msg.type()}] ${msg.text()}`;
    tail.push(line);
    if (verbose) console.log(line);
    onConsole?.(msg);
  });
  page.on('pageerror', (err) => {
    const line = `[browser pageerror] ${err.message}`;
    tail.push(line);
    if (verbose) console.log(line);
  });
  page.on('crash', () => tail.push('[browser] page crashed'));
  return { browser, context, page, console: tail };
}

/** Prints what was appended to `file` since the last call (the suite's console output). */
export function followFile(file, write = (text) => process.stdout.write(text)) {
  let offset = 0;
  return () => {
    if (!existsSync(file)) return;
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      let n;
      while ((n = readSync(fd, buf, 0, buf.length, offset)) > 0) {
        offset += n;
        write(buf.subarray(0, n).toString('utf8'));
      }
    } finally {
      closeSync(fd);
    }
  };
}

/** URL of the workbench on `folder`, with an optional workbench payload (list of [key, value]). */
export function workbenchUrl({ port, folder, payload }) {
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload?.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** vscode-remote URI of an absolute path on the code-server machine, as the workbench payload wants it. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

function parseArgs(argv) {
  const opts = {
    extension: repoRoot,
    workspace: join(here, 'workspace'),
    tests: join(here, 'suite'),
    timeout: Number(process.env.PAPER_LIST_TEST_RUN_TIMEOUT) || 300,
    grep: undefined,
    screenshots: undefined,
    keep: false,
    verbose: false,
    hosts: ['node', 'web'],
    vsix: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--extension') opts.extension = resolve(val());
    else if (a === '--workspace') opts.workspace = resolve(val());
    else if (a === '--tests') opts.tests = resolve(val());
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--grep') opts.grep = val();
    else if (a === '--screenshots') opts.screenshots = resolve(val());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--vsix') opts.vsix = resolve(val());
    else if (a === '--host') {
      const host = val();
      if (!['node', 'web', 'both'].includes(host)) throw new Error(`--host ${host}: expected node, web or both`);
      opts.hosts = host === 'both' ? ['node', 'web'] : [host];
    } else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 27)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!(opts.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  return opts;
}

/** Mocha-like summary from the results file; `listTests` when the suite's own spec output was not seen. */
export function printSummary(results, elapsedMs, { listTests }) {
  const env = results.environment ?? {};
  console.log('');
  if (env.vscodeVersion)
    log(
      `ran in VS Code ${env.vscodeVersion} (${env.appName}, ${env.uiKind} UI, remote ${env.remoteName}, ${env.extensionHost} extension host${env.node ? `, node ${env.node}` : ''})`,
    );
  if (listTests) {
    for (const t of results.tests ?? []) {
      const mark = t.state === 'passed' ? '  ✓' : t.state === 'failed' ? '  ✗' : '  -';
      const dur = t.state === 'passed' && t.duration > 75 ? ` (${t.duration}ms)` : '';
      console.log(`${mark} ${t.fullTitle}${dur}`);
    }
  }
  console.log('');
  console.log(`  ${results.passed} passing (${(elapsedMs / 1000).toFixed(1)}s)`);
  if (results.pending) console.log(`  ${results.pending} pending`);
  if (results.failed) console.log(`  ${results.failed} failing`);
  (results.failures ?? []).forEach((f, i) => {
    console.log('');
    console.log(`  ${i + 1}) ${f.fullTitle}:`);
    const stack = f.stack && f.stack.includes(f.message) ? f.stack : `${f.message}\n${f.stack ?? ''}`;
    console.log(stack.trimEnd().replace(/^/gm, '     '));
  });
  console.log('');
}

export const HOST_NAMES = { node: 'node extension host', web: 'web worker extension host' };

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const missing = missingSystemPackages({ forInstall: false });
  if (missing.length)
    throw new Error(`missing Debian packages: ${missing.join(', ')} (apt-get install -y --no-install-recommends chromium libkrb5-dev ripgrep)`);
  if (!opts.vsix && !existsSync(join(opts.extension, 'package.json'))) throw new Error(`--extension ${opts.extension}: no package.json`);
  if (opts.vsix && !existsSync(opts.vsix)) throw new Error(`--vsix ${opts.vsix}: not found (npm run package makes one)`);
  if (!existsSync(opts.workspace)) throw new Error(`workspace fixture folder not found: ${opts.workspace} (pass --workspace <dir>)`);
  if (!opts.vsix) {
    const extPkg = JSON.parse(readFileSync(join(opts.extension, 'package.json'), 'utf8'));
    for (const entry of [extPkg.main, extPkg.browser].filter(Boolean)) {
      if (!existsSync(resolve(opts.extension, entry))) log(`WARNING: the extension's entry ${entry} does not exist (run npm run build first?)`);
    }
  }
  ensureCodeServer();
  const outcomes = [];
  for (const host of opts.hosts) outcomes.push({ host, ...(await runInHost(opts, host)) });
  // Plain closing lines that CI log readers understand, one per host.
  for (const { host, counts } of outcomes)
    console.log(`vscode (${HOST_NAMES[host]}): ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} skipped`);
  return outcomes.every((o) => o.exitCode === 0) ? 0 : 1;
}

/** The development extension's id (publisher.name), from its package.json. */
function extensionId(opts) {
  const pkg = JSON.parse(readFileSync(join(opts.extension, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
}

/**
 * With --vsix the extension under test is the installed one, but VS Code runs `extensionTestsPath` only in a development
 * session, and in the extension host of the extension whose folder holds the tests. So the suite is built inside an
 * empty development extension (another id), declared for the host under test only.
 */
const TEST_ANCHOR_ID = 'paper-list-curator-tests.vsix-test-anchor';
function testAnchor(dir, web) {
  writeFileSync(join(dir, 'anchor.js'), 'exports.activate = () => {};\n');
  const entry = web ? { browser: './anchor.js' } : { main: './anchor.js' };
  const [publisher, name] = TEST_ANCHOR_ID.split('.');
  const manifest = { name, publisher, version: '0.0.0', engines: { vscode: '^1.100.0' }, ...entry };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Runs the suite once in `host` ('node' or 'web'); returns { exitCode, counts }. */
async function runInHost(opts, host) {
  const started = Date.now();
  const web = host === 'web';
  log(`--- ${HOST_NAMES[host]}${opts.vsix ? `, ${opts.vsix}` : ''} ---`);
  const { buildSuite, buildWebSuite } = await import('./build-suite.mjs');
  // A private build per run (inside the repo, so `mocha` resolves from its node_modules): two runs at
  // the same time (two engineers, or --tests) must not load each other's test files.
  const suiteOut = join(repoRoot, 'out', 'test', 'vscode', 'runs', `${process.pid}-${Date.now()}`);
  // With --vsix the suite goes inside the test anchor extension (suiteOut), see testAnchor().
  const suiteDir = opts.vsix ? join(suiteOut, 'suite') : suiteOut;
  const suite = web
    ? await buildWebSuite({ testsDir: opts.tests, outDir: suiteDir, quiet: true })
    : await buildSuite({ testsDir: opts.tests, outDir: suiteDir, quiet: true });
  log(`built suite: ${suite.testFiles.length} test file(s) from ${opts.tests}${web ? ' as one browser bundle' : ''}`);

  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-vscode-'));
  const workspace = join(tmp, 'workspace');
  cpSync(opts.workspace, workspace, { recursive: true });
  // The Node host gets the files' paths through its environment; the web worker host, which has none, finds them
  // in the workspace it can reach through vscode.workspace.fs.
  const exchange = join(workspace, '.paper-list-test');
  const resultsFile = web ? join(exchange, 'results.json') : join(tmp, 'results.json');
  const suiteLog = web ? join(exchange, 'suite.log') : join(tmp, 'suite.log');
  if (web) {
    mkdirSync(exchange, { recursive: true });
    writeFileSync(join(exchange, 'config.json'), JSON.stringify({ grep: opts.grep, timeoutMs: Number(process.env.PAPER_LIST_TEST_TIMEOUT) || undefined }));
  }
  const followSuiteLog = followFile(suiteLog);

  let server;
  let browserInfo;
  let cleaningUp = null;
  const cleanup = () =>
    (cleaningUp ??= (async () => {
      await browserInfo?.browser.close().catch(() => {});
      await server?.stop().catch(() => {});
      if (!opts.keep) {
        rmSync(tmp, { recursive: true, force: true });
        rmSync(suiteOut, { recursive: true, force: true });
      } else log(`kept ${tmp} and ${suiteOut}`);
    })());
  const onSignal = (sig) => {
    if (cleaningUp) process.exit(130); // second signal: give up waiting (the exit hook still kills code-server)
    log(`${sig}: stopping code-server and chromium`);
    cleanup().finally(() => process.exit(130));
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);

  let exitCode = 1;
  let diagnose = false;
  const counts = { passed: 0, failed: 0, pending: 0 };
  try {
    // The user data folder: the suite finds the extension's global storage there (the server's code cache).
    const env = { PAPER_LIST_TEST_RESULTS: resultsFile, PAPER_LIST_TEST_LOG: suiteLog, PAPER_LIST_TEST_USER_DATA: join(tmp, 'user-data') };
    if (opts.grep) env.PAPER_LIST_TEST_GREP = opts.grep;
    // recipe trap 4: an extension with both `main` and `browser` runs in the Node host unless this user setting moves it.
    // With --vsix: every extension the .vsix installed (ours is the only one in this run's extensions dir).
    const settings = (installed) =>
      web ? { 'remote.extensionKind': Object.fromEntries((opts.vsix ? [...installed, TEST_ANCHOR_ID] : [extensionId(opts)]).map((id) => [id, ['web']])) } : {};
    const install = opts.vsix ? { vsix: opts.vsix } : undefined;
    server = await startCodeServer({ workspace, dataDir: tmp, env, verbose: opts.verbose, settings, install });
    log(`code-server listening on ${server.url} (${Math.round((Date.now() - started) / 1000)} s)`);

    // The suite's console output is streamed from its log file (the extension host's console also reaches the page,
    // but with unformatted %s placeholders: kept for diagnostics only).
    browserInfo = await launchBrowser({ verbose: opts.verbose });
    const developed = opts.vsix ? testAnchor(suiteOut, web) : opts.extension;
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, developed)],
      ['extensionTestsPath', remoteUri(server.port, suite.index)],
    ];
    const url = workbenchUrl({ port: server.port, folder: workspace, payload });
    if (opts.verbose) log(`opening ${url}`);
    await browserInfo.page.goto(url, { waitUntil: 'domcontentloaded' });

    const results = await waitFor(
      () => {
        followSuiteLog();
        if (cleaningUp) throw new Error('interrupted');
        const ex = server.hasExited();
        if (ex) throw new Error(`code-server exited (${ex.code ?? ex.signal}) before the tests finished`);
        if (browserInfo.page.isClosed() && !existsSync(resultsFile)) throw new Error('the browser page closed before the tests finished');
        if (!existsSync(resultsFile)) return null;
        return JSON.parse(readFileSync(resultsFile, 'utf8'));
      },
      { timeoutMs: opts.timeout * 1000, what: `the results file (the suite's run() did not finish within --timeout ${opts.timeout})`, intervalMs: 250 },
    );
    followSuiteLog();
    Object.assign(counts, { passed: results.passed, failed: results.failed, pending: results.pending });
    printSummary(results, Date.now() - started, { listTests: !existsSync(suiteLog) });
    const ranIn = results.environment?.extensionHost;
    const expected = web ? 'web worker' : 'node';

    if (opts.screenshots && !browserInfo.page.isClosed()) {
      mkdirSync(opts.screenshots, { recursive: true });
      const file = join(opts.screenshots, `workbench-after-tests-${host}.png`);
      await browserInfo.page.screenshot({ path: file });
      log(`screenshot: ${file}`);
    }

    if (ranIn !== expected) {
      log(`FAILED: the suite ran in the ${ranIn ?? 'unknown'} extension host, not the ${expected} one`);
      diagnose = true;
    } else if (results.failed > 0) {
      log(`FAILED: ${results.failed} failing test(s)`);
      diagnose = true;
    } else if (results.passed === 0) {
      log(results.error ? `FAILED: ${results.error}` : 'FAILED: no test ran');
      diagnose = true;
    } else {
      exitCode = 0;
    }
  } catch (err) {
    if (cleaningUp) return new Promise(() => {}); // a signal handler is cleaning up and will exit
    console.error(`[vscode-tests] ERROR: ${err.message}`);
    diagnose = true;
  }
  if (diagnose) {
    if (server) console.error(`\n--- last lines of code-server's log ---\n${server.log.text()}`);
    if (browserInfo) console.error(`\n--- last browser console messages ---\n${browserInfo.console.text()}`);
    if (browserInfo && opts.screenshots && !browserInfo.page.isClosed()) {
      mkdirSync(opts.screenshots, { recursive: true });
      await browserInfo.page.screenshot({ path: join(opts.screenshots, `workbench-on-failure-${host}.png`) }).catch(() => {});
    }
  }
  await cleanup();
  for (const sig of signals) process.off(sig, onSignal);
  log(`${HOST_NAMES[host]}: done in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${exitCode}`);
  return { exitCode, counts };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[vscode-tests] ERROR: ${err.message}`);
      process.exit(1);
    },
  );
}
