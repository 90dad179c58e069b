import {
  attemptsOf,
  defineRule,
  insertArrayItem,
  insertMember,
  integrationOf,
  isLambdaInvoke,
  LAMBDA_RETRY_ERRORS,
  readable,
  recommendedRetrier,
  type Fix,
  type Retrier,
  type RuleContext,
  type SourceDocument,
  type TaskState,
  type TextEdit,
} from '@sfn-lint/core';

const ALL = 'States.ALL';
const TASK_FAILED = 'States.TaskFailed';

type RetryShape = { readonly kind: 'absent' | 'unknown' } | { readonly kind: 'list'; readonly retriers: readonly Retrier[] };

/** Retry absent, not an array (a placeholder, or a wrong shape that valid-definition reports), or a list. */
function retryShape(state: TaskState): RetryShape {
  if (!state.retryNode) return { kind: 'absent' };
  if (state.retryNode.kind !== 'array') return { kind: 'unknown' };
  return { kind: 'list', retriers: state.retry };
}

type Status =
  | { readonly kind: 'covered' }
  | { readonly kind: 'unknown' }
  /** Named with MaxAttempts 0: the author chose not to retry it. */
  | { readonly kind: 'opted-out' }
  /** Taken first by a States.ALL or States.TaskFailed retrier with MaxAttempts 0. */
  | { readonly kind: 'blocked'; readonly retrier: Retrier; readonly by: string }
  | { readonly kind: 'missing' };

/** What happens to one error: the first retrier that matches it decides, as at run time. */
function statusOf(error: string, retriers: readonly Retrier[]): Status {
  for (const retrier of retriers) {
    if (!readable(retrier)) return UNKNOWN;
    const by = matchedBy(error, retrier);
    if (!by) continue;
    const attempts = attemptsOf(retrier);
    if (attempts === undefined) return UNKNOWN;
    if (attempts > 0) return COVERED;
    return by === error ? OPTED_OUT : { kind: 'blocked', retrier, by };
  }
  return MISSING;
}

// Asked four times per Lambda Task: the answers without data are shared.
const UNKNOWN: Status = { kind: 'unknown' };
const COVERED: Status = { kind: 'covered' };
const OPTED_OUT: Status = { kind: 'opted-out' };
const MISSING: Status = { kind: 'missing' };

/** The name by which a retrier takes the error: the error itself, else States.TaskFailed, else States.ALL. */
function matchedBy(error: string, retrier: Retrier): string | undefined {
  let taskFailed = false;
  let all = false;
  const errors = retrier.errors;
  for (let i = 0; i < errors.length; i++) {
    const name = errors[i].name;
    if (name === error) return error;
    if (name === TASK_FAILED) taskFailed = true;
    else if (name === ALL) all = true;
  }
  return taskFailed ? TASK_FAILED : all ? ALL : undefined;
}

interface Gap {
  /** The errors to add, in AWS's order. */
  readonly errors: readonly string[];
  /** How many of the four a retrier retries. */
  readonly covered: number;
  /** The first wildcard retrier with MaxAttempts 0 that takes one of them, if any. */
  readonly blocked?: { readonly retrier: Retrier; readonly by: string };
}

function gapOf(state: TaskState): Gap | undefined {
  const shape = retryShape(state);
  if (shape.kind === 'unknown') return undefined;
  const retriers = shape.kind === 'list' ? shape.retriers : [];
  const errors: string[] = [];
  let blocked: Gap['blocked'];
  let covered = 0;
  for (const error of LAMBDA_RETRY_ERRORS) {
    const status = statusOf(error, retriers);
    if (status.kind === 'covered') covered++;
    if (status.kind === 'missing') errors.push(error);
    if (status.kind === 'blocked') {
      errors.push(error);
      if (!blocked || status.retrier.index < blocked.retrier.index) blocked = { retrier: status.retrier, by: status.by };
    }
  }
  return errors.length === 0 ? undefined : { errors, covered, ...(blocked ? { blocked } : {}) };
}

/**
 * The retrier goes where it is the first match for its errors: before the wildcard
 * retrier with MaxAttempts 0 that would take them, else at the end of Retry, else in a
 * new Retry placed before Catch, Next or End.
 */
