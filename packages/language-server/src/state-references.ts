import type { DocNode, LintResult, Machine, Scope, State } from '@sfn-lint/core';

/** A place that names a state of a scope: StartAt, Next, Default, Choices[].Next or Catch[].Next. */
export interface StateReference {
  readonly node: DocNode;
  readonly scope: Scope;
  readonly name: string;
}

/** What sits at an offset, for navigation: a state's name (its key) or a reference to a state. */
export type StateTarget = { readonly kind: 'key'; readonly state: State } | { readonly kind: 'reference'; readonly reference: StateReference };

const inside = (start: number, end: number, offset: number): boolean => start <= offset && offset <= end;

const referencesCache = new WeakMap<Machine, readonly StateReference[]>();

/** Every reference to a state in the machine, scope by scope; read once per analysis. */
export function stateReferences(machine: Machine): readonly StateReference[] {
  const known = referencesCache.get(machine);
  if (known) return known;
  const references: StateReference[] = [];
  for (const scope of machine.scopes) {
    if (scope.startAt?.kind === 'string') references.push({ node: scope.startAt, scope, name: scope.startAt.value as string });
  }
  for (const state of machine.states) {
    for (const transition of state.transitions) {
      if (transition.target !== undefined) references.push({ node: transition.node, scope: state.scope, name: transition.target });
    }
  }
  referencesCache.set(machine, references);
  return references;
}

export function machinesOf(result: LintResult | undefined): readonly Machine[] {
  return result?.machines ?? [];
}

/** The state name or state reference at an offset, if any. */
export function targetAt(machines: readonly Machine[], offset: number): StateTarget | undefined {
  for (const machine of machines) {
    if (!inside(machine.root.range.start, machine.root.range.end, offset)) continue;
    for (const reference of stateReferences(machine)) {
      if (inside(reference.node.range.start, reference.node.range.end, offset)) return { kind: 'reference', reference };
    }
    for (const state of machine.states) {
      const key = state.node.keyRange;
      if (key && inside(key.start, key.end, offset)) return { kind: 'key', state };
    }
  }
  return undefined;
}

/** The state a target stands for: the key's own state, or the state the reference names in its scope. */
export function stateOfTarget(target: StateTarget): State | undefined {
  return target.kind === 'key' ? target.state : target.reference.scope.byName.get(target.reference.name);
}

/** The name a target holds, and the scope it is a name in. */
export function nameAndScope(target: StateTarget): { name: string; scope: Scope } {
  return target.kind === 'key' ? { name: target.state.name, scope: target.state.scope } : { name: target.reference.name, scope: target.reference.scope };
}

/** The references to a name within one scope: a state's name is unique only there. */
export function referencesTo(machine: Machine, scope: Scope, name: string): StateReference[] {
  return stateReferences(machine).filter((reference) => reference.scope === scope && reference.name === name);
}

/** The machine that holds a scope. */
export function machineOfScope(machines: readonly Machine[], scope: Scope): Machine | undefined {
  return machines.find((machine) => machine.scopes.includes(scope));
}

/** The innermost state whose name or value holds the offset. */
export function stateAt(machines: readonly Machine[], offset: number): State | undefined {
  let best: State | undefined;
  for (const machine of machines) {
    for (const state of machine.states) {
      const start = state.node.keyRange?.start ?? state.node.range.start;
      if (inside(start, state.node.range.end, offset) && (!best || state.path.length > best.path.length)) best = state;
    }
  }
  return best;
}

/** The innermost scope whose object holds the offset. */
export function scopeAt(machines: readonly Machine[], offset: number): Scope | undefined {
  let best: Scope | undefined;
  for (const machine of machines) {
    for (const scope of machine.scopes) {
      if (inside(scope.node.range.start, scope.node.range.end, offset) && (!best || scope.depth >= best.depth)) best = scope;
    }
  }
  return best;
}
