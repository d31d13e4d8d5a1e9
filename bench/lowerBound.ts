// The floor of an edit stream: what a server doing only what any design must per edit pays for the same edits over
// the same transport, measured next to the real server in the same run. The bench records each real stream's table
// (lowerBoundTable.ts); lowerBoundServer.ts re-analyses only the edited section and publishes the diagnostics the
// real server did. What the real server pays above it is the work its design does outside the edited section.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BenchClient, untilCodeCacheSaved } from './lspClient';
import { publishDigest, type BoundTable } from './lowerBoundTable';
import type { Edit } from './edits';

/**
 * The floor server's bundle in `folder`, beside the real server's code cache loader (dist/server.js), so it
 * starts as the real one does: from a V8 code cache once a first session has saved one.
 */
export async function buildBoundServer(root: string, folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench/lowerBoundServer.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    outfile: join(folder, 'languageServer.js'),
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'dist/server.js'), join(folder, 'server.js'));
  return join(folder, 'server.js');
}

/**
 * The same edits on the floor server: a first session saves its code cache (as the real servers' priming
 * session does), then a fresh server is timed. Each edit is timed as the bench times the real server's.
 */
export async function boundStream(
  server: string,
  table: BoundTable,
  tablePath: string,
  text: string,
  edits: readonly Edit[],
): Promise<{ samples: number[]; digests: (string | undefined)[] }> {
  writeFileSync(tablePath, JSON.stringify(table));
  const cacheDir = join(dirname(server), 'code-cache');
  const args = [`--code-cache-dir=${cacheDir}`, `--table=${tablePath}`];
  const session = async (measured: boolean) => {
    const client = new BenchClient(server, [], args);
    try {
      await client.initialize(pathToFileURL(dirname(resolve(tablePath))).href);
      const opened = client.diagnosticsFor(table.uri, 1);
      client.notify('textDocument/didOpen', { textDocument: { uri: table.uri, languageId: 'markdown', version: 1, text } });
      await opened;
      const samples: number[] = [];
      const digests: (string | undefined)[] = [];
      for (let i = 0; i < edits.length; i++) {
        const { range, text: newText } = edits[i];
        const checked = await client.timedChange(table.uri, i + 2, { range, text: newText });
        samples.push(checked.ms);
        digests.push(checked.published && publishDigest(checked.published.diagnostics));
      }
      if (!measured) await untilCodeCacheSaved(cacheDir, 0, Date.now() + 10_000, 'the floor server saved no code cache in 10000 ms');
      return { samples, digests };
    } finally {
      await client.stop();
    }
  };
  await session(false);
  return session(true);
}
