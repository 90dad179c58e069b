import { testRule } from './test-support/rule-tester.js';
import rule from './no-duplicate-key.js';

testRule(rule, {
  valid: [
    { name: 'distinct keys', code: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}' },
    { name: 'same key in different objects', code: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}' },
  ],
  invalid: [
    {
      name: 'duplicate state name',
      code: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true },\n    "A": { "Type": "Succeed" }\n  }\n}',
      errors: [{ state: 'A', line: 5, column: 5, endLine: 5, endColumn: 8, message: 'Duplicate key "A"', related: 1 }],
    },
    {
      name: 'duplicate field in YAML',
      filename: 'machine.asl.yaml',
      code: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Type: Succeed\n',
      errors: [{ state: 'A', line: 5, column: 5, endLine: 5, endColumn: 9, message: 'Duplicate key "Type"' }],
    },
  ],
});
