import type { Severity } from '../diagnostic.js';
import { worseSeverity, type GraphDiagnostic, type GraphMachine, type GraphScope, type GraphState, type StateGraphModel } from './graph-model.js';

/**
 * What the Mermaid and DOT renderers both draw, decided once: boxes, nodes and links,
 * with the markers the model only implies (start, end, the join of a Parallel or Map,
 * states that are named but missing). Each renderer only writes these in its syntax.
 */
export interface Drawing {
  readonly clusters: readonly DrawCluster[];
  readonly links: readonly DrawLink[];
}

export type DrawShape = 'task' | 'pass' | 'choice' | 'wait' | 'succeed' | 'fail' | 'container' | 'unknown' | 'start' | 'end' | 'join' | 'missing';

export interface DrawNode {
  readonly type: 'node';
  readonly id: string;
  readonly shape: DrawShape;
  /** Text lines: the name, then the kind, then a note of the findings' rule ids. */
  readonly lines: readonly string[];
  /** The findings' messages, one a line, for renderers that show tooltips. */
  readonly tooltip?: string;
  readonly severity?: Severity;
  readonly unreachable: boolean;
}

export interface DrawCluster {
  readonly type: 'cluster';
  readonly id: string;
  /** The machine, a Parallel or Map state, or one of its branches or processor. */
  readonly role: 'machine' | 'state' | 'branch' | 'processor';
  /** Empty for the box around a Parallel or Map state, whose own node names it. */
  readonly lines: readonly string[];
  readonly tooltip?: string;
  readonly severity?: Severity;
  readonly items: readonly (DrawNode | DrawCluster)[];
}

export type DrawLinkTone = 'flow' | 'default' | 'catch' | 'missing' | 'nesting';

export interface DrawLink {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly tone: DrawLinkTone;
}

