/**
 * Taking a machine over after an edit inside one string or number value, the usual
 * keystroke in an editor: only the state that holds the value is built again, and every
 * other state, with whatever rules cached for it, is kept.
 */
import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { buildState, type MutableScope } from './build.js';
import type { Machine, Scope, State } from './types.js';

/**
 * The machine for `document`, which `documentAfterValueEdit` made from the document of
 * `previous` by replacing one value with `edited`; undefined when the edit can change more
 * than its own state, and the caller builds the machine afresh.
 *
 * That is when the value lies outside every state (StartAt, the machine's Comment), or
 * when it changes which scopes its state holds or how they read (a Type that becomes
 * Parallel, a Map's Mode, a processor's StartAt). Anything else a state's fields decide
 * (its type, its edges) is read from the state itself, and the graph of its scope is built
 * again. The previous machine's scopes are changed in place and belong to the new machine
 * from then on, as the tree does.
 */
export function machineAfterValueEdit(previous: Machine, document: SourceDocument, edited: DocNode): Machine | undefined {
  const old = stateHolding(previous, edited);
  if (!old) return undefined;
  const scope = old.scope as MutableScope;
  const rebuilt = buildState(old.node, scope);
  if (old.scopes.length > 0 || rebuilt.scopes.length > 0) {
    if (!sameScopes(old.scopes, rebuilt.scopes)) return undefined;
    // The nested scopes, with their states, stay; they get the new record as their owner.
    (rebuilt as { scopes: readonly Scope[] }).scopes = old.scopes;
    for (const nested of old.scopes) (nested as { owner?: State }).owner = rebuilt;
  }
  // A new list rather than a changed one: the scope's graph was made for the old list and
  // is built again when it sees another (see scopeGraph).
  scope.states = scope.states.map((state) => (state === old ? rebuilt : state));
  scope.byName.set(rebuilt.name, rebuilt);
  const states = previous.states.slice();
  states[states.indexOf(old)] = rebuilt;
  return { ...previous, document, states };
}

/** The innermost state of the machine whose value holds the node. */
function stateHolding(machine: Machine, node: DocNode): State | undefined {
  for (let current: DocNode | undefined = node; current; current = current.parent) {
    const holder = current.parent;
    if (holder === undefined || current.key === undefined) continue;
    for (const scope of machine.scopes) {
      if (scope.statesNode !== holder) continue;
      const state = scope.byName.get(current.key);
      if (state?.node === current) return state;
    }
  }
  return undefined;
}

/** True when a state's rebuilt scopes read the same nodes, in the same way, as the scopes it had. */
function sameScopes(before: readonly Scope[], after: readonly Scope[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a.node !== b.node || a.kind !== b.kind || a.branchIndex !== b.branchIndex || a.startAt !== b.startAt || a.statesNode !== b.statesNode) return false;
    if (a.queryLanguage !== b.queryLanguage || a.distributed !== b.distributed) return false;
  }
  return true;
}
