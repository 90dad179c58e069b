import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { items, member, members, startOf, stringValue } from '../document/node-access.js';
import { CHOICE_OPERATORS } from './choice-operators.js';
import type {
  Catcher,
  ChoiceRule,
  Field,
  Machine,
  QueryLanguage,
  Retrier,
  Scope,
  State,
  StateKind,
  Transition,
} from './types.js';
import { STATE_KINDS } from './types.js';

/** Deeper nesting than this is reported rather than followed; AWS's own limit is far lower. */
export const MAX_SCOPE_DEPTH = 64;
const MAX_CHOICE_RULE_DEPTH = 64;

/** True when a node looks like a state machine definition: an object with States or StartAt. */
export function looksLikeDefinition(node: DocNode | undefined): boolean {
  return node?.kind === 'object' && (member(node, 'States') !== undefined || member(node, 'StartAt') !== undefined);
}

function queryLanguageOf(node: Field, fallback: QueryLanguage): QueryLanguage {
  const value = stringValue(node);
  return value === 'JSONata' || value === 'JSONPath' ? value : fallback;
}

/** A scope while it is built, or while `machineAfterValueEdit` swaps one of its states. */
export interface MutableScope extends Scope {
  states: State[];
  byName: Map<string, State>;
}

/**
 * Builds the typed model from a definition node. Never throws on a wrong shape: a field
 * of the wrong type is kept as its node, and judging it is left to the rules.
 */
export function buildMachine(document: SourceDocument, root: DocNode, name?: string): Machine {
  const queryLanguageNode = member(root, 'QueryLanguage');
  const queryLanguage = queryLanguageOf(queryLanguageNode, 'JSONPath');
  const scopes: MutableScope[] = [];
  const states: State[] = [];
  const limits: { node: DocNode; message: string }[] = [];

  const machineScope = newScope('machine', root, queryLanguage, [], 0, undefined, undefined, false);
  const queue: MutableScope[] = [machineScope];
  // Breadth-first over scopes keeps the builder iterative however deep the nesting.
  for (let i = 0; i < queue.length; i++) {
    const scope = queue[i];
    scopes.push(scope);
    const stateNodes = members(scope.statesNode);
    for (let k = 0; k < stateNodes.length; k++) {
      const state = buildState(stateNodes[k], scope);
      scope.states.push(state);
      scope.byName.set(state.name, state);
      states.push(state);
      for (const nested of state.scopes) {
        if (nested.depth > MAX_SCOPE_DEPTH) {
          limits.push({ node: nested.node, message: `Scopes are nested more than ${MAX_SCOPE_DEPTH} deep; the deeper ones are not analysed.` });
          continue;
        }
        queue.push(nested as MutableScope);
      }
    }
  }
  // Source order for every consumer, whatever the traversal order was.
  if (scopes.length > 1) {
    sortBySource(states, (state) => startOf(state.node));
    sortBySource(scopes, (scope) => (scope === machineScope ? -1 : startOf(scope.node)));
  }

  return {
    document,
    root,
    name,
    scope: machineScope,
    scopes,
    states,
    comment: member(root, 'Comment'),
    version: member(root, 'Version'),
    timeoutSeconds: member(root, 'TimeoutSeconds'),
    queryLanguage,
    queryLanguageNode,
    limits,
  };
}

/**
 * Sorts in place by where each item starts, keeping the order of items that start at the
 * same offset (as a stable sort does). Offsets are read once, and the sort compares
 * numbers in a typed array: thousands of states would otherwise cost a lookup per
 * comparison.
 */
function sortBySource<T>(list: T[], startOfItem: (item: T) => number): void {
  const count = list.length;
  const starts = new Float64Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    starts[i] = startOfItem(list[i]);
    if (i > 0 && starts[i] < starts[i - 1]) sorted = false;
  }
  if (sorted) return;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => starts[a] - starts[b] || a - b);
  const items = list.slice();
  for (let i = 0; i < count; i++) list[i] = items[order[i]];
}

function newScope(
  kind: Scope['kind'],
  node: DocNode,
  queryLanguage: QueryLanguage,
  path: readonly string[],
  depth: number,
  owner: State | undefined,
  branchIndex: number | undefined,
  distributed: boolean,
): MutableScope {
  return {
    kind,
    node,
    startAt: member(node, 'StartAt'),
    statesNode: member(node, 'States'),
    states: [],
    byName: new Map(),
    owner,
    branchIndex,
    path,
    depth,
    queryLanguage: queryLanguageOf(member(node, 'QueryLanguage'), queryLanguage),
    distributed,
  };
}

