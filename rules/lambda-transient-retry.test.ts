import { readdirSync, readFileSync } from 'node:fs';
import { applyFixes, parseDocument, toValue } from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';
import rule from './lambda-transient-retry.js';
import { runRule, testRule } from './test-support/rule-tester.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const FOUR = '"Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"';
const THREE = '"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"';

/** A machine whose one Task "Call" has this Resource and these fields (from line 7), then End. */
function task(fields: string, resource = LAMBDA, machine = ''): string {
  return `{${machine}
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "${resource}",
${fields}      "End": true
    }
  }
}`;
}

const line = (text: string): string => `      ${text}\n`;
const retry = (...retriers: string[]): string => line(`"Retry": [${retriers.join(', ')}],`);

/** The text after applying every fix the rule offers. */
function fixed(code: string, filename = 'test.asl.json', settings?: Record<string, unknown>): string {
  const fixes = runRule(rule, code, filename, settings).map((d) => d.diagnostic.fix);
  expect(fixes.every((fix) => fix !== undefined), 'every finding has a fix').toBe(true);
  return applyFixes(code, fixes.map((fix) => fix!)).text;
}

function expectFixedClean(code: string, filename = 'test.asl.json'): string {
  const text = fixed(code, filename);
  expect(parseDocument(filename, text).problems).toEqual([]);
  expect(runRule(rule, text, filename).map((d) => d.message)).toEqual([]);
  return text;
}

