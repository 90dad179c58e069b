import { testRule } from './test-support/rule-tester.js';
import rule from './states-all-last.js';

/** A machine with one Task, "Call", holding these Retry and Catch fields. */
function task(fields: string, name = 'Call'): string {
  return `{
  "StartAt": ${JSON.stringify(name)},
  "States": {
    ${JSON.stringify(name)}: {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
${fields}
      "End": true
    },
    "Recover": { "Type": "Pass", "End": true }
  }
}`;
}

const lines = (...items: string[]): string => items.map((item) => `      ${item}`).join('\n');

testRule(rule, {
  valid: [
    { name: 'no Retry or Catch', code: task('') },
    {
      name: 'States.ALL alone and last in both lists',
      code: task(
        lines(
          '"Retry": [',
          '  { "ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 6 },',
          '  { "ErrorEquals": ["States.ALL"] }',
          '],',
          '"Catch": [',
          '  { "ErrorEquals": ["States.Timeout"], "Next": "Recover" },',
          '  { "ErrorEquals": ["States.ALL"], "Next": "Recover" }',
          '],',
        ),
      ),
    },
    { name: 'only States.ALL', code: task(lines('"Retry": [{ "ErrorEquals": ["States.ALL"] }],')) },
    { name: 'no States.ALL', code: task(lines('"Catch": [{ "ErrorEquals": ["A", "B"], "Next": "Recover" }, { "ErrorEquals": ["States.TaskFailed"], "Next": "Recover" }],')) },
    { name: 'a name that only looks like States.ALL', code: task(lines('"Retry": [{ "ErrorEquals": ["states.all", "X"] }, { "ErrorEquals": ["Y"] }],')) },
    { name: 'Retry of the wrong shape', code: task(lines('"Retry": { "ErrorEquals": ["States.ALL", "X"] },')) },
    { name: 'ErrorEquals of the wrong shape', code: task(lines('"Retry": [{ "ErrorEquals": "States.ALL" }, { "ErrorEquals": ["X"] }],')) },
    { name: 'a later entry that is not an object', code: task(lines('"Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Recover" }, "${MoreCatchers}"],')) },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Call',
        'States:',
        '  Call:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke',
        '    Retry:',
        '      - ErrorEquals: [Lambda.ServiceException]',
        '      - ErrorEquals: [States.ALL]',
        '    End: true',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'not alone',
      code: task(lines('"Retry": [{ "ErrorEquals": ["Lambda.ServiceException", "States.ALL"] }],')),
      errors: [
        {
          state: 'Call',
          line: 7,
          column: 62,
          endLine: 7,
          endColumn: 74,
          message:
            '"States.ALL" must be the only error in its ErrorEquals (retrier 1 of "Call"): it already matches every error. Remove the other names or move them to an earlier retrier.',
          related: 0,
        },
      ],
    },
    {
      name: 'not the last catcher',
      code: task(
        lines(
          '"Catch": [',
          '  { "ErrorEquals": ["States.ALL"], "Next": "Recover" },',
          '  { "ErrorEquals": ["Payment.Declined"], "Next": "Recover" },',
          '  { "ErrorEquals": ["States.Timeout"], "Next": "Recover" }',
          '],',
        ),
      ),
      errors: [
        {
          state: 'Call',
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 39,
          message: '"States.ALL" must be in the last catcher of "Call": the catchers after it are never used. Move it to the end.',
          related: 2,
        },
      ],
    },
    {
      name: 'neither alone nor last, in a retrier',
      code: task(lines('"Retry": [{ "ErrorEquals": ["States.ALL", "X"] }, { "ErrorEquals": ["Y"] }],')),
      errors: [
        { state: 'Call', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'must be the only error in its ErrorEquals (retrier 1 of "Call")' },
        { state: 'Call', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'must be in the last retrier of "Call"', related: 1 },
      ],
    },
    {
      name: 'alone twice',
      code: task(lines('"Retry": [{ "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["States.ALL"] }],')),
      errors: [{ state: 'Call', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'must be in the last retrier' }],
    },
    {
      name: 'a non-string item beside it',
      code: task(lines('"Retry": [{ "ErrorEquals": ["States.ALL", 42] }],')),
      errors: [{ state: 'Call', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'must be the only error' }],
    },
    {
      name: 'on a Parallel state and in its branch',
      code: [
        '{',
        '  "StartAt": "Fan out",',
        '  "States": {',
        '    "Fan out": {',
        '      "Type": "Parallel",',
        '      "Branches": [',
        '        {',
        '          "StartAt": "Work",',
        '          "States": {',
        '            "Work": {',
        '              "Type": "Task",',
        '              "Resource": "arn:aws:states:::lambda:invoke",',
        '              "Retry": [{ "ErrorEquals": ["States.ALL", "States.Timeout"] }],',
        '              "End": true',
        '            }',
        '          }',
        '        }',
        '      ],',
        '      "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Done" }, { "ErrorEquals": ["States.BranchFailed"], "Next": "Done" }],',
        '      "Next": "Done"',
        '    },',
        '    "Done": { "Type": "Succeed" }',
        '  }',
        '}',
      ].join('\n'),
      errors: [
        { state: 'Work', statePath: ['Fan out', 'Work'], line: 13, column: 43, endLine: 13, endColumn: 55, message: 'retrier 1 of "Work"' },
        { state: 'Fan out', statePath: ['Fan out'], line: 19, column: 35, endLine: 19, endColumn: 47, message: 'last catcher of "Fan out"' },
      ],
    },
    {
      name: 'in a Map processor, JSONata',
      code: [
        '{',
        '  "QueryLanguage": "JSONata",',
        '  "StartAt": "Each",',
        '  "States": {',
        '    "Each": {',
        '      "Type": "Map",',
        '      "ItemProcessor": {',
        '        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },',
        '        "StartAt": "Put",',
        '        "States": {',
        '          "Put": {',
        '            "Type": "Task",',
        '            "Resource": "arn:aws:states:::dynamodb:putItem",',
        '            "Arguments": { "TableName": "t", "Item": "{% $states.input %}" },',
        '            "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Skip" }, { "ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Skip" }],',
        '            "End": true',
        '          },',
        '          "Skip": { "Type": "Pass", "End": true }',
        '        }',
        '      },',
        '      "End": true',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ state: 'Put', statePath: ['Each', 'Put'], line: 15, column: 41, endLine: 15, endColumn: 53, message: 'last catcher of "Put"', related: 1 }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Call',
        'States:',
        '  Call:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke',
        '    Retry:',
        '      - ErrorEquals:',
        '          - States.ALL',
        '          - Lambda.ServiceException',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Call', line: 8, column: 13, endLine: 8, endColumn: 23, message: 'must be the only error' }],
    },
    {
      name: 'a state named __proto__',
      code: task(lines('"Retry": [{ "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["X"] }],'), '__proto__'),
      errors: [{ state: '__proto__', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'last retrier of "__proto__"' }],
    },
    {
      name: 'a unicode name',
      code: task(lines('"Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Recover" }, { "ErrorEquals": ["X"], "Next": "Recover" }],'), 'Zahlung ✓ 💳'),
      errors: [{ state: 'Zahlung ✓ 💳', line: 7, column: 35, endLine: 7, endColumn: 47, message: 'last catcher of "Zahlung ✓ 💳"' }],
    },
  ],
});
