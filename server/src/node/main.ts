// The language server on Node (desktop VS Code, the CLI's tests, any LSP client over stdio): a connection, the disk,
// and the client for files only the editor can read (virtual workspaces).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { byScheme } from '../host';
import { clientHost } from '../clientHost';
import { diskHost } from './diskHost';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, byScheme(diskHost, clientHost(connection)));
