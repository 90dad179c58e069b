import rule from './iam-missing-permission.js';
import { EXACT_GRANTS, iamTemplate } from './test-support/iam-template.js';
import { testRule } from './test-support/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'everything granted', filename: 't.yaml', code: iamTemplate(EXACT_GRANTS) },
    { name: 'a grant on "*"', filename: 't.yaml', code: iamTemplate(['- Effect: Allow', '  Action: [lambda:InvokeFunction, dynamodb:PutItem]', "  Resource: '*'"]) },
    {
      name: 'a role from outside the template is not judged',
      filename: 't.yaml',
      code: iamTemplate(EXACT_GRANTS).replace('RoleArn: !GetAtt FlowRole.Arn', 'RoleArn: arn:aws:iam::123456789012:role/flow'),
    },
    {
      name: 'an AWS managed policy sfn-lint does not know is not judged',
      filename: 't.yaml',
      code: iamTemplate(EXACT_GRANTS.slice(0, 3)).replace('      Policies:\n', '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/SomeTeamPolicy\n      Policies:\n'),
    },
  ],
  invalid: [
    {
      name: 'the table is not granted: reported on the TableName',
      filename: 't.yaml',
      code: iamTemplate(EXACT_GRANTS.slice(0, 3)),
      errors: [{ state: 'Save', line: 33, column: 26, endLine: 33, endColumn: 37, message: 'Task "Save" needs dynamodb:PutItem on arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}, which the role "FlowRole" does not grant' }],
    },
    {
      name: 'a Deny wins',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS, '- Effect: Deny', '  Action: lambda:*', "  Resource: '*'"]),
      errors: [{ state: 'Work', line: 33, column: 29, endLine: 33, endColumn: 47, message: 'needs lambda:InvokeFunction on ${Worker.Arn}' }],
    },
  ],
});
