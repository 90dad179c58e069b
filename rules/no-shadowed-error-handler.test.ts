import { testRule } from './test-support/rule-tester.js';
import rule from './no-shadowed-error-handler.js';

/** A machine with one state, "Charge card", holding these fields; `type` is its Type. */
function state(fields: string, name = 'Charge card', type = 'Task'): string {
  const body = type === 'Task' ? '"Resource": "arn:aws:states:::lambda:invoke",' : '"Branches": [{ "StartAt": "X", "States": { "X": { "Type": "Succeed" } } }],';
  return `{
  "StartAt": ${JSON.stringify(name)},
  "States": {
    ${JSON.stringify(name)}: {
      "Type": "${type}",
      ${body}
${fields}
      "End": true
    },
    "Recover": { "Type": "Pass", "End": true }
  }
}`;
}

const lines = (...items: string[]): string => items.map((item) => `      ${item}`).join('\n');
const catchers = (...errorEquals: string[]): string =>
  lines('"Catch": [', ...errorEquals.map((e, i) => `  { "ErrorEquals": ${e}, "Next": "Recover" }${i < errorEquals.length - 1 ? ',' : ''}`), '],');
const retriers = (...errorEquals: string[]): string =>
  lines('"Retry": [', ...errorEquals.map((e, i) => `  { "ErrorEquals": ${e} }${i < errorEquals.length - 1 ? ',' : ''}`), '],');

