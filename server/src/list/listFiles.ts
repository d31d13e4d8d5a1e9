// Which file an index entry names, a year file's year, and paths between files of a list: the pure part of finding
// a multi-file list (an index README whose table of contents links into `years/*.md`).
import { anchorOf } from '../model/urls';

export interface EntryTarget {
  /** The file the entry links into: the index itself for `#a`, `./#a` and a same-repository URL to the index. */
  readonly uri: string;
  readonly anchor?: string;
  /** A GitHub URL (`https://github.com/o/r/blob/main/years/2026.md#a`): a missing file is then another repository's, not a broken link. */
  readonly viaUrl: boolean;
}

const GITHUB_BLOB = /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\/([^#?]*)/i;

/** The file and anchor an index entry's target names, or undefined for a link to elsewhere (another site, another scheme). */
export function entryTarget(indexUri: string, target: string): EntryTarget | undefined {
  const trimmed = target.trim().replace(/^<(.*)>$/, '$1');
  const anchor = anchorOf(trimmed);
  const hash = trimmed.indexOf('#');
  const path = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const blob = GITHUB_BLOB.exec(path);
  if (blob) {
    // The repository's README is the index itself, whatever the index file is called here (a saved copy, a fork).
    if (/^readme\.md$/i.test(blob[1]) || blob[1] === '') return { uri: indexUri, anchor, viaUrl: true };
    const uri = fileAt(indexUri, decodeSafely(blob[1]));
    return uri === undefined ? undefined : { uri, anchor, viaUrl: true };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return undefined;
  if (path === '' || path === '.' || path === './') return { uri: indexUri, anchor, viaUrl: false };
  const uri = fileAt(indexUri, decodeSafely(path.split('?')[0]));
  return uri === undefined ? undefined : { uri, anchor, viaUrl: false };
}

/** The URI of a repository path relative to the index's folder (a blob URL's path is relative to the repository root, which is the index's folder). */
function fileAt(indexUri: string, relativePath: string): string | undefined {
  const key = `${indexUri}\n${relativePath}`;
  if (resolvedPaths.has(key)) return resolvedPaths.get(key);
  let uri: string | undefined;
  try {
    uri = new URL(relativePath.split('/').map(encodeURIComponent).join('/'), indexUri).toString();
  } catch {
    uri = undefined;
  }
  // An index names a handful of files in hundreds of entries, and finding a list reads its index several times.
  if (resolvedPaths.size >= 1000) resolvedPaths.clear();
  resolvedPaths.set(key, uri);
  return uri;
}

/** fileAt's answers: URL parsing is what resolving an index's entries costs. */
const resolvedPaths = new Map<string, string | undefined>();

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const TITLE_YEAR = /^#\s.*?\b((?:19|20)\d{2})\s*$/;

/** A year file's year from its title (`# AI Papers of the Week — 2023`), else its name (`2023.md`); its headings' own years win over both (see inferYears). */
export function yearOfFile(uri: string, firstLines: readonly string[]): number | undefined {
  for (const line of firstLines.slice(0, 20)) {
    const title = TITLE_YEAR.exec(line);
    if (title) return Number(title[1]);
  }
  const name = /(?:^|\/)((?:19|20)\d{2})\.md$/i.exec(uri);
  return name ? Number(name[1]) : undefined;
}

/** `years/2026.md` for a file next to (or below) the index; `../x.md` above it; the URI when they share no folder. */
export function relativePathOf(fromUri: string, toUri: string): string {
  const from = fromUri.slice(0, fromUri.lastIndexOf('/') + 1);
  if (toUri.startsWith(from)) return decodeSafely(toUri.slice(from.length));
  const fromParts = from.split('/').slice(0, -1);
  const toParts = toUri.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  if (common < 3) return toUri;
  return decodeSafely([...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/'));
}

/** The folder URI of a file URI, with a trailing slash. */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}
