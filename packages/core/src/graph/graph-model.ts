import type { Diagnostic, Severity } from '../diagnostic.js';
import { booleanValue, stringValue } from '../document/node-access.js';
import type { Range } from '../document/node.js';
import type { LintResult } from '../engine/lint.js';
import type { ChoiceRule, Machine, Scope, State, TransitionKind } from '../model/types.js';
import { scopeGraph } from './scope-graph.js';

/**
 * The state graph of the machines of one lint result, as plain data: machines → scopes →
 * states, with typed edges and each state's findings. Every id is unique in the model and
 * made of ASCII letters, digits and `_` only, so that a renderer can use it as it is.
 * Ranges are 0-based UTF-16 offsets into the machine's `file`. The model holds no
 * functions, cycles or class instances: `JSON.stringify` gives all of it.
 */
export interface StateGraphModel {
  readonly version: 1;
  readonly machines: readonly GraphMachine[];
}

export interface GraphMachine {
  readonly id: string;
  /** The machine's name: its logical id or CDK path in a template, else the file's name. */
  readonly label: string;
  /** The template resource's logical id, for a machine of a template. */
  readonly logicalId?: string;
  /** The file its definition is written in (a template, or the file a template names). */
  readonly file: string;
  readonly range: Range;
  readonly scope: GraphScope;
  /** Findings about the machine that no single state holds (its StartAt, its role, its logging). */
  readonly diagnostics: readonly GraphDiagnostic[];
  /** The worst severity among the findings of the machine and all of its states. */
  readonly severity?: Severity;
}

export type GraphScopeKind = 'machine' | 'branch' | 'processor';

export interface GraphScope {
  readonly id: string;
  readonly kind: GraphScopeKind;
  /** "Branch 1", "ItemProcessor", "ItemProcessor (distributed)"; the machine's label for the machine. */
  readonly label: string;
  /** The path of the Parallel or Map state holding the scope; empty for the machine. */
  readonly path: readonly string[];
  /** The StartAt text, when it is a string. */
  readonly startAt?: string;
  /** The id of the state StartAt names; absent when it names none. */
  readonly start?: string;
  readonly distributed: boolean;
  /** In source order. */
  readonly states: readonly GraphState[];
  /** The transitions of this scope's states, those to missing states included. */
  readonly edges: readonly GraphEdge[];
}

export type GraphStateKind = State['kind'];

/** How a state ends its scope, when it does: `End: true`, Succeed or Fail. */
export type GraphTerminal = 'end' | 'succeed' | 'fail';

export interface GraphState {
  readonly id: string;
  readonly name: string;
  readonly kind: GraphStateKind;
  /** The declared Type, for an `Unknown` state whose Type is not one of the eight. */
  readonly type?: string;
  /** Names of the enclosing states and this one. */
  readonly path: readonly string[];
  /** The state's value. */
  readonly range: Range;
  /** The state's name as a key. */
  readonly nameRange: Range;
  readonly start: boolean;
  readonly terminal?: GraphTerminal;
  /** False when StartAt cannot lead to it. */
  readonly reachable: boolean;
  /** Parallel branches or the Map's processor, in order. */
  readonly scopes: readonly GraphScope[];
  readonly diagnostics: readonly GraphDiagnostic[];
  /** The worst severity among `diagnostics`. */
  readonly severity?: Severity;
}

export interface GraphEdge {
  readonly kind: TransitionKind;
  readonly from: string;
  /** The target state's id; absent when the target name is no state of the scope. */
  readonly to?: string;
  /** The target name as written; absent when it is not a string. */
  readonly target?: string;
  /** Short text for the edge: a choice rule's condition, a catcher's errors, "Default". */
  readonly label?: string;
  /** The position of the choice rule or catcher. */
  readonly index?: number;
  /** A catcher's ErrorEquals names. */
  readonly errors?: readonly string[];
  /** Where the target name is written. */
  readonly range: Range;
}

export interface GraphDiagnostic {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
}

export interface StateGraphOptions {
  /** Only the machine with this label, logical id or CDK path. */
  readonly machine?: string;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 1, warning: 2, error: 3 };

