import rule from './iam-no-passrole-wildcard.js';
import { EXACT_GRANTS, iamTemplate } from './test-support/iam-template.js';
import { testRule } from './test-support/rule-tester.js';

const passRole = (resource: string, condition: string[] = []) => [...EXACT_GRANTS, '- Effect: Allow', '  Action: iam:PassRole', `  Resource: ${resource}`, ...condition];

testRule(rule, {
  valid: [
    { name: 'no PassRole', filename: 't.yaml', code: iamTemplate(EXACT_GRANTS) },
    {
      name: 'a named role, to one service',
      filename: 't.yaml',
      code: iamTemplate(passRole('!GetAtt TaskRole.Arn', ['  Condition:', '    StringEquals:', '      iam:PassedToService: ecs-tasks.amazonaws.com'])),
    },
  ],
  invalid: [
    {
      name: 'on "*"',
      filename: 't.yaml',
      code: iamTemplate(passRole("'*'", ['  Condition:', '    StringEquals:', '      iam:PassedToService: ecs-tasks.amazonaws.com'])),
      errors: [{ line: 20, column: 25, endLine: 20, endColumn: 37, message: 'pass any role (iam:PassRole)' }],
    },
    {
      name: 'without iam:PassedToService',
      filename: 't.yaml',
      code: iamTemplate(passRole('!GetAtt TaskRole.Arn')),
      errors: [{ line: 20, column: 25, endLine: 20, endColumn: 37, message: 'pass its roles to any service' }],
    },
    {
      name: 'through iam:*',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS, '- Effect: Allow', '  Action: iam:*', "  Resource: '*'"]),
      errors: [{ line: 20, column: 25, endLine: 20, endColumn: 30, message: 'iam:PassRole (through "iam:*")' }],
    },
  ],
});
