// The base version of the list, read with git in the checkout: which commit the event compares with, whether the
// checkout holds it, and a FileSource that reads any file of the list as it was at that commit.
import { spawnSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
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

/** The repository root of the checkout, or undefined (with git's message) when it is not a git repository. */
export function repositoryRoot(git: Git): { root: string } | { error: string } {
  const result = git.run(['rev-parse', '--show-toplevel']);
  if (!result.ok) return { error: result.stderr || 'git failed' };
  return { root: result.stdout.toString('utf8').trim() };
}

/** A path relative to the repository root, with `/` (git's and GitHub's form). */
export function repositoryPath(root: string, path: string): string {
  return relative(root, resolve(path)).split(sep).join('/');
}

/** Reads files as they were at `sha`: the base side of "new problems", for every file a list spans. */
export function sourceAtCommit(git: Git, root: string, sha: string): FileSource {
  const short = sha.slice(0, 7);
  let tree: Map<string, 'file' | 'folder'> | undefined;
  const entries = () => {
    if (tree) return tree;
    tree = new Map();
    const listing = git.run(['ls-tree', '-r', '-z', '--full-tree', '--name-only', sha]);
    if (!listing.ok) throw new FileError(`cannot list the files of ${short}: ${listing.stderr}`);
    for (const name of listing.stdout.toString('utf8').split('\0')) {
      if (!name) continue;
      tree.set(name, 'file');
      for (let at = name.lastIndexOf('/'); at > 0; at = name.lastIndexOf('/', at - 1)) tree.set(name.slice(0, at), 'folder');
    }
    return tree;
  };
  return {
    read(path) {
      const name = repositoryPath(root, path);
      if (entries().get(name) !== 'file') throw new FileError(`${path}: does not exist at ${short}`);
      const blob = git.run(['cat-file', 'blob', `${sha}:${name}`]);
      if (!blob.ok) throw new FileError(`${path}: cannot read it at ${short}: ${blob.stderr}`);
      return decodeListFile(path, blob.stdout, 0o644);
    },
    exists(path) {
      const name = repositoryPath(root, path);
      return name === '' || entries().has(name);
    },
  };
}
