import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './require-retry.js';
import { runRule, testRule } from './test-support/rule-tester.js';

/** A machine whose one Task "T" has this Resource and these fields (from line 7), then End. */
function task(resource: string, fields: string, machine = ''): string {
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
const PUT = 'arn:aws:states:::dynamodb:putItem';
const UPDATE = 'arn:aws:states:::dynamodb:updateItem';
const putParams = line('"Parameters": { "TableName": "orders", "Item": { "id": { "S.$": "$.id" } } },');
const update = (extra: string): string => line(`"Parameters": { "TableName": "orders", "Key": { "id": { "S.$": "$.id" } }, ${extra} },`);
const RETRY = line('"Retry": [{ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3 }],');

/** A Parallel "P" (with these fields) around the Task "T". */
function inParallel(resource: string, taskFields: string, parallelFields: string): string {
  return `{
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "${resource}", ${taskFields} "End": true } } }
      ],
${parallelFields}      "End": true
    }
  }
}`;
}

testRule(rule, {
  valid: [
    { name: 'a Retry', code: task(PUT, putParams + RETRY) },
    { name: 'an explicit opt-out', code: task(PUT, putParams + line('"Retry": [{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }],')) },
    { name: 'MaxAttempts filled in at deployment', code: task(PUT, putParams + line('"Retry": [{ "ErrorEquals": ["States.ALL"], "MaxAttempts": ${Attempts} }],')) },
    { name: 'Retry filled in at deployment', code: task(PUT, putParams + line('"Retry": ${Retry},')) },
    { name: 'Lambda, which lambda-transient-retry covers', code: task('arn:aws:states:::lambda:invoke', '') },
    { name: 'a Lambda placeholder', code: task('${WorkerFunctionArn}', '') },
    {
      name: '.waitForTaskToken',
      code: task('arn:aws:states:::sqs:sendMessage.waitForTaskToken', line('"Parameters": { "QueueUrl": "q", "MessageBody": { "t.$": "$$.Task.Token" } },')),
    },
    { name: 'an activity', code: task('arn:aws:states:us-east-1:123456789012:activity:review', '') },
    { name: 'a placeholder Resource', code: task('${DDBPutItem}', putParams) },
    {
      name: 'SNS to a standard topic: not safe to repeat',
      code: task('arn:aws:states:::sns:publish', line('"Parameters": { "TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$" },')),
    },
    { name: 'EventBridge putEvents: not safe to repeat', code: task('arn:aws:states:::events:putEvents', line('"Parameters": { "Entries": [{ "Source": "shop", "DetailType": "x", "Detail": {} }] },')) },
    { name: 'updateItem with ADD and no condition', code: task(UPDATE, update('"UpdateExpression": "ADD visits :one"')) },
    { name: 'updateItem with a self-computed SET', code: task(UPDATE, update('"UpdateExpression": "SET #n = if_not_exists(#n, :z) + :one"')) },
    { name: 'updateItem with an expression computed at run time', code: task(UPDATE, update('"UpdateExpression.$": "$.expression"')) },
    { name: 'putItem of an item keyed by a fresh UUID', code: task(PUT, line('"Parameters": { "TableName": "orders", "Item": { "id": { "S.$": "States.UUID()" } } },')) },
    {
      name: 'JSONata: putItem with $uuid()',
      code: task(PUT, line('"Arguments": { "TableName": "orders", "Item": { "id": { "S": "{% $uuid() %}" } } },'), '\n  "QueryLanguage": "JSONata",'),
    },
    { name: 'API Gateway: safety unknown', code: task('arn:aws:states:::apigateway:invoke', line('"Parameters": { "ApiEndpoint": "abc.execute-api.us-east-1.amazonaws.com", "Method": "POST" },')) },
    { name: 'an SDK action whose safety is unknown', code: task('arn:aws:states:::aws-sdk:s3:copyObject', line('"Parameters": { "Bucket": "b", "CopySource": "a/b", "Key": "k" },')) },
    { name: 'a Glue job', code: task('arn:aws:states:::glue:startJobRun.sync', line('"Parameters": { "JobName": "etl" },')) },
    {
      name: 'a .sync child execution with a Name',
      code: task('arn:aws:states:::states:startExecution.sync:2', line('"Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:c", "Name.$": "$$.Execution.Name" },')),
    },
    { name: 'inside a Parallel that retries', code: inParallel(PUT, '"Parameters": { "TableName": "t", "Item": {} },', RETRY) },
    { name: 'a Resource that is not a resource', code: task('arn:aws:states:::dynamodb:putItem.sync', putParams) },
  ],
  invalid: [
    {
      name: 'putItem without Retry',
      code: task(PUT, putParams),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 54,
          message:
            'Task "T" calls dynamodb:putItem and has no Retry: one throttled request or brief outage of the service fails the state. ' +
            'Add a retrier with backoff (for example on "States.TaskFailed", IntervalSeconds 1, MaxAttempts 3, BackoffRate 2), or one ' +
            'with "MaxAttempts": 0 to say that no retry is wanted.',
        },
      ],
    },
    {
      name: 'an empty Retry',
      code: task('arn:aws:states:::dynamodb:getItem', line('"Parameters": { "TableName": "t", "Key": {} },') + line('"Retry": [],')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 54, message: 'calls dynamodb:getItem and has an empty Retry' }],
    },
    {
      name: 'JSONata: an SDK read',
      code: task('arn:aws:states:::aws-sdk:s3:getObject', line('"Arguments": { "Bucket": "b", "Key": "{% $states.input.key %}" },'), '\n  "QueryLanguage": "JSONata",'),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 58, message: 'calls aws-sdk:s3:getObject' }],
    },
    { name: 'updateItem with a plain SET', code: task(UPDATE, update('"UpdateExpression": "SET #s = :s, updatedAt = :now"')), errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 57 }] },
    {
      name: 'updateItem with ADD guarded by a condition',
      code: task(UPDATE, update('"UpdateExpression": "ADD visits :one", "ConditionExpression": "version = :v"')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 57 }],
    },
    {
      name: 'SQS to a FIFO queue with a deterministic MessageDeduplicationId',
      code: task(
        'arn:aws:states:::sqs:sendMessage',
        line('"Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/o.fifo", "MessageGroupId": "g", "MessageDeduplicationId.$": "$$.Execution.Id", "MessageBody.$": "$" },'),
      ),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 53, message: 'calls sqs:sendMessage' }],
    },
    {
      name: 'a child execution with a fixed Name',
      code: task('arn:aws:states:::states:startExecution', line('"Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:c", "Name.$": "States.Format(\'{}-c\', $$.Execution.Name)" },')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 59 }],
    },
    {
      name: 'inside a Parallel that opts out of retries itself',
      code: inParallel(PUT, '"Parameters": { "TableName": "t", "Item": {} },', line('"Retry": [{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }],')),
      errors: [{ state: 'T', statePath: ['P', 'T'], line: 7, column: 74, endLine: 7, endColumn: 109 }],
    },
    {
      name: 'YAML, in a Map',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Each',
        'States:',
        '  Each:',
        '    Type: Map',
        '    ItemProcessor:',
        '      StartAt: Describe',
        '      States:',
        '        Describe:',
        '          Type: Task',
        '          Resource: arn:aws:states:::aws-sdk:ec2:describeInstances',
        '          End: true',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Describe', statePath: ['Each', 'Describe'], line: 10, column: 21, endLine: 10, endColumn: 67, message: 'calls aws-sdk:ec2:describeInstances' }],
    },
  ],
});

describe('require-retry fixtures', () => {
  const folder = new URL('../fixtures/require-retry/', import.meta.url);
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
