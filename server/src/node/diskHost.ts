// The Host on Node: the local disk. Only `file:` URIs are files here; anything else does not exist.
import { existsSync, promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Host, HostFileStat } from '../host';

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const diskHost: Host & { readonly schemes: readonly string[]; existsNow(uri: string): boolean } = {
  schemes: ['file'],
  existsNow(uri) {
    const path = pathOf(uri);
    return path !== undefined && existsSync(path);
  },
  async stat(uri): Promise<HostFileStat | undefined> {
    const path = pathOf(uri);
    if (path === undefined) return undefined;
    try {
      const stat = await fs.stat(path);
      return { isDirectory: stat.isDirectory(), size: stat.size };
    } catch {
      return undefined;
    }
  },
  async readFile(uri) {
    const path = pathOf(uri);
    if (path === undefined) return undefined;
    try {
      return await fs.readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new Error(`${path}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))}`, { cause: error });
    }
  },
  async readDirectory(uri) {
    const path = pathOf(uri);
    if (path === undefined) return [];
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => [e.name, e.isDirectory()] as [string, boolean]);
    } catch {
      return [];
    }
  },
};
