/**
 * What the extension, its graph webview and the sfn-lint language server agree on: the
 * settings section the server reads, the custom request for the state graph, the fix-all
 * code action kind and the messages between the extension and the webview.
 */

/** The `workspace/configuration` section the server asks for. */
export const SETTINGS_SECTION = 'sfnLint';

export type RunMode = 'onType' | 'onSave';
export type TraceLevel = 'off' | 'messages' | 'verbose';
export type CustomizedSeverity = 'default' | 'upgrade' | 'downgrade' | 'error' | 'warn' | 'info' | 'off';

/** Changes the severity of the rules whose id matches `rule` (a glob; a leading `!` negates it). */
export interface RuleCustomization {
  rule: string;
  severity: CustomizedSeverity;
}

/** The `sfnLint` settings, as the server receives them: dotted names nest. */
export interface SfnLintSettings {
  enable: boolean;
  run: RunMode;
  validate: string[];
  rules: { customizations: RuleCustomization[] };
  trace: { server: TraceLevel };
}

/** The custom request that returns a document's state graph as Mermaid flowchart text. */
export const STATE_GRAPH_REQUEST = 'sfnLint/stateGraph';
export interface StateGraphParams {
  uri: string;
}
/** `null` when the document holds no state machine. */
export type StateGraphResult = { mermaid: string } | null;

/** The code action kind of the server's "fix all". */
export const FIX_ALL_KIND = 'source.fixAll.sfn-lint';

/** The language ids the AWS Toolkit uses, which this extension contributes too. */
export const ASL_LANGUAGES = ['asl', 'asl-yaml'] as const;

/** Messages from the extension to the graph webview. */
export type ToWebview =
  | { type: 'graph'; title: string; mermaid: string }
  | { type: 'notice'; title: string; text: string };

/** Messages from the graph webview to the extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; state: string }
  | { type: 'rendered'; nodes: number }
  | { type: 'renderError'; message: string };
