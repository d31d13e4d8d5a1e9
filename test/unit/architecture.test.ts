// The shape the STYLE guide asks for, checked on the real import graph (esbuild's metafile): the platform-neutral
// core imports no Node built-in, directly or through a package, and our modules import each other without cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');
/** Node-only code: the entry points and hosts of Node, the CLI and the Action. Everything else under server/src is core. */
const NODE_ONLY = ['server/src/node/', 'server/src/cli/', 'server/src/cli.ts', 'server/src/action/'];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

async function importGraph(entryPoints: string[], platform: esbuild.Platform, options: esbuild.BuildOptions = {}): Promise<esbuild.Metafile> {
  const result = await esbuild.build({
    ...options,
    entryPoints: entryPoints.map((e) => join(root, e)),
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'out/architecture',
    platform,
    format: 'esm',
    logLevel: 'silent',
    external: ['vscode'],
    // Report built-ins as imports instead of failing on them: the test names the file that imports each one.
    plugins: [
      {
        name: 'builtins',
        setup: (build) => build.onResolve({ filter: /.*/ }, (args) => (BUILTINS.has(args.path) ? { path: args.path, external: true } : undefined)),
      },
    ],
  });
  return result.metafile;
}

test('the core imports no Node built-in, directly or through a package', async () => {
  const core = sources('server/src').filter((file) => !NODE_ONLY.some((prefix) => file === prefix || file.startsWith(prefix)));
  assert.ok(core.includes('server/src/server.ts') && core.includes('server/src/rules/toc.ts'), 'the core files are found');
  const metafile = await importGraph(core, 'browser');
  const leaks = Object.entries(metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => BUILTINS.has(i.path)).map((i) => `${relative(root, join(root, file))} imports ${i.path}`),
  );
  assert.deepEqual(leaks, []);
});

test('our modules import each other without cycles', async () => {
  const entries = [...sources('server/src'), ...sources('client/src')];
  // Packages stay out: only our own modules' edges matter, and the Node and browser entries import platform-only package paths.
  const metafile = await importGraph(entries, 'node', { packages: 'external' });
  const ours = (file: string) => !file.includes('node_modules') && (file.startsWith('server/') || file.startsWith('client/'));
  const edges = new Map<string, string[]>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (ours(file)) edges.set(file, input.imports.map((i) => i.path).filter(ours));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  assert.ok(edges.size > 40, `the graph holds our modules (${edges.size})`);
  assert.deepEqual(cycles, []);
});
