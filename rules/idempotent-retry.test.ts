import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './idempotent-retry.js';
import { runRule, testRule } from './test-support/rule-tester.js';

/** A machine whose one Task "T" has this Resource and Parameters (line 7), a Retry (line 8), then End. */
function task(resource: string, payload: string, retry = RETRY, machine = ''): string {
  return `{${machine}
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Resource": "${resource}",
      ${payload},
      "Retry": ${retry},
      "End": true
    }
  }
}`;
}

const RETRY = '[{ "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3 }]';
const jsonata = (resource: string, payload: string, retry = RETRY): string => task(resource, payload, retry, '\n  "QueryLanguage": "JSONata",');

const SQS = 'arn:aws:states:::sqs:sendMessage';
const FIFO = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo';
const STANDARD = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const SNS = 'arn:aws:states:::sns:publish';
const START = 'arn:aws:states:::states:startExecution';
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:child';
const UPDATE = 'arn:aws:states:::dynamodb:updateItem';
const sqs = (fields: string): string => `"Parameters": { "QueueUrl": ${fields}, "MessageBody.$": "$" }`;
const update = (fields: string): string => `"Parameters": { "TableName": "t", "Key": { "id": { "S.$": "$.id" } }, ${fields} }`;

/** A Parallel or Map "Outer" with a Retry, around one Task "Inner". */
function around(kind: 'Parallel' | 'Map', resource: string, payload: string, extra = ''): string {
  const inner = `{ "StartAt": "Inner", "States": { "Inner": { "Type": "Task", "Resource": "${resource}", ${payload}, ${extra}"End": true } } }`;
  return `{
  "StartAt": "Outer",
  "States": {
    "Outer": {
      "Type": "${kind}",
      ${kind === 'Parallel' ? `"Branches": [${inner}]` : `"ItemProcessor": ${inner}`},
      "Retry": ${RETRY},
      "End": true
    }
  }
}`;
}

