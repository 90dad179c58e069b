import rule from './iam-no-wildcard-resource.js';
import { EXACT_GRANTS, iamTemplate } from './test-support/iam-template.js';
import { testRule } from './test-support/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'scoped grants', filename: 't.yaml', code: iamTemplate(EXACT_GRANTS) },
    {
      name: '"*" for actions AWS documents only on "*"',
      filename: 't.yaml',
      code: iamTemplate([...EXACT_GRANTS, '- Effect: Allow', '  Action: [xray:PutTraceSegments, logs:CreateLogDelivery]', "  Resource: '*'"]),
    },
    {
      name: 'a target chosen at run time',
      filename: 't.yaml',
      code: iamTemplate(['- Effect: Allow', '  Action: lambda:InvokeFunction', "  Resource: '*'"], {
        definition: ['        StartAt: Work', '        States:', '          Work:', '            Type: Task', '            Resource: arn:aws:states:::lambda:invoke', '            Parameters:', '              FunctionName.$: $.fn', '            End: true'],
      }),
    },
  ],
  invalid: [
    {
      name: 'lambda:InvokeFunction on "*" while the Task names its function',
      filename: 't.yaml',
      code: iamTemplate(['- Effect: Allow', '  Action: [lambda:InvokeFunction, dynamodb:PutItem]', "  Resource: '*'"]),
      errors: [{ line: 15, column: 27, endLine: 15, endColumn: 30, message: 'lambda:InvokeFunction and 1 more on every resource ("*")', related: 2 }],
    },
  ],
});
