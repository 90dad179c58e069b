// Edit-to-diagnostics latency of the language server on a large definition: the time from
// sending a one-character edit to receiving the pulled diagnostics of the new version,
// over stdio, as an editor sees it. Not a test. Run after a build:
//
//   node bench/language-server.bench.mjs [states] [edits] [--json] [--yaml]   (default 2400 states, 40 edits; --yaml: the machine as YAML)
//   BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/p' node bench/language-server.bench.mjs   (flags for the server's node)
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';
import YAML from 'yaml';
import { generateMachine } from './generate-machine.mjs';

const json = process.argv.includes('--json');
const yaml = process.argv.includes('--yaml');
const [statesArg, editsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const states = Number(statesArg ?? 2400);
const edits = Number(editsArg ?? 40);
const server = fileURLToPath(new URL('../packages/language-server/dist/main.js', import.meta.url));
const text = yaml ? YAML.stringify(generateMachine(states), { lineWidth: 0, aliasDuplicateObjects: false }) : JSON.stringify(generateMachine(states), null, 2);
const uri = pathToFileURL(join(tmpdir(), `bench-${states}.asl.${yaml ? 'yaml' : 'json'}`)).href;

const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/diagnostic/refresh', () => null);
connection.listen();

await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(tmpdir()).href,
  capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
});
await connection.sendNotification('initialized', {});
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: yaml ? 'yaml' : 'json', version: 1, text } });
const first = performance.now();
await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
const firstMs = performance.now() - first;
if (!json) console.log(`${states} states, ${text.length} characters; first analysis ${firstMs.toFixed(0)} ms`);

// Each edit changes the last digit of a ResultPath near the middle, after a pause of 150 ms, as
// typing does; edits closer together than 50 ms are a burst, which the server lets settle.
const lines = text.split('\n');
const resultPath = yaml ? 'ResultPath: $.results.s' : '"ResultPath": "$.results.s';
const line = lines.findIndex((candidate, index) => index > lines.length / 2 && candidate.includes(resultPath));
const column = yaml ? lines[line].length - 1 : lines[line].lastIndexOf('"') - 1;
const times = [];
const cpuBefore = (await connection.sendRequest('sfnLint/serverStatus', {})).cpuMs;
for (let version = 2; version < edits + 2; version++) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  const started = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: String(version % 10) }],
  });
  const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  times.push(performance.now() - started);
  if (report.kind !== 'full') throw new Error('expected a full report');
}
const cpuMs = ((await connection.sendRequest('sfnLint/serverStatus', {})).cpuMs - cpuBefore) / edits;
const sorted = [...times].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
if (json) console.log(JSON.stringify({ first: firstMs, median: at(0.5), p90: at(0.9), min: sorted[0], cpuMs }));
else console.log(`edit to diagnostics over ${edits} edits: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms; server CPU ${cpuMs.toFixed(1)} ms per edit`);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
