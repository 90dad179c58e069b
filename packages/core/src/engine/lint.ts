import type { Diagnostic, RelatedLocation, Severity, SeveritySetting } from '../diagnostic.js';
import { docsUrlFor } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import { parseDocument } from '../document/document.js';
import type { DocNode, Range } from '../document/node.js';
import { scopeGraph } from '../graph/scope-graph.js';
import { valueEditOf } from '../document/value-edit.js';
import { buildMachine, looksLikeDefinition } from '../model/build.js';
import { machineAfterValueEdit } from '../model/value-edit.js';
import type { Machine, Scope, State } from '../model/types.js';
import type { DocumentContext, RelatedReport, Report, RuleContext, RuleDefinition, TemplateContext } from '../rule.js';
import { readDirectives, suppressFindings, unusedDirectives, type DirectiveProblem, type DirectiveSources, type DirectiveUsage } from '../suppress/index.js';
import { looksLikeServerless, looksLikeTemplate, readTemplate } from '../template/read-template.js';
import { boundedMessage } from './message-length.js';
import { embeddedDefinition, type RelatedReader } from '../template/embedded-definition.js';
import { templateMachines } from '../template/state-machines.js';
import type { TemplateMachine } from '../template/types.js';

export interface LintOptions {
  readonly rules: readonly RuleDefinition[];
  /** Severity per rule id; `off` disables a rule. Rules not named keep their default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Options per rule id, handed to the rule as `context.options`. */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Treat the document's root as a definition even when it has neither StartAt nor
   * States, so that a broken file named on the command line is still judged.
   */
  readonly assumeDefinition?: boolean;
  /**
   * Reads a file that a template names (SAM `DefinitionUri`, Serverless `${file(…)}`),
   * relative to the template's own file. The engine never touches the file system itself;
   * without this, such definitions are reported as not checked.
   */
  readonly readRelated?: RelatedReader;
  /**
   * Report `sfn-lint-disable` comments, Comment directives and template Metadata ignores that
   * suppress nothing (`unused-disable-directive`), so that stale ones get removed.
   */
  readonly reportUnusedDisableDirectives?: boolean;
  /**
   * The result for the document that this one was made from by `documentAfterValueEdit`.
   * Its machine is taken over, with only the edited state built again, when the edit
   * allows; it must not be used afterwards.
   */
  readonly previous?: LintResult;
}

export interface LintResult {
  readonly file: string;
  readonly document: SourceDocument;
  readonly machines: readonly Machine[];
  readonly diagnostics: readonly Diagnostic[];
  /** How many findings in this file directives suppressed; they are not in `diagnostics`. */
  readonly suppressed?: number;
  /** The state machines of a CloudFormation, SAM, CDK or Serverless template. */
  readonly templateMachines?: readonly TemplateMachine[];
  /** Results for definition files that the template names, linted in place. */
  readonly included?: readonly LintResult[];
  /** After fixing: the fixed text, when fixes changed the file (ESLint's `output`). */
  readonly output?: string;
}

export { looksLikeTemplate };

/** The roots of a document that are state machine definitions. */
export function definitionRoots(document: SourceDocument, assumeDefinition = false): DocNode[] {
  const roots = document.roots.filter((root) => looksLikeDefinition(root));
  if (roots.length > 0 || !assumeDefinition) return roots;
  return document.roots.filter((root) => !looksLikeTemplate(root) && !looksLikeServerless(root)).slice(0, 1);
}

/** The roots of a document that are templates holding state machines. */
export function templateRoots(document: SourceDocument): DocNode[] {
  return document.roots.filter((root) => !looksLikeDefinition(root) && (looksLikeTemplate(root) || looksLikeServerless(root)));
}

export function lintText(file: string, text: string, options: LintOptions): LintResult {
  return lintDocument(parseDocument(file, text), options);
}

/** The previous result's machine for this root, taken over after a value edit, or undefined to build one. */
function machineAfterEdit(document: SourceDocument, root: DocNode, previous: LintResult | undefined): Machine | undefined {
  const edit = previous && valueEditOf(document);
  if (!edit || edit.previous !== previous.document) return undefined;
  const machine = previous.machines.find((candidate) => candidate.root === root && candidate.document === previous.document);
  return machine && machineAfterValueEdit(machine, document, edit.node);
}

/** One definition to check, the document its ranges belong to, and its template machine if embedded. */
interface Unit {
  readonly machine: Machine;
  readonly document: SourceDocument;
  readonly embedding?: TemplateMachine;
}

/**
 * Runs every enabled rule over every definition in a document: the document itself, or
 * each state machine of a template (embedded, rebuilt from a DefinitionString, or read
 * from the file it names). A rule that throws gives one `internal-error` diagnostic for
 * the file and the others still run.
 */
