// A Host that asks the client (protocol.ts, server → client), which answers with vscode.workspace.fs: the browser's only
// way to files (a Web Worker has no disk), and the Node server's way to virtual workspaces (GitHub Repositories'
// `vscode-vfs`) on the desktop. No existsNow: each answer is a round trip, and the service re-checks once stat() answers.
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import type { Host, HostFileStat } from './host';
import { HostReadDirectoryRequest, HostReadFileRequest, HostStatRequest } from './protocol';

/** A client that does not answer our requests (any LSP client but ours) knows of no such file. */
async function unlessUnanswered<T>(request: Promise<T>, unanswered: T): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) return unanswered;
    throw error;
  }
}

export function clientHost(connection: Pick<Connection, 'sendRequest'>): Host {
  return {
    async stat(uri: string): Promise<HostFileStat | undefined> {
      return (await unlessUnanswered(connection.sendRequest(HostStatRequest.type, { uri }), null)) ?? undefined;
    },
    async readFile(uri: string): Promise<string | undefined> {
      return (await unlessUnanswered(connection.sendRequest(HostReadFileRequest.type, { uri }), null)) ?? undefined;
    },
    readDirectory(uri: string): Promise<readonly [name: string, isDirectory: boolean][]> {
      return unlessUnanswered(connection.sendRequest(HostReadDirectoryRequest.type, { uri }), []);
    },
  };
}
