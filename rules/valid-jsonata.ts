import {
  defineRule,
  jsonataProblems,
  jsonataStrings,
  prepareJsonata,
  type DocNode,
  type JsonataString,
  type RuleContext,
  type State,
} from '@sfn-lint/core';

/** The offset of a string's first character in the text, when the source spells it without escapes. */
function valueStart(text: string, node: DocNode): number | undefined {
  const value = node.value as string;
  const { start, end } = node.range;
  if (end - start === value.length && text.startsWith(value, start)) return start;
  if (end - start === value.length + 2 && text.startsWith(value, start + 1)) return start + 1;
  return undefined;
}

function report(context: RuleContext, state: State, { node, label, site }: JsonataString): void {
  const problems = jsonataProblems(node.value as string, { ...site, where: `"${label}" of "${state.name}"` });
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
    const found = context.machine.states.filter((state) => state.queryLanguage === 'JSONata').map((state) => ({ state, strings: jsonataStrings(state) }));
    if (found.length === 0) return;
    // Parsing them together first is many times faster than one by one.
    prepareJsonata(found.flatMap(({ strings }) => strings.map((s) => s.body)));
    for (const { state, strings } of found) for (const s of strings) report(context, state, s);
  },
});
