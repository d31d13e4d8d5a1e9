// Reading and writing the user's list: strict UTF-8, BOM kept, atomic replace, no overwrite of a file that changed meanwhile.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file problem with a one-line message for the user (no stack trace). */
export class FileError extends Error {}

export interface ListFile {
  readonly path: string;
  /** Text without the BOM. */
  readonly text: string;
  readonly bom: boolean;
  /** The bytes as read, to detect a change before writing. */
  readonly bytes: Buffer;
  readonly mode: number;
}

// ignoreBOM keeps the BOM in the decoded text (the default strips it), so it is detected and written back.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readListFile(path: string): ListFile {
  let bytes: Buffer;
  let mode: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new FileError(`${path}: is a directory, expected a Markdown file`);
    mode = stat.mode;
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`${path}: ${describe(error)}`);
  }
  return decodeListFile(path, bytes, mode);
}

/** The list file of bytes read elsewhere (a commit, for the Action's base version). */
export function decodeListFile(path: string, bytes: Buffer, mode: number): ListFile {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new FileError(`${path}: is not valid UTF-8 text`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path, text: bom ? text.slice(1) : text, bom, bytes, mode };
}

/** Writes via a temp file in the same folder and a rename, so an interrupted run leaves the original intact. */
export function writeFileAtomically(file: ListFile, text: string): void {
  let current: Buffer;
  try {
    current = readFileSync(file.path);
  } catch (error) {
    throw new FileError(`${file.path}: ${describe(error)}; not written`);
  }
  if (!current.equals(file.bytes)) throw new FileError(`${file.path}: changed while it was being fixed; not overwritten`);
  // Checked by mode, not by a write attempt: root may write anything, but a read-only list is the user's choice.
  if ((file.mode & 0o222) === 0) throw new FileError(`${file.path}: is read-only; not written`);
  const temp = join(dirname(file.path), `.${basename(file.path)}.paper-list-${process.pid}.tmp`);
  let created = false;
  try {
    const fd = openSync(temp, 'wx', file.mode & 0o777);
    created = true;
    try {
      writeSync(fd, (file.bom ? '\ufeff' : '') + text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, file.mode & 0o7777);
    // Re-check right before replacing: never clobber an edit made while we worked.
    if (!readFileSync(file.path).equals(file.bytes)) throw new FileError(`${file.path}: changed while it was being fixed; not overwritten`);
    renameSync(temp, file.path);
  } catch (error) {
    // Only our own temp file: a file already at that path (`wx` refused it) is not ours to delete.
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // already renamed or removed
      }
    }
    if (error instanceof FileError) throw error;
    throw new FileError(`${file.path}: ${describe(error)}; not written`);
  }
}

/**
 * Writes several files as one step: every check and every temp file first, then every rename. A rename failing
 * part-way puts back the files already replaced (from the bytes read), so the list is left as it was.
 * `rename` is injectable so tests can make a later rename fail.
 */
export function writeFilesAtomically(changes: readonly { file: ListFile; text: string }[], rename: (from: string, to: string) => void = renameSync): void {
  for (const { file } of changes) {
    let current: Buffer;
    try {
      current = readFileSync(file.path);
    } catch (error) {
      throw new FileError(`${file.path}: ${describe(error)}; nothing written`);
    }
    if (!current.equals(file.bytes)) throw new FileError(`${file.path}: changed while it was being fixed; nothing written`);
    if ((file.mode & 0o222) === 0) throw new FileError(`${file.path}: is read-only; nothing written`);
  }
  const temps: string[] = [];
  const removeTemps = () => {
    for (const temp of temps) {
      try {
        unlinkSync(temp);
      } catch {
        // already renamed or removed
      }
    }
  };
  try {
    for (const { file, text } of changes) temps.push(writeTemp(file, (file.bom ? '\ufeff' : '') + text));
    for (const { file } of changes)
      if (!readFileSync(file.path).equals(file.bytes)) throw new FileError(`${file.path}: changed while it was being fixed; nothing written`);
  } catch (error) {
    removeTemps();
    if (error instanceof FileError) throw error;
    throw new FileError(`${describe(error)}; nothing written`);
  }
  const renamed: ListFile[] = [];
  for (let i = 0; i < changes.length; i++) {
    const file = changes[i].file;
    try {
      rename(temps[i], file.path);
      renamed.push(file);
    } catch (error) {
      const restoreFailures: string[] = [];
      for (const done of renamed) {
        try {
          const temp = writeTemp(done, done.bytes);
          rename(temp, done.path);
        } catch {
          restoreFailures.push(done.path);
        }
      }
      removeTemps();
      const restored = restoreFailures.length === 0 ? 'no file was changed' : `could not restore ${restoreFailures.join(', ')}`;
      throw new FileError(`${file.path}: ${describe(error)}; ${restored}`);
    }
  }
}

/** A temp file next to the target with the target's mode; its path. */
function writeTemp(file: ListFile, content: string | Buffer): string {
  const temp = join(dirname(file.path), `.${basename(file.path)}.paper-list-${process.pid}-${tempCounter++}.tmp`);
  const fd = openSync(temp, 'wx', file.mode & 0o777);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, file.mode & 0o7777);
  return temp;
}
let tempCounter = 0;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a Markdown file';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