testRule(rule, {
  valid: [
    { name: "AWS's recommended retrier", code: task(retry(`{ "ErrorEquals": [${FOUR}], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }`)) },
    { name: 'States.ALL with the default MaxAttempts', code: task(retry('{ "ErrorEquals": ["States.ALL"] }')) },
    { name: 'States.TaskFailed', code: task(retry('{ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2 }')) },
    {
      name: 'the four split over two retriers, after a custom one',
      code: task(
        retry(
          '{ "ErrorEquals": ["Payment.Declined"], "MaxAttempts": 0 }',
          '{ "ErrorEquals": ["Lambda.ClientExecutionTimeoutException"] }',
          `{ "ErrorEquals": [${THREE}], "MaxAttempts": 6 }`,
        ),
      ),
    },
    { name: 'each error named with MaxAttempts 0 is an explicit opt-out', code: task(retry(`{ "ErrorEquals": [${FOUR}], "MaxAttempts": 0 }`)) },
    { name: 'Retry filled in at deployment', code: task(line('"Retry": ${Retry},')) },
    { name: 'MaxAttempts filled in at deployment', code: task(retry('{ "ErrorEquals": ["States.ALL"], "MaxAttempts": ${Attempts} }')) },
    { name: 'an error list filled in at deployment', code: task(retry('{ "ErrorEquals": ${Errors} }')) },
    { name: 'not Lambda', code: task(line('"Parameters": { "TableName": "t", "Key": {} },'), 'arn:aws:states:::dynamodb:getItem') },
    { name: 'a placeholder that is not a function', code: task('', '${DDBPutItem}') },
    { name: 'a Lambda .sync, which does not exist (valid-definition reports it)', code: task('', `${LAMBDA}.sync`) },
    { name: 'functions declared not idempotent', code: task(''), settings: { lambdaIdempotent: false } },
  ],
  invalid: [
    {
      name: 'no Retry',
      code: task(line('"Parameters": { "FunctionName": "charge", "Payload.$": "$" },')),
      errors: [
        {
          state: 'Call',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 51,
          message:
            'Task "Call" does not retry Lambda\'s transient service errors Lambda.ClientExecutionTimeoutException, Lambda.ServiceException, ' +
            'Lambda.AWSLambdaException and Lambda.SdkClientException. These come from the Lambda service and usually pass on a second try: ' +
            "add AWS's recommended retrier (IntervalSeconds 2, MaxAttempts 6, BackoffRate 2).",
          related: 0,
        },
      ],
    },
    {
      name: 'a retrier for throttling only',
      code: task(retry('{ "ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 3 }')),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 51, message: "does not retry Lambda's transient service errors" }],
    },
    {
      name: "AWS's older retrier of three errors",
      code: task(retry(`{ "ErrorEquals": [${THREE}], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }`)),
      errors: [
        {
          state: 'Call',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 51,
          message:
            "retries some of Lambda's transient service errors but not Lambda.ClientExecutionTimeoutException (AWS added it to its recommended retrier after the other three).",
        },
      ],
    },
    {
      name: 'a retrier with MaxAttempts 0 does not count',
      code: task(retry(`{ "ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2 }`, '{ "ErrorEquals": ["Lambda.SdkClientException", "Custom"], "MaxAttempts": 0 }')),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 51, message: 'but not Lambda.ClientExecutionTimeoutException and Lambda.AWSLambdaException.' }],
    },
    {
      name: 'States.ALL with MaxAttempts 0 takes them first',
      code: task(retry('{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }')),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 51, message: 'Retrier 1 takes them first with "States.ALL" and MaxAttempts 0.', related: 1 }],
    },
    {
      name: 'the first match decides: States.TaskFailed with MaxAttempts 0 before States.ALL',
      code: task(retry('{ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 0 }', '{ "ErrorEquals": ["States.ALL"] }')),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 51, message: 'Retrier 1 takes them first with "States.TaskFailed"' }],
    },
    {
      name: 'a function ARN',
      code: task('', 'arn:aws:lambda:us-east-1:123456789012:function:charge:live'),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 79 }],
    },
    {
      name: 'aws-sdk:lambda:invoke',
      code: task(line('"Parameters": { "FunctionName": "charge" },'), 'arn:aws:states:::aws-sdk:lambda:invoke'),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 59 }],
    },
    {
      name: 'a placeholder whose name says it is a function',
      code: task('', '${ChargeFunctionArn}'),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 41 }],
    },
    {
      name: '.waitForTaskToken',
      code: task(line('"Parameters": { "FunctionName": "approve", "Payload": { "token.$": "$$.Task.Token" } },'), `${LAMBDA}.waitForTaskToken`),
      errors: [{ state: 'Call', line: 6, column: 19, endLine: 6, endColumn: 68 }],
    },
    {
      name: 'JSONata, in a Parallel branch and a Map processor',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Both",
  "States": {
    "Both": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Left", "States": { "Left": { "Type": "Task", "Resource": "${LAMBDA}", "Arguments": { "FunctionName": "l" }, "End": true } } },
        {
          "StartAt": "Each",
          "States": {
            "Each": {
              "Type": "Map",
              "ItemProcessor": {
                "StartAt": "Right",
                "States": {
                  "Right": {
                    "Type": "Task",
                    "Resource": "${LAMBDA}",
                    "Arguments": { "FunctionName": "r", "Payload": "{% $states.input %}" },
                    "Retry": [{ "ErrorEquals": ["Lambda.TooManyRequestsException"] }],
                    "End": true
                  }
                }
              },
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}`,
      errors: [
        { state: 'Left', statePath: ['Both', 'Left'], line: 8, column: 80, endLine: 8, endColumn: 112 },
        { state: 'Right', statePath: ['Both', 'Each', 'Right'], line: 19, column: 33, endLine: 19, endColumn: 65 },
      ],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: Call', 'States:', '  Call:', '    Type: Task', `    Resource: ${LAMBDA}`, '    End: true', ''].join('\n'),
      errors: [{ state: 'Call', line: 5, column: 15, endLine: 5, endColumn: 45, message: 'Lambda.ClientExecutionTimeoutException' }],
    },
  ],
});

describe('lambda-transient-retry fix', () => {
  it('adds a Retry before Catch, in the file\'s layout', () => {
    const code = task(line('"Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Call" }],'));
    expect(expectFixedClean(code)).toBe(
      task(
        `      "Retry": [
        {
          "ErrorEquals": [
            "Lambda.ClientExecutionTimeoutException",
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException"
          ],
          "IntervalSeconds": 2,
          "MaxAttempts": 6,
          "BackoffRate": 2
        }
      ],
` + line('"Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Call" }],'),
      ),
    );
  });

  it('adds a Retry before End when there is nothing else', () => {
    const text = expectFixedClean(task(''));
    expect(text).toContain('"Resource": "arn:aws:states:::lambda:invoke",\n      "Retry": [\n        {\n          "ErrorEquals": [\n');
    expect(text.indexOf('"Retry"')).toBeLessThan(text.indexOf('"End"'));
  });

  it('appends the missing errors only, after the existing retriers, on one line when Retry is', () => {
    const code = task(retry(`{ "ErrorEquals": [${THREE}], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }`));
    expect(expectFixedClean(code)).toBe(
      task(
        retry(
          `{ "ErrorEquals": [${THREE}], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }`,
          '{ "ErrorEquals": ["Lambda.ClientExecutionTimeoutException"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }',
        ),
      ),
    );
  });

  it('inserts before the States.ALL retrier that would take the errors first', () => {
    const code = task(`      "Retry": [
        { "ErrorEquals": ["Custom.Error"], "MaxAttempts": 2 },
        { "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }
      ],
`);
    const text = expectFixedClean(code);
    const value = toValue(parseDocument('x.json', text).roots[0]) as { States: { Call: { Retry: { ErrorEquals: string[] }[] } } };
    expect(value.States.Call.Retry.map((r) => r.ErrorEquals[0])).toEqual(['Custom.Error', 'Lambda.ClientExecutionTimeoutException', 'States.ALL']);
    expect(value.States.Call.Retry[1]).toEqual({
      ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
      IntervalSeconds: 2,
      MaxAttempts: 6,
      BackoffRate: 2,
    });
  });

  it('is safe for --fix, except before a wildcard retrier with MaxAttempts 0, where it is a suggestion', () => {
    const safety = (code: string) => runRule(rule, code, 'test.asl.json').map((d) => d.diagnostic.fix?.safe);
    expect(safety(task(''))).toEqual([true]);
    expect(safety(task(retry('{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 2 }', '{ "ErrorEquals": ["Custom"], "MaxAttempts": 1 }').replace('"States.ALL"', '"Lambda.ServiceException"')))).toEqual([true]);
    expect(safety(task(retry('{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }')))).toEqual([false]);
    expect(safety(task(retry('{ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 0 }')))).toEqual([false]);
  });

  it('leaves explicit opt-outs out of the new retrier', () => {
    const code = task(retry('{ "ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 0 }'));
    const text = expectFixedClean(code);
    expect(text).toContain('{ "ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"], "IntervalSeconds": 2');
  });

  it('keeps tabs and CRLF line breaks', () => {
    const code = task('').replace(/ {2}/g, '\t').replace(/\n/g, '\r\n');
    const text = expectFixedClean(code);
    expect(text).toContain('\t\t\t"Retry": [\r\n\t\t\t\t{\r\n\t\t\t\t\t"ErrorEquals": [\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('fixes every Task of a file in one pass, nested ones included', () => {
    const code = `{
  "StartAt": "Both",
  "States": {
    "Both": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "${LAMBDA}", "End": true } } },
        { "StartAt": "B", "States": { "B": { "Type": "Task", "Resource": "${LAMBDA}", "Retry": [], "End": true } } }
      ],
      "End": true
    }
  }
}`;
    const text = expectFixedClean(code);
    expect(text).toContain(`"A": { "Type": "Task", "Resource": "${LAMBDA}", "Retry": [{ "ErrorEquals": [`);
  });

  it('YAML: adds a block Retry at the keys\' column, before End', () => {
    const code = ['StartAt: Call', 'States:', '  Call:', '    Type: Task', `    Resource: ${LAMBDA}`, '    Parameters:', '      FunctionName: charge', '    End: true', ''].join('\n');
    expect(expectFixedClean(code, 'machine.asl.yaml')).toBe(
      [
        'StartAt: Call',
        'States:',
        '  Call:',
        '    Type: Task',
        `    Resource: ${LAMBDA}`,
        '    Parameters:',
        '      FunctionName: charge',
        '    Retry:',
        '      - ErrorEquals:',
        '          - Lambda.ClientExecutionTimeoutException',
        '          - Lambda.ServiceException',
        '          - Lambda.AWSLambdaException',
        '          - Lambda.SdkClientException',
        '        IntervalSeconds: 2',
        '        MaxAttempts: 6',
        '        BackoffRate: 2',
        '    End: true',
        '',
      ].join('\n'),
    );
  });

  it('YAML: appends to a block Retry, and inserts before a States.ALL retrier', () => {
    const code = [
      'StartAt: Call',
      'States:',
      '  Call:',
      '    Type: Task',
      `    Resource: ${LAMBDA}`,
      '    Retry:',
      '    - ErrorEquals: [Lambda.TooManyRequestsException]',
      '      MaxAttempts: 3',
      '    - ErrorEquals: [States.ALL]',
      '      MaxAttempts: 0',
      '    End: true',
      '',
    ].join('\n');
    const text = expectFixedClean(code, 'machine.asl.yaml');
    expect(text).toContain(
      [
        '      MaxAttempts: 3',
        '    - ErrorEquals:',
        '      - Lambda.ClientExecutionTimeoutException',
        '      - Lambda.ServiceException',
        '      - Lambda.AWSLambdaException',
        '      - Lambda.SdkClientException',
        '      IntervalSeconds: 2',
        '      MaxAttempts: 6',
        '      BackoffRate: 2',
        '    - ErrorEquals: [States.ALL]',
      ].join('\n'),
    );
  });

  it('offers no fix where an edit is unsafe (a YAML anchor), but still reports', () => {
    const code = ['StartAt: Call', 'States:', '  Call: &call', '    Type: Task', `    Resource: ${LAMBDA}`, '    End: true', ''].join('\n');
    const found = runRule(rule, code, 'machine.asl.yaml');
    expect(found).toHaveLength(1);
    expect(found[0].diagnostic.fix).toBeUndefined();
  });
});

describe('lambda-transient-retry fixtures', () => {
  const folder = new URL('../fixtures/lambda-transient-retry/', import.meta.url);
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(new URL(`${kind}/`, folder))) {
      it(`${kind}: ${name}`, () => {
        const text = readFileSync(new URL(`${kind}/${name}`, folder), 'utf8');
        const found = runRule(rule, text, name);
        if (kind === 'valid') expect(found.map((d) => d.message)).toEqual([]);
        else {
          expect(found.length).toBeGreaterThan(0);
          expectFixedClean(text, name);
        }
      });
    }
  }
});
