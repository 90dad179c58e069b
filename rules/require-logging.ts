import { defineRule, loggingOf, type TemplateContext } from '@sfn-lint/core';

function check(context: TemplateContext): void {
  for (const machine of context.machines) {
    const logging = loggingOf(machine);
    if (logging.levelUnknown) continue;
    if (!logging.node) {
      context.report({
        node: machine.resource.node,
        at: 'key',
        machine: machine.label,
        message:
          `The state machine has no logging configuration, so a failed execution leaves no record in ` +
          'CloudWatch Logs once its history expires. Add LoggingConfiguration (Logging in SAM) with Level ALL and a log group destination.',
      });
      continue;
    }
    if (logging.level === 'ALL') continue;
    const written = logging.level ?? 'not set (OFF)';
    context.report({
      node: logging.levelNode ?? logging.node,
      at: logging.levelNode ? 'value' : 'key',
      machine: machine.label,
      message:
        `The state machine logs at level ${written}, so the events of executions that succeed, and the ` +
        'steps before a failure, are not kept. Set Level to ALL (IncludeExecutionData shows inputs and outputs too).',
    });
  }
}

const template = (logging: string): string =>
  [
    'Resources:',
    '  OrderFlow:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    '      RoleArn: arn:aws:iam::123456789012:role/order-flow',
    '      Definition:',
    '        StartAt: Done',
    '        States:',
    '          Done:',
    '            Type: Succeed',
    ...logging.split('\n').filter(Boolean).map((line) => `      ${line}`),
    '  FlowLogs:',
    '    Type: AWS::Logs::LogGroup',
    '    Properties:',
    '      LogGroupName: /aws/vendedlogs/states/order-flow',
    '',
  ].join('\n');

export default defineRule({
  id: 'require-logging',
  meta: {
    description: 'Require state machines in templates to log ALL events to CloudWatch Logs',
    category: 'template',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a state machine of a CloudFormation, SAM, CDK or Serverless template that has no logging configuration, ' +
        'or logs at a level other than ALL (ERROR, FATAL or OFF). A level given by a parameter or a reference is not judged.',
      why:
        'Execution history is kept for 90 days (Standard) and not at all for Express workflows, whose only record is ' +
        'their log. With ERROR or FATAL the steps that led to a failure are missing. cdk-nag reports the same (AwsSolutions-SF1).',
      examples: {
        invalid: [{ language: 'yaml', code: template('') }, { language: 'yaml', code: template('LoggingConfiguration:\n  Level: ERROR\n  Destinations:\n    - CloudWatchLogsLogGroup:\n        LogGroupArn: !GetAtt FlowLogs.Arn') }],
        valid: [
          {
            language: 'yaml',
            code: template(
              'LoggingConfiguration:\n  Level: ALL\n  IncludeExecutionData: true\n  Destinations:\n    - CloudWatchLogsLogGroup:\n        LogGroupArn: !GetAtt FlowLogs.Arn\nTracingConfiguration:\n  Enabled: true',
            ),
          },
        ],
      },
      whenNotToUse: 'Turn it off for state machines whose executions are recorded elsewhere, or where log volume costs more than it is worth.',
    },
  },
  checkTemplate: check,
});
