import { testRule } from './test-support/rule-tester.js';
import rule from './require-tracing.js';

const yaml = (tracing: string[]): string =>
  ['Resources:', '  Flow:', '    Type: AWS::StepFunctions::StateMachine', '    Properties:', '      DefinitionString: \'{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}\'', ...tracing, ''].join('\n');

testRule(rule, {
  valid: [
    { name: 'enabled', filename: 't.yaml', code: yaml(['      TracingConfiguration:', '        Enabled: true']) },
    { name: 'given by a condition', filename: 't.yaml', code: yaml(['      TracingConfiguration:', '        Enabled: !If [Traced, true, false]']) },
    { name: 'a standalone definition', code: '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}' },
  ],
  invalid: [
    { name: 'absent', filename: 't.yaml', code: yaml([]), errors: [{ line: 2, column: 3, endLine: 2, endColumn: 7, message: 'does not send traces' }] },
    {
      name: 'disabled',
      filename: 't.yaml',
      code: yaml(['      TracingConfiguration:', '        Enabled: false']),
      errors: [{ line: 7, column: 18, endLine: 7, endColumn: 23, message: 'The state machine does not send traces' }],
    },
  ],
});
