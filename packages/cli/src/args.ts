import { parseArgs } from 'node:util';
import type { Concurrency } from './lint-targets.js';
import { parseGraphCommand, type GraphCommand } from './graph-args.js';
import { outputTargets, type OutputTarget } from './output-targets.js';
import { UsageError } from './usage-error.js';

export type SeverityName = 'off' | 'error' | 'warning' | 'info';

export interface RuleSetting {
  readonly id: string;
  readonly severity: SeverityName;
}

export interface RunOptions {
  readonly patterns: readonly string[];
  /** At least one; at most one without a file (standard output). */
  readonly outputs: readonly OutputTarget[];
  /** Undefined: decide from the terminal and NO_COLOR. */
  readonly color: boolean | undefined;
  /** -1: no limit. */
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly rules: readonly RuleSetting[];
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly reportUnusedDisableDirectives: boolean;
  /** `--config`: one config file for every linted file, instead of the nearest one. */
  readonly config: string | undefined;
  /** `--print-config`: show the effective configuration of this file instead of linting. */
  readonly printConfig: string | undefined;
  /** `--fix` writes the safe fixes to the files; `--fix-dry-run` only reports as if it had. */
  readonly fix: FixMode | undefined;
  /** `--cache`: reuse results of unchanged files. */
  readonly cache: boolean;
  /** `--cache-location`: the cache file, or a directory for `.sfn-lintcache`. */
  readonly cacheLocation: string | undefined;
  readonly concurrency: Concurrency;
}

export type FixMode = 'write' | 'dry-run';

export interface PolicyCommandOptions {
  /** A template file or a directory (a cdk.out assembly, a project). */
  readonly target: string;
  /** A logical id or CDK path; every state machine when absent. */
  readonly machine: string | undefined;
  readonly format: 'json' | 'yaml';
  readonly diff: boolean;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: RunOptions }
  | { readonly kind: 'policy-help' }
  | { readonly kind: 'rule'; readonly id: string }
  | { readonly kind: 'policy'; readonly options: PolicyCommandOptions }
  | GraphCommand;

export const POLICY_USAGE = `Usage: sfn-lint policy <template|dir> [--machine <LogicalId>] [--format json|yaml] [--diff]

Prints the least-privilege IAM policy that each state machine's definition needs, derived
from its Task states (with their .sync extras), Distributed Maps, Credentials, logging and
tracing. Template references stay as Fn::Sub text, so the document pastes into the
template as it is. CloudFormation and SAM templates, cdk.out directories and
serverless.yml are read; notes about what could not be derived go to standard error.

Options:
      --machine <id>        Only this state machine (logical id or CDK path)
  -f, --format <name>       json (default) or yaml
      --diff                Show what the definition needs beside what its role grants
  -h, --help                Show this help`;

export const USAGE = `Usage: sfn-lint [options] [file|dir|glob ...]

Lints AWS Step Functions state machine definitions (Amazon States Language).
Directories are searched for *.asl.json, *.asl.yaml, *.asl.yml and for .json/.yaml/.yml
files that hold a definition (StartAt/States); node_modules and dot-directories are skipped.
Quote globs ('src/**/*.asl.{json,yaml}'): *, **, ?, [abc] and {a,b} are supported.
With no file, the current directory is searched.

Commands:
  sfn-lint policy <template|dir>   Print the least-privilege policy of each state machine
                                   (sfn-lint policy --help)
  sfn-lint rule <id>               Print a rule's documentation
  sfn-lint graph <file>            Draw the state graph as Mermaid or DOT, findings marked
                                   (sfn-lint graph --help)

Options:
  -f, --format <name>       Output format: stylish (default), json, compact, github,
                            junit or sarif (repeatable)
  -o, --output-file <file>  Write the report of the --format before it to a file
                            instead of standard output (written whole, or not at all)
      --max-warnings <n>    Exit with 1 when there are more than n warnings
      --quiet               Report errors only
      --rule <id:severity>  Set a rule's severity: off, info, warn|warning or error (repeatable)
      --report-unused-disable-directives
                            Report suppressions (sfn-lint-disable comments, Comment
                            directives, template Metadata) that suppress nothing
  -c, --config <file>       Use this config file for every file, instead of the nearest
                            sfn-lint.config.json, .yaml or .yml in the file's folder or above
      --print-config <file> Print the configuration that applies to a file, as JSON
      --fix                 Apply the safe fixes to the files, then report what remains
      --fix-dry-run         Report what would remain after --fix, and write nothing;
                            --format json gives each fixed text as "output"
      --stdin               Lint the text on standard input
      --stdin-filename <f>  Name for the standard input text; its extension picks JSON or YAML
      --cache               Reuse the results of files that did not change since the
                            last run with --cache (kept in .sfn-lintcache)
      --cache-location <p>  The cache file, or a directory to keep .sfn-lintcache in
      --concurrency <n>     Lint on n worker threads, auto (when there are many files
                            and several cores) or off (the default)
      --color, --no-color   Force or disable coloured output
  -h, --help                Show this help
  -v, --version             Show the version

Several reports in one run: each -o writes the --format before it, and one --format
without -o writes to standard output, for example
  sfn-lint --format github --format sarif -o sfn-lint.sarif
With a single --format, -o may come before or after it. GitHub annotations, SARIF and
JUnit name files relative to the repository root (the nearest directory with .git).

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 usage error, an invalid config file, an output file or a fixed file that
cannot be written, or internal failure.`;

