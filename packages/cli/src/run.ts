import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, LintOptions, LintResult, SourceDocument } from '@sfn-lint/core';
import { definitionRoots, docsUrlFor, formatters, lintDocument, parseDocument } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import type { RunOptions } from './args.js';
import type { FileTarget } from './files.js';
import { collectFiles } from './files.js';
import { ruleSeverities } from './rule-severities.js';

export interface Output {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** Lints what the options name, writes the report, and returns the exit code. */
export async function run(options: RunOptions, output: Output): Promise<number> {
  const lintOptions: LintOptions = { rules, severities: ruleSeverities(options.rules, rules) };
  const results: LintResult[] = [];

  if (options.stdin) {
    const file = options.stdinFilename === undefined ? '<stdin>' : resolve(output.cwd, options.stdinFilename);
    results.push(lintDocument(parseDocument(file, await readStdin()), { ...lintOptions, assumeDefinition: true }));
  } else {
    const targets = collectFiles(options.patterns.length > 0 ? options.patterns : ['.'], output.cwd);
    for (const target of targets) {
      const result = lintFile(target, lintOptions);
      if (result) results.push(result);
    }
  }

  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
    }
  }

  const shown = options.quiet ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') })) : results;
  const color = options.color ?? (output.stdout.isTTY === true && !output.env.NO_COLOR);
  const report = formatters[options.format](shown, { cwd: output.cwd, color });
  if (report !== '') output.stdout.write(report.endsWith('\n') ? report : `${report}\n`);

  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    output.stderr.write(`sfn-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** The result for one file, or undefined for a searched file that holds no definition. */
function lintFile(target: FileTarget, options: LintOptions): LintResult | undefined {
  let text: string;
  try {
    text = readFileSync(target.path, 'utf8');
  } catch (error) {
    if (!target.always) return undefined;
    return readError(target.path, error);
  }
  let document: SourceDocument;
  if (target.always) {
    document = parseDocument(target.path, text);
  } else {
    // Most data files are not definitions: a substring test spares parsing them.
    if (!text.includes('StartAt') && !text.includes('States')) return undefined;
    document = parseDocument(target.path, text);
    if (definitionRoots(document).length === 0) return undefined;
  }
  return lintDocument(document, { ...options, assumeDefinition: target.always });
}

function readError(file: string, error: unknown): LintResult {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
  // Reported under parse-error: the file's text could not be had, so nothing in it was checked.
  const diagnostic: Diagnostic = { ruleId: 'parse-error', severity: 'error', message: `This file cannot be read (${reason}), so it was not checked.`, file, range: { start: 0, end: 0 }, docsUrl: docsUrlFor('parse-error') };
  return { file, document: parseDocument(file, ''), machines: [], diagnostics: [diagnostic] };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
