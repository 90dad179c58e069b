import { displayMessage } from './message.js';
import type { Fix, Severity } from '../diagnostic.js';
import { applyEdits } from '../fix/apply.js';
import { unfixable } from '../fix/fix-passes.js';
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
  /** A safe fix, as ESLint writes it: one replacement of the text between two offsets. */
  readonly fix?: JsonFix;
  /** A fix that is not safe, as ESLint writes a suggestion: for a person to apply. */
  readonly suggestions?: readonly { readonly desc: string; readonly fix: JsonFix }[];
}

export interface JsonFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface JsonResult {
  readonly filePath: string;
  readonly messages: JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: number;
  readonly fixableWarningCount: number;
  /** After fixing, the fixed text, when the fixes changed the file. */
  readonly output?: string;
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
    let fixableErrorCount = 0;
    let fixableWarningCount = 0;
    // --fix leaves a file that does not parse alone: its fixes are offered as suggestions only.
    const fixes = !unfixable(result);
    const messages = result.diagnostics.map((diagnostic): JsonMessage => {
      const severity = eslintSeverity(diagnostic.severity);
      if (severity === 2) errorCount++;
      else warningCount++;
      const edit = diagnostic.fix ? singleEdit(result.document.text, diagnostic.fix) : undefined;
      const fix = fixes && diagnostic.fix?.safe ? edit : undefined;
      const suggestion = diagnostic.fix && !fix && edit ? { desc: diagnostic.fix.description, fix: edit } : undefined;
      if (fix && severity === 2) fixableErrorCount++;
      else if (fix) fixableWarningCount++;
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
        ...(fix ? { fix } : {}),
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      };
    });
    return {
      filePath: absolutePath(result.file, options.cwd),
      messages,
      errorCount,
      warningCount,
      fixableErrorCount,
      fixableWarningCount,
      ...(result.output !== undefined ? { output: result.output } : {}),
    };
  });
}

/** A fix's edits as one replacement, from the first edit's start to the last one's end. */
function singleEdit(text: string, fix: Fix): JsonFix | undefined {
  if (fix.edits.length === 0) return undefined;
  const start = Math.min(...fix.edits.map((edit) => edit.range.start));
  const end = Math.max(...fix.edits.map((edit) => edit.range.end));
  if (start < 0 || end > text.length) return undefined;
  const shifted = fix.edits.map((edit) => ({ range: { start: edit.range.start - start, end: edit.range.end - start }, text: edit.text }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

/** ESLint-compatible JSON: one entry per file, including files without messages. */
export function formatJson(results: readonly LintResult[], options: FormatOptions = {}): string {
  return JSON.stringify(toJsonResults(results, options));
}
