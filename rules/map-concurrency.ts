import { defineRule, integrationOf, isLambdaInvoke, LAMBDA_RETRY_ERRORS, recommendedRetrier, type MapState, type RuleContext, type State } from '@sfn-lint/core';

function* statesUnder(state: State): Generator<State> {
  for (const scope of state.scopes) {
    for (const inner of scope.states) {
      yield inner;
      yield* statesUnder(inner);
    }
  }
}

/** True when MaxConcurrency lets the Map run 10,000 children: absent or 0, and no MaxConcurrencyPath. */
function unbounded(map: MapState): boolean {
  if (map.maxConcurrencyPath) return false;
  const field = map.maxConcurrency;
  if (!field) return true;
  // A placeholder or a JSONata expression: the value is not known.
  return field.kind === 'number' && field.value === 0;
}

const MAX_RELATED = 5;

function check(context: RuleContext): void {
  for (const state of context.machine.states) {
    if (state.kind !== 'Map' || !state.distributed || !unbounded(state)) continue;
    const lambdas: State[] = [];
    for (const inner of statesUnder(state)) {
      const integration = integrationOf(inner);
      if (integration && isLambdaInvoke(integration)) lambdas.push(inner);
    }
    if (lambdas.length === 0) continue;
    const setting = state.maxConcurrency ? 'MaxConcurrency is 0' : 'it has no MaxConcurrency';
    const first = lambdas[0];
    context.report({
      node: state.maxConcurrency ?? state.node,
      at: state.maxConcurrency ? 'value' : 'key',
      state,
      message:
        `Distributed Map "${state.name}" can run 10,000 child executions at once (${setting}), and they invoke Lambda ` +
        `("${first.name}"${lambdas.length > 1 ? ` and ${lambdas.length - 1} more` : ''}). An account's Lambda concurrency is ` +
        '1,000 by default, so most invokes would be throttled. Set MaxConcurrency to what the functions and what they call can take.',
      related: lambdas.slice(0, MAX_RELATED).map((inner) => {
        const task = integrationOf(inner)!.state;
        return { node: task.resource ?? task.node, message: `"${inner.name}" invokes Lambda in every child execution.` };
      }),
    });
  }
}

const example = (concurrency: Record<string, unknown>): string =>
  JSON.stringify(
    {
      StartAt: 'Process files',
      States: {
        'Process files': {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:listObjectsV2',
            Parameters: { Bucket: 'incoming-files', Prefix: 'today/' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Process file',
            States: {
              'Process file': {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'process-file', 'Payload.$': '$' },
                Retry: [recommendedRetrier(LAMBDA_RETRY_ERRORS)],
                End: true,
              },
            },
          },
          ...concurrency,
          End: true,
        },
      },
    },
    null,
    2,
  );

export default defineRule({
  id: 'map-concurrency',
  meta: {
    description: 'Require MaxConcurrency on Distributed Maps that invoke Lambda',
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a Map in DISTRIBUTED mode whose MaxConcurrency is absent or 0, with no MaxConcurrencyPath, when a ' +
        'state anywhere in its ItemProcessor invokes a Lambda function.',
      why:
        'Without a limit a Distributed Map runs up to 10,000 child executions at the same time. Each Lambda invoke ' +
        'takes one unit of the account\'s concurrency, 1,000 per Region by default and shared by every function, ' +
        'so the children throttle each other and every other function in the account. AWS advises not exceeding ' +
        'the capacity of what the Map calls.',
      examples: {
        invalid: [{ code: example({}) }],
        valid: [{ code: example({ MaxConcurrency: 100 }) }],
      },
      whenNotToUse:
        'Turn it off when the account has a raised Lambda concurrency quota, or the function has reserved ' +
        'concurrency sized for the Map. A MaxConcurrency filled in at deployment or computed by JSONata is not ' +
        'reported. Placeholder Resources named like a function (${ResizeFunctionArn}) count as Lambda invokes.',
    },
  },
  check,
});
