import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './require-timeout.js';
import { runRule, testRule } from './test-support/rule-tester.js';

const SQS = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:review';

/** A machine whose one Task "T" has this Resource and these fields (from line 7), then End. */
function task(resource: string, fields = '', machine = ''): string {
  return `{${machine}
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Resource": "${resource}",
${fields}      "End": true
    }
  }
}`;
}

const line = (text: string): string => `      ${text}\n`;
const jsonata = (resource: string, fields = ''): string => task(resource, fields, '\n  "QueryLanguage": "JSONata",');

testRule(rule, {
  valid: [
    { name: 'TimeoutSeconds', code: task(SQS, line('"TimeoutSeconds": 3600,')) },
    { name: 'HeartbeatSeconds', code: task(ACTIVITY, line('"HeartbeatSeconds": 60,')) },
    { name: 'TimeoutSecondsPath', code: task(SQS, line('"TimeoutSecondsPath": "$.timeout",')) },
    { name: 'HeartbeatSecondsPath', code: task(ACTIVITY, line('"HeartbeatSecondsPath": "$.heartbeat",')) },
    { name: 'JSONata: a TimeoutSeconds expression', code: jsonata(SQS, line('"TimeoutSeconds": "{% $states.input.timeout %}",')) },
    { name: 'request-response needs none', code: task('arn:aws:states:::sqs:sendMessage') },
    { name: '.sync needs none', code: task('arn:aws:states:::states:startExecution.sync:2') },
    { name: 'Lambda needs none', code: task('arn:aws:states:::lambda:invoke') },
    { name: 'a placeholder, even one named like an activity', code: task('${ReviewActivityArn}') },
  ],
  invalid: [
    {
      name: '.waitForTaskToken',
      code: task(SQS),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 70,
          message:
            'Task "T" waits for a task token (".waitForTaskToken") and has neither TimeoutSeconds nor HeartbeatSeconds: if the token never ' +
            'comes back, it waits for up to a year, the longest a Standard execution can run. Set HeartbeatSeconds (and TimeoutSeconds) ' +
            'so that a lost callback fails with States.Timeout or States.HeartbeatTimeout, which a Catch can handle.',
        },
      ],
    },
    {
      name: 'an activity',
      code: task(ACTIVITY),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 74, message: 'Task "T" waits for an activity worker and has neither TimeoutSeconds nor HeartbeatSeconds: if the worker never comes back' }],
    },
    {
      name: 'the machine times out first',
      code: task('arn:aws:states:::lambda:invoke.waitForTaskToken', '', '\n  "TimeoutSeconds": 3600,'),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 68, message: "it waits until the execution times out (the machine's TimeoutSeconds)" }],
    },
    {
      name: 'JSONata: an HTTP API callback',
      code: jsonata('arn:aws:states:::apigateway:invoke.waitForTaskToken', line('"Arguments": { "ApiEndpoint": "x", "Method": "POST", "RequestBody": { "t": "{% $states.context.Task.Token %}" } },')),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 72 }],
    },
    {
      name: 'in a Distributed Map: the machine timeout does not apply to children',
      code: `{
  "TimeoutSeconds": 3600,
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
        "StartAt": "Review",
        "States": { "Review": { "Type": "Task", "Resource": "${ACTIVITY}", "End": true } }
      },
      "MaxConcurrency": 10,
      "End": true
    }
  }
}`,
      errors: [{ state: 'Review', statePath: ['Each', 'Review'], line: 10, column: 61, endLine: 10, endColumn: 116, message: 'for up to a year' }],
    },
    {
      name: 'YAML, in a Parallel branch',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Both',
        'States:',
        '  Both:',
        '    Type: Parallel',
        '    Branches:',
        '      - StartAt: Ask',
        '        States:',
        '          Ask:',
        '            Type: Task',
        `            Resource: arn:aws:states:::sns:publish.waitForTaskToken`,
        '            Parameters:',
        '              TopicArn: arn:aws:sns:us-east-1:1:approvals',
        '              Message.$: $$.Task.Token',
        '            End: true',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Ask', statePath: ['Both', 'Ask'], line: 10, column: 23, endLine: 10, endColumn: 68 }],
    },
  ],
});

describe('require-timeout fixtures', () => {
  const folder = new URL('../fixtures/require-timeout/', import.meta.url);
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(new URL(`${kind}/`, folder))) {
      it(`${kind}: ${name}`, () => {
        const text = readFileSync(new URL(`${kind}/${name}`, folder), 'utf8');
        const found = runRule(rule, text, name);
        if (kind === 'valid') expect(found.map((d) => d.message)).toEqual([]);
        else expect(found.length).toBeGreaterThan(0);
      });
    }
  }
});
