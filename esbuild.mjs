// Bundles the language server, the CLI and the VS Code client into dist/, and their browser twins into dist/web/.
// Usage: node esbuild.mjs [--watch] [--dev]   (--dev keeps sources readable and adds source maps)
// Importing it builds nothing: test/unit/webBundle.test.ts reuses the web builds' options to inspect what they bundle.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
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
  { entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', plugins: [blockLevelMarkdownIt] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [blockLevelMarkdownIt] },
];
if (existsSync('client/src/extension.ts')) {
  entries.push({ entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
  entries.push(webClientBuild, webServerBuild);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}
