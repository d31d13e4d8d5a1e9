// The language server on Node (desktop VS Code, the CLI's tests, any LSP client over stdio): a connection and the disk.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { diskHost } from './diskHost';

startServer(createConnection(ProposedFeatures.all), diskHost);
