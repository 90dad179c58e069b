import {
  defineRule,
  items,
  jsonataBody,
  jsonataProblems,
  members,
  prepareJsonata,
  type DocNode,
  type JsonataSite,
  type RuleContext,
  type State,
} from '@sfn-lint/core';

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

/** The offset of a string's first character in the text, when the source spells it without escapes. */
function valueStart(text: string, node: DocNode): number | undefined {
  const value = node.value as string;
  const { start, end } = node.range;
  if (end - start === value.length && text.startsWith(value, start)) return start;
  if (end - start === value.length + 2 && text.startsWith(value, start + 1)) return start + 1;
  return undefined;
}

/** One JSONata string found in a state, with what decides its meaning. */
interface Found {
  readonly node: DocNode;
  readonly body: string;
  readonly state: State;
  readonly site: JsonataSite;
}

/** The path of a node below a field, for messages: `Arguments.Payload.items[0]`. */
function pathBelow(field: DocNode, prefix: string, node: DocNode): string {
  const steps: string[] = [];
  for (let current: DocNode | undefined = node; current && current !== field; current = current.parent) {
    steps.push(current.key !== undefined ? `.${current.key}` : `[${current.index}]`);
  }
  return prefix + steps.reverse().join('');
}

/** Collects the expressions under one field value; iterative, as payloads nest arbitrarily deep. */
function collect(found: Found[], state: State, field: DocNode | undefined, prefix: string, site: Omit<JsonataSite, 'where'>): void {
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
      if (body !== undefined) found.push({ node, body, state, site: { ...site, where: `"${pathBelow(field, prefix, node)}" of "${state.name}"` } });
    }
  }
}

function collectState(found: Found[], state: State): void {
  const stateType = state.type;
  const fields = state.node.kind === 'object' ? members(state.node) : [];
  for (const field of fields) {
    const name = field.key as string;
    if (EVALUATED_FIELDS.has(name)) collect(found, state, field, name, { stateType, field: name, holder: 'state' });
  }
  if (state.kind === 'Choice') {
    state.choices.forEach((rule, index) => {
      for (const [name, node] of [['Condition', rule.condition], ['Output', rule.output], ['Assign', rule.assign]] as const) {
        collect(found, state, node, `Choices[${index}].${name}`, { stateType, field: name, holder: 'choice-rule' });
      }
    });
  }
  for (const catcher of state.catch) {
    for (const [name, node] of [['Output', catcher.output], ['Assign', catcher.assign]] as const) {
      collect(found, state, node, `Catch[${catcher.index}].${name}`, { stateType, field: name, holder: 'catcher' });
    }
  }
}

function report(context: RuleContext, { node, state, site }: Found): void {
  const problems = jsonataProblems(node.value as string, site);
  if (problems.length === 0) return;
  const start = valueStart(context.document.text, node);
  for (const problem of problems) {
    // A syntax error's token position is often past the real mistake: point at the string.
    if (problem.kind === 'syntax' || start === undefined) context.report({ node, state, message: problem.message });
    else context.report({ range: { start: start + problem.start, end: start + problem.end }, state, message: problem.message });
  }
}

const example = (definition: unknown): string => JSON.stringify(definition, null, 2);

export default defineRule({
  id: 'valid-jsonata',
  meta: {
    description: 'Require JSONata expressions that parse, call known functions and read "$states" fields that exist',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Parses every "{% … %}" string of a JSONata state with the JSONata version Step Functions runs (2.0.6) and reports ' +
        'syntax errors, calls of functions that neither JSONata nor Step Functions provides (including "$eval", which ' +
        'Step Functions leaves out), and reads of "$states" fields where they do not exist: "$states.result" outside the ' +
        '"Output" and "Assign" of Task, Parallel and Map states, and "$states.errorOutput" outside a catcher.',
      why:
        'Step Functions evaluates these expressions only when the state runs. A syntax error, an unknown function or a ' +
        'missing "$states" field then fails the state with States.QueryEvaluationError, often deep into an execution, ' +
        'after the earlier states have done their work.',
      examples: {
        invalid: [
          {
            title: 'The result read in Arguments, a misspelt function and an unclosed call',
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Charge card',
              States: {
                'Charge card': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: {
                    FunctionName: 'charge-card',
                    Payload: { orderId: '{% $states.result.orderId %}', total: '{% $summ($states.input.items.price) %}' },
                  },
                  Output: '{% $merge([$states.input, $states.result.Payload %}',
                  End: true,
                },
              },
            }),
          },
        ],
        valid: [
          {
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Charge card',
              States: {
                'Charge card': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: {
                    FunctionName: 'charge-card',
                    Payload: { orderId: '{% $states.input.orderId %}', total: '{% $sum($states.input.items.price) %}' },
                  },
                  Retry: [{ ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'], MaxAttempts: 3 }],
                  Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Charge failed' }],
                  Output: '{% $merge([$states.input, $states.result.Payload]) %}',
                  End: true,
                },
                'Charge failed': { Type: 'Fail', Error: 'ChargeFailed', Cause: '{% $states.input.Cause %}' },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Keep it on: Step Functions never evaluates these strings before the state runs. Strings of JSONPath states are ' +
        'not JSONata and are not checked.',
    },
  },
  check(context) {
    const found: Found[] = [];
    for (const state of context.machine.states) {
      if (state.queryLanguage === 'JSONata') collectState(found, state);
    }
    if (found.length === 0) return;
    // Parsing them together first is many times faster than one by one.
    prepareJsonata(found.map((f) => f.body));
    for (const f of found) report(context, f);
  },
});
