// Desktop (and remote) entry: the language server runs in Node, started over IPC from dist/server.js.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activation';
import type { PaperListApi } from './ctx';

export { deactivate } from './activation';

export function activate(context: vscode.ExtensionContext): PaperListApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateWith(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}
