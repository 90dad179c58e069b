import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, FormatOptions, LintOptions, LintResult, RuleDefinition, SourceDocument } from '@sfn-lint/core';
import { docsUrlFor, formatters, holdsStateMachines, lintDocument, mayHoldStateMachines, parseDocument, reservedRules } from '@sfn-lint/core';
import { applyStateOverrides, lintOptionsFor } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import type { RunOptions } from './args.js';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigFiles } from './config-files.js';
import type { FileTarget } from './files.js';
import { collectFiles } from './files.js';
import type { OutputTarget } from './output-targets.js';
import { readRelated } from './related-files.js';
import { repositoryRoot } from './repository-root.js';
import { ruleSeverities } from './rule-severities.js';
import { version } from './version.js';

export interface Output {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** Lints what the options name, writes the report, and returns the exit code. */
export async function run(options: RunOptions, output: Output): Promise<number> {
  const configs = new ConfigFiles({ cwd: output.cwd, explicit: options.config, commandLine: ruleSeverities(options.rules, rules), rules });
  if (options.printConfig !== undefined) {
    output.stdout.write(`${JSON.stringify(configs.printable(options.printConfig), null, 2)}
`);
    return 0;
  }
  const lintOptions: LintOptions = { rules, readRelated, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives };
  // The rules on for at least one file: what a SARIF report describes.
  const ran = new Set<string>();
  const optionsFor = (effective: Parameters<typeof lintOptionsFor>[0]): LintOptions => {
    const perFile = lintOptionsFor(effective, rules);
    for (const rule of rules) if ((perFile.severities?.[rule.id] ?? rule.meta.severity) !== 'off') ran.add(rule.id);
    return { ...lintOptions, ...perFile };
  };
  const results: LintResult[] = [];

  if (options.stdin) {
    const file = options.stdinFilename === undefined ? undefined : resolve(output.cwd, options.stdinFilename);
    const effective = configs.effectiveFor(file);
    if (!effective.ignored) {
      const result = lintDocument(parseDocument(file ?? '<stdin>', await readStdin()), { ...optionsFor(effective), assumeDefinition: true });
      results.push(applyStateOverrides(result, effective, rules));
    }
  } else {
    const targets = collectFiles(options.patterns.length > 0 ? options.patterns : ['.'], output.cwd);
    for (const target of targets) {
      const effective = configs.effectiveFor(target.path);
      if (effective.ignored) continue;
      const result = lintFile(target, optionsFor(effective));
      if (result) results.push(applyStateOverrides(result, effective, rules));
    }
  }
  const all = withIncluded(results);

  let errors = 0;
  let warnings = 0;
  for (const result of all) {
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
    }
  }

  const shown = options.quiet ? all.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') })) : all;
  const written = writeReports(options, shown, ran, output);

  if (!written) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    output.stderr.write(`sfn-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/**
 * Writes each report where its target says, files atomically. A file that cannot be
 * written is reported and the other reports are still written; false then.
 */
function writeReports(options: RunOptions, results: readonly LintResult[], ran: ReadonlySet<string>, output: Output): boolean {
  const sarif = options.outputs.some((target) => target.format === 'sarif');
  const base: FormatOptions = {
    cwd: output.cwd,
    root: options.outputs.some(needsRoot) ? repositoryRoot(output.cwd) : undefined,
    rules: sarif ? rulesRun(ran) : undefined,
    toolVersion: sarif ? version() : undefined,
  };
  let ok = true;
  for (const target of options.outputs) {
    // Colour only where a person reads it: a file gets escape codes only when asked for.
    const color = target.file === undefined ? (options.color ?? (output.stdout.isTTY === true && !output.env.NO_COLOR)) : options.color === true;
    const report = formatters[target.format](results, { ...base, color });
    const text = report === '' || report.endsWith('\n') ? report : `${report}\n`;
    if (target.file === undefined) {
      if (text !== '') output.stdout.write(text);
      continue;
    }
    try {
      writeFileAtomic(resolve(output.cwd, target.file), text);
    } catch (error) {
      ok = false;
      output.stderr.write(`sfn-lint: cannot write ${target.file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return ok;
}

/** Formats made for CI name files relative to the repository root, as the services do. */
function needsRoot(target: OutputTarget): boolean {
  return target.format === 'sarif' || target.format === 'github' || target.format === 'junit';
}

/** Every rule that was on for some file of this run, and the engine's own ids, by id. */
function rulesRun(ran: ReadonlySet<string>): RuleDefinition[] {
  return [...rules.filter((rule) => ran.has(rule.id)), ...reservedRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
    if (!mayHoldStateMachines(text)) return undefined;
    document = parseDocument(target.path, text);
    if (!holdsStateMachines(document)) return undefined;
  }
  return lintDocument(document, { ...options, assumeDefinition: target.always });
}

/**
 * The results with the definition files that templates include. A file that a template
 * includes is reported once, as part of its template (which knows its type and role),
 * not again on its own.
 */
function withIncluded(results: readonly LintResult[]): LintResult[] {
  const included = results.flatMap((result) => result.included ?? []);
  const includedFiles = new Set(included.map((result) => result.file));
  const seen = new Set<string>();
  const merged: LintResult[] = [];
  for (const result of [...results.filter((r) => !includedFiles.has(r.file)), ...included]) {
    if (seen.has(result.file)) continue;
    seen.add(result.file);
    merged.push(result);
  }
  return merged.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
