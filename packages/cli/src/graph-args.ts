import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export interface GraphCommandOptions {
  /** The definition or template file to draw. */
  readonly file: string;
  readonly format: 'mermaid' | 'dot';
  /** A logical id or CDK path; every state machine of the file when absent. */
  readonly machine: string | undefined;
  /** Written atomically instead of standard output. */
  readonly outputFile: string | undefined;
  /** `--config`: one config file instead of the nearest one, for the findings marked. */
  readonly config: string | undefined;
}

export type GraphCommand = { readonly kind: 'graph-help' } | { readonly kind: 'graph'; readonly options: GraphCommandOptions };

export const GRAPH_USAGE = `Usage: sfn-lint graph <file> [--format mermaid|dot] [--machine <id>] [-o <file>]

Draws the state graph of a definition, or of each state machine in a CloudFormation, SAM,
CDK or Serverless template: Parallel branches and Map processors as nested boxes, every
Next, Default, choice rule and catcher as an edge, and the states with findings bordered
red (error), orange (warning) or blue (info) with their rule ids. Findings follow the
nearest sfn-lint.config.* as a lint does.

Options:
  -f, --format <name>       mermaid (default; GitHub renders it in Markdown) or dot
                            (Graphviz: dot -Tsvg)
      --machine <id>        Only this state machine of a template (logical id or CDK path)
  -o, --output-file <file>  Write to a file instead of standard output (whole, or not at all)
  -c, --config <file>       Use this config file instead of the nearest one
  -h, --help                Show this help

Exit codes: 0 drawn, 2 usage error (no such file, no state machine, a file that does not
parse, an unknown --machine) or an output file that cannot be written.`;

const GRAPH_OPTIONS = {
  format: { type: 'string', short: 'f' },
  machine: { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `sfn-lint graph …`, the arguments after `graph`. */
export function parseGraphCommand(argv: readonly string[]): GraphCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: GRAPH_OPTIONS });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'graph-help' };
  if (positionals.length !== 1) throw new UsageError('sfn-lint graph draws one file, for example: sfn-lint graph workflow.asl.json');
  const format = values.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot') throw new UsageError(`Unknown graph format "${format}": use mermaid or dot.`);
  return {
    kind: 'graph',
    options: { file: positionals[0], format, machine: values.machine, outputFile: values['output-file'], config: values.config },
  };
}
