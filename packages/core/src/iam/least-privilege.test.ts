import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import { leastPrivilegePolicy, policyJson, policyValue, policyYaml, type PolicyDocument, type PolicyValue } from './least-privilege.js';
import { definitionNeeds, type NeededPermission, type NeedsOptions } from './needs.js';

function needsOf(definition: unknown, options: NeedsOptions = {}): NeededPermission[] {
  const document = parseDocument('test.asl.json', JSON.stringify(definition));
  return definitionNeeds(buildMachine(document, document.roots[0]), options);
}

const text = (value: PolicyValue): string => (typeof value === 'string' ? value : value['Fn::Sub']);

/** True when some statement grants the action on every resource of the need (by equal text or `*`). */
function grants(policy: PolicyDocument, need: NeededPermission): boolean {
  const wanted = need.resources ?? ['*'];
  return wanted.every((resource) =>
    policy.Statement.some((statement) => {
      if (!statement.Action.includes(need.action)) return false;
      const resources = statement.Resource.map(text);
      if (!resources.includes('*') && !resources.includes(resource)) return false;
      if (!need.condition) return statement.Condition === undefined;
      return statement.Condition?.[need.condition.operator]?.[need.condition.key] !== undefined;
    }),
  );
}

/** An order pipeline with most kinds of need: substitutions, .sync, a Distributed Map, Credentials. */
const PIPELINE = {
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${ValidateArn}', 'Payload.$': '$' }, Next: 'Save' },
    Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${OrdersTable}', Item: { id: { 'S.$': '$.id' } } }, Next: 'Fan out' },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Notify', States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${AlertsTopic}', Message: 'new order' }, End: true } } },
        { StartAt: 'Enqueue', States: { Enqueue: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${JobsQueueUrl}', 'MessageBody.$': '$' }, End: true } } },
        { StartAt: 'Audit', States: { Audit: { Type: 'Task', Resource: '${AuditFunctionArn}', End: true } } },
      ],
      Next: 'Ship',
    },
    Ship: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${ShippingArn}', 'Input.$': '$' }, Next: 'Lines' },
    Lines: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Line',
        States: { Line: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${ValidateArn}' }, End: true } },
      },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: '${DataBucket}', Key: 'lines.json' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: '${DataBucket}', Prefix: 'results/' } },
      Next: 'Remote',
    },
    Remote: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { RoleArn: 'arn:aws:iam::111122223333:role/Partner' },
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:partner' },
      End: true,
    },
  },
};

const PIPELINE_OPTIONS: NeedsOptions = {
  substitutions: new Map([
    ['ValidateArn', '${Validate.Arn}'],
    ['OrdersTable', '${Orders}'],
    ['AlertsTopic', '${Alerts}'],
    ['JobsQueueUrl', '${Jobs}'],
    ['AuditFunctionArn', '${Audit.Arn}'],
    ['ShippingArn', '${Shipping}'],
    ['DataBucket', '${Data}'],
  ]),
  machineArn: '${Pipeline}',
  logging: true,
  tracing: true,
};

const sub = (value: string) => ({ 'Fn::Sub': value });
const P = '${AWS::Partition}';
const R = '${AWS::Region}';
const A = '${AWS::AccountId}';