testRule(rule, {
  valid: [
    { name: 'FIFO queue with a deterministic MessageDeduplicationId', code: task(SQS, sqs(`"${FIFO}", "MessageGroupId": "g", "MessageDeduplicationId.$": "$$.Execution.Id"`)) },
    { name: 'FIFO queue, deduplication id from an input field in a Format', code: task(SQS, sqs(`"${FIFO}", "MessageGroupId": "g", "MessageDeduplicationId.$": "States.Format('{}-{}', $.orderId, $$.State.Name)"`)) },
    { name: 'a standard queue without Retry', code: task(SQS, sqs(`"${STANDARD}"`), '[]') },
    { name: 'a retrier for throttling only', code: task(SQS, sqs(`"${STANDARD}"`), '[{ "ErrorEquals": ["SQS.ThrottlingException", "SQS.TooManyRequestsException"] }]') },
    { name: 'a retrier with MaxAttempts 0', code: task(SQS, sqs(`"${STANDARD}"`), '[{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 0 }]') },
    { name: 'MaxAttempts filled in at deployment', code: task(SQS, sqs(`"${STANDARD}"`), '[{ "ErrorEquals": ["States.ALL"], "MaxAttempts": ${N} }]') },
    { name: 'a queue whose type the file does not show', code: task(SQS, '"Parameters": { "QueueUrl.$": "$.queue", "MessageBody.$": "$" }') },
    { name: 'a queue URL filled in at deployment', code: task(SQS, sqs('"${OrdersQueueUrl}"')) },
    { name: 'a callback is not judged', code: task(`${SQS}.waitForTaskToken`, sqs(`"${STANDARD}", "MessageAttributes": { "t": { "DataType": "String", "StringValue.$": "$$.Task.Token" } }`)) },
    { name: 'StartExecution with a Name from the execution', code: task(START, `"Parameters": { "StateMachineArn": "${MACHINE}", "Name.$": "$$.Execution.Name" }`) },
    { name: 'StartExecution with a Name from a variable', code: task(START, `"Parameters": { "StateMachineArn": "${MACHINE}", "Name.$": "$childName" }`) },
    { name: 'a .sync child is rerun on purpose', code: task(`${START}.sync:2`, `"Parameters": { "StateMachineArn": "${MACHINE}" }`) },
    { name: 'JSONata: Arguments computed as a whole', code: jsonata(START, '"Arguments": "{% $states.input.request %}"') },
    { name: 'JSONata: a Name from the execution', code: jsonata(START, `"Arguments": { "StateMachineArn": "${MACHINE}", "Name": "{% $states.context.Execution.Name & '-child' %}" }`) },
    { name: 'ECS with a ClientToken', code: task('arn:aws:states:::ecs:runTask', '"Parameters": { "TaskDefinition": "job", "ClientToken.$": "$$.Execution.Name" }') },
    { name: 'updateItem with a plain SET', code: task(UPDATE, update('"UpdateExpression": "SET #s = :s, #add = :a"')) },
    { name: 'updateItem with ADD and a condition', code: task(UPDATE, update('"UpdateExpression": "ADD visits :one", "ConditionExpression": "#v = :v"')) },
    { name: 'updateItem with an expression computed at run time', code: task(UPDATE, update('"UpdateExpression.$": "$.expr"')) },
    { name: 'Lambda is not judged by default', code: task('arn:aws:states:::lambda:invoke', '"Parameters": { "FunctionName": "f" }') },
    { name: 'a retried Parallel of reads', code: around('Parallel', 'arn:aws:states:::dynamodb:getItem', '"Parameters": { "TableName": "t", "Key": {} }') },
    { name: 'a retried Map of Lambda invokes, by default', code: around('Map', 'arn:aws:states:::lambda:invoke', '"Parameters": { "FunctionName": "f" }') },
  ],
  invalid: [
    {
      name: 'a standard queue',
      code: task(SQS, sqs(`"${STANDARD}"`)),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 53,
          message:
            'Task "T" retries sqs:sendMessage, but a retry can deliver the message twice, and a standard queue cannot drop the copy. ' +
            'Make every consumer idempotent, or use a FIFO queue with a deterministic MessageDeduplicationId.',
          related: 1,
        },
      ],
    },
    {
      name: 'a FIFO queue without MessageDeduplicationId',
      code: task(SQS, sqs(`"${FIFO}", "MessageGroupId": "g"`)),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 53, message: 'without MessageDeduplicationId the FIFO queue keeps both' }],
    },
    {
      name: 'a FIFO queue with a deduplication id from States.UUID()',
      code: task(SQS, sqs(`"${FIFO}", "MessageGroupId": "g", "MessageDeduplicationId.$": "States.Format('{}', States.UUID())"`)),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 53, message: 'its MessageDeduplicationId changes on every attempt', related: 2 }],
    },
    {
      name: 'SQS through the SDK, in a queue URL built at deployment that says .fifo',
      code: task('arn:aws:states:::aws-sdk:sqs:sendMessage', sqs('"${QueueBase}/orders.fifo", "MessageGroupId": "g"')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 61, message: 'retries aws-sdk:sqs:sendMessage' }],
    },
    {
      name: 'SNS to a FIFO topic without MessageDeduplicationId',
      code: task(SNS, '"Parameters": { "TopicArn": "arn:aws:sns:us-east-1:1:orders.fifo", "MessageGroupId": "g", "Message.$": "$" }'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 49, message: 'the FIFO topic keeps both' }],
    },
    {
      name: 'SNS to a phone number',
      code: task(SNS, '"Parameters": { "PhoneNumber": "+15555550100", "Message": "Your order shipped" }'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 49, message: 'a standard topic cannot drop the copy' }],
    },
    {
      name: 'JSONata: EventBridge putEvents',
      code: jsonata('arn:aws:states:::events:putEvents', '"Arguments": { "Entries": [{ "Source": "shop", "DetailType": "x", "Detail": "{% $states.input %}" }] }'),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 54, message: 'a retry resends every entry, those that were delivered included' }],
    },
    {
      name: 'EventBridge through the SDK',
      code: task('arn:aws:states:::aws-sdk:eventbridge:putEvents', '"Parameters": { "Entries": [] }'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 67, message: 'retries aws-sdk:eventbridge:putEvents' }],
    },
    {
      name: 'StartExecution without Name',
      code: task(START, `"Parameters": { "StateMachineArn": "${MACHINE}", "Input.$": "$" }`),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 59,
          message: 'but a retry can start a second child execution. Set Name to a deterministic value, for example built from $$.Execution.Name and the state name.',
        },
      ],
    },
    {
      name: 'StartExecution named from $$.State.EnteredTime',
      code: task(START, `"Parameters": { "StateMachineArn": "${MACHINE}", "Name.$": "States.Format('{}-{}', $$.Execution.Name, $$.State.EnteredTime)" }`),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 59, message: 'its Name changes on every attempt', related: 2 }],
    },
    {
      name: 'StartExecution named from $$.State.RetryCount',
      code: task(START, `"Parameters": { "StateMachineArn": "${MACHINE}", "Name.$": "$$.State.RetryCount" }`),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 59, message: 'its Name changes on every attempt' }],
    },
    {
      name: 'JSONata: StartExecution through the SDK, named from $uuid()',
      code: jsonata('arn:aws:states:::aws-sdk:sfn:startExecution', `"Arguments": { "StateMachineArn": "${MACHINE}", "Name": "{% 'child-' & $uuid() %}" }`),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 64, message: 'its Name changes on every attempt' }],
    },
    {
      name: 'JSONata: a Name from $now()',
      code: jsonata(START, `"Arguments": { "StateMachineArn": "${MACHINE}", "Name": "{% $string($millis()) & $now() %}" }`),
      errors: [{ state: 'T', line: 7, column: 19, endLine: 7, endColumn: 59, message: 'its Name changes on every attempt' }],
    },
    {
      name: 'ECS runTask without ClientToken',
      code: task('arn:aws:states:::ecs:runTask', '"Parameters": { "Cluster": "c", "TaskDefinition": "job" }'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 49, message: 'a retry can start the tasks twice. Set ClientToken' }],
    },
    {
      name: 'EC2 runInstances without ClientToken',
      code: task('arn:aws:states:::aws-sdk:ec2:runInstances', '"Parameters": { "ImageId": "ami-1", "MinCount": 1, "MaxCount": 1 }'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 62, message: 'a retry can launch the instances twice' }],
    },
    {
      name: 'updateItem with ADD',
      code: task(UPDATE, update('"UpdateExpression": "SET #s = :s ADD visits :one"')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 57, message: '"ADD visits :one" applies again on a retry', related: 2 }],
    },
    {
      name: 'updateItem with an arithmetic SET',
      code: task(UPDATE, update('"UpdateExpression": "set #stock = #stock - :quantity, #status = :s"')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 57, message: '"SET #stock = #stock - :quantity" applies again' }],
    },
    {
      name: 'updateItem through the SDK, with list_append',
      code: task('arn:aws:states:::aws-sdk:dynamodb:updateItem', update('"UpdateExpression": "SET events = list_append(events, :e)"')),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 65, message: 'Add a ConditionExpression' }],
    },
    {
      name: 'Lambda, with the functions declared not idempotent',
      code: task('arn:aws:states:::lambda:invoke', '"Parameters": { "FunctionName": "charge" }'),
      settings: { lambdaIdempotent: false },
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 51, message: 'retries lambda:invoke, but a retry runs the function again' }],
    },
    {
      name: 'a retried Parallel around SNS to a standard topic',
      code: around('Parallel', SNS, '"Parameters": { "TopicArn": "arn:aws:sns:us-east-1:1:orders", "Message": "x" }'),
      errors: [
        {
          state: 'Outer',
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 14,
          message:
            'Parallel "Outer" has a Retry, and a retry reruns every branch, those that succeeded included, so "Inner" (sns:publish) would repeat its side effect. Retry inside the branch instead, on the states that are safe to repeat.',
          related: 2,
        },
      ],
    },
    {
      name: 'a retried Map around a Glue job and a .sync child without Name, nested',
      code: `{
  "StartAt": "Outer",
  "States": {
    "Outer": {
      "Type": "Map",
      "ItemProcessor": {
        "StartAt": "Job",
        "States": {
          "Job": { "Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": { "JobName": "etl" }, "Next": "Both" },
          "Both": {
            "Type": "Parallel",
            "Branches": [{ "StartAt": "Child", "States": { "Child": { "Type": "Task", "Resource": "${START}.sync:2", "Parameters": { "StateMachineArn": "${MACHINE}" }, "End": true } } }],
            "End": true
          }
        }
      },
      "Retry": [{ "ErrorEquals": ["States.TaskFailed"] }],
      "End": true
    }
  }
}`,
      errors: [
        {
          state: 'Outer',
          line: 17,
          column: 7,
          endLine: 17,
          endColumn: 14,
          message:
            '"Job" (glue:startJobRun) and "Child" (states:startExecution) would repeat their side effects. Retry inside the iteration instead, on the states that are safe to repeat, or redrive a Distributed Map Run',
          related: 3,
        },
      ],
    },
    {
      name: 'a retried Map of Lambda invokes, functions declared not idempotent',
      code: around('Map', 'arn:aws:states:::lambda:invoke', '"Parameters": { "FunctionName": "f" }'),
      settings: { lambdaIdempotent: false },
      errors: [{ state: 'Outer', line: 7, column: 7, endLine: 7, endColumn: 14, message: '"Inner" (lambda:invoke)' }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Send',
        'States:',
        '  Send:',
        '    Type: Task',
        `    Resource: ${SQS}`,
        '    Parameters:',
        `      QueueUrl: ${STANDARD}`,
        '      MessageBody.$: $',
        '    Retry:',
        '      - ErrorEquals: [States.TaskFailed]',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Send', line: 5, column: 15, endLine: 5, endColumn: 47, message: 'Task "Send" retries sqs:sendMessage' }],
    },
  ],
});

describe('idempotent-retry fixtures', () => {
  const folder = new URL('../fixtures/idempotent-retry/', import.meta.url);
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
