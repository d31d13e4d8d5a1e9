// Desktop (and remote) entry: the language server runs in Node from dist/server.js, over stdio: there its messages are
// written by the server's own encoder, which encodes what did not change since the last version once
// (server/src/node/messageEncoder.ts); over IPC, Node's channel would stringify every message whole.
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activation';
import type { PaperListApi } from './ctx';

export { deactivate } from './activation';

export function activate(context: vscode.ExtensionContext): PaperListApi {
  const module = context.asAbsolutePath('dist/server.js');
  // The server keeps a V8 code cache of itself there, so a start after the first compiles little (server/src/node/launch.ts).
  const args = context.globalStorageUri.scheme === 'file' ? [`--code-cache-dir=${join(context.globalStorageUri.fsPath, 'code-cache')}`] : [];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, args },
    debug: { module, transport: TransportKind.stdio, args, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateWith(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}
