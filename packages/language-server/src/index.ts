// The package's API, for running the server in-process on a connection of one's own.
export { SERVER_STATUS_REQUEST, startServer, STATE_GRAPH_REQUEST, type StateGraphParams } from './server.js';
export { readSettings, type RuleCustomization, type RunMode, type ServerSettings } from './settings.js';
