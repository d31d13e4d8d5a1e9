// dist/server.js, the language server's entry on Node: runs dist/languageServer.js, compiled with a V8 code cache in the
// folder the client names (`--code-cache-dir=<folder>`; VS Code's client names the extension's global storage).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileWithCodeCache } from './codeCache';

const CACHE_DIR_ARG = '--code-cache-dir=';
/** After the first lists are analysed: the cache then holds the functions a start compiles. */
const SAVE_AFTER_MS = 2000;

const bundle = join(__dirname, 'languageServer.js');
const folder = process.argv.find((arg) => arg.startsWith(CACHE_DIR_ARG))?.slice(CACHE_DIR_ARG.length);
if (!folder) createRequire(__filename)(bundle);
else {
  const compiled = compileWithCodeCache(bundle, folder);
  compiled.run();
  if (compiled.cache !== 'accepted') {
    // stdout is the protocol's: a cache that cannot be saved is said on stderr, which clients show in their log.
    const save = () => {
      if (!compiled.save()) process.stderr.write(`paper-list: no code cache saved in ${folder}\n`);
    };
    setTimeout(save, SAVE_AFTER_MS).unref();
  }
}
