import type { Diagnostic, RelatedLocation, Severity, SeveritySetting } from '../diagnostic.js';
import { docsUrlFor } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import { parseDocument } from '../document/document.js';
import type { DocNode, Range } from '../document/node.js';
import { member } from '../document/node-access.js';
import { ScopeGraph } from '../graph/scope-graph.js';
import { buildMachine, looksLikeDefinition } from '../model/build.js';
import type { Machine, Scope, State } from '../model/types.js';
import type { DocumentContext, RelatedReport, Report, RuleContext, RuleDefinition } from '../rule.js';

export interface LintOptions {
  readonly rules: readonly RuleDefinition[];
  /** Severity per rule id; `off` disables a rule. Rules not named keep their default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * Treat the document's root as a definition even when it has neither StartAt nor
   * States, so that a broken file named on the command line is still judged.
   */
  readonly assumeDefinition?: boolean;
}

export interface LintResult {
  readonly file: string;
  readonly document: SourceDocument;
  readonly machines: readonly Machine[];
  readonly diagnostics: readonly Diagnostic[];
}

/** True for a CloudFormation or SAM template, which holds definitions rather than being one. */
export function looksLikeTemplate(node: DocNode | undefined): boolean {
  if (node?.kind !== 'object') return false;
  return member(node, 'AWSTemplateFormatVersion') !== undefined || member(node, 'Resources')?.kind === 'object';
}

/** The roots of a document that are state machine definitions. */
export function definitionRoots(document: SourceDocument, assumeDefinition = false): DocNode[] {
  const roots = document.roots.filter((root) => looksLikeDefinition(root));
  if (roots.length > 0 || !assumeDefinition) return roots;
  return document.roots.filter((root) => !looksLikeTemplate(root)).slice(0, 1);
}

export function lintText(file: string, text: string, options: LintOptions): LintResult {
  return lintDocument(parseDocument(file, text), options);
}

/**
 * Runs every enabled rule over every definition in a document. A rule that throws gives
 * one `internal-error` diagnostic for the file and the others still run.
 */
export function lintDocument(document: SourceDocument, options: LintOptions): LintResult {
  const diagnostics: Diagnostic[] = [];
  const settings = options.settings ?? {};
  const file = document.file;

  for (const problem of document.problems) {
    if (problem.code !== 'parse-error') continue;
    diagnostics.push({ ruleId: 'parse-error', severity: 'error', message: problem.message, file, range: problem.range, docsUrl: docsUrlFor('parse-error') });
  }

  const machines = definitionRoots(document, options.assumeDefinition).map((root) => buildMachine(document, root));
  const internalErrors: string[] = [];

  for (const rule of options.rules) {
    const setting = options.severities?.[rule.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    const severity: Severity = setting;
    if (rule.checkDocument) {
      const context: DocumentContext = {
        document,
        settings,
        report: (report) => diagnostics.push(toDiagnostic(rule, severity, report, document, machines)),
      };
      run(rule, () => rule.checkDocument!(context), internalErrors);
    }
    if (!rule.check) continue;
    for (const machine of machines) {
      const context: RuleContext = {
        document,
        settings,
        machine,
        graph: (scope) => graphOf(machine, scope),
        report: (report) => diagnostics.push(toDiagnostic(rule, severity, report, document, [machine])),
      };
      run(rule, () => rule.check!(context), internalErrors);
    }
  }

  if (internalErrors.length > 0) {
    diagnostics.push({
      ruleId: 'internal-error',
      severity: 'error',
      message: `sfn-lint failed inside ${internalErrors.join('; ')}. The other rules still ran. Please report this with the file.`,
      file,
      range: { start: 0, end: 0 },
      docsUrl: docsUrlFor('internal-error'),
    });
  }
  return { file, document, machines, diagnostics: sortAndDedupe(diagnostics) };
}

function run(rule: RuleDefinition, body: () => void, internalErrors: string[]): void {
  try {
    body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    internalErrors.push(`rule "${rule.id}" (${message})`);
  }
}

const graphs = new WeakMap<Scope, ScopeGraph>();

function graphOf(_machine: Machine, scope: Scope): ScopeGraph {
  let graph = graphs.get(scope);
  if (!graph) {
    graph = new ScopeGraph(scope);
    graphs.set(scope, graph);
  }
  return graph;
}

const stateIndex = new WeakMap<Machine, Map<DocNode, State>>();

/** The innermost state whose value contains the node. */
function stateOf(machine: Machine, node: DocNode | undefined): State | undefined {
  if (!node) return undefined;
  let index = stateIndex.get(machine);
  if (!index) {
    index = new Map(machine.states.map((state) => [state.node, state]));
    stateIndex.set(machine, index);
  }
  for (let current: DocNode | undefined = node; current; current = current.parent) {
    const state = index.get(current);
    if (state) return state;
  }
  return undefined;
}

function rangeOf(node: DocNode | undefined, range: Range | undefined, at: 'key' | 'value' | undefined): Range {
  if (range) return range;
  if (!node) return { start: 0, end: 0 };
  if (at === 'key' && node.keyRange) return node.keyRange;
  return node.range;
}

/** The innermost state whose name or value holds the offset. */
function stateAt(machines: readonly Machine[], offset: number): State | undefined {
  let best: State | undefined;
  for (const machine of machines) {
    for (const state of machine.states) {
      const start = state.node.keyRange?.start ?? state.node.range.start;
      if (start <= offset && offset < state.node.range.end && (!best || state.path.length > best.path.length)) best = state;
    }
  }
  return best;
}

function toDiagnostic(rule: RuleDefinition, severity: Severity, report: Report, document: SourceDocument, machines: readonly Machine[]): Diagnostic {
  let state = report.state;
  if (!state && report.node) for (const machine of machines) state ??= stateOf(machine, report.node);
  if (!state && !report.node && report.range) state = stateAt(machines, report.range.start);
  const related: RelatedLocation[] | undefined = report.related?.map((r: RelatedReport) => ({
    range: rangeOf(r.node, r.range, r.at),
    message: r.message,
  }));
  return {
    ruleId: rule.id,
    severity,
    message: report.message,
    file: document.file,
    range: rangeOf(report.node, report.range, report.at),
    state: state?.name,
    statePath: state?.path,
    related: related && related.length > 0 ? related : undefined,
    docsUrl: rule.docsUrl,
    fix: report.fix,
  };
}

function sortAndDedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  diagnostics.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const last = result[result.length - 1];
    if (
      last &&
      last.ruleId === diagnostic.ruleId &&
      last.range.start === diagnostic.range.start &&
      last.range.end === diagnostic.range.end &&
      last.message === diagnostic.message
    ) {
      continue;
    }
    result.push(diagnostic);
  }
  return result;
}
