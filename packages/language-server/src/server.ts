import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, renderStateGraph, stateGraphModel } from '@sfn-lint/core';
import { Analyser, fileUri, filePath, type Analysis } from './analysis.js';
import { codeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './code-actions.js';
import { completion } from './completion.js';
import { ConfigLookup } from './config-lookup.js';
import { toLspDiagnostics } from './diagnostics.js';
import { hover } from './hover.js';
import { definition, documentSymbols, prepareRename, references, rename } from './navigation.js';
import { FolderSettings } from './folder-settings.js';
import { readSettings } from './settings.js';

/**
 * The request the VS Code extension's graph view sends for an open document: core's
 * Mermaid drawing of its state graph, states with findings marked, or null when the
 * document holds no state machine.
 */
export const STATE_GRAPH_REQUEST = 'sfnLint/stateGraph';

export interface StateGraphParams {
  readonly uri: string;
}

/** Memory and load of the server, `{}` → `{ heapUsed, heapTotal, external, rss, cpuMs, documents }`; runs a collection first when Node allows it. For soak tests and diagnosis. */
export const SERVER_STATUS_REQUEST = 'sfnLint/serverStatus';

/** How long typing must pause before pushed diagnostics are recomputed. */
const PUSH_DELAY_MS = 150;

/**
 * Pulled diagnostics are computed at once for an edit after a pause (the latency people
 * see), but during a burst of edits closer together than this (key repeat, an edit applied
 * in steps), only once the burst settles.
 */
const PULL_SETTLE_MS = 50;

/**
 * Serves sfn-lint over a language-server connection: diagnostics (pulled, or pushed to a
 * client that cannot pull), fixes and suppressions, navigation between states, hover and
 * completion. Returns once the handlers are registered; the caller's connection is listening.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new FolderSettings();
  let roots: string[] = [];
  let folderSupport = false;
  /** Settles once the settings are first read: diagnostics asked for sooner wait for it. */
  let settingsRead: Promise<void> = Promise.resolve();
  let pull = false;
  let refreshSupport = false;
  let configurationSupport = false;
  let watchRegistration = false;
  let configurationRegistration = false;
  /** Bumped whenever settings or config files change, so that old pull results are not taken as current. */
  let generation = 0;
  const pending = new Map<string, NodeJS.Timeout>();
  /** Per document: when it last changed, and whether that change came in a burst. */
  const changes = new Map<string, { at: number; burst: boolean }>();

  const configs = new ConfigLookup(() => roots[0] ?? process.cwd());
  const analyser = new Analyser({
    settings: (uri) => settings.of(uri),
    reuseTree: (uri) => settings.of(uri).run === 'onType',
    configs,
    roots: () => roots,
    openText: (file) => documents.all().find((document) => filePath(document.uri) === file)?.getText(),
    analysed: (analysis, ms) => {
      if (settings.of(analysis.uri).trace === 'verbose') log(`sfn-lint: analysed ${analysis.uri} version ${analysis.version} in ${ms.toFixed(1)} ms`);
    },
  });

  const log = (message: string) => connection.console.log(message);

  /** Runs a handler; a failure is logged and answered with the empty result, never allowed to end the server. */
  function guard<P extends unknown[], R>(name: string, empty: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
    return async (...args: P) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`sfn-lint: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return empty;
      }
    };
  }

  function analysisOf(uri: string): Analysis | undefined {
    const document = documents.get(uri);
    if (!document) return undefined;
    return analyser.analyse(document);
  }

  /** In onSave mode, the analysis whose diagnostics are shown until the next save. */
  const shown = new Map<string, Analysis>();

  function diagnosticsAnalysis(uri: string): Analysis | undefined {
    if (settings.of(uri).run !== 'onSave') return analysisOf(uri);
    let analysis = shown.get(uri);
    if (!analysis) {
      analysis = analysisOf(uri);
      if (analysis) shown.set(uri, analysis);
    }
    return analysis;
  }

  async function publish(uri: string): Promise<void> {
    pending.delete(uri);
    await settingsRead;
    const analysis = diagnosticsAnalysis(uri);
    if (analysis) void connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: toLspDiagnostics(analysis, settings.of(uri).customizations) });
  }

  function schedule(uri: string): void {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => guard('diagnostics', undefined, publish)(uri), PUSH_DELAY_MS));
  }

  /** Settings or config files changed: every result is stale. */
  function refreshAll(): void {
    generation++;
    analyser.clear();
    shown.clear();
    if (pull) {
      if (refreshSupport) connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) schedule(document.uri);
    }
  }

  /**
   * Reads the `sfnLint` settings: the window's, and each workspace folder's, which a
   * multi-root workspace may set differently. A client without workspace/configuration
   * pushes one section for everything.
   */
  async function loadSettings(pushed?: unknown): Promise<void> {
    if (configurationSupport) {
      const folders = [...roots];
      const items = [{ section: 'sfnLint' }, ...folders.map((folder) => ({ scopeUri: fileUri(folder), section: 'sfnLint' }))];
      const answers = (await connection.workspace.getConfiguration(items)) as unknown[];
      settings.set(readSettings(answers[0]), new Map(folders.map((folder, i) => [folder, readSettings(answers[i + 1])])));
    } else if (pushed !== undefined) settings.set(readSettings(pushed), new Map());
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    configurationSupport = capabilities.workspace?.configuration === true;
    watchRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    roots = (params.workspaceFolders ?? []).map((folder) => filePath(folder.uri)).filter((root): root is string => root !== undefined);
    if (roots.length === 0 && params.rootUri) roots = [filePath(params.rootUri)].filter((root): root is string => root !== undefined);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) settings.set(readSettings(options.settings), new Map());
    folderSupport = capabilities.workspace?.workspaceFolders === true;
    configs.reset();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pull ? { diagnosticProvider: { identifier: 'sfn-lint', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'sfn-lint' },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':', ' '] },
        ...(folderSupport ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'sfn-lint-language-server' },
    };
  });

  /** A workspace folder came or went: its settings and config files change what applies. */
  async function foldersChanged(change: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(change.removed.map((folder) => filePath(folder.uri)));
    const added = change.added.map((folder) => filePath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    roots = [...roots.filter((root) => !removed.has(root)), ...added.filter((folder) => !roots.includes(folder))];
    configs.reset();
    await loadSettings();
    refreshAll();
  }

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      // Set before the first await, so that the requests right behind find it.
      let read!: () => void;
      settingsRead = new Promise((resolve) => (read = resolve));
      try {
        if (configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'sfnLint' });
        if (watchRegistration) {
          await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })) });
        }
        if (folderSupport) connection.workspace.onDidChangeWorkspaceFolders(guard('workspace folders', undefined, foldersChanged));
        await loadSettings();
      } finally {
        read();
      }
      refreshAll();
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, async (change) => {
      await loadSettings((change.settings as { sfnLint?: unknown } | undefined)?.sfnLint);
      refreshAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, (change) => {
      if (!change.changes.some((event) => CONFIG_FILE_NAMES.some((name) => event.uri.endsWith(`/${name}`)))) return;
      configs.reset();
      refreshAll();
    }),
  );

  documents.onDidOpen((event) => {
    if (!pull) schedule(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    const now = performance.now();
    const previous = changes.get(event.document.uri);
    changes.set(event.document.uri, { at: now, burst: previous !== undefined && now - previous.at < PULL_SETTLE_MS });
    if (!pull && settings.of(event.document.uri).run === 'onType') schedule(event.document.uri);
  });
  documents.onDidSave((event) => {
    if (settings.of(event.document.uri).run !== 'onSave') return;
    shown.delete(event.document.uri);
    if (pull) {
      if (refreshSupport) connection.languages.diagnostics.refresh();
    } else schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    analyser.forget(event.document.uri);
    shown.delete(event.document.uri);
    changes.delete(event.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(
    guard('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
      // Let queued edits arrive first (a pull for a version already replaced is cancelled),
      // and in a burst of edits wait for it to settle.
      const uri = params.textDocument.uri;
      await new Promise((resolve) => setImmediate(resolve));
      await settingsRead;
      for (let change = changes.get(uri); change?.burst && !token.isCancellationRequested; change = changes.get(uri)) {
        const quiet = performance.now() - change.at;
        if (quiet >= PULL_SETTLE_MS) break;
        await new Promise((resolve) => setTimeout(resolve, PULL_SETTLE_MS - quiet));
      }
      if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const analysis = diagnosticsAnalysis(uri);
      if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${generation}:${analysis.version}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: toLspDiagnostics(analysis, settings.of(uri).customizations) };
    }),
  );

  connection.onCodeAction(guard('code actions', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? codeActions(analysis, params) : [];
  }));

  connection.onExecuteCommand(
    guard('command', undefined, async (params) => {
      const url = params.arguments?.[0];
      if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof url === 'string') await connection.window.showDocument({ uri: url, external: true });
    }),
  );

  connection.onDefinition(guard('definition', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? definition(analysis, params.position) : [];
  }));
  connection.onReferences(guard('references', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? references(analysis, params.position, params.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename(guard('prepare rename', null, (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? prepareRename(analysis, params.position) : null;
  }));
  connection.onRenameRequest(guard('rename', null, (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? rename(analysis, params.position, params.newName) : null;
  }));
  connection.onDocumentSymbol(guard('document symbols', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? documentSymbols(analysis) : [];
  }));
  connection.onHover(guard('hover', null, (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? hover(analysis, params.position) : null;
  }));
  connection.onCompletion(guard('completion', [], (params) => completion(analysisOf(params.textDocument.uri), params.position)));

  connection.onRequest(
    STATE_GRAPH_REQUEST,
    guard('state graph', null as { mermaid: string } | null, (params: StateGraphParams) => {
      const result = analysisOf(params.uri)?.result;
      if (!result) return null;
      const model = stateGraphModel(result);
      return model.machines.length > 0 ? { mermaid: renderStateGraph(model, 'mermaid') } : null;
    }),
  );
  connection.onRequest(
    SERVER_STATUS_REQUEST,
    guard('server status', { heapUsed: 0, heapTotal: 0, external: 0, rss: 0, cpuMs: 0, documents: 0 }, () => {
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      return { heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, rss: memory.rss, cpuMs: (cpu.user + cpu.system) / 1000, documents: documents.all().length };
    }),
  );

  documents.listen(connection);
}
