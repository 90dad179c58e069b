import { unfixable } from '../fix/fix-passes.js';
import { displayMessage } from './message.js';
import type { Severity } from '../diagnostic.js';
import type { LintResult } from '../engine/lint.js';
import type { FormatOptions } from './options.js';
import { displayPath } from './paths.js';
import { plural } from './plural.js';

type Style = (text: string) => string;

const plain: Style = (text) => text;
const ansi =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const styles = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  underline: ansi(4, 24),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  blue: ansi(34, 39),
};

const severityColor: Record<Severity, Style> = { error: styles.red, warning: styles.yellow, info: styles.blue };

/**
 * ESLint's stylish output: per file, the path and one aligned row per message
 * (`line:col  severity  message  rule-id`), then a summary. Empty when there is nothing to report.
 */
export function formatStylish(results: readonly LintResult[], options: FormatOptions = {}): string {
  const color = options.color === true;
  const style = (s: Style): Style => (color ? s : plain);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let output = '\n';

  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    const { lineMap } = result.document;
    // What --fix would fix: it leaves a file that does not parse alone.
    const fixes = !unfixable(result);
    const rows = result.diagnostics.map((diagnostic) => {
      counts[diagnostic.severity]++;
      if (fixes && diagnostic.fix?.safe) {
        if (diagnostic.severity === 'error') fixableErrors++;
        else fixableWarnings++;
      }
      const { line, column } = lineMap.position(diagnostic.range.start);
      return {
        line: String(line),
        column: String(column),
        severity: diagnostic.severity,
        // As ESLint does: drop the final full stop, the rule id follows.
        message: displayMessage(diagnostic).replace(/([^ ])\.$/u, '$1').replace(/\r?\n/g, ' '),
        ruleId: diagnostic.ruleId,
      };
    });
    // A loop, not Math.max(...lengths): spreading a list of 100,000 or more overflows the stack.
    const width = (key: 'line' | 'column' | 'severity' | 'message') => rows.reduce((widest, row) => Math.max(widest, row[key].length), 0);
    const [lineWidth, columnWidth, severityWidth, messageWidth] = [width('line'), width('column'), width('severity'), width('message')];

    output += `${style(styles.underline)(displayPath(result.file, options.cwd))}\n`;
    for (const row of rows) {
      const position = `${row.line.padStart(lineWidth)}:${row.column}`;
      const cells = [
        style(styles.dim)(position) + ' '.repeat(columnWidth - row.column.length),
        style(severityColor[row.severity])(row.severity) + ' '.repeat(severityWidth - row.severity.length),
        row.message + ' '.repeat(messageWidth - row.message.length),
        style(styles.dim)(row.ruleId),
      ];
      output += `  ${cells.join('  ')}`.trimEnd() + '\n';
    }
    output += '\n';
  }

  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '';
  const summaryColor = counts.error > 0 ? styles.red : counts.warning > 0 ? styles.yellow : styles.blue;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(plural(counts.info, 'info'));
  const summary = `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`;
  output += `${style(summaryColor)(style(styles.bold)(summary))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    // ESLint's line, word for word, so that people and scripts that know it find it.
    const fixable = `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`;
    output += `${style(summaryColor)(style(styles.bold)(fixable))}\n`;
  }
  return output;
}
