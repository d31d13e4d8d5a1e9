// A fresh process for test/unit/codeCache.test.ts (V8 keeps compiled code per process, so only a new one shows what a
// start does with the cache): compiles <bundle> with its cache in <folder>, runs it, saves the cache when asked, and
// prints what happened as JSON.
import { compileWithCodeCache } from '../../server/src/node/codeCache';

const [bundle, folder, action] = process.argv.slice(2);
const compiled = compileWithCodeCache(bundle, folder);
compiled.run();
const answer = (globalThis as { codeCacheFixtureAnswer?: unknown }).codeCacheFixtureAnswer;
const saved = action === 'save' ? compiled.save() : undefined;
process.stdout.write(JSON.stringify({ cache: compiled.cache, answer, saved }));
