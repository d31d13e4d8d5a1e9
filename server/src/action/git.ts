// The base version of the list, read with git in the checkout: which commit the event compares with, whether the
// checkout holds it, and a FileSource that reads any file of the list as it was at that commit.
import { spawnSync } from 'node:child_process';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileError, decodeListFile } from '../cli/files';
import type { FileSource } from '../cli/check';

/** Files up to paperList.maxFileSize (20 MB by default) and a whole tree listing fit. */
const MAX_OUTPUT = 512 * 1024 * 1024;

export class Git {
  constructor(readonly cwd: string) {}

  run(args: readonly string[]): { ok: boolean; stdout: Buffer; stderr: string } {
    const result = spawnSync('git', args, { cwd: this.cwd, maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error) return { ok: false, stdout: Buffer.alloc(0), stderr: result.error.message };
    return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
  }
}

interface EventPayload {
  before?: unknown;
  pull_request?: { base?: { sha?: unknown } };
  merge_group?: { base_sha?: unknown };
}

export type BaseChoice = { readonly sha: string } | { readonly reason: string };

/** The commit an event's changes are compared with, or why there is none. */
export function baseOfEvent(eventName: string, payload: EventPayload): BaseChoice {
  const sha = (value: unknown) => (typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value) && !/^0+$/.test(value) ? value : undefined);
  switch (eventName) {
    case 'push': {
      const before = sha(payload.before);
      return before ? { sha: before } : { reason: 'this push has no earlier commit to compare with (a new branch, a new tag or the first push)' };
    }
    case 'pull_request':
    case 'pull_request_target': {
      const base = sha(payload.pull_request?.base?.sha);
      return base ? { sha: base } : { reason: `the ${eventName} event names no base commit` };
    }
    case 'merge_group': {
      const base = sha(payload.merge_group?.base_sha);
      return base ? { sha: base } : { reason: 'the merge_group event names no base commit' };
    }
    default:
      return { reason: `a ${eventName || 'run without an event'} has no base commit to compare with` };
  }
}

/**
 * Whether the checkout holds the commit; when not, the one message that tells the user what to change.
 * Never throws: every git failure becomes a reason.
 */
export function checkBaseAvailable(git: Git, sha: string): { ok: true } | { ok: false; reason: string } {
  if (git.run(['cat-file', '-e', `${sha}^{commit}`]).ok) return { ok: true };
  const short = sha.slice(0, 7);
  const shallow = git.run(['rev-parse', '--is-shallow-repository']);
  if (!shallow.ok) return { ok: false, reason: `cannot read the base commit ${short}: ${shallow.stderr || 'git failed'}` };
  if (shallow.stdout.toString('utf8').trim() === 'true')
    return {
      ok: false,
      reason:
        `the base commit ${short} is not in this shallow checkout (actions/checkout fetches a single commit by default). ` +
        'Set `fetch-depth: 0` on the actions/checkout step (`fetch-depth: 2` is enough for pushes of one commit) to report only new problems',
    };
  return { ok: false, reason: `the base commit ${short} is not in this checkout (was it force-pushed away?)` };
}

/**
 * Where the working directory is in its repository (`''` at the root, `lists/` below it), or git's message when it is
 * no git repository. Paths are made relative through it rather than through the root's absolute path, which git
 * gives with symlinks resolved.
 */
export function repositoryPrefix(git: Git): { prefix: string } | { error: string } {
  const result = git.run(['rev-parse', '--show-prefix']);
  if (!result.ok) return { error: result.stderr || 'git failed' };
  return { prefix: result.stdout.toString('utf8').trim() };
}

/** A path relative to the repository root, with `/` (git's and GitHub's form); `prefix` is the working directory's. */
export function repositoryPath(prefix: string, path: string): string {
  const name = posix.normalize(prefix + relative(process.cwd(), resolve(path)).split(sep).join('/'));
  return name === '.' ? '' : name;
}

/**
 * Files as they were at `sha`, for the base side of "new problems": a FileSource whose Host reads the commit's tree,
 * so whatever the analysis reaches through the host (link targets, every file of a multi-file list) is the base version.
 */
export function sourceAtCommit(git: Git, prefix: string, sha: string): FileSource {
  const short = sha.slice(0, 7);
  let tree: Map<string, 'file' | 'folder'> | undefined;
  const entries = () => {
    if (tree) return tree;
    tree = new Map([['', 'folder']]);
    const listing = git.run(['ls-tree', '-r', '-z', '--full-tree', '--name-only', sha]);
    if (!listing.ok) throw new FileError(`cannot list the files of ${short}: ${listing.stderr}`);
    for (const name of listing.stdout.toString('utf8').split('\0')) {
      if (!name) continue;
      tree.set(name, 'file');
      for (let at = name.lastIndexOf('/'); at > 0; at = name.lastIndexOf('/', at - 1)) tree.set(name.slice(0, at), 'folder');
    }
    return tree;
  };
  /** The repository path of a `file:` URI inside the checkout, else undefined (nothing else is in the commit). */
  const nameOf = (uri: string) => {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const name = repositoryPath(prefix, path);
    return name.startsWith('../') || name === '..' || isAbsolute(name) ? undefined : name;
  };
  /** The blob's bytes, or undefined when the commit has no such file. */
  const readBlob = (name: string | undefined, shown: string): Buffer | undefined => {
    if (name === undefined || entries().get(name) !== 'file') return undefined;
    const blob = git.run(['cat-file', 'blob', `${sha}:${name}`]);
    if (!blob.ok) throw new FileError(`${shown}: cannot read it at ${short}: ${blob.stderr}`);
    return blob.stdout;
  };
  const host: FileSource['host'] = {
    schemes: ['file'],
    existsNow: (uri) => {
      const name = nameOf(uri);
      return name !== undefined && entries().has(name);
    },
    stat: async (uri) => {
      const name = nameOf(uri);
      const kind = name === undefined ? undefined : entries().get(name);
      if (kind === undefined) return undefined;
      return { isDirectory: kind === 'folder', size: kind === 'file' ? (readBlob(name, uri)?.length ?? 0) : 0 };
    },
    readFile: async (uri) => {
      const bytes = readBlob(nameOf(uri), uri);
      if (bytes === undefined) return undefined;
      try {
        return strictUtf8.decode(bytes);
      } catch {
        throw new FileError(`${uri}: is not valid UTF-8 text at ${short}`);
      }
    },
    readDirectory: async (uri) => {
      const name = nameOf(uri);
      if (name === undefined || entries().get(name) !== 'folder') return [];
      const prefix = name === '' ? '' : `${name}/`;
      const children: [string, boolean][] = [];
      for (const [entry, kind] of entries())
        if (entry.startsWith(prefix) && entry.length > prefix.length && !entry.slice(prefix.length).includes('/'))
          children.push([entry.slice(prefix.length), kind === 'folder']);
      return children;
    },
  };
  return {
    host,
    read(path) {
      const bytes = readBlob(nameOf(pathToFileURL(resolve(path)).href), path);
      if (bytes === undefined) throw new FileError(`${path}: does not exist at ${short}`);
      return decodeListFile(path, bytes, 0o644);
    },
  };
}

// BOM kept, as Host.readFile promises.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
