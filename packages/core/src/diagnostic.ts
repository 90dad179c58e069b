import type { Range } from './document/node.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface RelatedLocation {
  readonly range: Range;
  readonly message: string;
  /** Another file, when the location is not in the diagnostic's own file. */
  readonly file?: string;
}

/** A text edit expressed in offsets of the original file. */
export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
  /**
   * True when the fix does what the message asks and nothing its author could have meant
   * otherwise, so that `--fix` may apply it unattended. Without it the fix is a suggestion:
   * offered (an editor's quick fix), never applied by `--fix`.
   */
  readonly safe?: boolean;
}

/**
 * One finding. Positions are offsets into the file's text; formatters turn them into
 * 1-based lines and columns.
 */
export interface Diagnostic {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  /** The state's name, when the finding is about one state. */
  readonly state?: string;
  /** The state's path through nested scopes, for example ["Fan out", "Step"]. */
  readonly statePath?: readonly string[];
  /** For a definition inside a template: the state machine's logical id, or its CDK path. */
  readonly machine?: string;
  /**
   * For a finding about a template resource rather than a definition (a role, which several
   * state machines may share; a definition that could not be read): the labels of the state
   * machines it concerns. Formatters leave it out, as the message names them; a template's
   * Metadata suppressions match it.
   */
  readonly machines?: readonly string[];
  readonly related?: readonly RelatedLocation[];
  readonly docsUrl?: string;
  readonly fix?: Fix;
}

export const DOCS_BASE_URL = 'https://github.com/sfn-lint/sfn-lint/blob/main/docs/rules/';

export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
