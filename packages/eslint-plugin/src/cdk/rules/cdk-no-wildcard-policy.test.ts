import { inStack, ruleTester, typedRuleTester } from '../../test-support/rule-tester.js';
import rule from './cdk-no-wildcard-policy.js';

const machine = `const machine = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')) });`;
const wildcard = (action: string) => `new iam.PolicyStatement({ actions: ['${action}'], resources: ['*'] })`;
const role = `const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });`;
const roleMachine = `new sfn.StateMachine(this, 'Flow', { role, definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')) });`;
const error = (action: string, machineName = '"Flow"') => ({ messageId: 'wildcard' as const, data: { action, machine: machineName } });

ruleTester.run('cdk-no-wildcard-policy', rule, {
  valid: [
    ...rule.meta.docs.examples.valid,
    inStack(`${machine}
machine.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] }));`),
    inStack(`${machine}
machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports/*'] }));`),
    // A Lambda function's role is not a state machine's.
    inStack(`const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('') });
fn.addToRolePolicy(${wildcard('*')});`),
    // A role no state machine uses.
    inStack(`${role}
role.addToPolicy(${wildcard('s3:*')});`),
    // CallAwsService names one action; iamResources "*" alone is the resource rule's business.
    inStack(`new tasks.CallAwsService(this, 'List', { service: 's3', action: 'listBuckets', iamResources: ['*'] });`),
  ],
  invalid: [
    ...rule.meta.docs.examples.invalid.map((code) => ({ code, errors: [{ ...error('dynamodb:*', '`machine`'), line: 5, column: 63 }] })),
    {
      code: inStack(`${machine}
const everything = ${wildcard('*')};
machine.addToRolePolicy(everything);`),
      errors: [{ ...error('*'), line: 13, column: 60, endColumn: 63 }],
    },
    {
      // From a helper of the file, with the machine through a `this.` field.
      code: `import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
const allOf = (service: string) => new iam.PolicyStatement({ actions: [\`\${service}:*\`], resources: ['*'] });
const sqsAll = () => new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] });
export class S extends Stack {
  readonly machine = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromString('{}') });
  grant() {
    this.machine.addToRolePolicy(sqsAll());
  }
}`,
      errors: [{ ...error('sqs:*'), line: 5, column: 58 }],
    },
    {
      code: inStack(`const role = new iam.Role(this, 'Role', {
  assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
  inlinePolicies: { all: new iam.PolicyDocument({ statements: [${wildcard('*')}] }) },
});
${roleMachine}`),
      errors: [error('*')],
    },
    {
      code: inStack(`${role}
${roleMachine}
role.addToPrincipalPolicy(${wildcard('lambda:*')});`),
      errors: [error('lambda:*')],
    },
    {
      code: inStack(`${machine}
machine.role.addToPrincipalPolicy(${wildcard('states:*')});`),
      errors: [error('states:*')],
    },
    {
      code: inStack(`${role}
${roleMachine}
new iam.Policy(this, 'Extra', { roles: [role], statements: [${wildcard('dynamodb:*')}] });
const more = new iam.Policy(this, 'More');
more.addStatements(${wildcard('sns:*')});
more.attachToRole(role);`),
      errors: [error('dynamodb:*'), error('sns:*')],
    },
    {
      code: inStack(`${machine}
const statement = new iam.PolicyStatement();
statement.addActions('ec2:*');
statement.addAllResources();
machine.addToRolePolicy(statement);`),
      errors: [error('ec2:*')],
    },
    {
      code: inStack(`new tasks.CallAwsService(this, 'Anything', { service: 's3', action: 'listBuckets', iamAction: 's3:*', iamResources: ['*'] });
new tasks.EcsRunTask(this, 'Run', { additionalIamStatements: [${wildcard('ecs:*')}] } as never);`),
      errors: [error('s3:*', 'that runs "Anything"'), error('ecs:*', 'that runs "Run"')],
    },
  ],
});

typedRuleTester.run('cdk-no-wildcard-policy with types', rule, {
  valid: [],
  invalid: [
    {
      // Only the type of another file's function says that this is a state machine.
      code: `import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { emptyMachine } from './constructs';
const stack = new Stack(new App(), 'S');
emptyMachine(stack, 'Flow').addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));`,
      errors: [{ messageId: 'wildcard', data: { action: '*', machine: "`emptyMachine(stack, 'Flow')`" } }],
    },
  ],
});
