// The language server on Node (desktop VS Code, the CLI's tests, any LSP client over stdio): a connection, the disk,
// and the client for files only the editor can read (virtual workspaces).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { byScheme } from '../host';
import { clientHost } from '../clientHost';
import { diskHost } from './diskHost';
import { FramedMessageWriter } from './messageEncoder';

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
startServer(connection, byScheme(diskHost, clientHost(connection)), { soon: setImmediate });

/**
 * Over stdio, messages are written with the memoizing encoder. The library still gets stdin as a stream (it exits
 * when stdin ends, as with `--stdio`); stdout is ours now, so console output goes to the client's log instead.
 */
function stdioConnection() {
  const writer = new FramedMessageWriter(process.stdout);
  // The overloads take two streams or a reader and a writer; at run time a stream and a writer are each taken as they are.
  const stdio = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  const log =
    (send: (message: string) => void) =>
    (...args: unknown[]) =>
      send(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
  console.log = console.info = console.debug = log((m) => stdio.console.log(m));
  console.warn = log((m) => stdio.console.warn(m));
  console.error = log((m) => stdio.console.error(m));
  return stdio;
}
