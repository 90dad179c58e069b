import { inStack, ruleTester } from '../../test-support/rule-tester.js';
import rule from './cdk-task-token-timeout.js';

const queue = `const queue = sqs.Queue.fromQueueArn(this, 'Queue', 'arn:aws:sqs:us-east-1:123456789012:approvals');`;
const sqsImport = `import * as sqs from 'aws-cdk-lib/aws-sqs';`;
const message = `messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken })`;

ruleTester.run('cdk-task-token-timeout', rule, {
  valid: [
    ...rule.meta.docs.examples.valid,
    inStack(`${queue}
new tasks.SqsSendMessage(this, 'Ask', { queue, integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, ${message}, heartbeatTimeout: sfn.Timeout.duration(Duration.minutes(5)) });`, sqsImport),
    // The deprecated Duration props still set TimeoutSeconds.
    inStack(`${queue}
new tasks.SqsSendMessage(this, 'Ask', { queue, integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, ${message}, timeout: Duration.hours(1) });`, sqsImport),
    // Not a callback.
    inStack(`${queue}
new tasks.SqsSendMessage(this, 'Send', { queue, integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE, messageBody: sfn.TaskInput.fromText('hi') });`, sqsImport),
    // The timeouts come from a spread of a known object.
    inStack(`${queue}
const waits = { taskTimeout: sfn.Timeout.duration(Duration.days(1)) };
new tasks.SqsSendMessage(this, 'Ask', { ...waits, queue, integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, ${message} });`, sqsImport),
    // A spread of something this file cannot see may hold them: say nothing.
    inStack(`${queue}
new tasks.SqsSendMessage(this, 'Ask', { ...props, queue, integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, ${message} } as never);`, sqsImport),
  ],
  invalid: [
    ...rule.meta.docs.examples.invalid.map((code) => ({ code, errors: [{ messageId: 'noTimeout' as const, data: { kind: 'SqsSendMessage', id: 'Ask for approval' }, line: 10 }] })),
    {
      // The props in a variable, the pattern by a named import.
      code: inStack(
        `const fn = lambda.Function.fromFunctionName(this, 'Fn', 'approve');
const approveProps = {
  lambdaFunction: fn,
  integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
  payload: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
};
new tasks.LambdaInvoke(this, 'Approve', approveProps);`,
        `import { IntegrationPattern } from 'aws-cdk-lib/aws-stepfunctions';`,
      ),
      errors: [{ messageId: 'noTimeout', data: { kind: 'LambdaInvoke', id: 'Approve' }, line: 15, column: 7 }],
    },
    {
      code: inStack(`${queue}
tasks.SqsSendMessage.jsonPath(this, 'Ask', { queue, integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, ${message} });`, sqsImport),
      errors: [{ messageId: 'noTimeout', data: { kind: 'SqsSendMessage', id: 'Ask' } }],
    },
    {
      code: `import { aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks, aws_sns as sns } from 'aws-cdk-lib';
declare const topic: sns.ITopic;
declare const stack: never;
export const notify = new tasks.SnsPublish(stack, 'Notify and wait', {
  topic,
  integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
  message: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
});`,
      errors: [{ messageId: 'noTimeout', data: { kind: 'SnsPublish', id: 'Notify and wait' }, line: 6 }],
    },
  ],
});
