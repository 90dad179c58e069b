import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter } from 'eslint';

const bin = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));

/** One finding as both the CLI's JSON report and ESLint show it: the fields the two share. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: number;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message: string;
}

/** The built CLI's JSON report for the files, by absolute path. */
export function cliFindings(files: readonly string[], cwd: string): Map<string, Finding[]> {
  const run = spawnSync(process.execPath, [bin, '--format', 'json', ...files], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`sfn-lint exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { filePath: string; messages: Finding[] }[];
  return new Map(report.map((result) => [result.filePath, result.messages.map(finding)]));
}

/** ESLint's messages as findings, without the plugin's prefix on rule ids. */
export function eslintFindings(result: ESLint.LintResult | { messages: Linter.LintMessage[] }): Finding[] {
  return result.messages.map((message) => finding({ ...message, ruleId: (message.ruleId ?? '').replace(/^sfn-lint\//, '') } as Finding));
}

function finding(message: Finding): Finding {
  const { ruleId, severity, line, column, endLine, endColumn } = message;
  return { ruleId, severity, line, column, endLine, endColumn, message: message.message };
}
