import type { LintResult } from '../engine/lint.js';

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
}

export type Formatter = (results: readonly LintResult[], options?: FormatOptions) => string;
