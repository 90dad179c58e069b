import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  applyStateOverrides,
  lintDocument,
  lintOptionsFor,
  parseDocument,
  renderStateGraph,
  stateGraphMachineNames,
  stateGraphModel,
  type Diagnostic,
  type LintResult,
} from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigFiles } from './config-files.js';
import { GRAPH_USAGE, type GraphCommand } from './graph-args.js';
import { readRelated } from './related-files.js';
import type { Output } from './run.js';
import { UsageError } from './usage-error.js';

/**
 * `sfn-lint graph`: lints one file as a lint run would (its config included), then draws
 * the state graph of its machines with their findings marked. Core builds the model and
 * the text; this only reads the file, picks the machine and writes the result.
 */
export function runGraphCommand(command: GraphCommand, output: Output): number {
  if (command.kind === 'graph-help') {
    output.stdout.write(`${GRAPH_USAGE}\n`);
    return 0;
  }
  const { options } = command;
  const file = resolve(output.cwd, options.file);
  const shown = relative(output.cwd, file) || options.file;
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${options.file} is a directory: sfn-lint graph draws one definition or template file.`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}.`);
  }

  const effective = new ConfigFiles({ cwd: output.cwd, explicit: options.config, commandLine: {}, rules }).effectiveFor(file);
  const lintOptions = { rules, readRelated, ...lintOptionsFor(effective, rules) };
  const result = applyStateOverrides(lintDocument(parseDocument(file, text), lintOptions), effective, rules);

  const names = stateGraphMachineNames(result);
  const model = stateGraphModel(result, { machine: options.machine });
  const unparsed = parseErrors(result, model.machines.length > 0 ? model.machines.map((machine) => machine.label) : undefined);
  if (unparsed.length > 0) {
    const lines = unparsed.map(({ source: where, diagnostic }) => {
      const { line, column } = where.document.lineMap.position(diagnostic.range.start);
      return `  ${relative(output.cwd, where.file) || where.file}:${line}:${column}: ${diagnostic.message}`;
    });
    output.stderr.write(`sfn-lint: ${shown} does not parse, so its graph cannot be drawn:\n${lines.join('\n')}\n`);
    return 2;
  }
  if (names.length === 0) {
    output.stderr.write(`sfn-lint: ${shown} holds no state machine: neither a definition (StartAt and States) nor a template with a readable definition.\n`);
    return 2;
  }
  if (model.machines.length === 0) {
    const known = names.map((name) => (name.logicalId ? `${name.logicalId} (${name.label})` : name.label)).join(', ');
    output.stderr.write(`sfn-lint: no state machine "${options.machine}" in ${shown}. Its state machines: ${known}.\n`);
    return 2;
  }

  const graph = renderStateGraph(model, options.format);
  if (options.format === 'mermaid') warnAboutMermaidLimits(graph, output);
  if (options.outputFile === undefined) {
    output.stdout.write(graph);
    return 0;
  }
  try {
    writeFileAtomic(resolve(output.cwd, options.outputFile), graph);
  } catch (error) {
    output.stderr.write(`sfn-lint: cannot write ${options.outputFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return 0;
}

interface Located {
  readonly source: LintResult;
  readonly diagnostic: Diagnostic;
}

/**
 * Parse errors that spoil the drawing: those of the file itself and of the definition
 * files the drawn machines are written in. A template machine whose definition cannot be
 * read is reported by its label, so drawing another machine still works.
 */
function parseErrors(result: LintResult, drawn: readonly string[] | undefined): Located[] {
  const found: Located[] = [];
  for (const source of [result, ...(result.included ?? [])]) {
    for (const diagnostic of source.diagnostics) {
      if (diagnostic.ruleId !== 'parse-error') continue;
      const about = diagnostic.machines ?? (diagnostic.machine === undefined ? undefined : [diagnostic.machine]);
      if (about && drawn && !about.some((label) => drawn.includes(label))) continue;
      found.push({ source, diagnostic });
    }
  }
  return found;
}

// Mermaid's defaults (maxTextSize, maxEdges): past them it draws an error instead of the graph.
const MERMAID_MAX_TEXT = 50_000;
const MERMAID_MAX_EDGES = 500;

/** A note on standard error when Mermaid, as configured by default, would refuse to draw the text. */
function warnAboutMermaidLimits(text: string, output: Output): void {
  const edges = text.match(/^ {2}\w+ -\.?->/gm)?.length ?? 0;
  if (text.length <= MERMAID_MAX_TEXT && edges <= MERMAID_MAX_EDGES) return;
  output.stderr.write(
    `sfn-lint: note: this graph has ${text.length} characters and ${edges} edges; Mermaid draws at most ${MERMAID_MAX_TEXT} and ${MERMAID_MAX_EDGES} unless ` +
      'its maxTextSize and maxEdges settings are raised. --format dot has no such limit.\n',
  );
}