export function lintDocument(document: SourceDocument, options: LintOptions): LintResult {
  const settings = options.settings ?? {};
  const sinks = new Map<SourceDocument, Diagnostic[]>([[document, []]]);
  const sinkOf = (doc: SourceDocument): Diagnostic[] => {
    let sink = sinks.get(doc);
    if (!sink) sinks.set(doc, (sink = []));
    return sink;
  };
  const enabled = (id: string): boolean => (options.severities?.[id] ?? 'error') !== 'off';

  reportParseProblems(document, sinkOf(document));
  const units: Unit[] = definitionRoots(document, options.assumeDefinition).map((root) => ({
    machine: machineAfterEdit(document, root, options.previous) ?? buildMachine(document, root),
    document,
  }));
  const templates = templateRoots(document).map((root) => readTemplate(document, root));
  const embedded: TemplateMachine[] = [];
  for (const template of templates) {
    for (const templateMachine of templateMachines(template)) {
      embedded.push(templateMachine);
      for (const problem of templateMachine.problems) {
        const ruleId = problem.severity === 'error' ? 'parse-error' : 'unchecked-definition';
        if (!enabled(ruleId)) continue;
        sinkOf(document).push({
          ruleId,
          severity: problem.severity,
          message: boundedMessage(problem.message),
          file: document.file,
          range: problem.range,
          machines: [templateMachine.label],
          docsUrl: docsUrlFor(ruleId),
        });
      }
      const unit = embeddedUnit(document, templateMachine, options, sinkOf);
      if (unit) units.push(unit);
    }
  }

  const internalErrors: string[] = [];
  const documents = [...new Set(units.map((unit) => unit.document)), document];
  for (const rule of options.rules) {
    const setting = options.severities?.[rule.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    const severity: Severity = setting;
    const ruleOptions = options.ruleOptions?.[rule.id] ?? NO_OPTIONS;
    // A rule may grade its findings, unless the user chose the rule's severity.
    const severityFor = (report: Report): Severity => (report.severity && options.severities?.[rule.id] === undefined ? report.severity : severity);
    if (rule.checkDocument) {
      for (const doc of new Set(documents)) {
        const context: DocumentContext = {
          document: doc,
          settings,
          options: ruleOptions,
          report: (report) => sinkOf(doc).push(toDiagnostic(rule, severityFor(report), report, doc, units.filter((u) => u.document === doc).map((u) => u.machine))),
        };
        run(rule, () => rule.checkDocument!(context), internalErrors);
      }
    }
    if (rule.check) {
      for (const unit of units) {
        const machineType = unit.embedding?.machineType;
        const context: RuleContext = {
          document: unit.document,
          settings: machineType ? { ...settings, machineType } : settings,
          options: ruleOptions,
          machine: unit.machine,
          embedding: unit.embedding,
          graph: scopeGraph,
          // Inside a DefinitionString the fix functions write into the template's escaped strings.
          report: (report) => sinkOf(unit.document).push(toDiagnostic(rule, severityFor(report), report, unit.document, [unit.machine], unit.embedding?.label)),
        };
        run(rule, () => rule.check!(context), internalErrors);
      }
    }
    if (rule.checkTemplate) {
      for (const template of templates) {
        const context: TemplateContext = {
          document,
          settings,
          options: ruleOptions,
          template,
          machines: embedded.filter((machine) => machine.template === template),
          definitionOf: (machine) => units.find((unit) => unit.embedding === machine)?.machine,
          report: (report) => sinkOf(document).push(toDiagnostic(rule, severityFor(report), report, document, [])),
        };
        run(rule, () => rule.checkTemplate!(context), internalErrors);
      }
    }
  }

  if (internalErrors.length > 0) {
    sinkOf(document).push({
      ruleId: 'internal-error',
      severity: 'error',
      message: boundedMessage(`sfn-lint failed inside ${internalErrors.join('; ')}. The other rules still ran. Please report this with the file.`),
      file: document.file,
      range: { start: 0, end: 0 },
      docsUrl: docsUrlFor('internal-error'),
    });
  }
  const suppressed = applyDirectives(
    sinks,
    { documents: [...new Set(documents)], definitions: units.map((unit) => ({ machine: unit.machine, label: unit.embedding?.label })), templateMachines: embedded },
    options,
  );
  const machinesOf = (doc: SourceDocument) => units.filter((unit) => unit.document === doc).map((unit) => unit.machine);
  const included = [...sinks.keys()]
    .filter((doc) => doc !== document)
    .map((doc): LintResult => ({ file: doc.file, document: doc, machines: machinesOf(doc), diagnostics: sinks.get(doc)!, suppressed: suppressed.get(doc) ?? 0 }));
  return {
    file: document.file,
    document,
    machines: machinesOf(document),
    diagnostics: sinks.get(document)!,
    suppressed: suppressed.get(document) ?? 0,
    ...(templates.length > 0 ? { templateMachines: embedded } : {}),
    ...(included.length > 0 ? { included } : {}),
  };
}

/**
 * Sorts and dedupes each document's findings, removes those that directives suppress, and
 * adds the reports about directives: invalid ones always, unused ones when asked. Returns
 * how many findings each document lost.
 */
function applyDirectives(sinks: Map<SourceDocument, Diagnostic[]>, sources: DirectiveSources, options: LintOptions): Map<SourceDocument, number> {
  const severityOf = (ruleId: string, fallback: Severity): Severity | undefined => {
    const setting = options.severities?.[ruleId] ?? fallback;
    return setting === 'off' ? undefined : setting;
  };
  const { directives, problems } = readDirectives(sources, options.rules);
  const usage: DirectiveUsage = new Map();
  const suppressed = new Map<SourceDocument, number>();
  for (const [doc, sink] of sinks) {
    const result = suppressFindings(doc, sortAndDedupe(sink), directives, usage);
    sinks.set(doc, result.kept);
    suppressed.set(doc, result.suppressed);
  }
  const report = (ruleId: string, severity: Severity | undefined, found: readonly DirectiveProblem[]) => {
    if (!severity) return;
    for (const problem of found) {
      const sink = sinks.get(problem.document) ?? [];
      sink.push({ ruleId, severity, message: boundedMessage(problem.message), file: problem.document.file, range: problem.range, docsUrl: docsUrlFor(ruleId) });
      sinks.set(problem.document, sink);
    }
  };
  report('invalid-directive', severityOf('invalid-directive', 'error'), problems);
  if (options.reportUnusedDisableDirectives) {
    const unused = unusedDirectives(directives, usage, (ruleId) => options.severities?.[ruleId] !== 'off');
    report('unused-disable-directive', severityOf('unused-disable-directive', 'warning'), unused);
  }
  if (problems.length > 0 || options.reportUnusedDisableDirectives) for (const [doc, sink] of sinks) sinks.set(doc, sortAndDedupe(sink));
  return suppressed;
}

function reportParseProblems(document: SourceDocument, sink: Diagnostic[]): void {
  for (const problem of document.problems) {
    if (problem.code !== 'parse-error') continue;
    sink.push({ ruleId: 'parse-error', severity: 'error', message: boundedMessage(problem.message), file: document.file, range: problem.range, docsUrl: docsUrlFor('parse-error') });
  }
}

/** The definition of a template's state machine as a unit to check, or undefined when there is none to read. */
function embeddedUnit(
  document: SourceDocument,
  templateMachine: TemplateMachine,
  options: LintOptions,
  sinkOf: (doc: SourceDocument) => Diagnostic[],
): Unit | undefined {
  const found = embeddedDefinition(document, templateMachine, options.readRelated);
  if (found.kind === 'none') return undefined;
  if (found.kind === 'unreadable') {
    const { ruleId, severity, message, range } = found;
    sinkOf(document).push({ ruleId, severity, message: boundedMessage(message), file: document.file, range, machines: [templateMachine.label], docsUrl: docsUrlFor(ruleId) });
    return undefined;
  }
  if (found.document !== document) reportParseProblems(found.document, sinkOf(found.document));
  return { machine: found.machine, document: found.document, embedding: templateMachine };
}

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

function run(rule: RuleDefinition, body: () => void, internalErrors: string[]): void {
  try {
    body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    internalErrors.push(`rule "${rule.id}" (${message})`);
  }
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

function toDiagnostic(
  rule: RuleDefinition,
  severity: Severity,
  report: Report,
  document: SourceDocument,
  machines: readonly Machine[],
  machineLabel?: string,
): Diagnostic {
  let state = report.state;
  if (!state && report.node) for (const machine of machines) state ??= stateOf(machine, report.node);
  if (!state && !report.node && report.range) state = stateAt(machines, report.range.start);
  const related: RelatedLocation[] | undefined = report.related?.map((r: RelatedReport) => ({
    range: rangeOf(r.node, r.range, r.at),
    message: boundedMessage(r.message),
  }));
  return {
    ruleId: rule.id,
    severity,
    message: boundedMessage(report.message),
    file: document.file,
    range: rangeOf(report.node, report.range, report.at),
    state: state?.name,
    statePath: state?.path,
    ...(report.machine ?? machineLabel ? { machine: report.machine ?? machineLabel } : {}),
    ...(report.machines ? { machines: report.machines } : {}),
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
