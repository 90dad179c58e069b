// The language server's entry: `node dist/main.js --stdio` (or --node-ipc, --socket=N), as
// vscode-languageserver reads the transport from the command line. Bundlers take this
// module as the one entry point.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
