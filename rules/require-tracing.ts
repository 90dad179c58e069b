import { defineRule, tracingOf, type TemplateContext } from '@sfn-lint/core';

function check(context: TemplateContext): void {
  for (const machine of context.machines) {
    const tracing = tracingOf(machine);
    if (tracing.enabled === true || tracing.enabledUnknown) continue;
    context.report({
      node: tracing.enabledNode ?? tracing.node ?? machine.resource.node,
      at: tracing.enabledNode ? 'value' : 'key',
      machine: machine.label,
      message:
        `The state machine does not send traces to AWS X-Ray, so a slow or failing execution cannot be ` +
        'followed into the services it calls. Set TracingConfiguration (Tracing in SAM) Enabled to true.',
    });
  }
}

const template = (tracing: string): string =>
  [
    'Resources:',
    '  OrderFlow:',
    '    Type: AWS::Serverless::StateMachine',
    '    Properties:',
    '      Definition:',
    '        StartAt: Done',
    '        States:',
    '          Done:',
    '            Type: Succeed',
    '      Logging:',
    '        Level: ALL',
    '        Destinations:',
    '          - CloudWatchLogsLogGroup:',
    '              LogGroupArn: !GetAtt FlowLogs.Arn',
    '      Policies:',
    '        - Statement:',
    '            - Effect: Allow',
    '              Action: [logs:CreateLogDelivery, logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery, logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies, logs:DescribeLogGroups]',
    "              Resource: '*'",
    ...tracing.split('\n').filter(Boolean).map((line) => `      ${line}`),
    '  FlowLogs:',
    '    Type: AWS::Logs::LogGroup',
    '',
  ].join('\n');

export default defineRule({
  id: 'require-tracing',
  meta: {
    description: 'Require X-Ray tracing on state machines in templates',
    category: 'template',
    severity: 'warning',
    recommended: false,
    docs: {
      whatItDoes:
        'Reports a state machine of a CloudFormation, SAM, CDK or Serverless template whose X-Ray tracing is absent or ' +
        'disabled. A value given by a parameter or a reference is not judged.',
      why:
        'A trace shows where an execution spent its time and which downstream call failed, across Lambda, DynamoDB ' +
        'and the other services it calls. cdk-nag reports the same (AwsSolutions-SF2). It is not in the recommended set ' +
        'because tracing costs money per trace and many teams sample elsewhere.',
      examples: {
        invalid: [{ language: 'yaml', code: template('') }, { language: 'yaml', code: template('Tracing:\n  Enabled: false') }],
        valid: [{ language: 'yaml', code: template('Tracing:\n  Enabled: true') }],
      },
      whenNotToUse: 'Leave it off unless your team traces every workflow.',
    },
  },
  checkTemplate: check,
});
