import type { DocNode } from '../document/node.js';
import { analyseJsonata, jsonataBody } from '../jsonata/analyse.js';
import type { QueryLanguage } from '../model/types.js';
import { parseIntrinsic, type IntrinsicArgument } from '../paths/intrinsic.js';
import type { Integration } from './integration.js';
import { parameterValues } from './parameters.js';
import { isLambdaInvoke } from './retry.js';
import type { ParameterValue } from './types.js';

/**
 * What a token parameter holds across attempts. Step Functions evaluates Parameters and
 * Arguments again on each attempt ($$.State.RetryCount is readable there), so a value
 * built from a fresh UUID, the clock or a random number differs on the retry [G].
 */
export type TokenState = 'absent' | 'deterministic' | 'changing' | 'unknown';

const CHANGING_CONTEXT = /^\$\$\s*\.\s*State\s*\.\s*(?:EnteredTime|RetryCount)\b/;
const CHANGING_INTRINSICS = new Set(['States.UUID', 'States.MathRandom']);
const CHANGING_JSONATA = new Set(['uuid', 'now', 'millis', 'random']);

function intrinsicChanges(text: string): boolean | undefined {
  const parsed = parseIntrinsic(text);
  if (!parsed.call || parsed.problems.length > 0) return undefined;
  const stack: IntrinsicArgument[] = [parsed.call];
  while (stack.length > 0) {
    const arg = stack.pop()!;
    if (arg.kind === 'call') {
      if (CHANGING_INTRINSICS.has(arg.name)) return true;
      stack.push(...arg.args);
    } else if (arg.kind === 'path' && CHANGING_CONTEXT.test(arg.text)) return true;
  }
  return false;
}

function jsonataChanges(text: string): boolean | undefined {
  const body = jsonataBody(text);
  if (body === undefined) return undefined;
  const analysis = analyseJsonata(body);
  if (analysis.syntaxError) return undefined;
  if (analysis.calls.some((call) => CHANGING_JSONATA.has(call.name))) return true;
  return analysis.statesReads.some(
    (read) => read.field === 'context' && /^\s*\.\s*State\s*\.\s*(?:EnteredTime|RetryCount)\b/.test(body.slice(read.end)),
  );
}

/**
 * Whether a token parameter holds the same value on every attempt. A value computed for
 * the whole payload (a JSONata Arguments expression) is `unknown`: the parameter may be in
 * it or not. Placeholders are filled once, at deployment, so they count as fixed.
 */
export function tokenState(value: ParameterValue | undefined, path: string): TokenState {
  if (!value || value.kind === 'absent') return 'absent';
  const last = path.split('.').pop()!;
  if (value.node.key !== last && value.node.key !== `${last}.$`) return 'unknown';
  switch (value.kind) {
    case 'static':
    case 'placeholder':
      return 'deterministic';
    case 'other':
      return 'unknown';
    case 'dynamic': {
      const text = value.text ?? '';
      let changes: boolean | undefined;
      if (value.via === 'jsonata') changes = jsonataChanges(text);
      else if (value.via === 'intrinsic') changes = intrinsicChanges(text);
      else if (value.via === 'context') changes = CHANGING_CONTEXT.test(text.trim());
      else changes = false;
      return changes === undefined ? 'unknown' : changes ? 'changing' : 'deterministic';
    }
  }
}

/**
 * The first value in a payload that differs on every attempt (a `.$` or JSONata value
 * built as `tokenState` calls changing): a call that sends it is not the same call twice.
 */
export function changingValue(payload: DocNode | undefined, queryLanguage: QueryLanguage): DocNode | undefined {
  const stack: DocNode[] = payload ? [payload] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'string') {
      const text = node.value as string;
      let changes: boolean | undefined;
      if (queryLanguage === 'JSONata') changes = jsonataChanges(text);
      else if (node.key?.endsWith('.$')) changes = /^\s*\$\$/.test(text) ? CHANGING_CONTEXT.test(text.trim()) : intrinsicChanges(text);
      if (changes) return node;
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return undefined;
}

function valueOf(integration: Integration, path: string): ParameterValue | undefined {
  return parameterValues(integration.payload, path, integration.state.queryLanguage)[0];
}

/** Why repeating a call repeats its effect, and what would make it safe. */
export interface Hazard {
  /** What the call is, for messages: `sqs:sendMessage`. */
  readonly call: string;
  /** What a second attempt does, as a clause: "a retry sends the message again". */
  readonly effect: string;
  /** What to do about it, as a sentence. */
  readonly remedy: string;
  /** The node that explains it (a token built from States.UUID()), if any. */
  readonly node?: DocNode;
}

