import {
  attemptsOf,
  changingValue,
  defineRule,
  hazardOf,
  integrationOf,
  isLambdaInvoke,
  parameterValues,
  readable,
  tokenState,
  type Integration,
  type RuleContext,
  type State,
} from '@sfn-lint/core';

/** How a state's own Retry reads for this rule. */
type RetryVerdict = 'none' | 'retries' | 'opted-out' | 'unknown';

function retryVerdict(state: State): RetryVerdict {
  if (!state.retryNode) return 'none';
  if (state.retryNode.kind !== 'array') return 'unknown';
  let verdict: RetryVerdict = 'none';
  for (const retrier of state.retry) {
    if (!readable(retrier)) return 'unknown';
    const attempts = attemptsOf(retrier);
    if (attempts === undefined) return 'unknown';
    if (attempts === 0) verdict = 'opted-out';
    else return 'retries';
  }
  return verdict;
}

/** True when an enclosing Map or Parallel retries, which reruns this state too. */
function retriedAround(state: State): boolean {
  for (let owner = state.scope.owner; owner; owner = owner.scope.owner) {
    const verdict = retryVerdict(owner);
    if (verdict === 'retries' || verdict === 'unknown') return true;
  }
  return false;
}

/**
 * True when a second attempt of the call is known to be harmless: the catalog says it
 * only reads or is idempotent, or its idempotency token holds a deterministic value, and
 * idempotent-retry would find nothing wrong with a retry. Calls whose safety depends on
 * code or an API sfn-lint cannot see (HTTP, API Gateway, most SDK actions that create or
 * start something) are not known to be safe.
 */
function knownRetrySafe(integration: Integration, settings: Readonly<Record<string, unknown>>): boolean {
  const entry = integration.entry;
  if (!entry || hazardOf(integration, { settings })) return false;
  // A put of an item keyed by States.UUID() writes a second item on a retry.
  if (entry.retrySafety !== 'read-only' && changingValue(integration.payload, integration.state.queryLanguage)) return false;
  switch (entry.retrySafety) {
    case 'read-only':
    case 'idempotent':
      return true;
    case 'guarded': {
      // A `.sync` retry reruns a job that failed; a fixed name or token would make that rerun fail.
      if (integration.pattern !== 'request-response') return false;
      if (entry.key.endsWith('dynamodb:updateItem')) return updateIsIdempotent(integration);
      return integration.guards.some((guard) => guard.values.length > 0 && guard.values.every((value) => tokenState(value, guard.guard.path) === 'deterministic'));
    }
    default:
      return false;
  }
}

/** An updateItem that has a condition, or whose literal expression has no ADD or self-computed SET (hazardOf found none). */
function updateIsIdempotent(integration: Integration): boolean {
  const values = (path: string) => parameterValues(integration.payload, path, integration.state.queryLanguage);
  const condition = values('ConditionExpression')[0];
  if (condition && condition.kind !== 'absent' && condition.node.key?.startsWith('ConditionExpression')) return true;
  return values('UpdateExpression').every((value) => value.kind === 'static');
}

function check(context: RuleContext): void {
  for (const state of context.machine.states) {
    const integration = integrationOf(state);
    if (!integration || isLambdaInvoke(integration)) continue;
    const entry = integration.entry;
    // Activities and unknown Resources have no entry; callbacks get require-timeout's advice.
    if (!entry || integration.pattern === 'callback' || integration.patternSupported === false) continue;
    if (retryVerdict(state) !== 'none' || retriedAround(state)) continue;
    if (!knownRetrySafe(integration, context.settings)) continue;
    const task = integration.state;
    const retried = state.retryNode ? 'has an empty Retry' : 'has no Retry';
    context.report({
      node: task.resource ?? task.node,
      state,
      message:
        `Task "${state.name}" calls ${entry.key} and ${retried}: one throttled request or brief outage of the service ` +
        'fails the state. Add a retrier with backoff (for example on "States.TaskFailed", IntervalSeconds 1, ' +
        'MaxAttempts 3, BackoffRate 2), or one with "MaxAttempts": 0 to say that no retry is wanted.',
    });
  }
}

const RETRY = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }];
const example = (fields: Record<string, unknown>): string =>
  JSON.stringify(
    {
      StartAt: 'Save order',
      States: {
        'Save order': {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 'orders', Item: { id: { 'S.$': '$.orderId' }, 'status': { S: 'NEW' } } },
          ...fields,
          End: true,
        },
      },
    },
    null,
    2,
  );

export default defineRule({
  id: 'require-retry',
  meta: {
    description: 'Require a retrier on Tasks whose calls are safe to repeat',
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a Task that calls an AWS service other than Lambda (whose errors lambda-transient-retry covers) ' +
        'with no retrier that retries (MaxAttempts above 0, 3 when absent), when a second attempt is known to be ' +
        'harmless: the call only reads, is idempotent, or carries a deterministic idempotency token. It skips ' +
        '".waitForTaskToken" tasks and activities, Tasks with a retrier set to "MaxAttempts": 0 (an explicit ' +
        'opt-out), Tasks inside a Map or Parallel that retries, and calls that are not safe to repeat, which ' +
        'idempotent-retry reports once they are retried. So the two rules never report one state together.',
      why:
        'Service calls fail now and then for reasons that pass: throttling, a brief outage, a network error. ' +
        'Without a retrier one such error fails the state and, unless something catches it, the whole ' +
        'execution. A retrier with backoff absorbs them at the cost of a few seconds.',
      examples: {
        invalid: [{ code: example({}) }],
        valid: [{ code: example({ Retry: RETRY }) }, { title: 'An explicit opt-out', code: example({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }) }],
      },
      whenNotToUse:
        'Turn it off when retries happen elsewhere, for example when the caller restarts failed executions. To ' +
        'avoid false alarms it stays silent wherever a retry might repeat an effect: calls whose safety sfn-lint ' +
        'cannot see (HTTP tasks, API Gateway, EKS calls, and SDK actions that are not reads, deletes, stops or ' +
        'other known idempotent verbs, a naming rule that is itself a guess), ".sync" jobs with a name or token ' +
        '(a retry of a failed job would be rejected as a duplicate), and Resources filled in at deployment.',
    },
  },
  check,
});