describe('leastPrivilegePolicy', () => {
  it('prints a grouped, sorted policy with the template references kept', () => {
    const policy = leastPrivilegePolicy(needsOf(PIPELINE, PIPELINE_OPTIONS));
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DynamoDBPutItem', Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [sub(`arn:${P}:dynamodb:${R}:${A}:table/\${Orders}`)] },
        { Sid: 'InvokeLambdaFunctions', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [sub('${Audit.Arn}'), sub('${Validate.Arn}')] },
        { Sid: 'SNSPublish', Effect: 'Allow', Action: ['sns:Publish'], Resource: [sub('${Alerts}')] },
        { Sid: 'SQSSendMessage', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [sub('${Jobs.Arn}')] },
        { Sid: 'StepFunctionsStartExecution', Effect: 'Allow', Action: ['states:StartExecution'], Resource: [sub('${Pipeline}'), sub('${Shipping}')] },
        {
          Sid: 'StepFunctionsDescribeExecutionStopExecution',
          Effect: 'Allow',
          Action: ['states:DescribeExecution', 'states:StopExecution'],
          Resource: [sub(`arn:${P}:states:${R}:${A}:execution:\${Pipeline.Name}:*`), sub(`arn:${P}:states:${R}:${A}:execution:\${Shipping.Name}:*`)],
        },
        { Sid: 'AssumeTaskCredentialsRoles', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::111122223333:role/Partner'] },
        { Sid: 'DistributedMapRedrive', Effect: 'Allow', Action: ['states:RedriveExecution'], Resource: [sub(`arn:${P}:states:${R}:${A}:execution:\${Pipeline.Name}/*`)] },
        { Sid: 'DistributedMapS3Objects', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [sub(`arn:${P}:s3:::\${Data}/lines.json`), sub(`arn:${P}:s3:::\${Data}/results/*`)] },
        {
          Sid: 'DistributedMapResultWriter',
          Effect: 'Allow',
          Action: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObject'],
          Resource: [sub(`arn:${P}:s3:::\${Data}/results/*`)],
        },
        {
          Sid: 'SyncManagedEventRules',
          Effect: 'Allow',
          Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
          Resource: [sub(`arn:${P}:events:${R}:${A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`)],
        },
        {
          Sid: 'CloudWatchLogsDelivery',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:DescribeLogGroups',
            'logs:DescribeResourcePolicies',
            'logs:GetLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:UpdateLogDelivery',
          ],
          Resource: ['*'],
        },
        {
          Sid: 'XRayTracing',
          Effect: 'Allow',
          Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          Resource: ['*'],
        },
      ],
    });
  });

  it('grants everything the definition needs and nothing for the Credentials call itself', () => {
    const needs = needsOf(PIPELINE, PIPELINE_OPTIONS);
    const policy = leastPrivilegePolicy(needs);
    for (const need of needs) expect(grants(policy, need), `${need.action} on ${JSON.stringify(need.resources)}`).toBe(true);
    const granted = policy.Statement.flatMap((statement) => statement.Resource.map(text));
    expect(granted).not.toContain('arn:aws:lambda:us-east-1:111122223333:function:partner');
    // One action never spreads over two statements with the same condition.
    const actions = policy.Statement.flatMap((statement) => statement.Action.map((action) => `${action} ${JSON.stringify(statement.Condition ?? null)}`));
    expect(new Set(actions).size).toBe(actions.length);
    expect(new Set(policy.Statement.map((statement) => statement.Sid)).size).toBe(policy.Statement.length);
    for (const statement of policy.Statement) expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('is stable: the same needs in any order print the same document', () => {
    const needs = needsOf(PIPELINE, PIPELINE_OPTIONS);
    expect(leastPrivilegePolicy([...needs].reverse())).toEqual(leastPrivilegePolicy(needs));
  });

  it('keeps conditions, "*" for unknown resources, and leaves out optional needs on unknown resources', () => {
    const needs = needsOf({
      StartAt: 'Train',
      States: {
        Train: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sagemaker:createTrainingJob.sync',
          Parameters: { TrainingJobName: 'train', RoleArn: { 'Fn::GetAtt': ['TrainingRole', 'Arn'] } },
          Next: 'Run',
        },
        Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { TaskDefinition: 'report:3', Cluster: 'jobs' }, Next: 'Describe' },
        Describe: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:ec2:describeInstances', Parameters: {}, End: true },
      },
    });
    const policy = leastPrivilegePolicy(needs);
    expect(policy.Statement.find((statement) => statement.Action.includes('iam:PassRole'))).toEqual({
      Sid: 'PassRoleToSageMaker',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [sub('${TrainingRole.Arn}')],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
    // ECS's task roles are unknown without the template: no PassRole on "*".
    expect(policy.Statement.filter((statement) => statement.Action.includes('iam:PassRole'))).toHaveLength(1);
    const withUnknown = leastPrivilegePolicy(needs, { unknownOptional: true });
    expect(withUnknown.Statement.find((statement) => statement.Sid === 'PassRoleToEcsTasks')).toMatchObject({
      Resource: ['*'],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    // SDK calls whose resources sfn-lint cannot tell are required, so granted on "*".
    expect(policy.Statement.find((statement) => statement.Action.includes('ec2:DescribeInstances'))?.Resource).toEqual(['*']);
    // ECS's "*" actions share a statement; the task definition stays plain text.
    expect(policy.Statement.find((statement) => statement.Action.includes('ecs:RunTask'))?.Resource).toEqual([`arn:${P}:ecs:${R}:${A}:task-definition/report:3`].map(policyValue));
  });

  it('lets "*" absorb the other resources of an action', () => {
    const policy = leastPrivilegePolicy(
      needsOf({
        StartAt: 'A',
        States: {
          A: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Orders', Key: {} }, Next: 'B' },
          B: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { 'TableName.$': '$.table', Key: {} }, End: true },
        },
      }),
    );
    expect(policy.Statement).toEqual([{ Sid: 'DynamoDBGetItem', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['*'] }]);
  });

  it('gives an empty statement list for a machine that needs nothing', () => {
    expect(leastPrivilegePolicy(needsOf({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }))).toEqual({ Version: '2012-10-17', Statement: [] });
  });
});

describe('policy renderers', () => {
  it('write JSON and long-form YAML that read back as the same document', () => {
    const policy = leastPrivilegePolicy(needsOf(PIPELINE, PIPELINE_OPTIONS));
    expect(JSON.parse(policyJson(policy))).toEqual(policy);
    const yaml = policyYaml(policy);
    expect(yaml).toContain('Fn::Sub: ');
    expect(yaml).not.toContain('!Sub');
    expect(parseYaml(yaml)).toEqual(policy);
  });

  it('wrap only text with references in Fn::Sub', () => {
    expect(policyValue('*')).toBe('*');
    expect(policyValue('arn:aws:sns:us-east-1:123456789012:t')).toBe('arn:aws:sns:us-east-1:123456789012:t');
    expect(policyValue('${Topic}')).toEqual({ 'Fn::Sub': '${Topic}' });
  });
});
