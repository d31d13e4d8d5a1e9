// The language server as a Web Worker script (dist/web/server.js) for vscode.dev, github.dev and code-server's web worker
// extension host: the worker's own message port is the connection, and files are reached through the client.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { clientHost } from '../clientHost';

// The worker's global scope; the project's types are ES2022 without the webworker lib, and the reader/writer only need its messages.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, clientHost(connection));
