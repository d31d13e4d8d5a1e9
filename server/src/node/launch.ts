// dist/server.js, the language server's entry on Node: runs dist/languageServer.js, compiled with a V8 code cache in the
// folder the client names (`--code-cache-dir=<folder>`; VS Code's client names the extension's global storage).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SAVE_AFTER_MS, compileWithCodeCache } from './codeCache';

const CACHE_DIR_ARG = '--code-cache-dir=';

const bundle = join(__dirname, 'languageServer.js');
const folder = process.argv.find((arg) => arg.startsWith(CACHE_DIR_ARG))?.slice(CACHE_DIR_ARG.length);
if (!folder) createRequire(__filename)(bundle);
else {
  const compiled = compileWithCodeCache(bundle, folder);
  compiled.run();
  if (compiled.cache !== 'accepted') {
    let said = false;
    const save = () => {
      if (compiled.save() || said) return;
      said = true;
      // stdout is the protocol's: stderr is what clients show in their log.
      process.stderr.write(`paper-list: no code cache saved in ${folder}\n`);
    };
    for (const delay of SAVE_AFTER_MS) setTimeout(save, delay).unref();
  }
}
