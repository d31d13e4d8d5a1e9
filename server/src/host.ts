// The core's only way out to files it does not hold in memory, injected by each platform, like
// vscode-markdown-languageservice's IWorkspace. Node reads the disk (node/diskHost.ts); the browser asks the client,
// which answers with vscode.workspace.fs (clientHost.ts; the desktop server too, for virtual workspaces). URIs are strings (`file:///…`, `vscode-vfs://…`).

export interface HostFileStat {
  readonly isDirectory: boolean;
  readonly size: number;
}

export interface Host {
  /** The URI schemes whose files this host can reach (`file` on Node); absent: any the editor can open. */
  readonly schemes?: readonly string[];
  /** The file's stat, or undefined when nothing exists at the URI. */
  stat(uri: string): Promise<HostFileStat | undefined>;
  /**
   * Whether something exists at the URI, when the platform can answer at once (Node's disk); undefined when the
   * answer needs a round trip, in which case the caller uses stat() and checks again once it has the answer.
   */
  existsNow?(uri: string): boolean | undefined;
  /** The file's text (UTF-8, BOM kept), or undefined when it does not exist. Rejects with a one-line message when unreadable. */
  readFile(uri: string): Promise<string | undefined>;
  /** Names and kinds of a folder's entries; empty when the folder does not exist. */
  readDirectory(uri: string): Promise<readonly [name: string, isDirectory: boolean][]>;
}

/**
 * The URI of a decoded path relative to a document's folder (`years/2026.md`, `../README.md`, `my notes.md`),
 * or undefined when the document's URI cannot be a base. Segments are encoded, so `%`, `?` and `#` stay file-name characters.
 */
export function resolveRelative(documentUri: string, relativePath: string): string | undefined {
  try {
    return new URL(relativePath.split('/').map(encodeURIComponent).join('/'), documentUri).toString();
  } catch {
    return undefined;
  }
}

/**
 * `local` for URIs of the schemes it reaches, `other` for the rest: the desktop's Node server reads the disk itself
 * and asks the client about virtual workspaces (`vscode-vfs`), which only the editor can read.
 */
export function byScheme(local: Host & { readonly schemes: readonly string[] }, other: Host): Host {
  const pick = (uri: string): Host => (local.schemes.includes(uri.slice(0, Math.max(0, uri.indexOf(':')))) ? local : other);
  return {
    stat: (uri) => pick(uri).stat(uri),
    existsNow: (uri) => pick(uri).existsNow?.(uri),
    readFile: (uri) => pick(uri).readFile(uri),
    readDirectory: (uri) => pick(uri).readDirectory(uri),
  };
}
