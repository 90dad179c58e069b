import {
  defineRule,
  effectiveRetrier,
  hazardOf,
  integrationOf,
  type DocNode,
  type HazardOptions,
  type Integration,
  type RuleContext,
  type State,
} from '@sfn-lint/core';

/** Text naming the call as the Resource does. */
function callName(integration: Integration): string {
  const entry = integration.probableEntry;
  return entry ? entry.key : 'the integration';
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function* statesUnder(state: State): Generator<State> {
  for (const scope of state.scopes) {
    for (const inner of scope.states) {
      yield inner;
      yield* statesUnder(inner);
    }
  }
}

const MAX_RELATED = 5;

function check(context: RuleContext): void {
  const options: HazardOptions = { settings: context.settings };
  for (const state of context.machine.states) {
    if (state.kind !== 'Task' && state.kind !== 'Map' && state.kind !== 'Parallel') continue;
    const retrier = effectiveRetrier(state);
    if (!retrier) continue;
    const retried = { node: retrier.node, message: `This retrier retries "${state.name}".` };

    if (state.kind === 'Task') {
      const integration = integrationOf(state);
      const hazard = integration && hazardOf(integration, options);
      if (!integration || !hazard) continue;
      context.report({
        node: state.resource ?? state.node,
        state,
        message: `Task "${state.name}" retries ${hazard.call}, but ${hazard.effect}. ${hazard.remedy}`,
        related: [retried, ...(hazard.node ? [{ node: hazard.node, message: 'This value differs on every attempt.' }] : [])],
      });
      continue;
    }

    const effects: { state: State; call: string; node: DocNode }[] = [];
    for (const inner of statesUnder(state)) {
      const integration = integrationOf(inner);
      if (!integration) continue;
      const hazard = hazardOf(integration, { ...options, anyPattern: true });
      const unsafe = !hazard && integration.entry?.sideEffects === true && integration.entry.retrySafety === 'unsafe';
      if (hazard || unsafe) effects.push({ state: inner, call: hazard?.call ?? callName(integration), node: integration.state.resource ?? inner.node });
    }
    if (effects.length === 0) continue;
    const what = state.kind === 'Map' ? 'iteration' : 'branch';
    const named = listText(effects.slice(0, 3).map((e) => `"${e.state.name}" (${e.call})`)) + (effects.length > 3 ? ` and ${effects.length - 3} more` : '');
    context.report({
      node: state.retryNode ?? state.node,
      at: 'key',
      state,
      message:
        `${state.kind} "${state.name}" has a Retry, and a retry reruns every ${what}, those that succeeded included, so ` +
        `${named} would repeat ${effects.length === 1 ? 'its side effect' : 'their side effects'}. Retry inside the ${what} instead, ` +
        `on the states that are safe to repeat${state.kind === 'Map' ? ', or redrive a Distributed Map Run, which reruns only the failed children' : ''}.`,
      related: [retried, ...effects.slice(0, MAX_RELATED).map((e) => ({ node: e.node, message: `"${e.state.name}" calls ${e.call}.` }))],
    });
  }
}

const machine = (states: Record<string, unknown>, startAt: string): string => JSON.stringify({ StartAt: startAt, States: states }, null, 2);

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo';
const RETRY = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }];

export default defineRule({
  id: 'idempotent-retry',
  meta: {
    description: 'Disallow retrying side effects that no idempotency token guards',
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a retried Task (a retrier with MaxAttempts above 0 that matches more than throttling errors) whose ' +
        'call repeats its effect on a second attempt and carries no deterministic idempotency token: SQS sendMessage ' +
        'to a standard queue, or to a FIFO queue (a QueueUrl ending ".fifo") without MessageDeduplicationId; SNS ' +
        'publish likewise; EventBridge putEvents; StartExecution without Name; ECS runTask and EC2 runInstances ' +
        'without ClientToken; DynamoDB updateItem with ADD, or a SET computed from the attribute it sets, and no ' +
        'ConditionExpression. A token built from States.UUID(), States.MathRandom, $uuid(), $now(), $millis(), ' +
        '$random(), $$.State.EnteredTime or $$.State.RetryCount does not count. It also reports a retried Map or ' +
        'Parallel whose branches or iterations hold such a call, or a call the catalog marks as never safe to ' +
        'repeat (Batch submitJob, Glue startJobRun, …), because a retry reruns all of them.',
      why:
        'Standard workflows run each state exactly once unless you add a Retry. A retry follows an error, and ' +
        'the error may come after the service acted: the timeout came after the message was queued, the update ' +
        'applied, the child execution started. The second attempt then does it again: two messages, two ' +
        'executions, a counter bumped twice. A deterministic token (the same value on every attempt) lets the ' +
        'service recognise the repeat.',
      examples: {
        invalid: [
          {
            title: 'A FIFO queue without MessageDeduplicationId',
            code: machine(
              {
                'Queue order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage',
                  Parameters: { QueueUrl: QUEUE, MessageGroupId: 'orders', 'MessageBody.$': '$' },
                  Retry: RETRY,
                  End: true,
                },
              },
              'Queue order',
            ),
          },
          {
            title: 'A child execution named from a fresh UUID',
            code: machine(
              {
                'Start fulfilment': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::states:startExecution',
                  Parameters: {
                    StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:fulfilment',
                    'Name.$': 'States.UUID()',
                    'Input.$': '$',
                  },
                  Retry: RETRY,
                  End: true,
                },
              },
              'Start fulfilment',
            ),
          },
        ],
        valid: [
          {
            code: machine(
              {
                'Queue order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::sqs:sendMessage',
                  Parameters: {
                    QueueUrl: QUEUE,
                    MessageGroupId: 'orders',
                    'MessageDeduplicationId.$': "States.Format('{}-queue-order', $$.Execution.Name)",
                    'MessageBody.$': '$',
                  },
                  Retry: RETRY,
                  End: true,
                },
              },
              'Queue order',
            ),
          },
        ],
      },
      whenNotToUse:
        'Turn it off when every consumer already drops duplicates. Lambda invokes are not reported by default, ' +
        'because sfn-lint cannot see whether a function is idempotent; set the setting "lambdaIdempotent" to false to ' +
        'have retried invokes reported too (lambda-transient-retry then stays silent). To avoid false alarms, only ' +
        'request-response calls are judged on their own retry (a ".sync" retry reruns the job on purpose, and a fixed ' +
        'name or token would make it fail); a queue or topic whose type the file does not show is not judged; and a ' +
        'token is taken to change on each attempt only when it is built from the functions above, since that ' +
        'Parameters are evaluated again on each attempt is inferred from $$.State.RetryCount, not documented. A FIFO ' +
        'queue or topic with ContentBasedDeduplication needs no MessageDeduplicationId: turn the finding off there. ' +
        'That the optimized ecs:runTask passes ClientToken on to ECS is not documented; if it does not, drop the ' +
        'Retry instead.',
    },
  },
  check,
});
