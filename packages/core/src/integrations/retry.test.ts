import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import type { State } from '../model/types.js';
import { integrationOf, type Integration } from './integration.js';
import { attemptsOf, effectiveRetrier, isLambdaInvoke, LAMBDA_RETRY_ERRORS, readable, recommendedRetrier } from './retry.js';

function taskState(task: Record<string, unknown>): State {
  const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', End: true, ...task } } };
  const document = parseDocument('test.asl.json', JSON.stringify(definition));
  return buildMachine(document, document.roots[0]).states[0];
}

const integration = (resource: string): Integration => integrationOf(taskState({ Resource: resource })) as Integration;

describe('LAMBDA_RETRY_ERRORS and recommendedRetrier', () => {
  it("are AWS's four transient Lambda errors, retried every 2 s up to 6 times with backoff 2", () => {
    expect(LAMBDA_RETRY_ERRORS).toEqual([
      'Lambda.ClientExecutionTimeoutException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
    ]);
    expect(recommendedRetrier(['Lambda.ServiceException'])).toEqual({ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 });
  });
});

describe('isLambdaInvoke', () => {
  it('accepts invokes, their callbacks, function ARNs and SDK invokes, but not other calls', () => {
    expect(isLambdaInvoke(integration('arn:aws:states:::lambda:invoke'))).toBe(true);
    expect(isLambdaInvoke(integration('arn:aws:states:::lambda:invoke.waitForTaskToken'))).toBe(true);
    expect(isLambdaInvoke(integration('arn:aws:lambda:us-east-1:123456789012:function:f'))).toBe(true);
    expect(isLambdaInvoke(integration('arn:aws:states:::aws-sdk:lambda:invoke'))).toBe(true);
    expect(isLambdaInvoke(integration('arn:aws:states:::aws-sdk:lambda:listFunctions'))).toBe(false);
    expect(isLambdaInvoke(integration('arn:aws:states:::sqs:sendMessage'))).toBe(false);
  });
});

describe('attemptsOf and readable', () => {
  it('default MaxAttempts to 3 and leave placeholders unknown', () => {
    const [absent, zero, placeholder] = taskState({
      Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['States.ALL'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'], MaxAttempts: '${Attempts}' }],
    }).retry;
    expect([attemptsOf(absent), attemptsOf(zero), attemptsOf(placeholder)]).toEqual([3, 0, undefined]);
  });

  it('reject a retrier whose ErrorEquals cannot be read in full', () => {
    const [plain, templated] = taskState({ Retry: [{ ErrorEquals: ['States.Timeout'] }, { ErrorEquals: '${Errors}' }] }).retry;
    expect(readable(plain)).toBe(true);
    expect(readable(templated)).toBe(false);
  });
});

describe('effectiveRetrier', () => {
  it('skips opt-outs and throttling-only retriers', () => {
    const state = taskState({
      Retry: [
        { ErrorEquals: ['States.ALL'], MaxAttempts: 0 },
        { ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException'] },
        { ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 },
      ],
    });
    expect(effectiveRetrier(state)?.index).toBe(2);
    expect(effectiveRetrier(taskState({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }))).toBeUndefined();
    expect(effectiveRetrier(taskState({}))).toBeUndefined();
  });
});
