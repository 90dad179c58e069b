import { resolve } from 'node:path';
import type { FormatOptions, LintOptions, LintResult, RuleDefinition } from '@sfn-lint/core';
import { formatters, lintDocument, parseDocument, reservedRules } from '@sfn-lint/core';
import { applyStateOverrides, lintOptionsFor } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import type { RunOptions } from './args.js';
import { writeFileAtomic } from './atomic-write.js';
import { cacheFilePath, codeIdentity, LintCache } from './cache.js';
import { ConfigFiles } from './config-files.js';
import { collectFiles } from './files.js';
import { FileFixer } from './fix-files.js';
import { lintTargets } from './lint-targets.js';
import type { OutputTarget } from './output-targets.js';
import { readRelated } from './related-files.js';
import { repositoryRoot } from './repository-root.js';
import { ruleSeverities } from './rule-severities.js';
import type { TextOutput } from './standard-streams.js';
import { version } from './version.js';

export interface Output {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
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
  const fixer = options.fix ? new FileFixer(options.fix, options.quiet, output.stderr) : undefined;

  if (options.stdin) {
    const file = options.stdinFilename === undefined ? undefined : resolve(output.cwd, options.stdinFilename);
    const effective = configs.effectiveFor(file);
    if (!effective.ignored) {
      const stdinOptions = { ...optionsFor(effective), assumeDefinition: true };
      const lint = (text: string, read = readRelated) =>
        applyStateOverrides(lintDocument(parseDocument(file ?? '<stdin>', text), { ...stdinOptions, readRelated: read }), effective, rules);
      const result = lint(await readStdin());
      results.push(fixer ? fixer.fix(result, lint) : result);
    }
  } else {
    const targets = collectFiles(options.patterns.length > 0 ? options.patterns : ['.'], output.cwd);
    const linted = targets.flatMap((target) => {
      const effective = configs.effectiveFor(target.path);
      return effective.ignored ? [] : [{ target, effective, options: optionsFor(effective) }];
    });
    const cache = options.cache ? LintCache.open(cacheFilePath(output.cwd, options.cacheLocation), codeIdentity(rules)) : undefined;
    const lintResults = await lintTargets(linted, { cache, concurrency: options.concurrency });
    linted.forEach(({ target, effective, options: fileOptions }, i) => {
      const found = lintResults[i];
      if (!found) return;
      const result = applyStateOverrides(found, effective, rules);
      const relint = (text: string, read = readRelated) =>
        applyStateOverrides(lintDocument(parseDocument(target.path, text), { ...fileOptions, readRelated: read, assumeDefinition: target.always }), effective, rules);
      results.push(fixer ? fixer.fix(result, relint) : result);
    });
    const cacheProblem = cache?.save();
    if (cacheProblem !== undefined) output.stderr.write(`sfn-lint: ${cacheProblem}\n`);
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

  if (!written || fixer?.ok === false) return 2;
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
  // Colour matters only when there is something to show: a clean run never asks whether
  // stdout is a terminal, which would make its stream (standard-streams.ts).
  const shows = results.some((result) => result.diagnostics.length > 0);
  let ok = true;
  for (const target of options.outputs) {
    // Colour only where a person reads it: a file gets escape codes only when asked for.
    const color = target.file === undefined ? (options.color ?? (shows && output.stdout.isTTY === true && !output.env.NO_COLOR)) : options.color === true;
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

/**
 * The results with the definition files that templates include. A file that a template
 * includes is reported once, as part of its template (which knows its type and role),
 * not again on its own.
 */
function withIncluded(results: readonly LintResult[]): LintResult[] {
  const included = results.flatMap((result) => result.included ?? []);
  const includedFiles = new Set(included.map((result) => result.file));
  // With --fix, only the lint that fixed a file has its output: the others read it fixed.
  const outputs = new Map([...results, ...included].flatMap((result) => (result.output === undefined ? [] : [[result.file, result.output] as const])));
  const seen = new Set<string>();
  const merged: LintResult[] = [];
  for (const result of [...results.filter((r) => !includedFiles.has(r.file)), ...included]) {
    if (seen.has(result.file)) continue;
    seen.add(result.file);
    const output = outputs.get(result.file);
    merged.push(output === undefined || result.output !== undefined ? result : { ...result, output });
  }
  return merged.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
