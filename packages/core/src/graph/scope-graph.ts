import { booleanValue } from '../document/node-access.js';
import type { Scope, State, Transition } from '../model/types.js';

export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly transition: Transition;
}

/**
 * The states of one scope and the edges between them, by index. Views such as
 * reachability and strongly connected components are computed on first use and kept.
 * Every algorithm here is iterative and linear in states plus edges.
 */
export class ScopeGraph {
  readonly states: readonly State[];
  readonly edges: readonly Edge[];
  /** Outgoing edges per state index. */
  readonly out: readonly (readonly Edge[])[];
  /** Index of the StartAt state, or -1 when StartAt names no state. */
  readonly start: number;
  /** Transitions whose target is not a state of this scope. */
  readonly dangling: readonly Transition[];
  private readonly indexOf = new Map<State, number>();
  private reachableCache?: boolean[];
  private terminatingCache?: boolean[];
  private sccCache?: number[][];

  constructor(readonly scope: Scope) {
    const states = scope.states;
    this.states = states;
    const count = states.length;
    for (let i = 0; i < count; i++) this.indexOf.set(states[i], i);
    const edges: Edge[] = [];
    // A state without edges shares one empty list: many states end a scope or only fail.
    const out: (readonly Edge[])[] = [];
    const dangling: Transition[] = [];
    for (let from = 0; from < count; from++) {
      const transitions = states[from].transitions;
      let list: Edge[] | undefined;
      for (let t = 0; t < transitions.length; t++) {
        const transition = transitions[t];
        const target = transition.target === undefined ? undefined : scope.byName.get(transition.target);
        if (!target) {
          dangling.push(transition);
          continue;
        }
        const edge = { from, to: this.indexOf.get(target)!, transition };
        edges.push(edge);
        if (list === undefined) list = [edge];
        else list.push(edge);
      }
      // Kept for the whole lint: a list that grew by push has room for 17 edges, so it is
      // copied to its size.
      out.push(list === undefined ? NO_EDGES : list.length > 1 ? list.slice() : list);
    }
    this.edges = edges;
    this.out = out;
    this.dangling = dangling;
    const startName = scope.startAt?.kind === 'string' ? (scope.startAt.value as string) : undefined;
    const startState = startName === undefined ? undefined : scope.byName.get(startName);
    this.start = startState ? this.indexOf.get(startState)! : -1;
  }

  index(state: State): number {
    return this.indexOf.get(state) ?? -1;
  }

  /**
   * True when the state ends the scope: Succeed, Fail or `End: true`. A state whose way
   * on cannot be judged (no Next, a broken transition, an unknown type) counts too, so
   * that one schema error does not also show up as a graph error.
   */
  isExit(index: number): boolean {
    const state = this.states[index];
    if (state.kind === 'Succeed' || state.kind === 'Fail' || state.kind === 'Unknown') return true;
    if (booleanValue(state.end) === true) return true;
    if (state.kind !== 'Choice' && state.next === undefined) return true;
    const transitions = state.transitions;
    for (let t = 0; t < transitions.length; t++) {
      const target = transitions[t].target;
      if (target === undefined || !this.scope.byName.has(target)) return true;
    }
    return false;
  }

  /** States reachable from StartAt. All false when StartAt names no state. */
  reachable(): readonly boolean[] {
    if (this.reachableCache) return this.reachableCache;
    const seen = this.states.map(() => false);
    if (this.start >= 0) {
      const stack = [this.start];
      seen[this.start] = true;
      while (stack.length > 0) {
        const from = stack.pop()!;
        for (const edge of this.out[from]) {
          if (!seen[edge.to]) {
            seen[edge.to] = true;
            stack.push(edge.to);
          }
        }
      }
    }
    this.reachableCache = seen;
    return seen;
  }

