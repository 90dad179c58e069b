import { defineRule, items, type Catcher, type Retrier, type RuleContext, type State } from '@sfn-lint/core';

const ALL = 'States.ALL';

function checkList(context: RuleContext, state: State, entries: readonly (Retrier | Catcher)[], noun: 'retrier' | 'catcher'): void {
  entries.forEach((entry, position) => {
    const all = entry.errors.find((error) => error.name === ALL);
    if (!all) return;
    if (items(entry.errorEquals).length > 1) {
      context.report({
        node: all.node,
        state,
        message:
          `"${ALL}" must be the only error in its ErrorEquals (${noun} ${entry.index + 1} of "${state.name}"): it already ` +
          `matches every error. Remove the other names or move them to an earlier ${noun}.`,
      });
    }
    // Entries that are not objects are shape errors reported by valid-definition.
    const later = entries.slice(position + 1).filter((other) => other.node.kind === 'object');
    if (later.length > 0) {
      context.report({
        node: all.node,
        state,
        message: `"${ALL}" must be in the last ${noun} of "${state.name}": the ${noun}s after it are never used. Move it to the end.`,
        related: later.map((other) => ({ node: other.errorEquals ?? other.node, message: `This ${noun} comes after "${ALL}".` })),
      });
    }
  });
}

export default defineRule({
  id: 'states-all-last',
  meta: {
    description: 'Require "States.ALL" to stand alone in the last retrier or catcher',
    category: 'error-handling',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports "States.ALL" in an ErrorEquals that names other errors too, and "States.ALL" in a retrier or catcher ' +
        'that is not the last one of its Retry or Catch.',
      why:
        'Retriers and catchers are tried in order and the first match wins. "States.ALL" matches every error, so ' +
        'anything after it is never used, and names beside it add nothing. Step Functions rejects such a ' +
        'definition when you create or update the state machine.',
      examples: {
        invalid: [
          {
            code: JSON.stringify(
              {
                QueryLanguage: 'JSONata',
                StartAt: 'Charge card',
                States: {
                  'Charge card': {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Arguments: { FunctionName: 'charge-card', Payload: '{% $states.input %}' },
                    Catch: [
                      { ErrorEquals: ['States.ALL'], Next: 'Failed' },
                      { ErrorEquals: ['Payment.Declined'], Next: 'Declined' },
                    ],
                    End: true,
                  },
                  Declined: { Type: 'Fail', Error: 'Declined' },
                  Failed: { Type: 'Fail', Error: 'Failed' },
                },
              },
              null,
              2,
            ),
          },
        ],
        valid: [
          {
            code: JSON.stringify(
              {
                QueryLanguage: 'JSONata',
                StartAt: 'Charge card',
                States: {
                  'Charge card': {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Arguments: { FunctionName: 'charge-card', Payload: '{% $states.input %}' },
                    Retry: [{ ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
                    Catch: [
                      { ErrorEquals: ['Payment.Declined'], Next: 'Declined' },
                      { ErrorEquals: ['States.ALL'], Next: 'Failed' },
                    ],
                    End: true,
                  },
                  Declined: { Type: 'Fail', Error: 'Declined' },
                  Failed: { Type: 'Fail', Error: 'Failed' },
                },
              },
              null,
              2,
            ),
          },
        ],
      },
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      checkList(context, state, state.retry, 'retrier');
      checkList(context, state, state.catch, 'catcher');
    }
  },
});
