// Preloaded into the server and the CLI by security.test.ts: any use of a process-spawning or network API is
// recorded on stderr (and refused), so a test can prove a whole session used none.
const report = (api) => {
  process.stderr.write(`FORBIDDEN-API ${api}\n`);
  throw new Error(`${api} is not allowed`);
};
const guard = (moduleName, names) => {
  const mod = require(moduleName);
  for (const name of names) if (typeof mod[name] === 'function') mod[name] = () => report(`${moduleName}.${name}`);
};
guard('child_process', ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync']);
guard('net', ['connect', 'createConnection', 'createServer']);
guard('tls', ['connect', 'createServer']);
guard('dgram', ['createSocket']);
guard('http', ['request', 'get', 'createServer']);
guard('https', ['request', 'get', 'createServer']);
guard('dns', ['lookup', 'resolve', 'resolve4', 'resolve6']);
if (typeof globalThis.fetch === 'function') globalThis.fetch = () => report('fetch');
