#!/usr/bin/env node
// Screenshots of the extension in a real VS Code (code-server 4.100.3 + headless chromium), for the README:
//   media/tree.png      the weeks tree in the Explorer, with the sample list open
//   media/problems.png  the Problems panel
//   media/quickfix.png  a quick-fix menu (Ctrl+.) on a problem
//
//   node test/vscode/screenshots.mjs [--workspace <dir>] [--file <relative path>] [--out <dir>]
//                                    [--extension <dir>] [--only tree,problems,quickfix]
//                                    [--width 1400 --height 900] [--tree-view <text in its header>] [--verbose]
//                                    [--host web]   (the web worker extension host, as in vscode.dev; files get a web- prefix)
// Defaults: workspace samples/, file papers.md, out media/, extension = repo root (build it first: npm run build).
// Scriptable: import { takeScreenshots } from './screenshots.mjs'.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, log, remoteUri, startCodeServer, workbenchUrl } from './run-code-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const WAIT = 30_000;

async function visible(page, selector, timeout = WAIT) {
  const loc = page.locator(selector).first();
  await loc.waitFor({ state: 'visible', timeout });
  return loc;
}

/** The user setting that moves the extension to the web worker extension host (see run-code-server.mjs). */
function webHostSetting(extension) {
  const { publisher, name } = JSON.parse(readFileSync(join(resolve(extension), 'package.json'), 'utf8'));
  return { 'remote.extensionKind': { [`${publisher}.${name}`]: ['web'] } };
}

/** Runs a command through the command palette (F1), by its title as shown there. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = await visible(page, '.quick-input-widget input');
  await input.fill(`>${title}`);
  await visible(page, `.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: WAIT });
}

/**
 * Opens `file` of `workspace` (copied to a temp dir) with the extension loaded and writes the screenshots.
 * Returns the paths written. Each shot is best effort: a failing one is reported and the others still run.
 */
export async function takeScreenshots({
  workspace = join(repoRoot, 'samples'),
  file = 'papers.md',
  outDir = join(repoRoot, 'media'),
  extension = repoRoot,
  only = ['tree', 'problems', 'quickfix'],
  viewport = { width: 1400, height: 900 },
  treeView = 'Weeks',
  verbose = false,
  host = 'node',
} = {}) {
  workspace = resolve(workspace);
  if (!existsSync(join(workspace, file))) throw new Error(`${join(workspace, file)} not found`);
  const tmp = mkdtempSync(join(tmpdir(), 'paper-list-shots-'));
  // Keep the folder's name: the Explorer shows it.
  const folder = join(tmp, basename(workspace));
  cpSync(workspace, folder, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const errors = [];
  let server;
  let b;
  try {
    server = await startCodeServer({
      workspace: folder,
      dataDir: tmp,
      verbose,
      settings: { 'window.commandCenter': false, 'chat.commandCenter.enabled': false, ...(host === 'web' ? webHostSetting(extension) : {}) },
    });
    b = await launchBrowser({ verbose, viewport });
    const { page } = b;
    const url = workbenchUrl({
      port: server.port,
      folder,
      payload: [
        ['extensionDevelopmentPath', remoteUri(server.port, resolve(extension))],
        ['openFile', remoteUri(server.port, join(folder, file))],
      ],
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await visible(page, '.monaco-workbench');
    await visible(page, `.tabs-container .tab.active[aria-label*="${basename(file)}"]`);
    await visible(page, '.editor-instance .monaco-editor .view-lines');
    log('workbench ready, file open');

    const shot = async (name, fn) => {
      if (!only.includes(name)) return;
      try {
        await fn();
        const path = join(outDir, `${host === 'web' ? 'web-' : ''}${name}.png`);
        await page.screenshot({ path });
        written.push(path);
        log(`wrote ${path}`);
      } catch (err) {
        errors.push(`${name}: ${err.message.split('\n')[0]}`);
        log(`could not take ${name}.png: ${err.message.split('\n')[0]}`);
        await page.keyboard.press('Escape').catch(() => {});
      }
    };

    await shot('tree', async () => {
      const header = await visible(page, `.pane-header[aria-label*="${treeView}"]`);
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      // Give the view room: collapse the folder section above it (Outline and Timeline start collapsed).
      const folders = page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
      if ((await folders.count()) && (await folders.getAttribute('aria-expanded')) === 'true') {
        await folders.click();
        await page
          .locator('.explorer-folders-view')
          .first()
          .waitFor({ state: 'hidden', timeout: 5000 })
          .catch(() => {});
      }
      const pane = page.locator(`.pane:has(> .pane-header[aria-label*="${treeView}"])`).first();
      await visible(pane, '.monaco-list-row');
      // Expand the first collapsed node below the top level so rows show, when there is one.
      const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"]').first();
      if (await collapsed.count()) {
        await collapsed.click();
        if ((await collapsed.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
        await visible(pane, '.monaco-list-row[aria-level="3"]', 5000).catch(() => {});
      }
    });

    await shot('problems', async () => {
      await runCommand(page, 'View: Focus Problems');
      await visible(page, '.markers-panel .monaco-list-row');
    });

    await shot('quickfix', async () => {
      // Walk the problems with F8 from the top of the file until one offers a quick fix menu.
      await runCommand(page, 'View: Focus Active Editor Group');
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 10; i++) {
        await runCommand(page, 'Go to Next Problem (Error, Warning, Info)');
        await page.keyboard.press('Escape'); // close the peek, keep the cursor on the problem
        await page
          .locator('.marker-widget')
          .first()
          .waitFor({ state: 'hidden', timeout: 5000 })
          .catch(() => {});
        await page.keyboard.press('Control+.');
        const menu = await visible(page, '.context-view .action-widget', 3000).catch(() => null);
        if (menu) {
          await visible(page, '.action-widget .monaco-list-row.action', 5000).catch(() => {});
          return;
        }
        await page.keyboard.press('Escape');
      }
      throw new Error('no problem with a quick fix found in the first 10 problems');
    });
  } finally {
    await b?.browser.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  return { written, errors };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const opts = {
    workspace: arg('--workspace'),
    file: arg('--file'),
    outDir: arg('--out') && resolve(arg('--out')),
    extension: arg('--extension'),
    only: arg('--only')?.split(','),
    treeView: arg('--tree-view'),
    viewport: arg('--width') || arg('--height') ? { width: Number(arg('--width') ?? 1400), height: Number(arg('--height') ?? 900) } : undefined,
    verbose: argv.includes('--verbose'),
    host: arg('--host'),
  };
  for (const k of Object.keys(opts)) if (opts[k] === undefined) delete opts[k];
  const stop = () => process.exit(130);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  takeScreenshots(opts).then(
    ({ written, errors }) => {
      log(`${written.length} screenshot(s) written${errors.length ? `; failed: ${errors.join('; ')}` : ''}`);
      process.exit(errors.length ? 1 : 0);
    },
    (err) => {
      console.error(`[screenshots] ERROR: ${err.message}`);
      process.exit(1);
    },
  );
}