/** Text naming the call as the Resource does. */
function callName(integration: Integration): string {
  const entry = integration.probableEntry;
  return entry ? entry.key : 'the integration';
}

const CHANGING_NOTE = 'changes on every attempt, so it protects nothing';

/** A FIFO queue or topic: true for `.fifo`, false for a literal without it, undefined when unknown. */
function fifo(value: ParameterValue | undefined): boolean | undefined {
  if (!value) return undefined;
  if (value.kind === 'static') return /\.fifo\/?$/.test(value.value.trim());
  if ((value.kind === 'placeholder' || value.kind === 'dynamic') && value.text && /\.fifo\b/i.test(value.text)) return true;
  return undefined;
}

function messagingHazard(integration: Integration, noun: 'queue' | 'topic', targetPath: string): Hazard | undefined {
  const call = callName(integration);
  const target = valueOf(integration, targetPath);
  let isFifo = fifo(target);
  if (noun === 'topic' && (!target || target.kind === 'absent')) {
    // Without TopicArn: an SMS (PhoneNumber) or a mobile endpoint (TargetArn), neither of which deduplicates.
    const phone = valueOf(integration, 'PhoneNumber');
    const endpoint = valueOf(integration, 'TargetArn');
    if (phone && phone.kind !== 'absent') isFifo = false;
    else if (endpoint?.kind === 'static') isFifo = endpoint.value.includes(':endpoint/') ? false : fifo(endpoint);
  }
  const dedup = valueOf(integration, 'MessageDeduplicationId');
  const token = tokenState(dedup, 'MessageDeduplicationId');
  if (token === 'unknown') return undefined;
  if (isFifo === false) {
    return {
      call,
      effect: `a retry can deliver the message twice, and a standard ${noun} cannot drop the copy`,
      remedy: `Make every consumer idempotent, or use a FIFO ${noun} with a deterministic MessageDeduplicationId.`,
    };
  }
  if (token === 'changing') {
    return {
      call,
      effect: `its MessageDeduplicationId ${CHANGING_NOTE}, and a retry delivers the message twice`,
      remedy: 'Build MessageDeduplicationId from $$.Execution.Id, the state name and input fields.',
      node: dedup?.node,
    };
  }
  if (isFifo === true && token === 'absent') {
    return {
      call,
      effect: `a retry sends the message again, and without MessageDeduplicationId the FIFO ${noun} keeps both (unless it has ContentBasedDeduplication)`,
      remedy: 'Set MessageDeduplicationId to a deterministic value, for example from $$.Execution.Id and the state name.',
    };
  }
  return undefined;
}

function tokenHazard(integration: Integration, path: string, effect: string, example: string): Hazard | undefined {
  const value = valueOf(integration, path);
  const token = tokenState(value, path);
  if (token === 'deterministic' || token === 'unknown') return undefined;
  const call = callName(integration);
  if (token === 'changing') {
    return { call, effect: `its ${path} ${CHANGING_NOTE}, and ${effect}`, remedy: `Build ${path} from ${example}.`, node: value?.node };
  }
  return { call, effect, remedy: `Set ${path} to a deterministic value, for example built from ${example}.` };
}

const CLAUSE = /(^|\s)(SET|REMOVE|ADD|DELETE)(?=\s)/gi;

/**
 * The part of a DynamoDB UpdateExpression that repeats its effect when the update runs
 * twice: an ADD clause, or a SET whose value is computed from the attribute it sets
 * (`SET n = n + :d`, `SET n = if_not_exists(n, :z) + :d`, `SET l = list_append(l, :x)`).
 */
export function repeatingUpdate(expression: string): string | undefined {
  const marks = [...expression.matchAll(CLAUSE)].map((m) => ({ keyword: m[2].toUpperCase(), start: m.index + m[1].length, body: m.index + m[0].length }));
  for (let i = 0; i < marks.length; i++) {
    const { keyword, start, body } = marks[i];
    const end = i + 1 < marks.length ? marks[i + 1].start : expression.length;
    if (keyword === 'ADD') return expression.slice(start, end).trim();
    if (keyword !== 'SET') continue;
    for (const action of splitTopLevel(expression.slice(body, end))) {
      const eq = action.indexOf('=');
      if (eq < 0) continue;
      const target = action.slice(0, eq).trim();
      const value = action.slice(eq + 1);
      if (target === '' || !(hasTopLevelArithmetic(value) || /\blist_append\s*\(/i.test(value))) continue;
      const operands = value.split(/[\s(),+-]+/).filter(Boolean);
      if (operands.includes(target)) return `SET ${action.trim()}`;
    }
  }
  return undefined;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

function hasTopLevelArithmetic(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '+' || c === '-') && depth === 0) return true;
  }
  return false;
}