testRule(rule, {
  valid: [
    { name: 'distinct names', code: catchers('["Payment.Declined"]', '["Lambda.ServiceException"]', '["States.ALL"]') },
    { name: 'specific errors before States.TaskFailed', code: retriers('["Lambda.TooManyRequestsException"]', '["States.TaskFailed"]', '["States.ALL"]') },
    { name: 'States.Timeout after States.TaskFailed', code: catchers('["States.TaskFailed"]', '["States.Timeout"]') },
    {
      name: 'other States errors after States.TaskFailed are not counted as shadowed',
      code: retriers('["States.TaskFailed"]', '["States.HeartbeatTimeout", "States.Permissions", "States.Runtime", "States.DataLimitExceeded", "States.QueryEvaluationError"]'),
    },
    { name: 'States.ALL after States.TaskFailed', code: catchers('["States.TaskFailed"]', '["States.ALL"]') },
    {
      name: 'States.TaskFailed is not a wildcard on a Parallel state',
      code: state(catchers('["States.TaskFailed"]', '["OrderRejected"]'), 'Fan out', 'Parallel'),
    },
    { name: 'entries after States.ALL are left to states-all-last', code: catchers('["States.ALL"]', '["States.ALL"]', '["X"]') },
    { name: 'a States.ALL entry naming an earlier error is left to states-all-last', code: retriers('["X"]', '["States.ALL", "X"]') },
    { name: 'the same name in the Retry and the Catch', code: retriers('["X"]') + '\n' + catchers('["X"]') },
    { name: 'Retry of the wrong shape', code: lines('"Retry": { "ErrorEquals": ["X"] },') },
    { name: 'ErrorEquals of the wrong shape', code: retriers('"X"', '"X"') },
    { name: 'an entry that is not an object', code: retriers('["X"]').replace('{ "ErrorEquals": ["X"] }', '"${Retrier}"') + '\n' + lines('"Catch": ["${C}", "${C}"],') },
    { name: 'a case difference is another name', code: catchers('["MyError"]', '["myerror"]') },
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
        '      - ErrorEquals: [Lambda.TooManyRequestsException]',
        '      - ErrorEquals: [States.TaskFailed]',
        '    End: true',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a catcher after States.TaskFailed',
      code: state(catchers('["States.TaskFailed"]', '["Lambda.ServiceException"]')),
      errors: [
        {
          state: 'Charge card',
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 53,
          message:
            'Catcher 2 of "Charge card" is never used: "Lambda.ServiceException" is already caught by catcher 1 ("States.TaskFailed"). Remove it or move it before catcher 1.',
          related: 1,
        },
      ],
    },
    {
      name: 'the same error in two retriers',
      code: state(retriers('["Lambda.TooManyRequestsException"]', '["Lambda.TooManyRequestsException"]')),
      errors: [
        {
          state: 'Charge card',
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 61,
          message: 'Retrier 2 of "Charge card" is never used: "Lambda.TooManyRequestsException" is already handled by retrier 1 ("Lambda.TooManyRequestsException").',
          related: 1,
        },
      ],
    },
    {
      name: 'every name taken by different earlier entries',
      code: state(catchers('["A"]', '["B", "States.TaskFailed"]', '["C", "A", "B"]')),
      errors: [
        {
          state: 'Charge card',
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 41,
          message:
            'Catcher 3 of "Charge card" is never used: "A" is already caught by catcher 1 ("A"); "C" and "B" by catcher 2 ("States.TaskFailed" and "B"). Remove it or move it before catcher 1.',
          related: 3,
        },
      ],
    },
    {
      name: 'some names of a retrier are dead',
      code: state(retriers('["Lambda.ServiceException", "Lambda.SdkClientException"]', '["Lambda.ServiceException", "Lambda.TooManyRequestsException"]')),
      errors: [
        {
          state: 'Charge card',
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 52,
          message: '"Lambda.ServiceException" in retrier 2 of "Charge card" never matches: retrier 1 already handles it. Remove it from retrier 2.',
          related: 1,
        },
      ],
    },
    {
      name: 'a name after States.TaskFailed in a live catcher',
      code: state(catchers('["States.TaskFailed"]', '["States.Timeout", "Lambda.Unknown"]')),
      errors: [{ state: 'Charge card', line: 9, column: 45, endLine: 9, endColumn: 61, message: '"Lambda.Unknown" in catcher 2 of "Charge card" never matches: catcher 1 ("States.TaskFailed") already catches it.' }],
    },
    {
      name: 'a name twice in one ErrorEquals',
      code: state(catchers('["States.Timeout", "Payment.Declined", "States.Timeout"]')),
      errors: [
        {
          state: 'Charge card',
          line: 8,
          column: 65,
          endLine: 8,
          endColumn: 81,
          message: '"States.Timeout" appears twice in the ErrorEquals of catcher 1 of "Charge card". Remove the duplicate.',
          related: 1,
        },
      ],
    },
    {
      name: 'a dead entry with a duplicate is reported once',
      code: state(retriers('["X"]', '["X", "X"]')),
      errors: [{ state: 'Charge card', line: 9, column: 26, endLine: 9, endColumn: 36, message: 'Retrier 2 of "Charge card" is never used' }],
    },
    {
      name: 'a dead name next to a placeholder keeps the entry alive',
      code: state(retriers('["X"]', '["X", 7]')),
      errors: [{ state: 'Charge card', line: 9, column: 27, endLine: 9, endColumn: 30, message: '"X" in retrier 2 of "Charge card" never matches' }],
    },
    {
      name: 'exact names on a Parallel state',
      code: state(catchers('["States.BranchFailed"]', '["States.BranchFailed"]'), 'Fan out', 'Parallel'),
      errors: [{ state: 'Fan out', line: 9, column: 26, endLine: 9, endColumn: 49, message: 'Catcher 2 of "Fan out" is never used' }],
    },
    {
      name: 'in a Parallel branch and a Map processor',
      code: [
        '{',
        '  "StartAt": "Fan out",',
        '  "States": {',
        '    "Fan out": {',
        '      "Type": "Parallel",',
        '      "End": true,',
        '      "Branches": [',
        '        {',
        '          "StartAt": "Each",',
        '          "States": {',
        '            "Each": {',
        '              "Type": "Map",',
        '              "End": true,',
        '              "ItemProcessor": {',
        '                "StartAt": "Put",',
        '                "States": {',
        '                  "Put": {',
        '                    "Type": "Task",',
        '                    "Resource": "arn:aws:states:::dynamodb:putItem",',
        '                    "Retry": [{ "ErrorEquals": ["States.TaskFailed"] }, { "ErrorEquals": ["DynamoDB.AmazonDynamoDBException"] }],',
        '                    "End": true',
        '                  }',
        '                }',
        '              }',
        '            }',
        '          }',
        '        }',
        '      ]',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ state: 'Put', statePath: ['Fan out', 'Each', 'Put'], line: 20, column: 90, endLine: 20, endColumn: 126, message: 'Retrier 2 of "Put" is never used' }],
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
        '    Catch:',
        '      - ErrorEquals: [States.TaskFailed]',
        '        Next: Done',
        '      - ErrorEquals:',
        '          - States.Timeout',
        '          - Lambda.ServiceException',
        '        Next: Done',
        '    End: true',
        '  Done:',
        '    Type: Succeed',
        '',
      ].join('\n'),
      errors: [{ state: 'Call', line: 11, column: 13, endLine: 11, endColumn: 36, message: '"Lambda.ServiceException" in catcher 2 of "Call" never matches' }],
    },
    {
      name: 'a state named __proto__',
      code: state(catchers('["E"]', '["E"]'), '__proto__'),
      errors: [{ state: '__proto__', line: 9, column: 26, endLine: 9, endColumn: 31, message: 'Catcher 2 of "__proto__" is never used' }],
    },
    {
      name: 'unicode names',
      code: state(catchers('["Zahlung.Abgelehnt✗"]', '["Zahlung.Abgelehnt✗", "États.😀"]'), 'Carte 💳'),
      errors: [{ state: 'Carte 💳', line: 9, column: 27, endLine: 9, endColumn: 47, message: '"Zahlung.Abgelehnt✗" in catcher 2 of "Carte 💳" never matches' }],
    },
  ],
});