const SHAPES: Readonly<Record<GraphState['kind'], DrawShape>> = {
  Task: 'task',
  Pass: 'pass',
  Choice: 'choice',
  Wait: 'wait',
  Succeed: 'succeed',
  Fail: 'fail',
  Parallel: 'container',
  Map: 'container',
  Unknown: 'unknown',
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The drawing of a state graph model: one cluster per machine. */
export function stateGraphDrawing(model: StateGraphModel): Drawing {
  const links: DrawLink[] = [];
  const clusters = model.machines.map((machine) => machineCluster(machine, links));
  return { clusters, links };
}

function machineCluster(machine: GraphMachine, links: DrawLink[]): DrawCluster {
  const items: (DrawNode | DrawCluster)[] = [];
  const scope = machine.scope;
  const start = marker(`${scope.id}_start`, 'start', 'Start');
  items.push(start);
  const ending = scope.states.some((state) => state.terminal === 'end' || state.terminal === 'succeed');
  drawScope(scope, items, links, start.id, ending ? `${scope.id}_end` : undefined);
  if (ending) items.push(marker(`${scope.id}_end`, 'end', 'End'));
  const note = findingsNote(machine.diagnostics);
  return {
    type: 'cluster',
    id: machine.id,
    role: 'machine',
    lines: note ? [machine.label, note] : [machine.label],
    ...tooltipOf(machine.diagnostics),
    ...(machine.diagnostics.length > 0 ? { severity: worst(machine.diagnostics) } : {}),
    items,
  };
}

/**
 * Draws a scope's states into `items` and its transitions into `links`. `entry` leads to
 * the StartAt state; states that end the scope lead to `exit` (the machine's end marker,
 * or the join of the Parallel or Map holding the scope).
 */
function drawScope(scope: GraphScope, items: (DrawNode | DrawCluster)[], links: DrawLink[], entry: string, exit: string | undefined): void {
  const missing = new Map<string, string>();
  const missingNode = (name: string): string => {
    let id = missing.get(name);
    if (id === undefined) {
      id = `${scope.id}_missing${missing.size}`;
      missing.set(name, id);
      items.push({ type: 'node', id, shape: 'missing', lines: [name, 'no such state'], severity: 'error', unreachable: false });
    }
    return id;
  };
  const entryTone = scope.kind === 'machine' ? 'flow' : 'nesting';
  if (scope.start !== undefined) links.push({ from: entry, to: scope.start, tone: entryTone });
  else if (scope.startAt !== undefined) links.push({ from: entry, to: missingNode(scope.startAt), label: 'StartAt', tone: 'missing' });

  const leaves = new Map<string, string>();
  for (const state of scope.states) {
    const node = stateNode(state);
    if (state.scopes.length === 0) {
      items.push(node);
    } else {
      const join = `${state.id}_join`;
      leaves.set(state.id, join);
      const inner: (DrawNode | DrawCluster)[] = [node];
      for (const nested of state.scopes) {
        const nestedItems: (DrawNode | DrawCluster)[] = [];
        drawScope(nested, nestedItems, links, state.id, join);
        inner.push({ type: 'cluster', id: nested.id, role: nested.kind === 'branch' ? 'branch' : 'processor', lines: [nested.label], items: nestedItems });
      }
      inner.push(marker(join, 'join', ''));
      items.push({ type: 'cluster', id: `${state.id}_box`, role: 'state', lines: [], items: inner });
    }
  }
  const leaving = (id: string) => leaves.get(id) ?? id;
  for (const edge of scope.edges) {
    const tone = edge.to === undefined ? 'missing' : edge.kind === 'catch' ? 'catch' : edge.kind === 'default' ? 'default' : 'flow';
    const to = edge.to ?? missingNode(edge.target ?? '(not a name)');
    links.push({ from: leaving(edge.from), to, ...(edge.label ? { label: edge.label } : {}), tone });
  }
  if (exit === undefined) return;
  for (const state of scope.states) {
    if (state.terminal === 'end' || state.terminal === 'succeed') links.push({ from: leaving(state.id), to: exit, tone: scope.kind === 'machine' ? 'flow' : 'nesting' });
  }
}

function stateNode(state: GraphState): DrawNode {
  const kind = state.kind === 'Unknown' ? (state.type === undefined ? 'Type?' : `Type ${JSON.stringify(state.type)}?`) : state.kind;
  const note = findingsNote(state.diagnostics);
  // An empty name is a name too (AWS rejects it, and the findings say so): shown as "".
  const name = state.name === '' ? '""' : state.name;
  return {
    type: 'node',
    id: state.id,
    shape: SHAPES[state.kind],
    lines: note ? [name, kind, note] : [name, kind],
    ...tooltipOf(state.diagnostics),
    ...(state.severity ? { severity: state.severity } : {}),
    unreachable: !state.reachable,
  };
}

function marker(id: string, shape: 'start' | 'end' | 'join', text: string): DrawNode {
  return { type: 'node', id, shape, lines: [text], unreachable: false };
}

/** "error: no-missing-state · warning: require-retry": the rule ids by severity, each once. */
function findingsNote(diagnostics: readonly GraphDiagnostic[]): string | undefined {
  const parts: string[] = [];
  for (const severity of SEVERITIES) {
    const ids = [...new Set(diagnostics.filter((d) => d.severity === severity).map((d) => d.ruleId))];
    if (ids.length > 0) parts.push(`${severity}: ${ids.join(', ')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function tooltipOf(diagnostics: readonly GraphDiagnostic[]): { tooltip?: string } {
  if (diagnostics.length === 0) return {};
  return { tooltip: diagnostics.map((d) => `${d.ruleId} (${d.severity}): ${d.message}`).join('\n') };
}

function worst(diagnostics: readonly GraphDiagnostic[]): Severity | undefined {
  return diagnostics.reduce<Severity | undefined>((w, d) => worseSeverity(w, d.severity), undefined);
}
