/**
 * Flow analysis of workflow variables: which variables are assigned on every path to a
 * state, which reads may find a variable undefined, which inner scopes assign outer
 * names, and which assignments nothing reads.
 */
import { closestName } from '../text/closest-name.js';
import { ScopeGraph } from '../graph/scope-graph.js';
import type { Machine, Scope, State } from '../model/types.js';
import { collectVariables, type StateVariables, type VariableAssignment, type VariableRead } from './collect.js';

/**
 * Why a read may find its variable undefined.
 * - `maybe`: assigned on some paths to the state but not on all of them.
 * - `not-yet`: assigned in this scope, but on no path before the state.
 * - `own-assign`: only the reading state itself assigns it, and its new value applies from the next state.
 * - `inner-scope`: assigned only inside a Parallel branch or Map iteration nested in this scope.
 * - `other-scope`: assigned only in a scope this state cannot see (a sibling branch).
 * - `distributed`: a variable of the workflow outside a Distributed Map, read by its child executions.
 * - `never-assigned`: assigned nowhere in the definition.
 */
export type UndefinedReason = 'maybe' | 'not-yet' | 'own-assign' | 'inner-scope' | 'other-scope' | 'distributed' | 'never-assigned';

export interface UndefinedRead {
  readonly read: VariableRead;
  readonly reason: UndefinedReason;
  /**
   * For `maybe` and `not-yet`: states on a path from the machine's StartAt to the reading
   * state along which nothing assigns the variable, the reading state last. A path into a
   * Parallel or Map goes through the state that holds the branch.
   */
  readonly path?: readonly State[];
  /** Some assignments of the variable elsewhere, for related locations. */
  readonly assignments: readonly VariableAssignment[];
  /** The Distributed Map whose child executions read an outer variable, for `distributed`. */
  readonly distributedMap?: State;
  /** A visible variable whose name is close, for `never-assigned`. */
  readonly suggestion?: string;
}

/** An assignment inside a Parallel branch or Map iteration to a variable of an enclosing scope. */
export interface OuterAssignment {
  readonly assignment: VariableAssignment;
  /** An assignment of the same name in the enclosing scope. */
  readonly outer: VariableAssignment;
}

export interface VariableAnalysis {
  readonly machine: Machine;
  /** Assignments and reads of each state that assigns or reads a variable. */
  readonly variables: ReadonlyMap<State, StateVariables>;
  readonly undefinedReads: readonly UndefinedRead[];
  readonly outerAssignments: readonly OuterAssignment[];
  /** Assignments of names that nothing in their scope or the scopes nested in it reads. */
  readonly unused: readonly VariableAssignment[];
  /**
   * The variables assigned on every path to the state, outer scopes' included: what the
   * state can read safely. Undefined when the state cannot be reached.
   */
  definedAt(state: State): ReadonlySet<string> | undefined;
  /** The variables assigned on at least one path to the state. Undefined when it cannot be reached. */
  assignedOnSomePathTo(state: State): ReadonlySet<string> | undefined;
}

const cache = new WeakMap<Machine, VariableAnalysis>();

/**
 * Analyses the variables of a machine; the result is cached per machine. `graphOf` lets a
 * caller share the graphs it already built.
 */
export function analyseVariables(machine: Machine, graphOf: (scope: Scope) => ScopeGraph = (scope) => new ScopeGraph(scope)): VariableAnalysis {
  let analysis = cache.get(machine);
  if (!analysis) {
    analysis = new Analyser(machine, graphOf).run();
    cache.set(machine, analysis);
  }
  return analysis;
}

/** Reverse postorder of the states reached from the start, by an iterative DFS. */
function reversePostorder(graph: ScopeGraph): number[] {
  const order: number[] = [];
  const seen = new Uint8Array(graph.states.length);
  const stack: { node: number; edge: number }[] = [{ node: graph.start, edge: 0 }];
  seen[graph.start] = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const out = graph.out[frame.node];
    if (frame.edge < out.length) {
      const to = out[frame.edge++].to;
      if (!seen[to]) {
        seen[to] = 1;
        stack.push({ node: to, edge: 0 });
      }
      continue;
    }
    stack.pop();
    order.push(frame.node);
  }
  return order.reverse();
}

