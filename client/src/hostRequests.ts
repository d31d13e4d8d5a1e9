// Answers the server's host requests (protocol.ts) with vscode.workspace.fs, which reads local, remote and virtual
// (github.dev, GitHub Repositories) workspaces alike: every file in the browser, files outside `file:` on the desktop.
import * as vscode from 'vscode';
import { ResponseError, type BaseLanguageClient } from 'vscode-languageclient';
import { HostReadDirectoryRequest, HostReadFileRequest, HostStatRequest } from '../../server/src/protocol';

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

/** The one-line reason a file could not be read, as the server shows it in its problem. */
function unreadable(uri: string, error: unknown): ResponseError<void> {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ResponseError(-32803 /* RequestFailed */, `cannot read ${uri}: ${reason}`);
}

export function answerHostRequests(client: BaseLanguageClient): vscode.Disposable[] {
  const toUri = (uri: string) => client.protocol2CodeConverter.asUri(uri);
  return [
    client.onRequest(HostStatRequest.type, async ({ uri }) => {
      try {
        const stat = await vscode.workspace.fs.stat(toUri(uri));
        return { isDirectory: (stat.type & vscode.FileType.Directory) !== 0, size: stat.size };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw unreadable(uri, error);
      }
    }),
    client.onRequest(HostReadFileRequest.type, async ({ uri }) => {
      try {
        // ignoreBOM keeps a BOM in the text, as the Node host does: fixes must write it back unchanged.
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(toUri(uri)));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw unreadable(uri, error);
      }
    }),
    client.onRequest(HostReadDirectoryRequest.type, async ({ uri }) => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(toUri(uri));
        return entries.map(([name, type]): [string, boolean] => [name, (type & vscode.FileType.Directory) !== 0]);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw unreadable(uri, error);
      }
    }),
  ];
}
