import type { LintResult } from '../engine/lint.js';

export interface FormatOptions {
  /** Directory that relative file names are resolved against, and shown relative to. */
  readonly cwd?: string;
  /** Use ANSI colours (stylish only). */
  readonly color?: boolean;
}

export type Formatter = (results: readonly LintResult[], options?: FormatOptions) => string;