/** Per-scope facts: who assigns what, and the solved flow. */
interface ScopeInfo {
  readonly scope: Scope;
  readonly parent?: ScopeInfo;
  readonly children: ScopeInfo[];
  /** Names assigned by the states of this scope, with where. */
  readonly assigned: Map<string, VariableAssignment[]>;
  /** Some Assign of this scope sets names that cannot be known. */
  unknownAssign: boolean;
  /** Some state of this scope reads what cannot be known (a `${…}` placeholder). */
  unknownReads: boolean;
  graph?: ScopeGraph;
  /** The variables assigned on every path to each state: `words` words per state index. */
  must?: Int32Array;
  visited?: Uint8Array;
  /** Incoming edges of reached states, with the bits each one assigns. */
  preds?: { readonly from: number; readonly gen: Int32Array }[][];
  /** Outgoing edges of reached states, with the bits each one assigns. */
  succs?: { readonly to: number; readonly gen: Int32Array }[][];
}

class Analyser {
  private readonly names = new Map<string, number>();
  private readonly nameList: string[] = [];
  private words = 1;
  private readonly scopes = new Map<Scope, ScopeInfo>();
  private readonly order: ScopeInfo[] = [];
  private readonly variables = new Map<State, StateVariables>();
  private readonly stateIndex = new Map<State, number>();
  private readonly undefinedReads: UndefinedRead[] = [];
  private readonly outerAssignments: OuterAssignment[] = [];
  private readonly unused: VariableAssignment[] = [];
  private readonly visibleNames = new Map<ScopeInfo, string[]>();
  /** Name comparisons left for suggestions: a file with hundreds of unknown names gets none past it. */
  private suggestionBudget = 20_000;
  private zero = new Int32Array(1);
  private readonly mayCache = new Map<ScopeInfo, Map<number, Uint8Array>>();
  private readonly witnessCache = new Map<ScopeInfo, Map<number, number[]>>();

  constructor(
    private readonly machine: Machine,
    private readonly graphOf: (scope: Scope) => ScopeGraph,
  ) {}

  run(): VariableAnalysis {
    for (const entry of collectVariables(this.machine)) this.variables.set(entry.state, entry);
    const { machine, variables, undefinedReads, outerAssignments, unused } = this;
    let solved = false;
    const solve = (): void => {
      if (!solved) this.solveAll();
      solved = true;
    };
    // When no state assigns or reads a variable there is nothing to judge, and the flow
    // is solved only if a caller asks what is defined where.
    if (variables.size > 0) {
      solve();
      this.judgeOuterAssignments();
      this.judgeUnused();
    }
    return {
      machine,
      variables,
      undefinedReads,
      outerAssignments,
      unused,
      definedAt: (state) => (solve(), this.definedSet(state)),
      assignedOnSomePathTo: (state) => (solve(), this.maySet(state)),
    };
  }

  /** Scopes, names and the flow of every scope, with the reads judged against it. */
  private solveAll(): void {
    this.buildScopes();
    for (const info of this.order) this.indexScope(info);
    this.words = Math.max(1, Math.ceil(this.nameList.length / 32));
    this.zero = new Int32Array(this.words);
    for (const info of this.order) this.solve(info);
    for (const info of this.order) this.judgeReads(info);
  }