function fixFor(document: SourceDocument, state: TaskState, gap: Gap): Fix | undefined {
  const retrier = recommendedRetrier(gap.errors);
  let edits: TextEdit[] | undefined;
  if (!state.retryNode) {
    edits = insertMember(document, state.node, 'Retry', [retrier], { before: ['Catch', 'Next', 'End'] });
  } else {
    const index = gap.blocked ? gap.blocked.retrier.index : (state.retryNode.children?.length ?? 0);
    edits = insertArrayItem(document, state.retryNode, index, retrier);
  }
  // A wildcard retrier with MaxAttempts 0 may say on purpose that nothing is retried: going
  // before it overrides that choice, so the fix is then only a suggestion.
  return edits ? { description: `Add AWS's recommended retrier for ${listText(gap.errors)}`, edits, safe: !gap.blocked } : undefined;
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function check(context: RuleContext): void {
  // With the functions declared not idempotent, retrying is idempotent-retry's question.
  if (context.settings.lambdaIdempotent === false) return;
  for (const state of context.machine.states) {
    const integration = integrationOf(state);
    if (!integration || !isLambdaInvoke(integration)) continue;
    const task = integration.state;
    const gap = gapOf(task);
    if (!gap) continue;
    const blocked = gap.blocked
      ? ` Retrier ${gap.blocked.retrier.index + 1} takes ${gap.errors.length === 1 ? 'it' : 'them'} first with "${gap.blocked.by}" and MaxAttempts 0.`
      : '';
    const some = gap.covered > 0;
    const newest = gap.covered === LAMBDA_RETRY_ERRORS.length - 1 && gap.errors.length === 1 && gap.errors[0] === LAMBDA_RETRY_ERRORS[0] ? ' (AWS added it to its recommended retrier after the other three)' : '';
    const fix = fixFor(context.document, task, gap);
    context.report({
      node: task.resource ?? task.node,
      at: task.resource ? 'value' : 'key',
      state: task,
      message:
        `Task "${task.name}" ${some ? "retries some of Lambda's transient service errors but not" : "does not retry Lambda's transient service errors"} ` +
        `${listText(gap.errors)}${newest}.${blocked} These come from the Lambda service and usually pass on a second try: ` +
        "add AWS's recommended retrier (IntervalSeconds 2, MaxAttempts 6, BackoffRate 2).",
      ...(gap.blocked ? { related: [{ node: gap.blocked.retrier.node, message: `This retrier takes them with "${gap.blocked.by}" and never retries.` }] } : {}),
      ...(fix ? { fix } : {}),
    });
  }
}

const example = (states: Record<string, unknown>): string => JSON.stringify({ StartAt: 'Charge card', States: states }, null, 2);

export default defineRule({
  id: 'lambda-transient-retry',
  meta: {
    description: "Require Lambda invokes to retry Lambda's transient service errors",
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    fixable: true,
    docs: {
      whatItDoes:
        'Reports a Task that invokes a Lambda function and does not retry all four errors that AWS recommends ' +
        'retrying: Lambda.ClientExecutionTimeoutException, Lambda.ServiceException, Lambda.AWSLambdaException and ' +
        'Lambda.SdkClientException. An error counts as retried when the first retrier that matches it (by name, or ' +
        'with "States.TaskFailed" or "States.ALL") has MaxAttempts above 0 (3 when absent). The fix adds AWS\'s ' +
        'recommended retrier (IntervalSeconds 2, MaxAttempts 6, BackoffRate 2) for the missing errors, where it is ' +
        'the first match: before a wildcard retrier with MaxAttempts 0, else at the end of Retry. `--fix` applies it, ' +
        'except before a wildcard retrier with MaxAttempts 0, which may say on purpose that nothing is retried: there ' +
        'the fix is only offered, for an editor to apply.',
      why:
        'These errors come from the Lambda service or the network, not from your code, and usually pass within ' +
        'seconds. Without a retrier one of them fails the state and, unless something catches it, the whole ' +
        'execution. AWS lists this retrier among the Step Functions best practices, and the CDK adds it to every ' +
        'LambdaInvoke by default.',
      examples: {
        invalid: [
          {
            title: 'No retrier at all',
            code: example({
              'Charge card': {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'charge-card', 'Payload.$': '$' },
                End: true,
              },
            }),
          },
          {
            title: 'A retrier for throttling only',
            code: example({
              'Charge card': {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'charge-card', 'Payload.$': '$' },
                Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
                End: true,
              },
            }),
          },
        ],
        valid: [
          {
            code: example({
              'Charge card': {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'charge-card', 'Payload.$': '$' },
                Retry: [recommendedRetrier(LAMBDA_RETRY_ERRORS)],
                End: true,
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Turn it off when something outside the Task already retries these errors, or when your functions must never ' +
        'run twice: a Lambda.ClientExecutionTimeoutException can come after the function started. To say that your ' +
        'functions are not idempotent, set the setting "lambdaIdempotent" to false: this rule then stays silent and ' +
        'idempotent-retry reports retried invokes instead. To leave one error unretried on purpose, name it in a ' +
        'retrier with MaxAttempts 0. The error names are documented for arn:aws:states:::lambda:invoke; for function ' +
        'ARNs, aws-sdk:lambda:invoke and placeholder Resources named like a function (${ResizeFunctionArn}, ' +
        '${resize_lambda}, ${workerArn}) they are assumed to be the same.',
    },
  },
  check,
});
