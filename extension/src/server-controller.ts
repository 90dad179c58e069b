import * as vscode from 'vscode';
import { type DocumentSelector, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type DocumentFilterData, documentSelector } from './document-selector.js';
import { SETTINGS_SECTION } from './protocol.js';
import { normalizeConfigurationResult, normalizeSettings } from './settings.js';

const CLIENT_ID = 'sfnLint';
const CLIENT_NAME = 'sfn-lint';

/**
 * Owns the language client: starts it once a document it would lint is open, restarts it
 * when the settings that shape it change, and keeps documents whose folder turns sfn-lint
 * off away from the server.
 */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private selector: DocumentFilterData[] = [];
  private readonly output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  private readonly subscriptions: vscode.Disposable[] = [this.output];
  /** Documents not sent to the server, so none of their changes are sent either. */
  private readonly withheld = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (!this.client && this.selects(document)) void this.running();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.enable`) || event.affectsConfiguration(`${SETTINGS_SECTION}.validate`)) {
          void this.restart();
        }
      }),
    );
    this.selector = this.currentSelector();
  }

  /** Starts the server if a document it would lint is open already. */
  async startIfNeeded(): Promise<void> {
    if (vscode.workspace.textDocuments.some((document) => this.selects(document))) await this.running();
  }

  /** Whether the server is sent this document. */
  selects(document: vscode.TextDocument): boolean {
    return vscode.languages.match(this.selector, document) > 0;
  }

  /** The running client, started if need be; undefined when sfn-lint is turned off. */
  running(): Promise<LanguageClient | undefined> {
    if (this.client) return Promise.resolve(this.client);
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.selector = this.currentSelector();
    await this.startIfNeeded();
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private currentSelector(): DocumentFilterData[] {
    return documentSelector(normalizeSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION)).validate);
  }

  private enabledFor(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<boolean>('enable', true) !== false;
  }

  private async start(): Promise<LanguageClient | undefined> {
    if (!normalizeSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION)).enable) return undefined;
    this.withheld.clear();
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const withheld = this.withheld;
    const skipWithheld =
      <T>(uriOf: (value: T) => vscode.Uri) =>
      (value: T, next: (value: T) => Promise<void>): Promise<void> =>
        withheld.has(uriOf(value).toString()) ? Promise.resolve() : next(value);
    const clientOptions: LanguageClientOptions = {
      // Each filter has a language or a pattern, as the protocol's filters must.
      documentSelector: this.selector as DocumentSelector,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      diagnosticCollectionName: CLIENT_NAME,
      synchronize: {
        configurationSection: SETTINGS_SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/sfn-lint.config.{json,yaml,yml}'),
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            return Array.isArray(result) ? normalizeConfigurationResult(params.items, result) : result;
          },
        },
        didOpen: (document, next) => {
          if (this.enabledFor(document)) return next(document);
          withheld.add(document.uri.toString());
          return Promise.resolve();
        },
        didChange: skipWithheld((event: vscode.TextDocumentChangeEvent) => event.document.uri),
        didSave: skipWithheld((document: vscode.TextDocument) => document.uri),
        didClose: (document, next) => (withheld.delete(document.uri.toString()) ? Promise.resolve() : next(document)),
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    try {
      await client.start();
    } catch (error) {
      this.output.appendLine(`The sfn-lint server did not start: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('The sfn-lint server did not start. See the sfn-lint output for why.', 'Show Output').then((choice) => {
        if (choice) this.output.show();
      });
      await client.dispose().catch(() => undefined);
      return undefined;
    }
    this.client = client;
    return client;
  }

  private async stop(): Promise<void> {
    const client = this.client ?? (await this.starting?.catch(() => undefined));
    this.client = undefined;
    if (client) await client.dispose().catch(() => undefined);
  }
}
