import rule from './iam-unused-permission.js';
import { EXACT_GRANTS, iamTemplate } from './test-support/iam-template.js';
import { testRule } from './test-support/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'exactly what the states call', filename: 't.yaml', code: iamTemplate(EXACT_GRANTS) },
    {
      name: 'qualified forms and sub-resources of what they call',
      filename: 't.yaml',
      code: iamTemplate([
        '- Effect: Allow',
        '  Action: lambda:InvokeFunction',
        '  Resource: [!GetAtt Worker.Arn, !Sub "${Worker.Arn}:*"]',
        '- Effect: Allow',
        '  Action: dynamodb:PutItem',
        '  Resource: [!GetAtt Orders.Arn, !Sub "${Orders.Arn}/index/*"]',
      ]),
    },
    {
      name: 'a role that a function uses too is not judged',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS, '- Effect: Allow', '  Action: s3:GetObject', "  Resource: '*'"]).replace(
        '    Type: AWS::Lambda::Function\n',
        '    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt FlowRole.Arn\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'an action no state calls',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS, '- Effect: Allow', '  Action: [s3:GetObject, sqs:SendMessage]', "  Resource: '*'"]),
      errors: [{ line: 20, column: 25, endLine: 20, endColumn: 56, message: 'grants s3:GetObject, sqs:SendMessage to the role of state machine "Flow", but no state calls them' }],
    },
    {
      name: 'a table the states do not use',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS.slice(0, 5), '  Resource: [!GetAtt Orders.Arn, !GetAtt Archive.Arn]']).replace(
        '  FlowRole:\n',
        '  Archive:\n    Type: AWS::DynamoDB::Table\n  FlowRole:\n',
      ),
      errors: [{ line: 20, column: 48, endLine: 20, endColumn: 67, message: 'grants dynamodb:PutItem on ${Archive.Arn}' }],
    },
  ],
});
