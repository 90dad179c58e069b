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
    this.states = scope.states;
    this.states.forEach((state, index) => this.indexOf.set(state, index));
    const edges: Edge[] = [];
    const out: Edge[][] = this.states.map(() => []);
    const dangling: Transition[] = [];
    this.states.forEach((state, from) => {
      for (const transition of state.transitions) {
        const target = transition.target === undefined ? undefined : scope.byName.get(transition.target);
        if (!target) {
          dangling.push(transition);
          continue;
        }
        const edge = { from, to: this.indexOf.get(target)!, transition };
        edges.push(edge);
        out[from].push(edge);
      }
    });
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
    return state.transitions.some((t) => t.target === undefined || !this.scope.byName.has(t.target));
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
    const incoming: number[][] = this.states.map(() => []);
    for (const edge of this.edges) incoming[edge.to].push(edge.from);
    const seen = this.states.map(() => false);
    const stack: number[] = [];
    this.states.forEach((_, index) => {
      if (this.isExit(index)) {
        seen[index] = true;
        stack.push(index);
      }
    });
    while (stack.length > 0) {
      const to = stack.pop()!;
      for (const from of incoming[to]) {
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
    this.sccCache ??= stronglyConnected(this.states.length, this.out, () => true);
    return this.sccCache;
  }

  /**
   * Components that form a cycle (more than one state, or a state that loops to itself)
   * using only the states the filter keeps.
   */
  cycles(keep: (index: number) => boolean = () => true): number[][] {
    const components = stronglyConnected(this.states.length, this.out, keep);
    return components.filter(
      (component) => component.length > 1 || this.out[component[0]].some((edge) => edge.to === component[0]),
    );
  }
}

/** Tarjan's algorithm with an explicit stack, over the states the filter keeps. */
function stronglyConnected(count: number, out: readonly (readonly Edge[])[], keep: (index: number) => boolean): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  const work: { node: number; edge: number }[] = [];

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1 || !keep(root)) continue;
    work.push({ node: root, edge: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = out[frame.node];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++].to;
        if (!keep(to)) continue;
        if (index[to] === -1) {
          index[to] = low[to] = counter++;
          stack.push(to);
          onStack[to] = 1;
          work.push({ node: to, edge: 0 });
        } else if (onStack[to]) {
          low[frame.node] = Math.min(low[frame.node], index[to]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low[parent] = Math.min(low[parent], low[frame.node]);
      }
      if (low[frame.node] === index[frame.node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== frame.node);
        result.push(component.sort((a, b) => a - b));
      }
    }
  }
  return result;
}
