import { displayMessage } from './message.js';
import type { Severity } from '../diagnostic.js';
import type { LintResult } from '../engine/lint.js';
import type { FormatOptions } from './options.js';
import { absolutePath } from './paths.js';

export interface JsonMessage {
  readonly ruleId: string;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly state: string | null;
  readonly statePath: readonly string[] | null;
  readonly docsUrl: string | null;
  /** The template's state machine (logical id or CDK path), for definitions inside templates. */
  readonly machine?: string;
}

export interface JsonResult {
  readonly filePath: string;
  readonly messages: JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: 0;
  readonly fixableWarningCount: 0;
}

/** ESLint has only two severities: `info` is shown as a warning (1), and only `error` is 2. */
export function eslintSeverity(severity: Severity): 1 | 2 {
  return severity === 'error' ? 2 : 1;
}

/** The results in ESLint's JSON shape, with 1-based lines and columns (end column exclusive). */
export function toJsonResults(results: readonly LintResult[], options: FormatOptions = {}): JsonResult[] {
  return results.map((result) => {
    const { lineMap } = result.document;
    let errorCount = 0;
    let warningCount = 0;
    const messages = result.diagnostics.map((diagnostic): JsonMessage => {
      const severity = eslintSeverity(diagnostic.severity);
      if (severity === 2) errorCount++;
      else warningCount++;
      const start = lineMap.position(diagnostic.range.start);
      const end = lineMap.position(diagnostic.range.end);
      return {
        ruleId: diagnostic.ruleId,
        severity,
        message: displayMessage(diagnostic),
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        state: diagnostic.state ?? null,
        statePath: diagnostic.statePath ?? null,
        docsUrl: diagnostic.docsUrl ?? null,
        ...(diagnostic.machine ? { machine: diagnostic.machine } : {}),
      };
    });
    return {
      filePath: absolutePath(result.file, options.cwd),
      messages,
      errorCount,
      warningCount,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    };
  });
}

/** ESLint-compatible JSON: one entry per file, including files without messages. */
export function formatJson(results: readonly LintResult[], options: FormatOptions = {}): string {
  return JSON.stringify(toJsonResults(results, options));
}
