import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './require-task-token.js';
import { runRule, testRule } from './test-support/rule-tester.js';

const SQS = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

/** A machine whose one Task "T" has this Resource and these fields (line 6 onwards), then End. */
function callback(fields: string, resource = SQS, machine = ''): string {
  return `{${machine}
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Resource": "${resource}",
      ${fields}
      "End": true
    }
  }
}`;
}

const jsonata = (fields: string, resource = SQS): string => callback(fields, resource, '\n  "QueryLanguage": "JSONata",');

testRule(rule, {
  valid: [
    { name: 'the token under a ".$" key', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } },') },
    { name: 'in bracket notation', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$[\'Task\'][\'Token\']" } },') },
    { name: 'the whole Task object', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody": { "task.$": "$$.Task" } },') },
    { name: 'the whole context object', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody": { "context.$": "$$" } },') },
    {
      name: 'an intrinsic call with the token among its arguments, nested',
      code: callback('"Parameters": { "QueueUrl": "q", "MessageBody.$": "States.Format(\'{} {}\', $.id, States.Base64Encode($$.Task.Token))" },'),
    },
    { name: 'States.JsonToString of the Task object', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody.$": "States.JsonToString($$.Task)" },') },
    {
      name: 'inside an object in an array (EventBridge entries)',
      code: callback(
        '"Parameters": { "Entries": [{ "Source": "shop", "DetailType": "x", "Detail": { "token.$": "$$.Task.Token" } }] },',
        'arn:aws:states:::events:putEvents.waitForTaskToken',
      ),
    },
    {
      name: 'a placeholder where the token could come in',
      code: callback('"Parameters": { "QueueUrl": "q", "MessageBody.$": "${TokenPath}" },'),
    },
    { name: 'a bare placeholder value', filename: 'machine.asl.json', code: callback('"Parameters": { "QueueUrl": "q", "MessageBody": ${body} },') },
    { name: 'a placeholder as the key', code: callback('"Parameters": { "QueueUrl": "q", "${TokenKey}": "x" },') },
    { name: 'tasks that do not wait for a token', code: callback('"Parameters": { "FunctionName": "f" },', 'arn:aws:states:::lambda:invoke') },
    { name: '.sync is not a callback', code: callback('"Parameters": { "StateMachineArn": "arn" },', 'arn:aws:states:::states:startExecution.sync:2') },
    {
      name: 'JSONata: the token read in an expression',
      code: jsonata('"Arguments": { "QueueUrl": "q", "MessageBody": { "token": "{% $states.context.Task.Token %}" } },'),
    },
    {
      name: 'JSONata: inside a larger expression, or the whole Task or context',
      code: jsonata(
        '"Arguments": "{% { \'QueueUrl\': \'q\', \'MessageBody\': $string({ \'t\': $states.context.Task, \'c\': ($c := $states.context; $c.Execution.Id) }) } %}",',
      ),
    },
    { name: 'JSONata: the token with spaces around the dots', code: jsonata('"Arguments": { "MessageBody": "{% $states.context . Task . Token %}" },') },
    {
      name: 'JSONata: an expression with a placeholder',
      code: jsonata('"Arguments": { "MessageBody": "{% ${Expression} %}" },'),
    },
    {
      name: 'a JSONPath state in a JSONata machine',
      code: jsonata('"QueryLanguage": "JSONPath", "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } },'),
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: T',
        'States:',
        '  T:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke.waitForTaskToken',
        '    Parameters:',
        '      FunctionName: ${ApprovalFunction}',
        '      Payload:',
        '        taskToken.$: $$.Task.Token',
        '    End: true',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'the payload never passes the token',
      code: callback('"Parameters": { "QueueUrl": "${Queue}", "MessageBody": { "order.$": "$.order", "run.$": "$$.Execution.Id" } },'),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 70,
          message:
            'Task "T" waits for a task token, but its Parameters never pass "$$.Task.Token": nobody can ever call SendTaskSuccess for it, so it waits until it times out, which with no TimeoutSeconds is up to a year. Add "TaskToken.$": "$$.Task.Token" to the payload.',
        },
      ],
    },
    {
      name: 'no Parameters at all, with a timeout',
      code: callback('"TimeoutSeconds": 300,', 'arn:aws:states:::lambda:invoke.waitForTaskToken'),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 68,
          message: 'Task "T" waits for a task token, but it has no Parameters, so it never passes "$$.Task.Token": nobody can ever call SendTaskSuccess for it, so it waits until it times out. Add',
        },
      ],
    },
    {
      name: 'the token path under a key without ".$" is sent as text',
      code: callback('"Parameters": { "TableName": "t", "Item": { "token": { "S": "$$.Task.Token" } } },', 'arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken'),
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 79,
          message: '"S" holds the text "$$.Task.Token", but without the ".$" suffix that text is sent as it is: rename the key to "S.$".',
          related: 1,
        },
      ],
    },
    {
      name: 'the token only in ResultSelector, which runs after the task',
      code: callback('"Parameters": { "FunctionName": "f" }, "ResultSelector": { "token.$": "$$.Task.Token" },', 'arn:aws:states:::lambda:invoke.waitForTaskToken'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 68, message: 'its Parameters never pass "$$.Task.Token"' }],
    },
    {
      name: 'other context fields and intrinsic calls without the token',
      code: callback('"Parameters": { "QueueUrl": "q", "MessageBody.$": "States.Format(\'{}\', $$.Task.EnteredTime)", "x.$": "$$.Execution.Id", "text": "$$.Task.Token is needed" },'),
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 70, message: 'Add "TaskToken.$": "$$.Task.Token" to the payload.' }],
    },
    {
      name: 'JSONata: no expression reads the token',
      code: jsonata(
        '"Arguments": { "QueueUrl": "q", "MessageBody": { "order": "{% $states.input.order %}", "started": "{% $states.context.Task.EnteredTime %}", "note": "$states.context.Task.Token", "c": "{% \'$states.context.Task.Token\' %}" } },',
      ),
      errors: [
        {
          state: 'T',
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 70,
          message:
            'Task "T" waits for a task token, but its Arguments never pass "$states.context.Task.Token": nobody can ever call SendTaskSuccess for it, so it waits until it times out, which with no TimeoutSeconds is up to a year. Add "TaskToken": "{% $states.context.Task.Token %}" to the payload.',
        },
      ],
    },
    {
      name: 'in a Parallel branch and a Map processor',
      code: `{
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "${SQS}", "Parameters": { "QueueUrl": "q", "MessageBody.$": "$" }, "End": true } } }
      ],
      "Next": "M"
    },
    "M": {
      "Type": "Map",
      "ItemProcessor": {
        "StartAt": "B",
        "States": { "B": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Parameters": { "FunctionName": "f", "Payload.$": "$" }, "End": true } }
      },
      "End": true
    }
  }
}`,
      errors: [
        { state: 'A', statePath: ['P', 'A'], line: 7, column: 74, endLine: 7, endColumn: 125 },
        { state: 'B', statePath: ['M', 'B'], line: 15, column: 56, endLine: 15, endColumn: 105 },
      ],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: T',
        'States:',
        '  T:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke.waitForTaskToken',
        '    Parameters:',
        '      FunctionName: approve',
        '      Payload.$: $',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'T', line: 5, column: 15, endLine: 5, endColumn: 62, message: 'Task "T" waits for a task token' }],
    },
  ],
});

describe('require-task-token fixtures', () => {
  const folder = new URL('../fixtures/require-task-token/', import.meta.url);
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
