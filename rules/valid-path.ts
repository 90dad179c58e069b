import { checkJsonPath, defineRule, hasSubstitution, isIntrinsicCall, jsonPathFields, type DocNode, type PathField } from '@sfn-lint/core';

/** A JSONata expression `{% … %}`, which a JSONPath state does not evaluate. */
function looksLikeJsonata(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('{%') && trimmed.endsWith('%}');
}

function shapeOf(node: DocNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'number':
      return `the number ${node.value}`;
    default:
      return `a ${node.kind}`;
  }
}

/** The field and its state, for a message; spelled out only for a finding. */
function where(field: PathField): string {
  return `${field.label} of state "${field.state.name}"`;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export default defineRule({
  id: 'valid-path',
  meta: {
    description: 'Require JSONPath syntax that Step Functions can compile in every path field of a JSONPath state',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Checks the syntax of every path of a JSONPath-mode state: InputPath, OutputPath, ResultPath (a reference ' +
        'path: one node, no variable), ItemsPath, the `*Path` fields, Choice `Variable` and `…Path` comparisons, a ' +
        'Fail state\'s ErrorPath and CausePath, catchers\' ResultPath, and the value of every key ending in `.$` in ' +
        'Parameters, ResultSelector, ItemSelector, Assign, Credentials and the Distributed Map payloads. It accepts ' +
        'what Step Functions accepts: filters, slices, wildcards, `..`, functions such as `length()`, names with ' +
        'hyphens or any Unicode letter, context paths (`$$.Execution.Id`) and variables (`$order.id`). It also ' +
        'reports an intrinsic function call where only a path is read, and a `{% … %}` JSONata expression in a ' +
        'JSONPath state. Intrinsic calls themselves are checked by valid-intrinsic; `${Placeholder}` values are left alone.',
      why:
        'Step Functions refuses to create or update a state machine whose paths do not compile, and a key ending ' +
        'in `.$` whose value is not a path or a function call. The error names the field but not what is wrong ' +
        'with it; this rule says which character breaks the path and what to write instead.',
      examples: {
        invalid: [
          {
            title: 'A name with a space needs brackets and quotes; ResultPath must name one node.',
            code: pretty({
              StartAt: 'Get order',
              States: {
                'Get order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::dynamodb:getItem',
                  Parameters: { TableName: 'orders', Key: { id: { 'S.$': '$.order id' } } },
                  ResultSelector: { 'status.$': '$.Item.status.S' },
                  ResultPath: '$.orders[*].status',
                  End: true,
                },
              },
            }),
          },
        ],
        valid: [
          {
            code: pretty({
              StartAt: 'Get order',
              States: {
                'Get order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::dynamodb:getItem',
                  Parameters: { TableName: 'orders', Key: { id: { 'S.$': "$['order id']" } } },
                  ResultSelector: { 'status.$': '$.Item.status.S', 'lines.$': "$.Item.lines.L[?(@.M.kind.S == 'item')]" },
                  ResultPath: '$.order',
                  TimeoutSeconds: 30,
                  Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
                  Next: 'Shipped?',
                },
                'Shipped?': {
                  Type: 'Choice',
                  Choices: [{ Variable: '$.order.status', StringEquals: 'SHIPPED', Next: 'Done' }],
                  Default: 'Wait a day',
                },
                'Wait a day': { Type: 'Wait', Seconds: 86400, Next: 'Done' },
                Done: { Type: 'Succeed', OutputPath: '$.order' },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Keep it on: a path that does not compile always fails. Definitions written for JSONata states are not ' +
        'affected, since they have no paths.',
    },
  },
  check(context) {
    for (const field of jsonPathFields(context.machine)) {
      const { node, state } = field;
      if (node.kind !== 'string') {
        if (field.kind === 'template' && node.kind !== 'placeholder') {
          context.report({
            node,
            state,
            message:
              `${where(field)} must be a string, not ${shapeOf(node)}: a key ending in ".$" takes a path such as "$.value" ` +
              'or an intrinsic function call. Remove ".$" from the key to pass the value as it is.',
          });
        }
        continue;
      }
      const text = node.value as string;
      if (hasSubstitution(text)) continue;
      if (isIntrinsicCall(text)) {
        if (field.kind === 'template' || field.kind === 'message') continue;
        const remedy =
          state.kind === 'Choice'
            ? 'Compute the value before the Choice, for example in a Pass state with "count.$": "States.ArrayLength($.items)", and compare its path.'
            : 'Intrinsic functions run only in keys ending in ".$" (Parameters, ResultSelector, ItemSelector, Assign, Credentials) and in a Fail state\'s ErrorPath and CausePath: compute the value there first.';
        context.report({ node, state, message: `${where(field)} cannot call an intrinsic function: it takes a path such as "$.value". ${remedy}` });
        continue;
      }
      if (looksLikeJsonata(text)) {
        context.report({
          node,
          state,
          message:
            `${where(field)} holds a JSONata expression, but the state uses JSONPath, where expressions are not evaluated. ` +
            'Set "QueryLanguage": "JSONata" on the state and write its fields for JSONata, or write a path such as "$.value".',
        });
        continue;
      }
      const problem = checkJsonPath(text, { reference: field.kind === 'reference' });
      if (!problem) continue;
      const noun = field.kind === 'reference' ? 'reference path' : 'path';
      context.report({
        node,
        state,
        message: `${where(field)} is not a valid ${noun}: ${problem.message}.${problem.hint ? ` ${problem.hint}` : ''}`,
      });
    }
  },
});