  /** States from which some exit can be reached (reverse reachability from exits). */
  canTerminate(): readonly boolean[] {
    if (this.terminatingCache) return this.terminatingCache;
    const count = this.states.length;
    // Incoming edges as one flat list grouped by target: two typed arrays, not a list per state.
    const firstIn = new Int32Array(count + 1);
    for (const edge of this.edges) firstIn[edge.to + 1]++;
    for (let i = 0; i < count; i++) firstIn[i + 1] += firstIn[i];
    const sources = new Int32Array(this.edges.length);
    const filled = firstIn.slice(0, count);
    for (const edge of this.edges) sources[filled[edge.to]++] = edge.from;
    const seen: boolean[] = [];
    const stack: number[] = [];
    for (let index = 0; index < count; index++) {
      const exit = this.isExit(index);
      seen.push(exit);
      if (exit) stack.push(index);
    }
    while (stack.length > 0) {
      const to = stack.pop()!;
      for (let k = firstIn[to]; k < firstIn[to + 1]; k++) {
        const from = sources[k];
        if (!seen[from]) {
          seen[from] = true;
          stack.push(from);
        }
      }
    }
    this.terminatingCache = seen;
    return seen;
  }

  /** Strongly connected components, each a list of state indices in source order. */
  sccs(): readonly (readonly number[])[] {
    this.sccCache ??= stronglyConnected(this.states.length, this.out, undefined, false);
    return this.sccCache;
  }

  /**
   * Components that form a cycle (more than one state, or a state that loops to itself)
   * using only the states the filter keeps.
   */
  cycles(keep?: (index: number) => boolean): number[][] {
    return stronglyConnected(this.states.length, this.out, keep, true);
  }
}

const NO_EDGES: readonly Edge[] = Object.freeze([]);

const graphs = new WeakMap<Scope, ScopeGraph>();

/**
 * The graph of a scope, built on first use and then shared: the rules, the engine and the
 * state-graph drawing all read the same instance and its cached views.
 */
export function scopeGraph(scope: Scope): ScopeGraph {
  let graph = graphs.get(scope);
  // A scope whose state list was replaced (one state built again after an edit) needs a new graph.
  if (!graph || graph.states !== scope.states) {
    graph = new ScopeGraph(scope);
    graphs.set(scope, graph);
  }
  return graph;
}

function loopsToItself(out: readonly (readonly Edge[])[], index: number): boolean {
  const edges = out[index];
  for (let e = 0; e < edges.length; e++) if (edges[e].to === index) return true;
  return false;
}

/**
 * Tarjan's algorithm with an explicit stack, over the states the filter keeps (all when
 * there is none). With `onlyCycles`, components that are not cycles are left out as they
 * are found: most states of a workflow are one each.
 */
function stronglyConnected(
  count: number,
  out: readonly (readonly Edge[])[],
  keep: ((index: number) => boolean) | undefined,
  onlyCycles: boolean,
): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackTop = 0;
  // The depth-first path: each frame's state and the next of its edges to follow.
  const workNode = new Int32Array(count);
  const workEdge = new Int32Array(count);
  let workTop = 0;
  const result: number[][] = [];
  let counter = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1 || (keep !== undefined && !keep(root))) continue;
    workNode[0] = root;
    workEdge[0] = 0;
    workTop = 1;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (workTop > 0) {
      const node = workNode[workTop - 1];
      const edges = out[node];
      if (workEdge[workTop - 1] < edges.length) {
        const to = edges[workEdge[workTop - 1]++].to;
        if (keep !== undefined && !keep(to)) continue;
        if (index[to] === -1) {
          index[to] = low[to] = counter++;
          stack[stackTop++] = to;
          onStack[to] = 1;
          workNode[workTop] = to;
          workEdge[workTop] = 0;
          workTop++;
        } else if (onStack[to]) {
          low[node] = Math.min(low[node], index[to]);
        }
        continue;
      }
      workTop--;
      if (workTop > 0) {
        const parent = workNode[workTop - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node]) {
        if (onlyCycles && stack[stackTop - 1] === node && !loopsToItself(out, node)) {
          // A single state that is no cycle: left out.
          stackTop--;
          onStack[node] = 0;
          continue;
        }
        const component: number[] = [];
        let member: number;
        do {
          member = stack[--stackTop];
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        if (component.length > 1) component.sort((a, b) => a - b);
        result.push(component);
      }
    }
  }
  return result;
}
