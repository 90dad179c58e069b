// The language server's entry: `node dist/main.js --stdio` (or --node-ipc, --socket=N), as
// vscode-languageserver reads the transport from the command line. Bundlers take this
// module as the one entry point.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
// The editor keeps its checks only while the process lives: a failure nobody caught is
// logged, not allowed to end it. Handlers already answer their own failures.
let reporting = false;
const report = (problem: unknown): void => {
  // A connection that is itself failing must not turn one report into an endless chain.
  if (reporting) return;
  reporting = true;
  try {
    connection.console.error(`sfn-lint: ${problem instanceof Error ? (problem.stack ?? problem.message) : String(problem)}`);
  } catch {
    // Nowhere left to say it.
  } finally {
    reporting = false;
  }
};
process.on('uncaughtException', report);
process.on('unhandledRejection', report);
startServer(connection);
connection.listen();
