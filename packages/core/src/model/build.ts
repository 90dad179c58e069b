import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { items, member, members, stringValue } from '../document/node-access.js';
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

interface MutableScope extends Scope {
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
    for (const stateNode of members(scope.statesNode)) {
      const state = buildState(stateNode, scope);
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
  states.sort((a, b) => a.node.range.start - b.node.range.start);
  scopes.sort((a, b) => (a === machineScope ? -1 : b === machineScope ? 1 : a.node.range.start - b.node.range.start));

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

function buildChoiceRule(node: DocNode, depth: number): ChoiceRule {
  let operator: ChoiceRule['operator'];
  let operatorCount = 0;
  for (const child of members(node)) {
    if (CHOICE_OPERATORS.has(child.key as string)) {
      operatorCount++;
      operator = { name: child.key as string, node: child };
    }
  }
  const nested = (key: string): ChoiceRule[] | undefined => {
    const value = member(node, key);
    if (!value || depth >= MAX_CHOICE_RULE_DEPTH) return undefined;
    return items(value).map((item) => buildChoiceRule(item, depth + 1));
  };
  const notNode = member(node, 'Not');
  return {
    node,
    next: member(node, 'Next'),
    variable: member(node, 'Variable'),
    condition: member(node, 'Condition'),
    operator: operatorCount === 1 ? operator : undefined,
    and: nested('And'),
    or: nested('Or'),
    not: notNode && depth < MAX_CHOICE_RULE_DEPTH ? buildChoiceRule(notNode, depth + 1) : undefined,
    assign: member(node, 'Assign'),
    output: member(node, 'Output'),
    comment: member(node, 'Comment'),
  };
}

function buildState(node: DocNode, scope: MutableScope): State {
  const name = node.key as string;
  const typeNode = member(node, 'Type');
  const type = stringValue(typeNode);
  const kind: StateKind | 'Unknown' = STATE_KINDS.includes(type as StateKind) ? (type as StateKind) : 'Unknown';
  const queryLanguageNode = member(node, 'QueryLanguage');
  const f = (key: string): Field => member(node, key);
  const retryNode = f('Retry');
  const catchNode = f('Catch');
  const transitions: Transition[] = [];
  const nestedScopes: Scope[] = [];
  const path = [...scope.path, name];

  const common = {
    name,
    node,
    type,
    typeNode,
    scope,
    path,
    queryLanguage: queryLanguageOf(queryLanguageNode, scope.queryLanguage),
    queryLanguageNode,
    comment: f('Comment'),
    next: f('Next'),
    end: f('End'),
    inputPath: f('InputPath'),
    outputPath: f('OutputPath'),
    output: f('Output'),
    assign: f('Assign'),
    transitions,
    scopes: nestedScopes,
    retry: buildRetriers(retryNode),
    retryNode,
    catch: buildCatchers(catchNode),
    catchNode,
  };

  let state: State;
  switch (kind) {
    case 'Pass':
      state = { ...common, kind, parameters: f('Parameters'), result: f('Result'), resultPath: f('ResultPath') };
      break;
    case 'Task':
      state = {
        ...common,
        kind,
        resource: f('Resource'),
        parameters: f('Parameters'),
        arguments: f('Arguments'),
        resultSelector: f('ResultSelector'),
        resultPath: f('ResultPath'),
        timeoutSeconds: f('TimeoutSeconds'),
        timeoutSecondsPath: f('TimeoutSecondsPath'),
        heartbeatSeconds: f('HeartbeatSeconds'),
        heartbeatSecondsPath: f('HeartbeatSecondsPath'),
        credentials: f('Credentials'),
      };
      break;
    case 'Choice': {
      const choicesNode = f('Choices');
      state = { ...common, kind, choicesNode, choices: items(choicesNode).map((rule) => buildChoiceRule(rule, 0)), default: f('Default') };
      break;
    }
    case 'Wait':
      state = { ...common, kind, seconds: f('Seconds'), secondsPath: f('SecondsPath'), timestamp: f('Timestamp'), timestampPath: f('TimestampPath') };
      break;
    case 'Succeed':
      state = { ...common, kind };
      break;
    case 'Fail':
      state = { ...common, kind, error: f('Error'), errorPath: f('ErrorPath'), cause: f('Cause'), causePath: f('CausePath') };
      break;
    case 'Parallel':
      state = {
        ...common,
        kind,
        branchesNode: f('Branches'),
        parameters: f('Parameters'),
        arguments: f('Arguments'),
        resultSelector: f('ResultSelector'),
        resultPath: f('ResultPath'),
      };
      break;
    case 'Map': {
      const processorNode = f('ItemProcessor') ?? f('Iterator');
      const processorConfig = member(processorNode, 'ProcessorConfig');
      state = {
        ...common,
        kind,
        processorNode,
        processorConfig,
        distributed: stringValue(member(processorConfig, 'Mode')) === 'DISTRIBUTED',
        itemsPath: f('ItemsPath'),
        items: f('Items'),
        itemSelector: f('ItemSelector'),
        parameters: f('Parameters'),
        resultSelector: f('ResultSelector'),
        resultPath: f('ResultPath'),
        maxConcurrency: f('MaxConcurrency'),
        maxConcurrencyPath: f('MaxConcurrencyPath'),
        itemReader: f('ItemReader'),
        itemBatcher: f('ItemBatcher'),
        resultWriter: f('ResultWriter'),
        toleratedFailurePercentage: f('ToleratedFailurePercentage'),
        toleratedFailurePercentagePath: f('ToleratedFailurePercentagePath'),
        toleratedFailureCount: f('ToleratedFailureCount'),
        toleratedFailureCountPath: f('ToleratedFailureCountPath'),
        label: f('Label'),
      };
      break;
    }
    default:
      state = { ...common, kind: 'Unknown' };
  }

  const edge = (kindOfEdge: Transition['kind'], target: DocNode | undefined, index?: number): void => {
    if (!target) return;
    transitions.push({ kind: kindOfEdge, target: stringValue(target), node: target, from: state, index });
  };
  // Choice states transition only through their rules and Default; a stray Next on them
  // is a schema error, not an edge.
  if (state.kind !== 'Choice') edge('next', common.next);
  if (state.kind === 'Choice') {
    edge('default', state.default);
    state.choices.forEach((rule, index) => edge('choice', rule.next, index));
  }
  state.catch.forEach((catcher) => edge('catch', catcher.next, catcher.index));

  if (state.kind === 'Parallel') {
    items(state.branchesNode).forEach((branch, index) => {
      if (branch.kind !== 'object') return;
      nestedScopes.push(newScope('branch', branch, state.queryLanguage, path, scope.depth + 1, state, index, false));
    });
  } else if (state.kind === 'Map' && state.processorNode?.kind === 'object') {
    nestedScopes.push(newScope('processor', state.processorNode, state.queryLanguage, path, scope.depth + 1, state, undefined, state.distributed));
  }
  return state;
}