function updateItemHazard(integration: Integration): Hazard | undefined {
  if (valueOf(integration, 'ConditionExpression')?.kind !== 'absent') return undefined;
  const expression = valueOf(integration, 'UpdateExpression');
  if (expression?.kind !== 'static') return undefined;
  const part = repeatingUpdate(expression.value);
  if (!part) return undefined;
  return {
    call: callName(integration),
    effect: `"${part.length > 60 ? `${part.slice(0, 59)}…` : part}" applies again on a retry, although the first attempt may have written it`,
    remedy: 'Add a ConditionExpression (a version number or attribute_not_exists) and treat DynamoDB.ConditionalCheckFailedException as success.',
    node: expression.node,
  };
}

/** The calls whose repeat hazard is known, by key, optimized and SDK alike. */
const HAZARDS: ReadonlyMap<string, (integration: Integration) => Hazard | undefined> = new Map<string, (integration: Integration) => Hazard | undefined>([
  ['sqs:sendMessage', (i) => messagingHazard(i, 'queue', 'QueueUrl')],
  ['aws-sdk:sqs:sendMessage', (i) => messagingHazard(i, 'queue', 'QueueUrl')],
  ['sns:publish', (i) => messagingHazard(i, 'topic', 'TopicArn')],
  ['aws-sdk:sns:publish', (i) => messagingHazard(i, 'topic', 'TopicArn')],
  ...(['events:putEvents', 'aws-sdk:eventbridge:putEvents'] as const).map(
    (key) =>
      [
        key,
        (i: Integration): Hazard => ({
          call: callName(i),
          effect: 'a retry resends every entry, those that were delivered included',
          remedy: 'Put a deterministic id in each Detail so that consumers can drop duplicates, or retry only errors raised before sending.',
        }),
      ] as const,
  ),
  ...(['states:startExecution', 'aws-sdk:sfn:startExecution'] as const).map(
    (key) =>
      [key, (i: Integration) => tokenHazard(i, 'Name', 'a retry can start a second child execution', '$$.Execution.Name and the state name')] as const,
  ),
  ...(['ecs:runTask', 'aws-sdk:ecs:runTask'] as const).map(
    (key) => [key, (i: Integration) => tokenHazard(i, 'ClientToken', 'a retry can start the tasks twice', '$$.Execution.Name and the state name (64 characters at most)')] as const,
  ),
  ['aws-sdk:ec2:runInstances', (i) => tokenHazard(i, 'ClientToken', 'a retry can launch the instances twice', '$$.Execution.Name and the state name (64 characters at most)')],
  ['dynamodb:updateItem', updateItemHazard],
  ['aws-sdk:dynamodb:updateItem', updateItemHazard],
]);

export interface HazardOptions {
  /** `context.settings`: `lambdaIdempotent: false` makes Lambda invokes side-effecting. */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Judge the call whatever its pattern, as when a retried Map or Parallel reruns it.
   * Otherwise only request-response calls are judged: a `.sync` retry reruns the job on
   * purpose (a fixed name or token would make it fail), and a callback's token changes.
   */
  readonly anyPattern?: boolean;
}

/** Why retrying this Task repeats a side effect that no token guards; undefined when it does not, or when sfn-lint cannot tell. */
export function hazardOf(integration: Integration, options: HazardOptions): Hazard | undefined {
  if (!options.anyPattern && integration.pattern !== 'request-response') return undefined;
  if (isLambdaInvoke(integration)) {
    if (options.settings.lambdaIdempotent !== false) return undefined;
    return {
      call: 'lambda:invoke',
      effect: 'a retry runs the function again, although the first attempt may have done its work',
      remedy: 'Make the function idempotent: pass a deterministic key such as $$.Execution.Id and the state name in the Payload, and skip work already done for it.',
    };
  }
  const entry = integration.entry;
  if (!entry) return undefined;
  return HAZARDS.get(entry.key)?.(integration);
}