  /** Scopes parents first, from the machine down through the states that hold them. */
  private buildScopes(): void {
    const known = new Set(this.machine.scopes);
    const root: ScopeInfo = { scope: this.machine.scope, children: [], assigned: new Map(), unknownAssign: false, unknownReads: false };
    this.scopes.set(root.scope, root);
    this.order.push(root);
    for (let i = 0; i < this.order.length; i++) {
      const parent = this.order[i];
      for (const state of parent.scope.states) {
        for (const nested of state.scopes) {
          if (!known.has(nested) || this.scopes.has(nested)) continue;
          const info: ScopeInfo = { scope: nested, parent, children: [], assigned: new Map(), unknownAssign: false, unknownReads: false };
          parent.children.push(info);
          this.scopes.set(nested, info);
          this.order.push(info);
        }
      }
    }
  }

  private bitOf(name: string): number {
    let bit = this.names.get(name);
    if (bit === undefined) {
      bit = this.nameList.length;
      this.names.set(name, bit);
      this.nameList.push(name);
    }
    return bit;
  }

  private indexScope(info: ScopeInfo): void {
    for (const state of info.scope.states) {
      const entry = this.variables.get(state);
      if (!entry) continue;
      for (const assignment of entry.assignments) {
        this.bitOf(assignment.name);
        const list = info.assigned.get(assignment.name);
        if (list) list.push(assignment);
        else info.assigned.set(assignment.name, [assignment]);
      }
      if (entry.tested.size > 0) for (const names of entry.tested.values()) for (const name of names) this.bitOf(name);
      if (entry.unknownAssignments.length > 0) info.unknownAssign = true;
      if (entry.unknownReads) info.unknownReads = true;
    }
  }

  /** The names an Assign holder sets, as a bitset; all ones when they cannot be known. */
  private gen(entry: StateVariables | undefined, holder: 'state' | 'choice-rule' | 'catcher', index?: number): Int32Array {
    if (!entry || (entry.assignments.length === 0 && entry.unknownAssignments.length === 0)) return this.zero;
    const matches = (a: { holder: string; index?: number }): boolean => a.holder === holder && (holder === 'state' || a.index === index);
    const bits = new Int32Array(this.words);
    if (entry.unknownAssignments.some(matches)) return bits.fill(-1);
    for (const assignment of entry.assignments) {
      if (!matches(assignment)) continue;
      const bit = this.names.get(assignment.name)!;
      bits[bit >>> 5] |= 1 << (bit & 31);
    }
    return bits;
  }

  /** The bits an edge adds: the state's Assign, with a Choice rule's; a catcher's instead. */
  private edgeGen(state: State, kind: string, index: number | undefined): Int32Array {
    const entry = this.variables.get(state);
    if (kind === 'catch') return this.gen(entry, 'catcher', index);
    const own = this.gen(entry, 'state');
    if (kind !== 'choice') return own;
    const rule = this.gen(entry, 'choice-rule', index);
    const tested = entry?.tested.get(index!) ?? [];
    if (rule === this.zero && tested.length === 0) return own;
    const bits = rule.slice();
    for (let w = 0; w < bits.length; w++) bits[w] |= own[w];
    // A rule that matched has tested these; reading them next is the point of the test.
    for (const name of tested) {
      const bit = this.names.get(name)!;
      bits[bit >>> 5] |= 1 << (bit & 31);
    }
    return bits;
  }

