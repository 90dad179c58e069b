import type { DocNode } from '../document/node.js';
import { items, members } from '../document/node-access.js';
import type { Field, State } from '../model/types.js';
import { jsonataBody, type JsonataSite } from './analyse.js';

/** State fields whose strings Step Functions evaluates as JSONata in a JSONata state. */
const EVALUATED_FIELDS: ReadonlySet<string> = new Set([
  'Arguments',
  'Output',
  'Assign',
  'Items',
  'ItemSelector',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'Seconds',
  'Timestamp',
  'MaxConcurrency',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'Error',
  'Cause',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Credentials',
]);

/** Members of these fields that are constants, or JSONPath fields judged by valid-definition. */
const NOT_EVALUATED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['ItemReader', new Set(['Resource', 'Parameters'])],
  ['ResultWriter', new Set(['Resource', 'Parameters'])],
]);

/** One `{% … %}` string of a state, with what decides its meaning. */
export interface JsonataString {
  /** The string node. */
  readonly node: DocNode;
  /** The expression between the delimiters. */
  readonly body: string;
  /** Where it stands in the state, for messages: `Arguments.Payload.items[0]`, `Choices[1].Condition`. */
  readonly label: string;
  /** The state's type, the field (`Condition`, `Output`, …) and its holder; no `where`. */
  readonly site: JsonataSite;
  /** The position of the Choice rule or catcher holding the field. */
  readonly index?: number;
}

// Several rules ask for the strings of the same states in one run.
const cache = new WeakMap<State, readonly JsonataString[]>();

/**
 * The strings a state evaluates as JSONata, in its fields and the Condition, Output and
 * Assign of its Choice rules and catchers, however deep in their payloads. Whether the
 * state's query language is JSONata is for the caller to check. Cached per state.
 */
export function jsonataStrings(state: State): readonly JsonataString[] {
  let found = cache.get(state);
  if (!found) cache.set(state, (found = collectState(state)));
  return found;
}

function collectState(state: State): JsonataString[] {
  const found: JsonataString[] = [];
  const stateType = state.type;
  for (const field of members(state.node)) {
    const name = field.key as string;
    if (EVALUATED_FIELDS.has(name)) collect(found, field, name, { stateType, field: name, holder: 'state' });
  }
  if (state.kind === 'Choice') {
    state.choices.forEach((rule, index) => {
      for (const [name, node] of [['Condition', rule.condition], ['Output', rule.output], ['Assign', rule.assign]] as const) {
        collect(found, node, `Choices[${index}].${name}`, { stateType, field: name, holder: 'choice-rule' }, index);
      }
    });
  }
  for (const catcher of state.catch) {
    for (const [name, node] of [['Output', catcher.output], ['Assign', catcher.assign]] as const) {
      collect(found, node, `Catch[${catcher.index}].${name}`, { stateType, field: name, holder: 'catcher' }, catcher.index);
    }
  }
  return found;
}

/** Collects the expressions under one field value; iterative, as payloads nest arbitrarily deep. */
function collect(found: JsonataString[], field: Field, prefix: string, site: JsonataSite, index?: number): void {
  if (!field) return;
  const skip = NOT_EVALUATED.get(prefix);
  const stack: DocNode[] = [field];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'object') {
      for (const child of members(node)) if (!(skip && node === field && skip.has(child.key as string))) stack.push(child);
    } else if (node.kind === 'array') {
      for (const child of items(node)) stack.push(child);
    } else if (node.kind === 'string') {
      const body = jsonataBody(node.value as string);
      if (body !== undefined) found.push({ node, body, label: pathBelow(field, prefix, node), site, index });
    }
  }
}

/** The path of a node below a field, for messages: `Arguments.Payload.items[0]`. */
function pathBelow(field: DocNode, prefix: string, node: DocNode): string {
  const steps: string[] = [];
  for (let current: DocNode | undefined = node; current && current !== field; current = current.parent) {
    steps.push(current.key !== undefined ? `.${current.key}` : `[${current.index}]`);
  }
  return prefix + steps.reverse().join('');
}
