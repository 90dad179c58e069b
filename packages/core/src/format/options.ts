import type { LintResult } from '../engine/lint.js';
import type { RuleDefinition } from '../rule.js';

export interface FormatOptions {
  /** Directory that relative file names are resolved against, and shown relative to. */
  readonly cwd?: string;
  /**
   * The repository root (the CLI's nearest directory with `.git`): SARIF URIs and GitHub
   * annotations name files relative to it. Defaults to `cwd`.
   */
  readonly root?: string;
  /** Use ANSI colours (stylish only). */
  readonly color?: boolean;
  /** The rules that ran, which SARIF describes in `tool.driver.rules`. */
  readonly rules?: readonly Pick<RuleDefinition, 'id' | 'meta' | 'docsUrl'>[];
  /** sfn-lint's version, for SARIF's `tool.driver.version`. */
  readonly toolVersion?: string;
}

export type Formatter = (results: readonly LintResult[], options?: FormatOptions) => string;
