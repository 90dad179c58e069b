import { displayMessage } from './message.js';
import type { LintResult } from '../engine/lint.js';
import type { FormatOptions } from './options.js';
import { displayPath } from './paths.js';

/**
 * One line per problem, `file:line:col: severity message [rule-id]`, the form editors'
 * error matchers and grep read. Nothing at all for a clean run.
 */
export function formatCompact(results: readonly LintResult[], options: FormatOptions = {}): string {
  let output = '';
  for (const result of results) {
    const file = displayPath(result.file, options.cwd);
    for (const diagnostic of result.diagnostics) {
      const { line, column } = result.document.lineMap.position(diagnostic.range.start);
      // A line break would split one problem into two lines for a line-based reader.
      const message = displayMessage(diagnostic).replace(/\r\n?|\n/g, ' ');
      output += `${file}:${line}:${column}: ${diagnostic.severity} ${message} [${diagnostic.ruleId}]\n`;
    }
  }
  return output;
}
