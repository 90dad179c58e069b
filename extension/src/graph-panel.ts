import { basename } from 'node:path';
import * as vscode from 'vscode';
import { createNonce, graphHtml } from './graph-html.js';
import { GraphRefresh } from './graph-refresh.js';
import { type FromWebview, STATE_GRAPH_REQUEST, type StateGraphParams, type StateGraphResult } from './protocol.js';
import type { ServerController } from './server-controller.js';
import { findStateKey } from './state-location.js';

/** The state graph webview: one panel, which follows the ASL document being edited. */
export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private document: vscode.TextDocument;
  private readonly refresh: GraphRefresh;
  private readonly subscriptions: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, server: ServerController, document: vscode.TextDocument): void {
    if (GraphPanel.current) {
      GraphPanel.current.follow(document);
      GraphPanel.current.panel.reveal(undefined, true);
      return;
    }
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      'sfnLint.stateGraph',
      GraphPanel.titleOf(document),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [dist] },
    );
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
    panel.webview.html = graphHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      nonce: createNonce(),
      title: basename(document.uri.path),
    });
    GraphPanel.current = new GraphPanel(panel, server, document);
  }

  private static titleOf(document: vscode.TextDocument): string {
    return `State graph: ${basename(document.uri.path)}`;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly server: ServerController,
    document: vscode.TextDocument,
  ) {
    this.document = document;
    this.refresh = new GraphRefresh({
      fetchGraph: () => this.fetchGraph(),
      show: (message) => void this.panel.webview.postMessage(message),
      title: () => basename(this.document.uri.path),
    });
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.refresh.schedule();
      }),
      // The marks on the states follow the diagnostics, which may change on save only.
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => uri.toString() === this.document.uri.toString())) this.refresh.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document !== this.document && this.server.selects(editor.document)) this.follow(editor.document);
      }),
    );
  }

  private follow(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    this.panel.title = GraphPanel.titleOf(document);
    void this.refresh.refresh();
  }

  private async fetchGraph(): Promise<StateGraphResult> {
    if (!this.server.selects(this.document)) {
      throw new Error(`sfn-lint does not lint ${basename(this.document.uri.path)}. Add a glob that matches it to "sfnLint.validate".`);
    }
    const client = await this.server.running();
    if (!client) throw new Error('the sfn-lint server is not running. Is "sfnLint.enable" off?');
    const params: StateGraphParams = { uri: client.code2ProtocolConverter.asUri(this.document.uri) };
    return client.sendRequest<StateGraphResult>(STATE_GRAPH_REQUEST, params);
  }

  private receive(message: FromWebview): void {
    if (message.type === 'ready') void this.refresh.refresh();
    else if (message.type === 'reveal') void this.reveal(message.state);
  }

  /** Shows where the clicked state is defined: the server's document symbols first, else its key in the text. */
  private async reveal(state: string): Promise<void> {
    const document = this.document;
    const symbols = await vscode.commands
      .executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri)
      .then(
        (found) => found ?? [],
        () => [],
      );
    let range = findSymbol(symbols, state)?.selectionRange;
    if (!range) {
      const yaml = /ya?ml$/i.test(document.languageId) || /\.ya?ml$/i.test(document.uri.path);
      const key = findStateKey(document.getText(), state, yaml);
      if (key) range = new vscode.Range(document.positionAt(key.start), document.positionAt(key.end));
    }
    if (!range) return;
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    this.refresh.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.panel.dispose();
  }
}

function findSymbol(symbols: readonly vscode.DocumentSymbol[], name: string): vscode.DocumentSymbol | undefined {
  for (const symbol of symbols) {
    if (symbol.name === name) return symbol;
    const nested = symbol.children ? findSymbol(symbol.children, name) : undefined;
    if (nested) return nested;
  }
  return undefined;
}