const SEVERITIES: ReadonlyMap<string, SeverityName> = new Map([
  ['off', 'off'],
  ['info', 'info'],
  ['warn', 'warning'],
  ['warning', 'warning'],
  ['error', 'error'],
]);

export function parseCommand(argv: readonly string[]): Command {
  if (argv[0] === 'policy') return parsePolicyCommand(argv.slice(1));
  if (argv[0] === 'graph') return parseGraphCommand(argv.slice(1));
  if (argv[0] === 'rule') {
    if (argv.length !== 2 || argv[1].startsWith('-')) throw new UsageError('sfn-lint rule takes one rule id, for example: sfn-lint rule no-dead-end');
    return { kind: 'rule', id: argv[1] };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        'output-file': { type: 'string', short: 'o', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'report-unused-disable-directives': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'print-config': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        concurrency: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const outputs = outputTargets(
    (tokens ?? []).flatMap((token) =>
      token.kind === 'option' && (token.name === 'format' || token.name === 'output-file') && token.value !== undefined ? [{ name: token.name, value: token.value }] : [],
    ),
  );

  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin lints standard input: give no files with it.');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin.');
  if (values['print-config'] !== undefined && (positionals.length > 0 || values.stdin)) {
    throw new UsageError('--print-config shows the configuration of one file and lints nothing: give no other files, and no --stdin.');
  }

  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  if (values.fix && values.stdin) throw new UsageError('--fix has no file to write standard input to: use --fix-dry-run with --format json, which gives the fixed text as "output".');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache.');

  // The last of --color / --no-color wins.
  let color: boolean | undefined;
  for (const token of tokens ?? []) {
    if (token.kind === 'option' && token.name === 'color') color = true;
    if (token.kind === 'option' && token.name === 'no-color') color = false;
  }

  return {
    kind: 'run',
    options: {
      patterns: positionals,
      outputs,
      color,
      maxWarnings: parseMaxWarnings(values['max-warnings']),
      quiet: values.quiet === true,
      rules: (values.rule ?? []).flatMap(parseRuleSettings),
      stdin: values.stdin === true,
      stdinFilename: values['stdin-filename'],
      reportUnusedDisableDirectives: values['report-unused-disable-directives'] === true,
      config: values.config,
      printConfig: values['print-config'],
      fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined,
      cache: values.cache === true,
      cacheLocation: values['cache-location'],
      concurrency: parseConcurrency(values.concurrency),
    },
  };
}

const POLICY_OPTIONS = {
  machine: { type: 'string' },
  format: { type: 'string', short: 'f' },
  diff: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parsePolicyCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseOrThrow(() => parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: POLICY_OPTIONS }));
  if (values.help) return { kind: 'policy-help' };
  if (positionals.length !== 1) throw new UsageError('sfn-lint policy takes one template file or directory.');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'yaml') throw new UsageError(`Unknown policy format "${format}": use json or yaml.`);
  return { kind: 'policy', options: { target: positionals[0], machine: values.machine, format, diff: values.diff === true } };
}

/** node:util's parse errors, as usage errors. */
function parseOrThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return -1;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--max-warnings takes a whole number, not "${value}".`);
  return Math.max(-1, Number(value));
}

function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'off') return 'off';
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--concurrency takes auto, off or a number of threads (1 or more), not "${value}".`);
  return Number(value);
}

/** `id:severity`, several separated by commas. */
function parseRuleSettings(value: string): RuleSetting[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.lastIndexOf(':');
      const id = colon < 0 ? '' : part.slice(0, colon).trim();
      const severity = colon < 0 ? undefined : SEVERITIES.get(part.slice(colon + 1).trim().toLowerCase());
      if (!id || !severity) throw new UsageError(`--rule takes id:severity with severity off, info, warn, warning or error, not "${part}".`);
      return { id, severity };
    });
}
