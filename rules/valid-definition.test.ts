import { testRule } from './test-support/rule-tester.js';
import rule from './valid-definition.js';

const machine = (states: string, extra = '') => `{\n  "StartAt": "A",${extra}\n  "States": {\n${states}\n  }\n}`;

testRule(rule, {
  valid: [
    { name: 'a minimal machine', code: machine('    "A": { "Type": "Succeed" }') },
    {
      name: 'placeholders where numbers and ARNs stand',
      code: machine('    "A": { "Type": "Task", "Resource": "${WorkerArn}", "TimeoutSeconds": ${timeout}, "End": true }'),
    },
    {
      name: 'JSONata machine',
      code: machine('    "A": { "Type": "Pass", "Output": "{% $states.input.x %}", "End": true }', '\n  "QueryLanguage": "JSONata",'),
    },
    {
      name: 'YAML with a Map',
      filename: 'm.asl.yaml',
      code: 'StartAt: Each\nStates:\n  Each:\n    Type: Map\n    ItemsPath: $.items\n    ItemProcessor:\n      StartAt: Item\n      States:\n        Item:\n          Type: Pass\n          End: true\n    End: true\n',
    },
    { name: 'state names such as __proto__', code: machine('    "__proto__": { "Type": "Succeed" },\n    "A": { "Type": "Pass", "Next": "__proto__" }') },
  ],
  invalid: [
    {
      name: 'a field a Fail state does not have',
      code: machine('    "A": { "Type": "Fail", "Next": "A" }'),
      errors: [{ state: 'A', line: 4, column: 28, endLine: 4, endColumn: 34, message: 'Field "Next" is not allowed in a Fail state' }],
    },
    {
      name: 'a value of the wrong type',
      code: machine('    "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "ten", "End": true }'),
      errors: [{ state: 'A', line: 4, column: 92, endLine: 4, endColumn: 97, message: '"TimeoutSeconds"' }],
    },
    {
      name: 'a missing Type marks the state name',
      code: machine('    "A": { "End": true }'),
      errors: [{ state: 'A', line: 4, column: 5, endLine: 4, endColumn: 8, message: '"Type"' }],
    },
    {
      name: 'a missing StartAt marks the opening brace',
      code: '{\n  "States": { "A": { "Type": "Succeed" } }\n}',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: 'StartAt' }],
    },
    {
      name: 'a JSONPath field in a JSONata state, nested in a Parallel branch',
      code: machine(
        '    "A": {\n      "Type": "Parallel",\n      "End": true,\n      "Branches": [\n        {\n          "StartAt": "B",\n          "States": {\n            "B": { "Type": "Pass", "QueryLanguage": "JSONata", "InputPath": "$.x", "End": true }\n          }\n        }\n      ]\n    }',
      ),
      errors: [{ state: 'B', statePath: ['A', 'B'], line: 11, column: 64, endLine: 11, endColumn: 75, message: 'InputPath' }],
    },
    {
      name: 'a Lambda function ARN with an empty qualifier',
      code: machine('    "A": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:worker:", "End": true }'),
      errors: [{ state: 'A', line: 4, column: 40, endLine: 4, endColumn: 96, message: "names no version or alias" }],
    },
    {
      name: 'a state name longer than 80 characters',
      code: machine(`    "A": { "Type": "Pass", "Next": "${'x'.repeat(81)}" },\n    "${'x'.repeat(81)}": { "Type": "Succeed" }`),
      errors: [{ state: 'x'.repeat(81), line: 5, column: 5, endLine: 5, endColumn: 88, message: '80' }],
    },
  ],
});