// The model's lists are made with map, not grown by push: V8 gives a list room for 17
// entries at its first push, and a 1 MB definition keeps thousands of lists of one or two
// (error names, retriers, catchers, transitions) for the whole lint.

function errorNames(errorEquals: Field): { name: string; node: DocNode }[] {
  return items(errorEquals)
    .filter((item) => item.kind === 'string')
    .map((item) => ({ name: item.value as string, node: item }));
}

function buildRetriers(node: Field): Retrier[] {
  return items(node).map((item, index) => {
    const errorEquals = member(item, 'ErrorEquals');
    return {
      node: item,
      index,
      errorEquals,
      errors: errorNames(errorEquals),
      intervalSeconds: member(item, 'IntervalSeconds'),
      maxAttempts: member(item, 'MaxAttempts'),
      backoffRate: member(item, 'BackoffRate'),
      maxDelaySeconds: member(item, 'MaxDelaySeconds'),
      jitterStrategy: member(item, 'JitterStrategy'),
      comment: member(item, 'Comment'),
    };
  });
}

function buildCatchers(node: Field): Catcher[] {
  return items(node).map((item, index) => {
    const errorEquals = member(item, 'ErrorEquals');
    return {
      node: item,
      index,
      errorEquals,
      errors: errorNames(errorEquals),
      next: member(item, 'Next'),
      resultPath: member(item, 'ResultPath'),
      output: member(item, 'Output'),
      assign: member(item, 'Assign'),
      comment: member(item, 'Comment'),
    };
  });
}

/** The rules of an And or Or list, or undefined when absent or nested too deep. */
function nestedRules(node: DocNode, key: string, depth: number): ChoiceRule[] | undefined {
  const value = member(node, key);
  if (!value || depth >= MAX_CHOICE_RULE_DEPTH) return undefined;
  return items(value).map((item) => buildChoiceRule(item, depth + 1));
}

function buildChoiceRule(node: DocNode, depth: number): ChoiceRule {
  // The comparison operator counts only when it is the one operator name in the rule: a
  // repeated key is still one name, and its last occurrence is the one AWS reads. Any
  // change of name between operator keys means two names or more.
  let operator: DocNode | undefined;
  let operators = 0;
  if (node.kind === 'object') {
    const children = node.children!;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!CHOICE_OPERATORS.has(child.key as string)) continue;
      if (operator === undefined || operator.key !== child.key) operators++;
      operator = child;
    }
  }
  const notNode = member(node, 'Not');
  return {
    node,
    next: member(node, 'Next'),
    variable: member(node, 'Variable'),
    condition: member(node, 'Condition'),
    operator: operators === 1 ? { name: operator!.key as string, node: operator! } : undefined,
    and: nestedRules(node, 'And', depth),
    or: nestedRules(node, 'Or', depth),
    not: notNode && depth < MAX_CHOICE_RULE_DEPTH ? buildChoiceRule(notNode, depth + 1) : undefined,
    assign: member(node, 'Assign'),
    output: member(node, 'Output'),
    comment: member(node, 'Comment'),
  };
}

/**
 * The shared empty list of a state without transitions, nested scopes, retriers,
 * catchers or choice rules: most states lack most of these, and a 1 MB definition has
 * thousands of states. Frozen, so a stray push fails loudly instead of leaking.
 */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The fields only some state types have (Choice, Wait, Fail, Parallel, Map, and a Task's
 * timeouts), with the value a state without them reads.
 */
