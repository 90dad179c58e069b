import rule from './iam-no-wildcard-action.js';
import { EXACT_GRANTS, iamTemplate } from './test-support/iam-template.js';
import { testRule } from './test-support/rule-tester.js';

// Statement lines start at line 13 of iamTemplate, their values at column 25.
testRule(rule, {
  valid: [
    { name: 'named actions', filename: 't.yaml', code: iamTemplate(EXACT_GRANTS) },
    { name: 'a prefix wildcard is left to other rules', filename: 't.yaml', code: iamTemplate([...EXACT_GRANTS, '- Effect: Allow', '  Action: dynamodb:Get*', '  Resource: !GetAtt Orders.Arn']) },
    { name: 'a Deny with "*"', filename: 't.yaml', code: iamTemplate([...EXACT_GRANTS, '- Effect: Deny', "  Action: '*'", "  Resource: '*'"]) },
  ],
  invalid: [
    {
      name: '"*" is an error, on the action',
      filename: 't.yaml',
      code: iamTemplate(['- Effect: Allow', "  Action: '*'", "  Resource: '*'"]),
      errors: [{ line: 14, column: 25, endLine: 14, endColumn: 28, severity: 'error', message: 'grants every action ("*") on every resource to the role of state machine "Flow"' }],
    },
    {
      name: '"service:*" is a warning',
      filename: 't.yaml',
      code: iamTemplate(['- Effect: Allow', '  Action: [lambda:InvokeFunction, dynamodb:*]', "  Resource: '*'"]),
      errors: [{ line: 14, column: 49, endLine: 14, endColumn: 59, severity: 'warning', message: 'grants every dynamodb action ("dynamodb:*")' }],
    },
    {
      name: 'AdministratorAccess, on the managed policy ARN',
      filename: 't.yaml',
      code: iamTemplate(EXACT_GRANTS).replace('      Policies:\n', '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n      Policies:\n'),
      errors: [{ line: 10, column: 11, endLine: 10, endColumn: 54, severity: 'error', message: 'The AWS managed policy AdministratorAccess grants every action' }],
    },
  ],
});