  /**
   * Forward must-analysis over one scope's graph (intersection over predecessors). States
   * are visited in reverse postorder and only when a predecessor changed, so a scope
   * settles in a pass or two more than its loops nest deep. A state not reached keeps
   * `visited` 0 and is not judged.
   */
  private solve(info: ScopeInfo): void {
    const graph = this.graphOf(info.scope);
    info.graph = graph;
    const n = graph.states.length;
    const W = this.words;
    const must = new Int32Array(n * W);
    const visited = new Uint8Array(n);
    info.must = must;
    info.visited = visited;
    const states = graph.states;
    for (let i = 0; i < n; i++) this.stateIndex.set(states[i], i);
    if (graph.start < 0) return;

    // What the scope starts with: nothing at the top and in a Distributed Map's children,
    // else what the outer scope holds when the Parallel or Map state is entered.
    const entry = new Int32Array(W);
    const owner = info.scope.owner;
    if (owner && info.parent) {
      const p = info.parent;
      const at = this.stateIndex.get(owner);
      // Nothing inside a Parallel or Map that cannot be reached is judged.
      if (at === undefined || !p.visited?.[at]) return;
      if (!info.scope.distributed) entry.set(p.must!.subarray(at * W, at * W + W));
    }

    if (this.nameList.length === 0 && !info.unknownAssign) {
      // Nothing is ever assigned: only reachability matters.
      const reachable = graph.reachable();
      for (let i = 0; i < n; i++) visited[i] = reachable[i] ? 1 : 0;
      return;
    }

    const order = reversePostorder(graph);
    const position = new Int32Array(n).fill(-1);
    order.forEach((state, k) => (position[state] = k));
    const preds: { readonly from: number; readonly gen: Int32Array }[][] = [];
    const succs: { readonly to: number; readonly gen: Int32Array }[][] = [];
    for (let i = 0; i < n; i++) {
      preds.push([]);
      succs.push([]);
    }
    info.preds = preds;
    info.succs = succs;
    for (const from of order) {
      for (const edge of graph.out[from]) {
        const gen = this.edgeGen(graph.states[from], edge.transition.kind, edge.transition.index);
        preds[edge.to].push({ from, gen });
        succs[from].push({ to: edge.to, gen });
      }
    }

    const next = new Int32Array(W);
    const pending = new Uint8Array(order.length).fill(1);
    let left = order.length;
    while (left > 0) {
      for (let k = 0; k < order.length; k++) {
        if (!pending[k]) continue;
        pending[k] = 0;
        left--;
        const to = order[k];
        if (to === graph.start) next.set(entry);
        else next.fill(-1);
        for (const { from, gen } of preds[to]) {
          if (!visited[from]) continue;
          const base = from * W;
          for (let w = 0; w < W; w++) next[w] &= must[base + w] | gen[w];
        }
        const target = to * W;
        let differs = !visited[to];
        for (let w = 0; w < W && !differs; w++) differs = next[w] !== must[target + w];
        if (!differs) continue;
        visited[to] = 1;
        must.set(next, target);
        for (const edge of graph.out[to]) {
          const j = position[edge.to];
          if (!pending[j]) {
            pending[j] = 1;
            left++;
          }
        }
      }
    }
  }

  /**
   * The states of a scope where the variable may hold a value on entry: those reached
   * from an edge that assigns it, or from the start when the scope starts with it.
   * Computed per variable only for findings, and kept.
   */
  private mayHold(info: ScopeInfo, bit: number): Uint8Array {
    let byBit = this.mayCache.get(info);
    if (!byBit) this.mayCache.set(info, (byBit = new Map()));
    const cached = byBit.get(bit);
    if (cached) return cached;
    const graph = info.graph!;
    const result = new Uint8Array(graph.states.length);
    byBit.set(bit, result);
    if (graph.start < 0) return result;
    const queue: number[] = [];
    const mark = (state: number): void => {
      if (!result[state]) {
        result[state] = 1;
        queue.push(state);
      }
    };
    const owner = info.scope.owner;
    if (owner && info.parent && !info.scope.distributed) {
      const at = this.stateIndex.get(owner);
      if (at !== undefined && this.mayHold(info.parent, bit)[at]) mark(graph.start);
    }
    // A scope left before its flow was solved has no edges to follow.
    info.preds?.forEach((list, to) => {
      for (const { from, gen } of list) if (info.visited![from] && this.has(gen, 0, bit)) mark(to);
    });
    for (let head = 0; head < queue.length; head++) for (const edge of graph.out[queue[head]]) mark(edge.to);
    return result;
  }

