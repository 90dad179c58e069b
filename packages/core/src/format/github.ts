import type { Severity } from '../diagnostic.js';
import type { LintResult } from '../engine/lint.js';
import { displayMessage } from './message.js';
import type { FormatOptions } from './options.js';
import { repositoryPath } from './paths.js';
import { plural } from './plural.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message, escaped as @actions/core's `escapeData` does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, escaped as @actions/core's `escapeProperty` does. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner
 * turns into annotations on the pull request's files, then a plain summary line. Paths are
 * relative to the repository root, as GitHub names files.
 */
export function formatGithub(results: readonly LintResult[], options: FormatOptions = {}): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let output = '';
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    files++;
    const file = repositoryPath(result.file, options);
    const { lineMap } = result.document;
    for (const diagnostic of result.diagnostics) {
      counts[diagnostic.severity]++;
      const start = lineMap.position(diagnostic.range.start);
      const end = lineMap.position(diagnostic.range.end);
      const properties: [string, string | number][] = [
        ['file', file],
        ['line', start.line],
        ['endLine', end.line],
      ];
      // The runner rejects columns for a range that spans lines (@actions/core AnnotationProperties).
      if (start.line === end.line) properties.push(['col', start.column], ['endColumn', end.column]);
      properties.push(['title', diagnostic.ruleId]);
      const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      output += `::${COMMANDS[diagnostic.severity]} ${list}::${escapeData(displayMessage(diagnostic))}\n`;
    }
  }
  return `${output}${summary(counts, files, results.length)}\n`;
}

function summary(counts: Record<Severity, number>, files: number, checked: number): string {
  if (counts.error + counts.warning + counts.info === 0) return `sfn-lint: no problems in ${plural(checked, 'file')}`;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(plural(counts.info, 'info'));
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `sfn-lint: ${list} in ${plural(files, 'file')}`;
}
