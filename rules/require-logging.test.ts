import { testRule } from './test-support/rule-tester.js';
import rule from './require-logging.js';

const machine = (id: string, type: string, extra: string[]): string[] => [
  `  ${id}:`,
  `    Type: ${type}`,
  '    Properties:',
  '      Definition:',
  '        StartAt: Done',
  '        States:',
  '          Done:',
  '            Type: Succeed',
  ...extra,
];
const yaml = (...lines: string[][]): string => ['Resources:', ...lines.flat(), ''].join('\n');

testRule(rule, {
  valid: [
    { name: 'CloudFormation at level ALL', filename: 't.yaml', code: yaml(machine('Flow', 'AWS::StepFunctions::StateMachine', ['      LoggingConfiguration:', '        Level: ALL'])) },
    { name: 'SAM Logging at level ALL', filename: 't.yaml', code: yaml(machine('Flow', 'AWS::Serverless::StateMachine', ['      Logging:', '        Level: ALL'])) },
    { name: 'a level given by a parameter is not judged', filename: 't.yaml', code: yaml(machine('Flow', 'AWS::StepFunctions::StateMachine', ['      LoggingConfiguration:', '        Level: !Ref LogLevel'])) },
    { name: 'a standalone definition is not a template', code: '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}' },
    {
      name: 'Serverless loggingConfig',
      filename: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\nstepFunctions:\n  stateMachines:\n    flow:\n      loggingConfig:\n        level: ALL\n      definition:\n        StartAt: A\n        States:\n          A:\n            Type: Succeed\n',
    },
  ],
  invalid: [
    {
      name: 'no logging configuration: reported on the logical id',
      filename: 't.yaml',
      code: yaml(machine('Flow', 'AWS::StepFunctions::StateMachine', [])),
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 7, message: 'The state machine has no logging configuration' }],
    },
    {
      name: 'level ERROR: reported on the level',
      filename: 't.yaml',
      code: yaml(machine('Flow', 'AWS::Serverless::StateMachine', ['      Logging:', '        Level: ERROR'])),
      errors: [{ line: 11, column: 16, endLine: 11, endColumn: 21, message: 'logs at level ERROR' }],
    },
    {
      name: 'a configuration without a level',
      filename: 't.json',
      code: JSON.stringify({ Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}', LoggingConfiguration: {} } } } }),
      errors: [{ line: 1, column: 162, endLine: 1, endColumn: 184, message: 'logs at level not set (OFF)' }],
    },
  ],
});
