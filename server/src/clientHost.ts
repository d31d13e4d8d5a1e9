// The browser's Host: a Web Worker has no disk, so every file question goes to the client (protocol.ts, server → client),
// which answers with vscode.workspace.fs. No existsNow: each answer is a round trip, and the service re-checks once stat() answers.
import type { Connection } from 'vscode-languageserver/browser';
import type { Host, HostFileStat } from '../host';
import { HostReadDirectoryRequest, HostReadFileRequest, HostStatRequest } from '../protocol';

export function clientHost(connection: Connection): Host {
  return {
    async stat(uri: string): Promise<HostFileStat | undefined> {
      return (await connection.sendRequest(HostStatRequest.type, { uri })) ?? undefined;
    },
    async readFile(uri: string): Promise<string | undefined> {
      return (await connection.sendRequest(HostReadFileRequest.type, { uri })) ?? undefined;
    },
    readDirectory(uri: string): Promise<readonly [name: string, isDirectory: boolean][]> {
      return connection.sendRequest(HostReadDirectoryRequest.type, { uri });
    },
  };
}