  private has(bits: Int32Array, offset: number, bit: number): boolean {
    return (bits[offset + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
  }

  /** The scopes whose variables a state of this scope can read: itself and its ancestors up to a Distributed Map. */
  private visibleChain(info: ScopeInfo): ScopeInfo[] {
    const chain: ScopeInfo[] = [info];
    let current = info;
    while (!current.scope.distributed && current.parent) {
      current = current.parent;
      chain.push(current);
    }
    return chain;
  }

  private judgeReads(info: ScopeInfo): void {
    const graph = info.graph!;
    const chain = this.visibleChain(info);
    const chainUnknown = chain.some((c) => c.unknownAssign);
    const W = this.words;
    for (let i = 0; i < graph.states.length; i++) {
      if (!info.visited![i]) continue;
      const state = graph.states[i];
      const entry = this.variables.get(state);
      if (!entry || entry.reads.length === 0) continue;
      const seen = new Set<string>();
      for (const read of entry.reads) {
        if (!read.certain) continue;
        // One finding per name and string is enough.
        const key = `${read.node.range.start}:${read.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const bit = this.names.get(read.name);
        if (bit !== undefined && this.has(info.must!, i * W, bit)) continue;
        const visible = chain.some((c) => c.assigned.has(read.name));
        if (visible && bit !== undefined) {
          const ownAssign = entry.assignments.some((a) => a.name === read.name);
          const byOthers = chain.some((c) => c.assigned.get(read.name)?.some((a) => a.state !== state));
          const onSomePath = this.mayHold(info, bit)[i] === 1;
          const reason: UndefinedReason = onSomePath ? 'maybe' : ownAssign && !byOthers ? 'own-assign' : 'not-yet';
          this.undefinedReads.push({
            read,
            reason,
            path: reason === 'own-assign' ? undefined : this.witness(info, i, bit),
            assignments: this.assignmentsIn(chain, read.name),
          });
          continue;
        }
        if (chainUnknown) continue;
        this.undefinedReads.push(this.elsewhere(info, chain, read));
      }
    }
  }

  /** A read of a name no visible scope assigns: where is it assigned, if anywhere? */
  private elsewhere(info: ScopeInfo, chain: readonly ScopeInfo[], read: VariableRead): UndefinedRead {
    const name = read.name;
    // Beyond a Distributed Map: the parent workflow's variables.
    const top = chain[chain.length - 1];
    if (top.scope.distributed) {
      for (let outer = top.parent; outer; outer = outer.parent) {
        const found = outer.assigned.get(name);
        if (found) return { read, reason: 'distributed', assignments: found.slice(0, 3), distributedMap: top.scope.owner };
      }
    }
    const inner: VariableAssignment[] = [];
    const stack = [...info.children];
    while (stack.length > 0) {
      const child = stack.pop()!;
      inner.push(...(child.assigned.get(name) ?? []));
      stack.push(...child.children);
    }
    if (inner.length > 0) return { read, reason: 'inner-scope', assignments: inner.slice(0, 3) };
    const other: VariableAssignment[] = [];
    for (const scope of this.order) other.push(...(scope.assigned.get(name) ?? []));
    if (other.length > 0) return { read, reason: 'other-scope', assignments: other.slice(0, 3) };
    let candidates = this.visibleNames.get(info);
    if (!candidates) {
      const names = new Set<string>();
      for (const c of chain) for (const key of c.assigned.keys()) names.add(key);
      this.visibleNames.set(info, (candidates = [...names]));
    }
    this.suggestionBudget -= candidates.length;
    const suggestion = this.suggestionBudget >= 0 ? closestName(name, candidates) : undefined;
    return { read, reason: 'never-assigned', assignments: [], suggestion };
  }

  private assignmentsIn(chain: readonly ScopeInfo[], name: string): VariableAssignment[] {
    const found: VariableAssignment[] = [];
    for (const c of chain) found.push(...(c.assigned.get(name) ?? []));
    return found.slice(0, 3);
  }

  /**
   * A path from the scope's start to state `target` along which nothing assigns the
   * variable: breadth-first over states that may lack it, through edges that do not set
   * it. Prefixed, when the scope starts without the variable, by such a path to the state
   * that holds the scope.
   */
  private witness(info: ScopeInfo, target: number, bit: number): State[] {
    const graph = info.graph!;
    const W = this.words;
    let byBit = this.witnessCache.get(info);
    if (!byBit) this.witnessCache.set(info, (byBit = new Map()));
    let parents = byBit.get(bit);
    if (!parents) {
      parents = new Array<number>(graph.states.length).fill(-2);
      const start = graph.start;
      if (!this.has(info.must!, start * W, bit)) {
        parents[start] = -1;
        const queue = [start];
        for (let head = 0; head < queue.length; head++) {
          const from = queue[head];
          for (const { to, gen } of info.succs?.[from] ?? []) {
            if (parents[to] !== -2 || this.has(gen, 0, bit) || this.has(info.must!, to * W, bit)) continue;
            parents[to] = from;
            queue.push(to);
          }
        }
      }
      byBit.set(bit, parents);
    }
    const path: State[] = [];
    if (parents[target] === -2) return [graph.states[target]];
    for (let at = target; at !== -1; at = parents[at]) path.push(graph.states[at]);
    path.reverse();
    const owner = info.scope.owner;
    if (owner && info.parent && !info.scope.distributed) {
      const at = this.stateIndex.get(owner);
      if (at !== undefined && !this.has(info.parent.must!, at * W, bit)) return [...this.witness(info.parent, at, bit), ...path];
    }
    return path;
  }

  private judgeOuterAssignments(): void {
    for (const info of this.order) {
      if (!info.parent || info.scope.distributed) continue;
      for (const [name, list] of info.assigned) {
        let outer: VariableAssignment | undefined;
        for (let p: ScopeInfo | undefined = info.parent; p && !outer; p = p.scope.distributed ? undefined : p.parent) {
          outer = p.assigned.get(name)?.[0];
        }
        if (outer) for (const assignment of list) this.outerAssignments.push({ assignment, outer });
      }
    }
  }

  private judgeUnused(): void {
    // Names read in each scope and the scopes nested in it; children come after parents.
    const reads = new Map<ScopeInfo, Set<string>>();
    const unknown = new Map<ScopeInfo, boolean>();
    for (let k = this.order.length - 1; k >= 0; k--) {
      const info = this.order[k];
      const names = new Set<string>();
      let blind = info.unknownReads;
      for (const state of info.scope.states) {
        const entry = this.variables.get(state);
        if (!entry) continue;
        for (const read of entry.reads) names.add(read.name);
        for (const name of entry.mentions) names.add(name);
      }
      for (const child of info.children) {
        for (const name of reads.get(child)!) names.add(name);
        blind ||= unknown.get(child)!;
      }
      reads.set(info, names);
      unknown.set(info, blind);
    }
    for (const info of this.order) {
      if (unknown.get(info)) continue;
      const names = reads.get(info)!;
      for (const [name, list] of info.assigned) if (!names.has(name)) this.unused.push(...list);
    }
    this.unused.sort((a, b) => a.node.range.start - b.node.range.start);
  }

  private definedSet(state: State): ReadonlySet<string> | undefined {
    const info = this.scopes.get(state.scope);
    const i = this.stateIndex.get(state);
    if (!info || i === undefined || !info.visited?.[i]) return undefined;
    const result = new Set<string>();
    for (let bit = 0; bit < this.nameList.length; bit++) if (this.has(info.must!, i * this.words, bit)) result.add(this.nameList[bit]);
    return result;
  }

  private maySet(state: State): ReadonlySet<string> | undefined {
    const info = this.scopes.get(state.scope);
    const i = this.stateIndex.get(state);
    if (!info || i === undefined || !info.visited?.[i]) return undefined;
    const result = new Set<string>();
    for (let bit = 0; bit < this.nameList.length; bit++) if (this.mayHold(info, bit)[i]) result.add(this.nameList[bit]);
    return result;
  }
}
