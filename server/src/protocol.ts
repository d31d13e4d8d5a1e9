// The custom protocol between the Paper List client and server, declared once.
// The client imports this file through the bundler; no copy exists elsewhere.
import { RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range, TextDocumentIdentifier, TextEdit } from 'vscode-languageserver-protocol';

/** A calendar day as written in a week heading; `year` is absent when neither the heading nor its neighbours give one. */
export interface DayInfo {
  year?: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LinkInfo {
  label: string;
  url: string;
  /** Set when the URL is empty or a placeholder (`xxx`, `#`, …): exports leave it out. */
  placeholder?: boolean;
}

/**
 * What the tree shows of a row. Descriptions and links are left out (they are most of the bytes and only a
 * tooltip or an export reads them): ask `paperList/rowDetails` for those.
 */
export interface RowInfo {
  /** The number as written (`5`), or null when the row has none. */
  number: string | null;
  title: string;
  /** The whole table row line. */
  range: Range;
  /** The paper link's URL, absent when the row has none or it is a placeholder. */
  paperUrl?: string;
  /** An untouched New Week template row (`| 3)  | [Paper](), [Tweet]() |`): "in progress", left out of exports. */
  template?: boolean;
  /** Problems on the row's line that the Problems panel shows (hints are not counted anywhere). */
  problemCount: number;
}

/** A problem shown in the tree outside any week (the "Table of contents" node). */
export interface ProblemInfo {
  /** The file the problem is in (the index or a year file of a multi-file list). */
  uri: string;
  message: string;
  rule: string;
  severity: ProblemSeverity;
  range: Range;
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface WeekInfo {
  /** The file holding the week: the document asked about, or another file of its list (an index README and `years/*.md`). */
  uri: string;
  /** Heading text without the leading `#`s, e.g. `Top ML Papers of the Week (Jun 23 - Jun 29) - 2025`. */
  heading: string;
  /** GitHub anchor of the heading, without `#`. */
  anchor: string;
  headingRange: Range;
  /** From the heading line to the line before the next week (or tail). */
  range: Range;
  start?: DayInfo;
  end?: DayInfo;
  /**
   * The year the week ends in: its ` - 2025` suffix, else inferred from the list's other weeks (or, in a multi-file
   * list, its year file). Absent when nothing in the list says the year: the same year hover and export use.
   */
  year?: number;
  rowCount: number;
  /** Problems inside the week's range, after settings and disable comments, hints not counted (as in the Problems panel). */
  problemCount: number;
  /** The most severe of those problems, absent when there are none. */
  worstSeverity?: ProblemSeverity;
  rows: RowInfo[];
}

export interface WeeksParams {
  textDocument: TextDocumentIdentifier;
  /** The `revision` the client shows: when the answer would be the same, the server says `unchanged` and sends no weeks. */
  knownRevision?: string;
}

/** Problems of the list that are in no week (table of contents, intro, tail): the tree's "Table of contents" node. */
export interface OutsideWeeksInfo {
  uri: string;
  /** The table of contents' lines, or the first line when the list has none. */
  range: Range;
  problemCount: number;
  worstSeverity?: ProblemSeverity;
  problems: ProblemInfo[];
}

/** One file of a list: its index (`README.md`), or a file holding weeks (`years/2026.md`). */
export interface ListFileInfo {
  uri: string;
  role: 'index' | 'weeks';
  /** The year a year file holds (from its headings, its title or its name). */
  year?: number;
  problemCount: number;
}

export interface WeeksResult {
  /** False when the document is not a paper list (no week heading, or excluded by `paperList.files`). */
  isPaperList: boolean;
  /** The document version the answer was computed for. */
  version: number;
  /** Changes exactly when anything else in this answer changes (a hash of it), so a client can skip a refresh. */
  revision: string;
  /** True when `revision` equals the request's `knownRevision`: `weeks`, `files` and `outside` are then empty. */
  unchanged?: boolean;
  /** The whole list's weeks, newest first, each with its file's `uri`. */
  weeks: WeekInfo[];
  /** The list's files: the index first, then the year files newest first; a single-file list has one entry with role 'index'. */
  files: ListFileInfo[];
  outside?: OutsideWeeksInfo;
  paperCount: number;
  /** Problems in the whole list (every file) that the Problems panel shows: the weeks' plus `outside`'s. */
  problemCount: number;
}

/**
 * Client → server: the weeks and rows of the whole list the document belongs to (every file of a multi-file list),
 * for the tree view, status bar, exports and pickers.
 */
export namespace WeeksRequest {
  export const method = 'paperList/weeks';
  export const type = new RequestType<WeeksParams, WeeksResult, void>(method);
}

export interface EditResult {
  /** Edits against the document version the client sent; empty when nothing applies (or when `changes` carries them all). */
  edits: TextEdit[];
  /** Where to put the cursor after applying the edits (in post-edit coordinates), when it matters. */
  selection?: Position;
  /**
   * Edits in several files of the list (a multi-file list), by URI. When present the client applies `createFiles`
   * and `changes` as one WorkspaceEdit (one undo step) and ignores `edits`; single-file results leave it out.
   */
  changes?: { [uri: string]: TextEdit[] };
  /** URIs of files to create (empty) before applying `changes`, e.g. `years/2027.md` for a week that starts a new year. */
  createFiles?: string[];
  /** The file `selection` is in, when it is not the document the request named. */
  selectionUri?: string;
  /** What happened, for the status bar ("3 fixes applied") or a notification ("moved to the unfinished week"). */
  message?: string;
}

export interface RowDetailsParams {
  textDocument: TextDocumentIdentifier;
  /** Lines of rows, as in `RowInfo.range.start.line`. */
  lines: number[];
}

export interface RowDetails {
  description: string;
  /** The row's links (images left out), placeholders included. */
  links: LinkInfo[];
}

export interface RowDetailsResult {
  version: number;
  /** Parallel to the request's lines; null where a line holds no row. */
  rows: (RowDetails | null)[];
}

/** Client → server: descriptions and links of some rows, which `paperList/weeks` leaves out (tree tooltips, exports). */
export namespace RowDetailsRequest {
  export const method = 'paperList/rowDetails';
  export const type = new RequestType<RowDetailsParams, RowDetailsResult, void>(method);
}

export interface NewWeekParams {
  textDocument: TextDocumentIdentifier;
}

/**
 * Client → server: the text that starts next week's section (heading, table, row templates, TOC entry). On a multi-file
 * list: the week at the top of the newest year file and its index entry in `changes` (a new year: `createFiles`).
 */
export namespace NewWeekRequest {
  export const method = 'paperList/newWeek';
  export const type = new RequestType<NewWeekParams, EditResult, void>(method);
}

export interface RenumberWeekParams {
  textDocument: TextDocumentIdentifier;
  /** Any position inside the week. */
  position: Position;
}

/** Client → server: renumber the rows of the week containing `position` 1..N. */
export namespace RenumberWeekRequest {
  export const method = 'paperList/renumberWeek';
  export const type = new RequestType<RenumberWeekParams, EditResult, void>(method);
}

export interface FixAllParams {
  textDocument: TextDocumentIdentifier;
}

/** Client → server: every safe fix in one set of edits (the same edits as `source.fixAll.paperList` and `paper-list check --fix`); `changes` for every file of a multi-file list. */
export namespace FixAllRequest {
  export const method = 'paperList/fixAll';
  export const type = new RequestType<FixAllParams, EditResult, void>(method);
}

// The host requests: how the server (server/src/clientHost.ts) reaches files it does not hold and cannot read itself.
// The browser's Web Worker has no disk; the Node server reads `file:` URIs itself but not virtual workspaces
// (`vscode-vfs`). The client answers with vscode.workspace.fs, on every platform. A client that does not know these
// requests answers MethodNotFound, which the server takes as "no such file".

export interface HostUriParams {
  /** The file's URI as the server knows it (the client's `code2ProtocolConverter` form). */
  uri: string;
}

export interface HostStatResult {
  isDirectory: boolean;
  size: number;
}

/** Server → client: the stat of a file or folder, or null when nothing exists at the URI. */
export namespace HostStatRequest {
  export const method = 'paperList/host/stat';
  export const type = new RequestType<HostUriParams, HostStatResult | null, void>(method);
}

/** Server → client: a file's text (UTF-8, BOM kept), or null when it does not exist; an error with one line when unreadable. */
export namespace HostReadFileRequest {
  export const method = 'paperList/host/readFile';
  export const type = new RequestType<HostUriParams, string | null, void>(method);
}

/** Server → client: a folder's entries as [name, isDirectory]; empty when the folder does not exist. */
export namespace HostReadDirectoryRequest {
  export const method = 'paperList/host/readDirectory';
  export const type = new RequestType<HostUriParams, [string, boolean][], void>(method);
}