const RARE_FIELDS = {
  timeoutSeconds: undefined,
  timeoutSecondsPath: undefined,
  heartbeatSeconds: undefined,
  heartbeatSecondsPath: undefined,
  credentials: undefined,
  choicesNode: undefined,
  choices: NONE,
  default: undefined,
  seconds: undefined,
  secondsPath: undefined,
  timestamp: undefined,
  timestampPath: undefined,
  error: undefined,
  errorPath: undefined,
  cause: undefined,
  causePath: undefined,
  branchesNode: undefined,
  processorNode: undefined,
  processorConfig: undefined,
  distributed: false,
  itemsPath: undefined,
  items: undefined,
  itemSelector: undefined,
  iterator: undefined,
  maxConcurrency: undefined,
  maxConcurrencyPath: undefined,
  itemReader: undefined,
  itemBatcher: undefined,
  resultWriter: undefined,
  toleratedFailurePercentage: undefined,
  toleratedFailurePercentagePath: undefined,
  toleratedFailureCount: undefined,
  toleratedFailureCountPath: undefined,
  label: undefined,
};
type RareFields = { -readonly [K in keyof typeof RARE_FIELDS]: K extends 'choices' ? readonly ChoiceRule[] : K extends 'distributed' ? boolean : Field };

/**
 * One concrete class for every state type: a single object shape keeps property access
 * monomorphic, which matters when a 1 MB definition has thousands of states. The fields
 * every type may have are the record's own; those only some types have live in a small
 * `rare` object, made for the states that set one, and are read through accessors on the
 * prototype. Carrying all of them on every record made it 520 bytes, and a 1 MB
 * definition's records were half its model: memory a short run pays for in page faults
 * and in copying out of the young generation. Fields a type does not have read as
 * undefined; the `State` union narrows them by `kind`.
 */
class StateRecord {
  kind: StateKind | 'Unknown' = 'Unknown';
  type: string | undefined = undefined;
  typeNode: Field = undefined;
  queryLanguage: QueryLanguage;
  queryLanguageNode: Field = undefined;
  comment: Field = undefined;
  next: Field = undefined;
  end: Field = undefined;
  inputPath: Field = undefined;
  outputPath: Field = undefined;
  output: Field = undefined;
  assign: Field = undefined;
  transitions: readonly Transition[] = NONE;
  scopes: readonly Scope[] = NONE;
  retry: readonly Retrier[] = NONE;
  retryNode: Field = undefined;
  catch: readonly Catcher[] = NONE;
  catchNode: Field = undefined;
  parameters: Field = undefined;
  arguments: Field = undefined;
  result: Field = undefined;
  resultSelector: Field = undefined;
  resultPath: Field = undefined;
  resource: Field = undefined;
  rare: RareFields | undefined = undefined;

  constructor(
    readonly name: string,
    readonly node: DocNode,
    readonly scope: Scope,
    readonly path: readonly string[],
  ) {
    this.queryLanguage = scope.queryLanguage;
  }
}
// The accessors below define these fields; the interface gives them their types.
interface StateRecord extends RareFields {}

for (const field of Object.keys(RARE_FIELDS) as (keyof RareFields)[]) {
  Object.defineProperty(StateRecord.prototype, field, {
    get(this: StateRecord) {
      return (this.rare ?? RARE_FIELDS)[field];
    },
    set(this: StateRecord, value: never) {
      (this.rare ??= Object.create(RARE_FIELDS) as RareFields)[field] = value;
    },
  });
}

/** Field name in the definition → property of the record. */
const fieldProperty: Record<string, keyof StateRecord> = {
  Type: 'typeNode',
  QueryLanguage: 'queryLanguageNode',
  Comment: 'comment',
  Next: 'next',
  End: 'end',
  InputPath: 'inputPath',
  OutputPath: 'outputPath',
  Output: 'output',
  Assign: 'assign',
  Retry: 'retryNode',
  Catch: 'catchNode',
  Parameters: 'parameters',
  Arguments: 'arguments',
  Result: 'result',
  ResultSelector: 'resultSelector',
  ResultPath: 'resultPath',
  Resource: 'resource',
  TimeoutSeconds: 'timeoutSeconds',
  TimeoutSecondsPath: 'timeoutSecondsPath',
  HeartbeatSeconds: 'heartbeatSeconds',
  HeartbeatSecondsPath: 'heartbeatSecondsPath',
  Credentials: 'credentials',
  Choices: 'choicesNode',
  Default: 'default',
  Seconds: 'seconds',
  SecondsPath: 'secondsPath',
  Timestamp: 'timestamp',
  TimestampPath: 'timestampPath',
  Error: 'error',
  ErrorPath: 'errorPath',
  Cause: 'cause',
  CausePath: 'causePath',
  Branches: 'branchesNode',
  ItemProcessor: 'processorNode',
  Iterator: 'iterator',
  ItemsPath: 'itemsPath',
  Items: 'items',
  ItemSelector: 'itemSelector',
  MaxConcurrency: 'maxConcurrency',
  MaxConcurrencyPath: 'maxConcurrencyPath',
  ItemReader: 'itemReader',
  ItemBatcher: 'itemBatcher',
  ResultWriter: 'resultWriter',
  ToleratedFailurePercentage: 'toleratedFailurePercentage',
  ToleratedFailurePercentagePath: 'toleratedFailurePercentagePath',
  ToleratedFailureCount: 'toleratedFailureCount',
  ToleratedFailureCountPath: 'toleratedFailureCountPath',
  Label: 'label',
};
const fieldOf = new Map(Object.entries(fieldProperty));

