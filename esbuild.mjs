// Bundles the language server, the CLI and the VS Code client into dist/, their browser twins into dist/web/, and the
// committed bundles (the GitHub Action, the CLI for pre-commit) into action/dist/.
// Usage: node esbuild.mjs [--watch] [--dev]   (--dev keeps sources readable and adds source maps; --watch skips action/dist)
//        node esbuild.mjs --committed [--outdir <dir>]   the committed bundles only (default action/dist/)
// Importing it builds nothing: test/unit/webBundle.test.ts reuses the web builds' options to inspect what they bundle.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev');

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  logLevel: 'warning',
};

// We run markdown-it at block level only (inline parsing is off, see parseWeek.ts). Its HTML entity tables,
// linkify and punycode serve inline text and link normalisation alone, so they are replaced by stubs (~36 KB).
// The stubs keep the same exports; entity decoding and punycode become the identity, linkify finds nothing.
const STUBS = {
  entities: 'export function decodeHTMLStrict(text) { return text; }',
  'linkify-it':
    'export class LinkifyIt { test() { return false; } match() { return null; } matchAtStart() { return null; } set() { return this; } add() { return this; } tlds() { return this; } }',
  'punycode.js': 'export default { toASCII: (s) => s, toUnicode: (s) => s };',
};
const blockLevelMarkdownIt = {
  name: 'block-level-markdown-it',
  setup(build) {
    build.onResolve({ filter: /^(entities|linkify-it|punycode\.js)$/ }, (args) =>
      args.importer.includes('markdown-it') ? { path: args.path, namespace: 'stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

// The GitHub Action and the pre-commit hook run bundles committed to the repository (action/dist/), since their users
// run no build. Commit them with the sources they come from: test/action/bundle.test.ts rebuilds them elsewhere and
// compares with the committed ones. The build is deterministic: no timestamps, no absolute paths (minified, no
// comments but the licenses).
// @actions/core reaches the network (through @actions/http-client and undici, ~470 KB) only for getIDToken (OIDC),
// which the Action never calls: a stub that says so keeps the committed bundle small.
const noHttpClient = {
  name: 'no-http-client',
  setup(build) {
    build.onResolve({ filter: /^@actions\/http-client(\/lib\/auth)?$/ }, (args) => ({ path: args.path, namespace: 'no-http-client' }));
    build.onLoad({ filter: /.*/, namespace: 'no-http-client' }, () => ({
      contents:
        "class NotBundled { constructor() { throw new Error('@actions/http-client is not bundled: the paper-list action makes no HTTP requests'); } }\n" +
        'export { NotBundled as HttpClient, NotBundled as BearerCredentialHandler };',
      loader: 'js',
    }));
  },
};
/** The committed bundles: users of the Action and of the pre-commit hook run no build. Always minified, no source map. */
async function buildCommitted(outdir) {
  const builds = [
    { entryPoints: ['server/src/action/main.ts'], outfile: `${outdir}/index.js`, plugins: [blockLevelMarkdownIt, noHttpClient] },
    { entryPoints: ['server/src/cli.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' }, plugins: [blockLevelMarkdownIt] },
  ];
  await Promise.all(builds.map((entry) => esbuild.build({ ...common, minify: true, sourcemap: false, ...entry })));
  // pre-commit's `language: script` runs the CLI directly.
  chmodSync(`${outdir}/cli.js`, 0o755);
}

// vscode.dev, github.dev and code-server's web worker extension host: no Node, so platform 'browser' (a Node built-in
// fails the build instead of being bundled). The client is loaded by the extension host as CommonJS; the server is a
// plain Web Worker script.
const browser = { platform: 'browser', target: 'es2022' };
export const webServerBuild = {
  ...common,
  ...browser,
  format: 'iife',
  entryPoints: ['server/src/browser/main.ts'],
  outfile: 'dist/web/server.js',
  plugins: [blockLevelMarkdownIt],
};
export const webClientBuild = {
  ...common,
  ...browser,
  entryPoints: ['client/src/browser/extension.ts'],
  outfile: 'dist/web/extension.js',
  external: ['vscode'],
};

const entries = [
  // dist/server.js only starts dist/languageServer.js, compiled with a code cache (server/src/node/launch.ts).
  { entryPoints: ['server/src/node/launch.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/node/main.ts'], outfile: 'dist/languageServer.js', plugins: [blockLevelMarkdownIt] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [blockLevelMarkdownIt] },
];
if (existsSync('client/src/extension.ts')) {
  entries.push({ entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  entries.push(webClientBuild, webServerBuild);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv.includes('--committed')) {
  const outdirAt = process.argv.indexOf('--outdir');
  await buildCommitted(outdirAt >= 0 ? process.argv[outdirAt + 1] : 'action/dist');
} else if (isMain) {
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
    await buildCommitted('action/dist');
  }
}