/** The worse of two severities. */
export function worseSeverity(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

interface Candidate {
  readonly machine: Machine;
  readonly label: string;
  readonly logicalId?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The state graph model of the machines a lint result holds: a standalone definition, or
 * each state machine of a template (definitions in files the template names included).
 * Reads the model and each scope's graph as the rules saw them; analyses nothing again.
 */
export function stateGraphModel(result: LintResult, options: StateGraphOptions = {}): StateGraphModel {
  const machines: GraphMachine[] = [];
  for (const candidate of candidates(result)) {
    if (options.machine !== undefined && options.machine !== candidate.label && options.machine !== candidate.logicalId) continue;
    machines.push(graphMachine(candidate, `m${machines.length}`));
  }
  return { version: 1, machines };
}

/** The labels (and logical ids) of the machines `stateGraphModel` would draw, for choosing one. */
export function stateGraphMachineNames(result: LintResult): { readonly label: string; readonly logicalId?: string }[] {
  return candidates(result).map(({ label, logicalId }) => (logicalId === undefined || logicalId === label ? { label } : { label, logicalId }));
}

function candidates(result: LintResult): Candidate[] {
  const logicalIds = new Map((result.templateMachines ?? []).map((machine) => [machine.label, machine.logicalId]));
  const found: Candidate[] = [];
  for (const source of [result, ...(result.included ?? [])]) {
    const standalone = source.machines.filter((machine) => machine.name === undefined);
    for (const machine of source.machines) {
      let label = machine.name;
      if (label === undefined) {
        const base = baseName(machine.document.file);
        label = standalone.length > 1 ? `${base} (${standalone.indexOf(machine) + 1})` : base;
      }
      const logicalId = machine.name === undefined ? undefined : logicalIds.get(machine.name);
      found.push({ machine, label, ...(logicalId === undefined ? {} : { logicalId }), diagnostics: machineDiagnostics(machine, result, source) });
    }
  }
  return found;
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

/** The findings about one machine: in its own file, and the template's about it by label. */
function machineDiagnostics(machine: Machine, result: LintResult, source: LintResult): Diagnostic[] {
  const own = source.diagnostics.filter((diagnostic) => {
    if (diagnostic.machines) return machine.name !== undefined && diagnostic.machines.includes(machine.name);
    // A template's machine is named in each finding about its definition.
    if (machine.name !== undefined) return diagnostic.machine === machine.name;
    if (diagnostic.machine !== undefined) return false;
    // Several standalone definitions in one file (YAML documents): each holds its own ranges.
    return within(diagnostic.range, machine.root.range);
  });
  if (source === result || machine.name === undefined) return own;
  // A template's findings about a machine whose definition is in another file.
  return own.concat(result.diagnostics.filter((diagnostic) => diagnostic.machines?.includes(machine.name!) === true));
}

function within(inner: Range, outer: Range): boolean {
  return outer.start <= inner.start && inner.start < Math.max(outer.end, outer.start + 1);
}

function graphMachine(candidate: Candidate, id: string): GraphMachine {
  const { machine } = candidate;
  const ids = new Map<State, string>();
  machine.states.forEach((state, index) => ids.set(state, `${id}_s${index}`));
  const byState = new Map<State, GraphDiagnostic[]>();
  const machineLevel: GraphDiagnostic[] = [];
  const byPath = statesByPath(machine);
  for (const diagnostic of candidate.diagnostics) {
    const mark: GraphDiagnostic = { ruleId: diagnostic.ruleId, severity: diagnostic.severity, message: diagnostic.message, range: copyRange(diagnostic.range) };
    const state = diagnostic.statePath ? stateFor(byPath.get(pathKey(diagnostic.statePath)), diagnostic.range) : undefined;
    if (!state) {
      machineLevel.push(mark);
      continue;
    }
    const list = byState.get(state);
    if (list) list.push(mark);
    else byState.set(state, [mark]);
  }

  let scopeCount = 0;
  let severity = machineLevel.reduce<Severity | undefined>((worst, mark) => worseSeverity(worst, mark.severity), undefined);
  const scopeOf = (scope: Scope, label: string): GraphScope => {
    const scopeId = `${id}_c${scopeCount++}`;
    const graph = scopeGraph(scope);
    const reachable = graph.reachable();
    const states = scope.states.map((state, index): GraphState => {
      const diagnostics = byState.get(state) ?? [];
      const worst = diagnostics.reduce<Severity | undefined>((w, mark) => worseSeverity(w, mark.severity), undefined);
      severity = worseSeverity(severity, worst);
      const terminal = terminalOf(state);
      return {
        id: ids.get(state)!,
        name: state.name,
        kind: state.kind,
        ...(state.kind === 'Unknown' && state.type !== undefined ? { type: state.type } : {}),
        path: [...state.path],
        range: copyRange(state.node.range),
        nameRange: copyRange(state.node.keyRange ?? state.node.range),
        start: index === graph.start,
        ...(terminal ? { terminal } : {}),
        reachable: reachable[index],
        scopes: state.scopes.map((nested) => scopeOf(nested, scopeLabel(nested))),
        diagnostics,
        ...(worst ? { severity: worst } : {}),
      };
    });
    const edges: GraphEdge[] = [];
    for (const edge of graph.edges) edges.push(graphEdge(edge.transition, ids, ids.get(graph.states[edge.to])));
    for (const transition of graph.dangling) edges.push(graphEdge(transition, ids, undefined));
    const startAt = stringValue(scope.startAt);
    return {
      id: scopeId,
      kind: scope.kind,
      label,
      path: [...scope.path],
      ...(startAt === undefined ? {} : { startAt }),
      ...(graph.start >= 0 ? { start: ids.get(graph.states[graph.start])! } : {}),
      distributed: scope.distributed,
      states,
      edges,
    };
  };
  const scope = scopeOf(machine.scope, candidate.label);
  return {
    id,
    label: candidate.label,
    ...(candidate.logicalId === undefined ? {} : { logicalId: candidate.logicalId }),
    file: machine.document.file,
    range: copyRange(machine.root.range),
    scope,
    diagnostics: machineLevel,
    ...(severity ? { severity } : {}),
  };
}

function scopeLabel(scope: Scope): string {
  if (scope.kind === 'branch') return `Branch ${(scope.branchIndex ?? 0) + 1}`;
  const name = scope.node.key ?? 'ItemProcessor';
  return scope.distributed ? `${name} (distributed)` : name;
}

function terminalOf(state: State): GraphTerminal | undefined {
  if (state.kind === 'Succeed') return 'succeed';
  if (state.kind === 'Fail') return 'fail';
  return booleanValue(state.end) === true ? 'end' : undefined;
}

function graphEdge(transition: State['transitions'][number], ids: ReadonlyMap<State, string>, to: string | undefined): GraphEdge {
  const { from, kind, index, target } = transition;
  let label: string | undefined;
  let errors: string[] | undefined;
  if (kind === 'default') label = 'Default';
  else if (kind === 'choice' && from.kind === 'Choice' && index !== undefined) label = choiceLabel(from.choices[index]);
  else if (kind === 'catch' && index !== undefined) {
    errors = (from.catch[index]?.errors ?? []).map((error) => error.name);
    label = errors.join(', ');
  }
  return {
    kind,
    from: ids.get(from)!,
    ...(to === undefined ? {} : { to }),
    ...(target === undefined ? {} : { target }),
    ...(label ? { label } : {}),
    ...(index === undefined ? {} : { index }),
    ...(errors ? { errors } : {}),
    range: copyRange(transition.node.range),
  };
}

const MAX_LABEL = 48;

/** A choice rule as a short condition: `$.valid BooleanEquals true`, a JSONata condition, `And (2)`. */
function choiceLabel(rule: ChoiceRule | undefined): string | undefined {
  if (!rule) return undefined;
  let text: string | undefined;
  if (rule.and) text = `And (${rule.and.length})`;
  else if (rule.or) text = `Or (${rule.or.length})`;
  else if (rule.not) text = 'Not (…)';
  else if (rule.condition) text = stringValue(rule.condition) ?? 'Condition';
  else if (rule.operator) {
    const node = rule.operator.node;
    const value = node.kind === 'object' || node.kind === 'array' ? '…' : JSON.stringify(node.value);
    text = [stringValue(rule.variable), rule.operator.name, value].filter((part) => part !== undefined).join(' ');
  }
  if (text === undefined) return undefined;
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

function statesByPath(machine: Machine): Map<string, State[]> {
  const map = new Map<string, State[]>();
  for (const state of machine.states) {
    const key = pathKey(state.path);
    const list = map.get(key);
    if (list) list.push(state);
    else map.set(key, [state]);
  }
  return map;
}

/** The state a finding is about: the one with its path, and, when branches repeat a path, the one around it. */
function stateFor(states: readonly State[] | undefined, range: Range): State | undefined {
  if (!states || states.length === 0) return undefined;
  if (states.length === 1) return states[0];
  return states.find((state) => within(range, { start: state.node.keyRange?.start ?? state.node.range.start, end: state.node.range.end })) ?? states[0];
}

function copyRange(range: Range): Range {
  return { start: range.start, end: range.end };
}
