// Soak run of the language server: random edits (half-typed JSON and YAML included), each
// followed by a random request, over stdio. Checks that every request is answered and
// that memory stays flat: the heap after a warm-up is compared with the heap at the end.
//
//   npm run soak -w @sfn-lint/language-server            10,000 edits over five documents
//   node scripts/soak.mjs [edits] [documents] [seed]
//
// The test suite runs a shorter one through `runSoak` (src/soak.test.ts).
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

const SERVER = fileURLToPath(new URL('../dist/main.js', import.meta.url));

const JSON_MACHINE = JSON.stringify(
  {
    Comment: 'Orders',
    StartAt: 'Validate',
    States: {
      Validate: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'validate', 'Payload.$': '$' }, Next: 'Choose' },
      Choose: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Fan out' }], Default: 'Failed' },
      'Fan out': {
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 5, Next: 'B' }, B: { Type: 'Pass', End: true } } }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: 'Each',
      },
      Each: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, Next: 'Done' },
      Failed: { Type: 'Fail', Error: 'Failed' },
      Done: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

const YAML_MACHINE = `StartAt: Send
States:
  Send:
    Type: Task
    Resource: arn:aws:states:::sqs:sendMessage
    Parameters:
      QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/orders
      MessageBody.$: $
    Next: Finish
  Finish:
    Type: Succeed
  Stray:
    Type: Wait
    Seconds: 5
    End: true
`;

/** A small deterministic generator, so that a failing run can be repeated with its seed. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['"Next": "', '{', '}', '[', '"', ':', ',', '\n', '  ', 'Type: ', 'Next: Fan', '"States": {', '"Type": "Ta', '#', '- ', '\t', 'sfn-lint-disable ', '\u00e9', '${X}'];

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Runs the soak and resolves with its figures; throws when a request fails or is not answered in time. */
export async function runSoak({ edits = 1000, documents = 1, seed = 1, warmup = Math.min(200, Math.floor(edits / 5)), log = () => {} } = {}) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const child = spawn(process.execPath, ['--expose-gc', SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onNotification('textDocument/publishDiagnostics', () => {});
  connection.onNotification('window/logMessage', () => {});
  connection.listen();

  const withTimeout = (promise, what) => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within 10 s; stderr: ${stderr.join('')}`)), 10_000);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  };

  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(tmpdir()).href, capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } } });
  await connection.sendNotification('initialized', {});
  const docs = [];
  for (let i = 0; i < documents; i++) {
    const yaml = i % 2 === 1;
    const uri = pathToFileURL(join(tmpdir(), `soak-${i}.asl.${yaml ? 'yaml' : 'json'}`)).href;
    const original = yaml ? YAML_MACHINE : JSON_MACHINE;
    docs.push({ uri, original, text: original, version: 1 });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: yaml ? 'yaml' : 'json', version: 1, text: original } });
  }

  const status = () => withTimeout(connection.sendRequest('sfnLint/serverStatus', {}), 'sfnLint/serverStatus');
  let answered = 0;
  let warm;
  const started = performance.now();
  for (let i = 0; i < edits; i++) {
    if (i === warmup) warm = await status();
    const doc = pick(docs);
    const roll = next();
    let start = Math.floor(next() * (doc.text.length + 1));
    let end = start;
    let insert = '';
    if (roll < 0.05) {
      start = 0;
      end = doc.text.length;
      insert = doc.original; // Back to a whole, valid file now and then.
    } else if (roll < 0.45) insert = pick(SNIPPETS);
    else if (roll < 0.75) end = Math.min(doc.text.length, start + 1 + Math.floor(next() * 8));
    else insert = String.fromCharCode(32 + Math.floor(next() * 95));
    const range = { start: positionAt(doc.text, start), end: positionAt(doc.text, end) };
    doc.text = doc.text.slice(0, start) + insert + doc.text.slice(end);
    doc.version++;
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ range, text: insert }] });

    const position = positionAt(doc.text, Math.floor(next() * (doc.text.length + 1)));
    const textDocument = { uri: doc.uri };
    const requests = [
      ['textDocument/diagnostic', { textDocument }],
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/definition', { textDocument, position }],
      ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/prepareRename', { textDocument, position }],
      ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
    ];
    const [method, params] = pick(requests);
    try {
      await withTimeout(connection.sendRequest(method, params), method);
    } catch (error) {
      // prepareRename answers a name it cannot rename with an error response; any other error is a failure.
      if (!(method === 'textDocument/prepareRename' && error?.code === 0)) throw error;
    }
    answered++;
    if ((i + 1) % 1000 === 0) log(`${i + 1} edits, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // Every document is checked once more after the last edit.
  for (const doc of docs) await withTimeout(connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } }), 'final diagnostics');
  const end = await status();
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => (exited ? resolve() : child.once('exit', resolve)));
  connection.dispose();
  return { edits, answered, seconds: (performance.now() - started) / 1000, warm: warm ?? end, end, exitCode: child.exitCode, stderr: stderr.join('') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [edits = '10000', documents = '5', seed = String(Date.now() % 100000)] = process.argv.slice(2);
  const result = await runSoak({ edits: Number(edits), documents: Number(documents), seed: Number(seed), log: console.log });
  const mb = (bytes) => (bytes / 1048576).toFixed(1);
  console.log(`seed ${seed}: ${result.answered}/${result.edits} requests answered in ${result.seconds.toFixed(1)} s`);
  const line = (m) => `heap used ${mb(m.heapUsed)} MB of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, rss ${mb(m.rss)} MB`;
  console.log(`after warm-up: ${line(result.warm)}\nat the end:    ${line(result.end)}`);
  const grew = result.end.heapUsed > result.warm.heapUsed * 1.5 + 8 * 1048576;
  if (grew || result.answered !== result.edits || result.exitCode !== 0) {
    console.error('soak failed');
    process.exit(1);
  }
}