const STATE_KIND_NAMES: ReadonlySet<string> = new Set(STATE_KINDS);

/** Adds an edge when the field is present; the list is made on the first edge. */
function withEdge(
  transitions: Transition[] | undefined,
  kind: Transition['kind'],
  target: DocNode | undefined,
  from: State,
  index: number | undefined,
): Transition[] | undefined {
  if (!target) return transitions;
  const transition: Transition = { kind, target: stringValue(target), node: target, from, index };
  if (!transitions) return [transition];
  transitions.push(transition);
  return transitions;
}

export function buildState(node: DocNode, scope: MutableScope): State {
  const name = node.key as string;
  const path = scope.path.length === 0 ? [name] : scope.path.concat(name);
  const record = new StateRecord(name, node, scope, path);
  const fields = record as unknown as Record<string, Field>;
  // One pass over the members; a later duplicate overwrites an earlier one, as AWS reads it.
  if (node.kind === 'object') {
    const children = node.children!;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const property = fieldOf.get(child.key as string);
      if (property !== undefined) fields[property] = child;
    }
  }
  const type = stringValue(record.typeNode);
  record.type = type;
  record.kind = type !== undefined && STATE_KIND_NAMES.has(type) ? (type as StateKind) : 'Unknown';
  record.queryLanguage = queryLanguageOf(record.queryLanguageNode, scope.queryLanguage);
  if (record.retryNode) record.retry = buildRetriers(record.retryNode);
  if (record.catchNode) record.catch = buildCatchers(record.catchNode);
  if (record.kind === 'Choice') {
    record.choices = items(record.choicesNode).map((rule) => buildChoiceRule(rule, 0));
  }
  if (record.kind === 'Map') {
    record.processorNode ??= record.iterator;
    record.processorConfig = member(record.processorNode, 'ProcessorConfig');
    record.distributed = stringValue(member(record.processorConfig, 'Mode')) === 'DISTRIBUTED';
  }
  const state = record as unknown as State;

  // Made only when there is an edge: many states end a scope, and a 1 MB definition has
  // thousands of states.
  let transitions: Transition[] | undefined;
  // Choice states transition only through their rules and Default; a stray Next on them
  // is a schema error, not an edge.
  if (state.kind !== 'Choice') {
    transitions = withEdge(transitions, 'next', record.next, state, undefined);
  } else {
    transitions = withEdge(transitions, 'default', state.default, state, undefined);
    const choices = state.choices;
    for (let i = 0; i < choices.length; i++) transitions = withEdge(transitions, 'choice', choices[i].next, state, i);
  }
  const catchers = state.catch;
  for (let i = 0; i < catchers.length; i++) transitions = withEdge(transitions, 'catch', catchers[i].next, state, catchers[i].index);
  // A list of one was made as such; a longer one grew by push and is copied to its size.
  if (transitions) record.transitions = transitions.length > 1 ? transitions.slice() : transitions;

  if (state.kind === 'Parallel') {
    const list = items(state.branchesNode);
    let branches: Scope[] | undefined;
    for (let index = 0; index < list.length; index++) {
      const branch = list[index];
      if (branch.kind !== 'object') continue;
      (branches ??= []).push(newScope('branch', branch, state.queryLanguage, path, scope.depth + 1, state, index, false));
    }
    if (branches) record.scopes = branches;
  } else if (state.kind === 'Map' && state.processorNode?.kind === 'object') {
    record.scopes = [newScope('processor', state.processorNode, state.queryLanguage, path, scope.depth + 1, state, undefined, state.distributed)];
  }
  return state;
}
