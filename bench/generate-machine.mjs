// Generates a valid state machine of N top-level states that mixes the state types a real
// workflow uses: Lambda tasks with retriers and catchers, Choices, Waits, Passes, and a
// Parallel and a Map every 100 states. 2,400 states come to about 1 MB, the largest
// definition AWS accepts.

// AWS's recommended retrier for Lambda's transient errors, as a well-kept workflow has it.
const LAMBDA_ERRORS = ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'];

export function generateMachine(count) {
  const states = {};
  const name = (i) => `Step ${i}`;
  for (let i = 0; i < count; i++) {
    const next = { Next: i + 1 < count ? name(i + 1) : 'Done' };
    const kind = i % 100 === 50 ? 'parallel' : i % 100 === 75 ? 'map' : ['task', 'choice', 'pass', 'task', 'wait', 'pass'][i % 6];
    if (kind === 'task') {
      states[name(i)] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: `worker-${i}`, 'Payload.$': '$.order' },
        ResultPath: `$.results.s${i}`,
        Retry: [{ ErrorEquals: LAMBDA_ERRORS, IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
        ...next,
      };
    } else if (kind === 'choice') {
      states[name(i)] = {
        Type: 'Choice',
        Choices: [
          { Variable: `$.results.s${i - 1}.status`, StringEquals: 'FAILED', Next: 'Failed' },
          { And: [{ Variable: '$.order.total', NumericGreaterThan: 1000 }, { Variable: '$.order.flagged', BooleanEquals: true }], Next: 'Failed' },
        ],
        Default: i + 1 < count ? name(i + 1) : 'Done',
      };
    } else if (kind === 'pass') {
      states[name(i)] = { Type: 'Pass', Parameters: { 'step.$': '$$.State.Name', marker: i }, ResultPath: '$.marker', ...next };
    } else if (kind === 'wait') {
      states[name(i)] = { Type: 'Wait', Seconds: 1, ...next };
    } else if (kind === 'parallel') {
      states[name(i)] = {
        Type: 'Parallel',
        Branches: [0, 1].map((b) => ({
          StartAt: `Branch ${i}.${b}`,
          States: { [`Branch ${i}.${b}`]: { Type: 'Pass', Result: { branch: b }, End: true } },
        })),
        ResultPath: `$.parallel${i}`,
        ...next,
      };
    } else {
      states[name(i)] = {
        Type: 'Map',
        ItemsPath: '$.order.items',
        MaxConcurrency: 10,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: `Item ${i}`,
          States: { [`Item ${i}`]: { Type: 'Pass', End: true } },
        },
        ResultPath: null,
        ...next,
      };
    }
  }
  states['Failed'] = { Type: 'Fail', Error: 'OrderFailed', Cause: 'A step failed' };
  states.Done = { Type: 'Succeed' };
  return { Comment: `Generated machine with ${count} states`, StartAt: name(0), States: states };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(JSON.stringify(generateMachine(Number(process.argv[2] ?? 2400)), null, 2));
}
