import { checkIntrinsic, defineRule, hasSubstitution, isIntrinsicCall, jsonPathFields } from '@sfn-lint/core';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export default defineRule({
  id: 'valid-intrinsic',
  meta: {
    description: 'Require intrinsic function calls that Step Functions can evaluate: known names, argument counts, literal arguments',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Parses every intrinsic function call of a JSONPath-mode state (the value of a key ending in `.$` in ' +
        'Parameters, ResultSelector, ItemSelector, Assign, Credentials and the Distributed Map payloads, and a Fail ' +
        'state\'s ErrorPath and CausePath) and reports: unknown or misspelled function names (with a suggestion), ' +
        'the wrong number of arguments (for States.Format, one value per `{}` of a literal template), broken ' +
        'syntax (quotes, commas, parentheses), invalid paths among the arguments, calls nested more than 10 deep, ' +
        'a States.Hash algorithm other than MD5, SHA-1, SHA-256, SHA-384 or SHA-512, a States.JsonMerge whose ' +
        'third argument is not `false`, a States.ArrayRange step of 0, a States.ArrayPartition chunk size below 1, ' +
        'and functions that do not return a string in ErrorPath and CausePath.',
      why:
        'Step Functions rejects a definition whose calls do not parse, and a call with the wrong arguments fails ' +
        'the execution with States.IntrinsicFailure when the state runs, often far from where it was written.',
      examples: {
        invalid: [
          {
            title: 'Two placeholders but one value; an algorithm name without its hyphen.',
            code: pretty({
              StartAt: 'Prepare',
              States: {
                Prepare: {
                  Type: 'Pass',
                  Parameters: {
                    'greeting.$': "States.Format('Hello {}, order {} is ready', $.name)",
                    'digest.$': "States.Hash($.body, 'SHA256')",
                    'id.$': 'States.UUID()',
                  },
                  End: true,
                },
              },
            }),
          },
        ],
        valid: [
          {
            code: pretty({
              StartAt: 'Prepare',
              States: {
                Prepare: {
                  Type: 'Pass',
                  Parameters: {
                    'greeting.$': "States.Format('Hello {}, order {} is ready', $.name, $.orderId)",
                    'digest.$': "States.Hash($.body, 'SHA-256')",
                    'id.$': 'States.UUID()',
                    'batches.$': 'States.ArrayPartition($.items, 10)',
                    'count.$': 'States.MathAdd(States.ArrayLength($.items), -1)',
                  },
                  Next: 'Check',
                },
                Check: {
                  Type: 'Choice',
                  Choices: [{ Variable: '$.count', NumericGreaterThan: 100, Next: 'Too many' }],
                  Default: 'Done',
                },
                'Too many': {
                  Type: 'Fail',
                  Error: 'TooManyItems',
                  CausePath: "States.Format('Order {} has too many items', $.orderId)",
                },
                Done: { Type: 'Succeed' },
              },
            }),
          },
        ],
      },
      whenNotToUse: 'Keep it on: a call that does not parse or has the wrong arguments always fails.',
    },
  },
  check(context) {
    for (const field of jsonPathFields(context.machine)) {
      if (field.kind !== 'template' && field.kind !== 'message') continue;
      const { node, state } = field;
      if (node.kind !== 'string') continue;
      const text = node.value as string;
      if (hasSubstitution(text) || !isIntrinsicCall(text)) continue;
      for (const problem of checkIntrinsic(text, { stringOnly: field.kind === 'message' })) {
        context.report({ node, state, message: `Intrinsic function in ${field.label} of state "${state.name}": ${problem.message}` });
      }
    }
  },
});
