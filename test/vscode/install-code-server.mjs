#!/usr/bin/env node
// Installs code-server (a real VS Code 1.100.3 served over HTTP) into an ignored cache folder,
// offline-friendly: the only downloads are npm packages from the registry.
//
//   node test/vscode/install-code-server.mjs [--force]
//
// Exports ensureCodeServer() -> absolute path of code-server's node entry (out/node/entry.js),
// so the test runner and the screenshot script can install it on first use.
//
// Why not a project dependency: code-server pulls ~600 packages and builds native modules
// (kerberos, node-pty, spdlog, ...); only the VS Code tests need it.
// Needs the Debian packages chromium, libkrb5-dev (kerberos wants gssapi/gssapi.h) and ripgrep
// (@vscode/ripgrep would otherwise download rg from GitHub; we hand it Debian's rg instead).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, copyFileSync, chmodSync, rmSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
// One install per user, outside the checkout: every clone and worktree on the machine shares it (it is ~300 MB and
// takes minutes to build). PAPER_LIST_CODE_SERVER_DIR overrides the folder.
export const installDir = process.env.PAPER_LIST_CODE_SERVER_DIR || join(homedir(), '.cache', 'paper-list-curator', `code-server-${CODE_SERVER_VERSION}`);
const pkgDir = join(installDir, 'node_modules', 'code-server');
const entry = join(pkgDir, 'out', 'node', 'entry.js');
const marker = join(installDir, '.installed');
const vscodeModules = join(pkgDir, 'lib', 'vscode', 'node_modules');

// Native modules the remote server cannot start without (checked after install).
const NATIVE_MODULES = [
  'node-pty/build/Release/pty.node',
  '@vscode/spdlog/build/Release/spdlog.node',
  'kerberos/build/Release/kerberos.node',
  'native-watchdog/build/Release/watchdog.node',
];

function log(msg) {
  console.log(`[code-server] ${msg}`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Debian packages needed to install and drive code-server; returns the missing ones. */
export function missingSystemPackages({ forInstall = true } = {}) {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (forInstall) {
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (!which('rg')) missing.push('ripgrep');
  }
  return missing;
}

function checkInstalled() {
  if (!existsSync(entry)) return `missing ${entry}`;
  for (const rel of NATIVE_MODULES) {
    if (!existsSync(join(vscodeModules, rel))) return `native module not built: ${rel}`;
  }
  if (!existsSync(join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'))) return 'ripgrep binary missing';
  return '';
}

/** Puts a ripgrep release archive (built from Debian's rg) where @vscode/ripgrep's postinstall looks first. */
function prepareRipgrepCache() {
  const rg = which('rg');
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const archive = join(cacheDir, RIPGREP_ASSET);
  if (existsSync(archive)) {
    log(`ripgrep archive already cached: ${archive}`);
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'rg-stage-'));
  copyFileSync(rg, join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', archive, '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
  log(`built ripgrep archive from ${rg}: ${archive}`);
}

function install() {
  const missing = missingSystemPackages();
  if (missing.length) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} cannot be installed: missing Debian packages: ${missing.join(', ')}.\n` +
        `Run: apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev ripgrep`,
    );
  }
  prepareRipgrepCache();
  mkdirSync(installDir, { recursive: true });
  rmSync(marker, { force: true });
  // A package.json of its own, so npm does not walk up into the repo's project.
  writeFileSync(
    join(installDir, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'test harness cache, see test/vscode/install-code-server.mjs' }, null, 2) + '\n',
  );
  const env = {
    ...process.env,
    // node-pty's install calls `npx node-gyp`; never stop at a prompt.
    npm_config_yes: 'true',
    // code-server's postinstall runs nested `npm install`s (lib/vscode, its extensions);
    // env config reaches those too. npm >= 11.? blocks dependency install scripts by default.
    npm_config_ignore_scripts: 'false',
    npm_config_dangerously_allow_all_scripts: 'true',
    // code-server's postinstall.sh refuses to run as root unless it sees this (npm 11 warns it is unknown: harmless).
    npm_config_unsafe_perm: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const args = ['install', '--prefix', installDir, `code-server@${CODE_SERVER_VERSION}`, '--no-save', '--no-package-lock'];
  log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir} (builds native modules, ~2-4 minutes)`);
  log(`npm ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync('npm', args, { cwd: installDir, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm install of code-server failed (exit ${r.status ?? r.signal})`);
  // If @vscode/ripgrep skipped its download for any reason, give it Debian's rg directly.
  const rgBin = join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg');
  if (existsSync(join(vscodeModules, '@vscode', 'ripgrep')) && !existsSync(rgBin)) {
    mkdirSync(dirname(rgBin), { recursive: true });
    copyFileSync(which('rg'), rgBin);
    chmodSync(rgBin, 0o755);
    log(`copied ${which('rg')} to ${rgBin}`);
  }
  const problem = checkInstalled();
  if (problem) {
    throw new Error(
      `code-server installed but incomplete (${problem}); its install scripts probably did not run. ` +
        `Delete ${installDir} and retry; check the npm output above for "install-scripts" warnings or node-gyp errors.`,
    );
  }
  // --config elsewhere: otherwise code-server writes a default ~/.config/code-server/config.yaml.
  const v = spawnSync(process.execPath, [entry, '--config', join(installDir, 'config.yaml'), '--version'], { encoding: 'utf8' });
  const versionLine = v.stdout.trim().split('\n').pop() ?? '';
  if (v.status !== 0 || !versionLine.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server does not start: ${v.stdout}${v.stderr}`);
  }
  writeFileSync(marker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), versionOutput: versionLine }, null, 2) + '\n');
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s: code-server ${versionLine}`);
}

/** Installs code-server if needed; returns the absolute path of its node entry (run it with `node <entry> ...`). */
export function ensureCodeServer({ force = false, quiet = false } = {}) {
  if (!force && existsSync(marker) && !checkInstalled()) {
    if (!quiet) log(`code-server ${CODE_SERVER_VERSION} already installed: ${entry}`);
    return entry;
  }
  install();
  return entry;
}

export function installedInfo() {
  return existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureCodeServer({ force: process.argv.includes('--force') });
    console.log(p);
  } catch (err) {
    console.error(`[code-server] ERROR: ${err.message}`);
    process.exit(1);
  }
}
