import type { Diagnostic, Severity } from '../diagnostic.js';
import type { LintResult } from '../engine/lint.js';
import { displayMessage } from './message.js';
import type { FormatOptions } from './options.js';
import { repositoryPath } from './paths.js';
import { xmlAttribute, xmlText } from './xml.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The name of the one passing testcase of a file without findings. */
const CLEAN_TESTCASE = 'sfn-lint';

/**
 * JUnit XML as CI test dashboards read it: a `<testsuite>` per file, and in it a
 * `<testcase>` per rule with findings (name = rule id, classname = the file), which fails
 * with every finding of that rule listed. A clean file has one passing testcase, so it
 * still shows up as checked.
 */
export function formatJunit(results: readonly LintResult[], options: FormatOptions = {}): string {
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const result of results) {
    const file = xmlAttribute(repositoryPath(result.file, options));
    const byRule = new Map<string, Diagnostic[]>();
    for (const diagnostic of result.diagnostics) {
      const list = byRule.get(diagnostic.ruleId);
      if (list) list.push(diagnostic);
      else byRule.set(diagnostic.ruleId, [diagnostic]);
    }
    const cases =
      byRule.size === 0
        ? [`    <testcase name="${CLEAN_TESTCASE}" classname="${file}"/>`]
        : [...byRule.keys()].sort().map((ruleId) => failingCase(ruleId, file, byRule.get(ruleId)!, result));
    const suiteFailures = byRule.size;
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${file}" tests="${cases.length}" failures="${suiteFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const open = `<testsuites name="sfn-lint" tests="${tests}" failures="${failures}" errors="0">`;
  const body = suites.length === 0 ? `${open}</testsuites>` : `${open}\n${suites.join('\n')}\n</testsuites>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

function failingCase(ruleId: string, file: string, diagnostics: readonly Diagnostic[], result: LintResult): string {
  const { lineMap } = result.document;
  const severity = diagnostics.reduce<Severity>((worst, d) => (RANK[d.severity] > RANK[worst] ? d.severity : worst), 'info');
  const first = displayMessage(diagnostics[0]);
  const message = diagnostics.length === 1 ? first : `${first} (and ${diagnostics.length - 1} more)`;
  const lines = diagnostics.map((diagnostic) => {
    const { line, column } = lineMap.position(diagnostic.range.start);
    return `${line}:${column} ${displayMessage(diagnostic)}`;
  });
  return [
    `    <testcase name="${xmlAttribute(ruleId)}" classname="${file}">`,
    `      <failure message="${xmlAttribute(message)}" type="${severity}">${xmlText(lines.join('\n'))}</failure>`,
    `    </testcase>`,
  ].join('\n');
}
