// The browser bundles (vscode.dev, github.dev) must hold no Node built-in: a Web Worker has none, and a stray
// `node:fs` import would only fail there, at run time. Built here with esbuild.mjs's own options and a metafile,
// which lists every input and every import the bundler saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { repoRoot } from '../support/paths';

interface WebBuilds {
  webServerBuild: esbuild.BuildOptions;
  webClientBuild: esbuild.BuildOptions;
}

async function webBuilds(): Promise<WebBuilds> {
  // A computed specifier: the build script is plain .mjs, imported at run time only.
  return (await import(pathToFileURL(join(repoRoot, 'esbuild.mjs')).href)) as WebBuilds;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

async function metafileOf(options: esbuild.BuildOptions): Promise<esbuild.Metafile> {
  const result = await esbuild.build({ ...options, absWorkingDir: repoRoot, write: false, metafile: true, minify: false, logLevel: 'silent' });
  return result.metafile!;
}

/** Every import the bundler resolved or left external, as `importer -> specifier`. */
function importsOf(metafile: esbuild.Metafile): { importer: string; specifier: string; external: boolean }[] {
  return Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports.map((i) => ({ importer, specifier: i.original ?? i.path, external: i.external === true })),
  );
}

test('the web server bundle is built for the browser, from the shared core, with no Node built-in', async () => {
  const { webServerBuild } = await webBuilds();
  assert.equal(webServerBuild.platform, 'browser');
  assert.equal(webServerBuild.format, 'iife', 'a plain Web Worker script');
  const metafile = await metafileOf(webServerBuild);
  const inputs = Object.keys(metafile.inputs);
  for (const expected of ['server/src/browser/main.ts', 'server/src/server.ts', 'server/src/service.ts']) {
    assert.ok(inputs.includes(expected), `${expected} is in the bundle`);
  }
  assert.ok(
    inputs.some((i) => i.includes('vscode-languageserver/lib/browser/')),
    'the browser flavour of vscode-languageserver',
  );
  assert.deepEqual(
    inputs.filter((i) => i.includes('/lib/node/') || i.startsWith('server/src/node/')),
    [],
    'no Node flavour of a library, no Node entry',
  );
  const imports = importsOf(metafile);
  assert.ok(imports.length > 50, `the metafile lists the imports (${imports.length})`);
  assert.deepEqual(
    imports.filter((i) => isNodeBuiltin(i.specifier)),
    [],
  );
  assert.deepEqual(
    // Relative "externals" are type-only imports that TypeScript erases.
    imports.filter((i) => i.external && !i.specifier.startsWith('.')),
    [],
    'nothing left for a loader a worker does not have',
  );
});

test('the web client bundle leaves only vscode external and imports no Node built-in', async () => {
  const { webClientBuild } = await webBuilds();
  assert.equal(webClientBuild.platform, 'browser');
  const metafile = await metafileOf(webClientBuild);
  assert.ok(Object.keys(metafile.inputs).includes('client/src/browser/extension.ts'));
  const imports = importsOf(metafile);
  assert.deepEqual(
    imports.filter((i) => isNodeBuiltin(i.specifier)),
    [],
  );
  assert.deepEqual([...new Set(imports.filter((i) => i.external && !i.specifier.startsWith('.')).map((i) => i.specifier))], ['vscode']);
});

test('the same options refuse a Node built-in, so the checks above can fail', async () => {
  const { webServerBuild } = await webBuilds();
  const { entryPoints: _entryPoints, outfile: _outfile, ...options } = webServerBuild;
  await assert.rejects(
    esbuild.build({
      ...options,
      stdin: { contents: "import { existsSync } from 'node:fs'; console.log(existsSync('x'));", resolveDir: repoRoot, loader: 'ts' },
      write: false,
      logLevel: 'silent',
    }),
    /node:fs/,
  );
});
