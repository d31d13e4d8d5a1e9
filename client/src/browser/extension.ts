// Browser entry (vscode.dev, github.dev, code-server's web worker extension host): the language server runs in a
// Web Worker started from dist/web/server.js. Everything else is the shared client.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateWith } from '../activation';
import type { PaperListApi } from '../ctx';

export { deactivate } from '../activation';

// The little of the Web Worker API used here; the project's types are ES2022 without DOM, so they are declared locally.
declare class Worker {
  constructor(url: string);
  terminate(): void;
}

/**
 * vscode.dev and github.dev serve extensions over http(s), where `new Worker(url)` works. code-server serves them
 * from a `vscode-remote:` URI, where it throws "Creating workers from remote extensions is currently not supported";
 * the host's fetch does resolve that URI, so the script is started from a blob URL instead.
 */
async function startWorker(script: vscode.Uri): Promise<Worker> {
  const url = script.toString(true);
  try {
    return new Worker(url);
  } catch {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load the language server from ${url}: HTTP ${response.status}`);
    const blob = new Blob([await response.text()], { type: 'application/javascript' });
    return new Worker(URL.createObjectURL(blob));
  }
}

export function activate(context: vscode.ExtensionContext): PaperListApi {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  let worker: Worker | undefined;
  // A function, so that Restart Language Server starts a fresh worker; the previous one is ended first. It returns the
  // transports rather than the worker: the extension host's Worker is its own class, which fails the client's
  // `instanceof Worker` check.
  const serverOptions = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = await startWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  // vscode-languageclient 10+: (id, name, serverOptions, clientOptions); 9.x had the last two the other way round.
  return activateWith(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}
