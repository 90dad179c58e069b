import { inStack, ruleTester, typedRuleTester } from '../../test-support/rule-tester.js';
import rule from './cdk-task-retry.js';

const describeTable = `service: 'dynamodb', action: 'describeTable', parameters: { TableName: 'orders' }, iamResources: ['*']`;

ruleTester.run('cdk-task-retry', rule, {
  valid: [
    ...rule.meta.docs.examples.valid,
    // Chained on the construct itself.
    inStack(`const describe = new tasks.CallAwsService(this, 'Describe', { ${describeTable} }).addRetry({ maxAttempts: 3 });`),
    // A helper of the file adds the retrier to whatever task it is given.
    inStack(
      `const queue = new sqs.Queue(this, 'Queue');
const send = withRetry(new tasks.SqsSendMessage(this, 'Send', { queue, messageBody: sfn.TaskInput.fromText('hi') }));`,
      `import * as sqs from 'aws-cdk-lib/aws-sqs';
function withRetry<T extends sfn.TaskStateBase>(task: T): T {
  task.addRetry({ errors: ['SQS.SdkClientException'] });
  return task;
}`,
    ),
    // A field of the stack, retried later in the constructor.
    `import { Stack } from 'aws-cdk-lib';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
export class Reports extends Stack {
  private readonly query: tasks.CallAwsService;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.query = new tasks.CallAwsService(this, 'Query', { ${describeTable} });
    this.query.addRetry({ errors: ['DynamoDb.ThrottlingException'] });
  }
}`,
    // Through a variable that a `let` receives once.
    inStack(`let task;
task = new tasks.DynamoGetItem(this, 'Get', { table: undefined as never, key: {} });
task.addRetry();`),
    // LambdaInvoke retries Lambda's service errors by default.
    inStack(`const fn = lambda.Function.fromFunctionName(this, 'Fn', 'charge');
new tasks.LambdaInvoke(this, 'Charge', { lambdaFunction: fn });`),
    inStack(`const fn = lambda.Function.fromFunctionName(this, 'Fn', 'charge');
new tasks.LambdaInvoke(this, 'Charge', { lambdaFunction: fn, retryOnServiceExceptions: false }).addRetry({ errors: ['Lambda.TooManyRequestsException'] });`),
    // Not aws-cdk-lib's classes.
    `import { CallAwsService } from './my-tasks';
new CallAwsService(this, 'Describe', {});`,
    `class CallAwsService { constructor(..._args: unknown[]) {} }
new CallAwsService(undefined, 'Describe', {});`,
    // A launch target is a helper of the module, not a task.
    inStack(`const target = new tasks.EcsFargateLaunchTarget({ platformVersion: ecs.FargatePlatformVersion.LATEST });`, `import * as ecs from 'aws-cdk-lib/aws-ecs';`),
  ],
  invalid: [
    ...rule.meta.docs.examples.invalid.map((code) => ({ code, errors: [{ messageId: 'missingRetry' as const, data: { kind: 'CallAwsService', id: 'Describe table' } }] })),
    {
      code: `import { Stack } from 'aws-cdk-lib';
import { CallAwsService } from 'aws-cdk-lib/aws-stepfunctions-tasks';
export class S extends Stack {
  build() {
    return new CallAwsService(this, 'Describe', { ${describeTable} });
  }
}`,
      errors: [{ messageId: 'missingRetry', line: 5, column: 12, endLine: 5, endColumn: 47 }],
    },
    {
      code: inStack(`new tasks_.DynamoGetItem(this, 'Get order', { table: undefined as never, key: {} });`, `import { aws_stepfunctions_tasks as tasks_ } from 'aws-cdk-lib';`),
      errors: [{ messageId: 'missingRetry', data: { kind: 'DynamoGetItem', id: 'Get order' } }],
    },
    {
      code: `import * as cdk from 'aws-cdk-lib';
const app = new cdk.App();
const stack = new cdk.Stack(app, 'S');
new cdk.aws_stepfunctions_tasks.SnsPublish(stack, 'Notify', { topic: undefined as never, message: undefined as never });`,
      errors: [{ messageId: 'missingRetry', data: { kind: 'SnsPublish', id: 'Notify' } }],
    },
    {
      code: `const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');
new tasks.CallAwsService(stack, 'Describe', {});`,
      errors: [{ messageId: 'missingRetry' }],
    },
    {
      code: inStack(`const fn = lambda.Function.fromFunctionName(this, 'Fn', 'ship');
const ship = new tasks.LambdaInvoke(this, 'Ship', {
  lambdaFunction: fn,
  retryOnServiceExceptions: false,
});`),
      errors: [{ messageId: 'lambdaWithoutRetry', line: 15, column: 7, endColumn: 38 }],
    },
    {
      code: inStack(`tasks.CallAwsService.jsonata(this, 'Describe', { ${describeTable} });`),
      errors: [{ messageId: 'missingRetry', data: { kind: 'CallAwsService', id: 'Describe' } }],
    },
    {
      // Only the task that addRetry is called on is retried.
      code: inStack(`const first = new tasks.CallAwsService(this, 'First', { ${describeTable} });
const second = new tasks.CallAwsService(this, 'Second', { ${describeTable} });
first.addRetry();
new sfn.StateMachine(this, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(first.next(second)) });`),
      errors: [{ messageId: 'missingRetry', data: { kind: 'CallAwsService', id: 'Second' } }],
    },
    {
      // A subclass in the same file is still a CDK task.
      code: inStack(`new Describe(this, 'Describe');`, `class Describe extends tasks.CallAwsService {
  constructor(scope: Construct, id: string) {
    super(scope, id, { ${describeTable} });
  }
}`),
      errors: [{ messageId: 'missingRetry', data: { kind: 'CallAwsService', id: 'Describe' } }],
    },
  ],
});

typedRuleTester.run('cdk-task-retry with types', rule, {
  valid: [
    `import { App, Stack } from 'aws-cdk-lib';
import { DescribeTable } from './constructs';
const stack = new Stack(new App(), 'S');
new DescribeTable(stack, 'Describe', 'orders').addRetry();`,
  ],
  invalid: [
    {
      // Only the type says that this class of another file is a CallAwsService.
      code: `import { App, Stack } from 'aws-cdk-lib';
import { DescribeTable } from './constructs';
const stack = new Stack(new App(), 'S');
new DescribeTable(stack, 'Describe', 'orders');`,
      errors: [{ messageId: 'missingRetry', data: { kind: 'CallAwsService', id: 'Describe' } }],
    },
  ],
});
