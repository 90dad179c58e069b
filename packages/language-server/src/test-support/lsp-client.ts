import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node.js';

export const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ClientOptions {
  /** Answer pull diagnostics (textDocument/diagnostic); otherwise the server pushes. */
  readonly pull: boolean;
  readonly rootPath: string;
  /** The `sfnLint` section the client answers workspace/configuration with. */
  readonly settings?: Record<string, unknown>;
  /** Further workspace folders, after the root; their settings are in `folderSettings`. */
  readonly folders?: readonly string[];
  readonly nodeArgs?: readonly string[];
}

/**
 * A language client over the spawned server's standard input and output, with the
 * protocol's own message reader and writer: what an editor does, minus the editor.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  /** The `sfnLint` section of a workspace folder, by its path, where it differs from `settings`. */
  readonly folderSettings = new Map<string, Record<string, unknown>>();
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) =>
      params.items.map((item) => (item.scopeUri !== undefined && this.folderSettings.get(fileURLToPath(item.scopeUri).replace(/\/$/, ''))) || this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('window/showDocument', () => ({ success: true }));
    this.connection.listen();
  }

  async initialize(): Promise<unknown> {
    const capabilities: ClientCapabilities = {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
    };
    const rootUri = new URL(`file://${this.options.rootPath}/`).href;
    const folders = (this.options.folders ?? []).map((folder, i) => ({ uri: new URL(`file://${folder}/`).href, name: `folder ${i + 1}` }));
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: 'root' }, ...folders],
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pulled diagnostics of a document. */
  async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items?: Diagnostic[] };
    return report.items ?? [];
  }

  /** Waits for pushed diagnostics of a document that satisfy a test (of at least a version, by default the latest sent). */
  async pushedDiagnostics(uri: string, version = this.versions.get(uri), timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.published.get(uri) ?? []).filter((params) => version === undefined || params.version === undefined || params.version >= version).at(-1);
      if (found) return found.diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics pushed for ${uri} version ${version}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  pushedCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown, then exit; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}

/** A document's text after applying LSP text edits, as an editor would. */
export function applyTextEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line < starts.length ? starts[p.line] + p.character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
