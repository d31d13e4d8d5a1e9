// dist/server.js with `--code-cache-dir`, as VS Code's client starts it: the first server saves a V8 code cache of
// dist/languageServer.js there, and the next one, compiled from it, publishes what a server without it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri } from '../support/lspClient';
import { makeTempDir, samplePath } from '../support/paths';

const SAMPLE = readFileSync(samplePath, 'utf8');

async function diagnosticsOfSample(serverArgs: readonly string[], afterOpen?: () => Promise<void>) {
  const client = await LspClient.start({ serverArgs });
  try {
    const diagnostics = await client.open(fileUri(samplePath), SAMPLE);
    await afterOpen?.();
    return { diagnostics, stderr: client.stderr.join('') };
  } finally {
    await client.stop();
  }
}

/** Resolves once `folder` holds a code cache: the server saves it about two seconds after it starts. */
async function cacheSaved(folder: string): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const saved = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.v8cache')) : [];
    if (saved.length > 0) return saved;
    assert.ok(Date.now() < deadline, `no code cache in ${folder} 20 s after the server started`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the first server saves a code cache, and a server started from it publishes the same diagnostics', async (t) => {
  const { dir, remove } = makeTempDir('paper-list-code-cache-');
  t.after(remove);
  const folder = join(dir, 'code-cache');
  const arg = `--code-cache-dir=${folder}`;
  const plain = await diagnosticsOfSample([]);
  assert.ok(plain.diagnostics.length > 0, 'the sample has problems to compare');
  let saved: string[] = [];
  const first = await diagnosticsOfSample([arg], async () => {
    saved = await cacheSaved(folder);
  });
  assert.deepEqual(first.diagnostics, plain.diagnostics);
  assert.equal(saved.length, 1);
  assert.match(saved[0], /^languageServer-[0-9a-f]{16}\.v8cache$/);
  const cached = await diagnosticsOfSample([arg]);
  assert.deepEqual(cached.diagnostics, plain.diagnostics);
  assert.equal(first.stderr + cached.stderr, '', 'nothing said on stderr');
});

test('a code cache folder that cannot be made: the server runs and says so on stderr', async (t) => {
  const { dir, remove } = makeTempDir('paper-list-code-cache-');
  t.after(remove);
  // A folder under a file: mkdir fails whoever runs the test.
  const folder = join(samplePath, 'code-cache');
  const client = await LspClient.start({ serverArgs: [`--code-cache-dir=${folder}`] });
  try {
    assert.ok((await client.open(fileUri(join(dir, 'list.md')), SAMPLE)).length > 0);
    const deadline = Date.now() + 20_000;
    while (!client.stderr.join('').includes('no code cache saved')) {
      assert.ok(Date.now() < deadline, 'no word on stderr 20 s after the server started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(client.stderr.join(''), /paper-list: no code cache saved in .*code-cache/);
  } finally {
    await client.stop();
  }
});
