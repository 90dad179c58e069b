import {
  analyseJsonata,
  defineRule,
  hasSubstitution,
  isIntrinsicCall,
  jsonataBody,
  parseIntrinsic,
  type DocNode,
  type IntrinsicArgument,
  type TaskState,
} from '@sfn-lint/core';

const WAIT_FOR_TASK_TOKEN = '.waitForTaskToken';

/** `$$`, `$$.Task` or `$$.Task.Token`, in dot or bracket notation: each holds the token. */
const TOKEN_PATH = /^\$\$(?:(?:\.Task|\[\s*(['"])Task\1\s*\])(?:\.Token|\[\s*(['"])Token\2\s*\])?)?$/;

function holdsToken(path: string): boolean {
  return TOKEN_PATH.test(path.trim());
}

/** A `.$` value passes the token when it is a token path or an intrinsic call with one among its arguments. */
function passesTokenJsonPath(text: string): boolean {
  if (holdsToken(text)) return true;
  if (!isIntrinsicCall(text)) return false;
  const parsed = parseIntrinsic(text);
  if (!parsed.call || parsed.problems.length > 0) {
    // A call that does not parse is valid-intrinsic's to report; do not guess here.
    return /\$\$(?:\.Task\b|\[|(?![.\w]))/.test(text);
  }
  const stack: IntrinsicArgument[] = [...parsed.call.args];
  while (stack.length > 0) {
    const arg = stack.pop()!;
    if (arg.kind === 'path' && holdsToken(arg.text)) return true;
    if (arg.kind === 'call') stack.push(...arg.args);
  }
  return false;
}

/**
 * A JSONata expression passes the token when it reads `$states.context.Task.Token`, or
 * the whole `$states.context` or `$states.context.Task`. Reads come from the parsed
 * expression, so text in strings and comments does not count.
 */
function passesTokenJsonata(value: string): boolean {
  const body = jsonataBody(value);
  if (body === undefined) return false;
  const analysis = analyseJsonata(body);
  if (analysis.syntaxError) return body.includes('$states'); // valid-jsonata reports it; do not guess
  for (const read of analysis.statesReads) {
    if (read.field !== 'context') continue;
    const rest = /^\s*(?:\.\s*Task\b(?:\s*\.\s*(\w+|`[^`]*`))?|\.\s*(\w+|`[^`]*`))?/.exec(body.slice(read.end));
    // "$states.context.Execution…" or "$states.context.Task.EnteredTime…" do not hold the token.
    if (rest?.[2] !== undefined) continue;
    const afterTask = rest?.[1];
    if (afterTask === undefined || afterTask === 'Token' || afterTask === '`Token`') return true;
  }
  return false;
}

interface Search {
  readonly passes: boolean;
  /**
   * A `${…}` placeholder where the token could come in: a bare placeholder value, a key,
   * a `.$` value or a JSONata expression. A placeholder in a literal string cannot: that
   * text is sent as written, whatever it becomes.
   */
  readonly unknown: boolean;
  /** A key without `.$` holding the token path as literal text. */
  readonly literal?: DocNode;
}

function search(root: DocNode, jsonata: boolean): Search {
  let literal: DocNode | undefined;
  const stack: DocNode[] = [root];
  let passes = false;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'placeholder' || (node.key !== undefined && hasSubstitution(node.key))) return { passes, unknown: true };
    if (node.kind === 'string') {
      const text = node.value as string;
      const evaluated = jsonata ? jsonataBody(text) !== undefined : node === root || node.key?.endsWith('.$') === true;
      if (evaluated && hasSubstitution(text)) return { passes, unknown: true };
      if (jsonata) passes ||= passesTokenJsonata(text);
      else if (node.key?.endsWith('.$')) passes ||= passesTokenJsonPath(text);
      else if (node.key !== undefined && holdsToken(text) && text.trim() !== '$$') literal ??= node;
      continue;
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return { passes, unknown: false, literal };
}

function isCallback(state: TaskState): boolean {
  const resource = state.resource;
  return resource?.kind === 'string' && (resource.value as string).endsWith(WAIT_FOR_TASK_TOKEN);
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const RETRY = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];

export default defineRule({
  id: 'require-task-token',
  meta: {
    description: 'Require a ".waitForTaskToken" task to pass its task token',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a Task whose Resource ends in `.waitForTaskToken` when nothing in its payload passes the task token: ' +
        'in a JSONPath state, no `.$` value in Parameters is `$$.Task.Token` (or `$$.Task`, `$$`, or an intrinsic call ' +
        'with one of them as an argument); in a JSONata state, no expression in Arguments reads ' +
        '`$states.context.Task.Token` (or the whole `$states.context.Task` or `$states.context`). A payload with a ' +
        '`${Placeholder}` where the token could come in (a `.$` value, an expression, a key, a bare value) is not ' +
        'judged; a placeholder in a literal string, such as a FunctionName, cannot pass the token.',
      why:
        'The task ends only when someone calls SendTaskSuccess or SendTaskFailure with its token. If the token is never ' +
        'sent, nobody can, and the execution waits until the task times out: with no TimeoutSeconds, for up to a year. ' +
        'CDK refuses such a task for the same reason.',
      examples: {
        invalid: [
          {
            title: 'The queue message carries the order but not the token.',
            code: pretty({
              StartAt: 'Ask for approval',
              States: {
                'Ask for approval': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals', MessageBody: { 'order.$': '$.order' } },
                  TimeoutSeconds: 3600,
                  End: true,
                },
              },
            }),
          },
        ],
        valid: [
          {
            code: pretty({
              StartAt: 'Ask for approval',
              States: {
                'Ask for approval': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  Parameters: {
                    QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
                    MessageBody: { 'order.$': '$.order', 'taskToken.$': '$$.Task.Token' },
                  },
                  TimeoutSeconds: 3600,
                  Retry: RETRY,
                  End: true,
                },
              },
            }),
          },
          {
            title: 'JSONata',
            code: pretty({
              QueryLanguage: 'JSONata',
              StartAt: 'Ask for approval',
              States: {
                'Ask for approval': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                  Arguments: { FunctionName: 'request-approval', Payload: { order: '{% $states.input.order %}', token: '{% $states.context.Task.Token %}' } },
                  TimeoutSeconds: 3600,
                  Retry: RETRY,
                  End: true,
                },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Keep it on: a callback task that never sends its token cannot succeed. If a placeholder or a tool fills in the ' +
        'payload later, the rule already stays silent.',
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      if (state.kind !== 'Task' || !isCallback(state)) continue;
      const jsonata = state.queryLanguage === 'JSONata';
      const payload = jsonata ? state.arguments : state.parameters;
      const other = jsonata ? state.parameters : state.arguments;
      const found = payload ? search(payload, jsonata) : { passes: false, unknown: false };
      const fromOther = other ? search(other, !jsonata) : { passes: false, unknown: false };
      if (found.passes || found.unknown || fromOther.passes || fromOther.unknown) continue;
      const field = jsonata ? 'Arguments' : 'Parameters';
      const token = jsonata ? '$states.context.Task.Token' : '$$.Task.Token';
      const never = payload ? `its ${field} never pass "${token}"` : `it has no ${field}, so it never passes "${token}"`;
      const waits =
        state.timeoutSeconds || state.timeoutSecondsPath || state.heartbeatSeconds || state.heartbeatSecondsPath
          ? 'so it waits until it times out'
          : 'so it waits until it times out, which with no TimeoutSeconds is up to a year';
      const literal = 'literal' in found ? found.literal : undefined;
      const remedy = literal
        ? `"${literal.key}" holds the text "${literal.value}", but without the ".$" suffix that text is sent as it is: rename the key to "${literal.key}.$".`
        : jsonata
          ? 'Add "TaskToken": "{% $states.context.Task.Token %}" to the payload.'
          : 'Add "TaskToken.$": "$$.Task.Token" to the payload.';
      context.report({
        node: state.resource,
        state,
        message: `Task "${state.name}" waits for a task token, but ${never}: nobody can ever call SendTaskSuccess for it, ${waits}. ${remedy}`,
        related: literal ? [{ node: literal, at: 'key', message: 'The token path is sent as literal text here.' }] : undefined,
      });
    }
  },
});
