import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, readText } from '../../../../tests/corpus-files.js';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { buildMachine, looksLikeDefinition } from '../model/build.js';
import { analyseNeeds, definitionNeeds, type NeededPermission, type NeedsOptions, type TemplateView } from './needs.js';

function machineOf(definition: unknown, file = 'test.asl.json') {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const document = parseDocument(file, text);
  return buildMachine(document, document.roots[0]);
}

function task(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return machineOf({ StartAt: 'T', ...extra, States: { T: { Type: 'Task', End: true, ...fields } } });
}

function needsOf(definition: ReturnType<typeof machineOf>, options: NeedsOptions = {}): NeededPermission[] {
  return definitionNeeds(definition, options);
}

/** action → resources, for the needs of one purpose set. */
function table(needs: readonly NeededPermission[]): Record<string, readonly string[] | null> {
  const out: Record<string, readonly string[] | null> = {};
  for (const need of needs) out[need.action] = need.resources;
  return out;
}

function textAt(machine: ReturnType<typeof machineOf>, node: DocNode | undefined): string | undefined {
  return node ? machine.document.text.slice(node.range.start, node.range.end) : undefined;
}

const P = '${AWS::Partition}';
const R = '${AWS::Region}';
const A = '${AWS::AccountId}';

describe('definitionNeeds: Lambda', () => {
  it('scopes lambda:invoke to a static function name, in Fn::Sub terms', () => {
    const machine = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'worker', 'Payload.$': '$' } });
    const [need] = needsOf(machine);
    expect(need).toMatchObject({
      action: 'lambda:InvokeFunction',
      resources: [`arn:${P}:lambda:${R}:${A}:function:worker`],
      exact: true,
      purpose: 'call',
      required: true,
      state: machine.states[0],
    });
    expect(textAt(machine, need.node)).toBe('"worker"');
  });

  it('keeps a static ARN and honours explicit partition, region and account', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:worker';
    expect(needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: arn } }))[0].resources).toEqual([arn]);
    const named = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'worker' } });
    expect(needsOf(named, { partition: 'aws', region: 'eu-west-1', account: '123456789012' })[0].resources).toEqual([arn]);
  });

  it('resolves a ${X} substitution through DefinitionSubstitutions', () => {
    const machine = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${WorkerArn}' } });
    const [need] = needsOf(machine, { substitutions: new Map([['WorkerArn', '${Worker.Arn}']]) });
    expect(need).toMatchObject({ resources: ['${Worker.Arn}'], exact: true });
    expect(textAt(machine, need.node)).toBe('"${WorkerArn}"');
    // Ref of a function is its name, placed into the function ARN.
    const byName = needsOf(machine, { substitutions: new Map([['WorkerArn', '${Worker}']]) });
    expect(byName[0].resources).toEqual([`arn:${P}:lambda:${R}:${A}:function:\${Worker}`]);
    // A substitution whose value sfn-lint could not read falls back to AWS's dynamic policy.
    const unknown = needsOf(machine, { substitutions: new Map([['WorkerArn', undefined]]) });
    expect(unknown[0]).toMatchObject({ resources: [`arn:${P}:lambda:${R}:${A}:function:*`], exact: false });
    // So does one longer than any ARN, however many states use it.
    const huge = needsOf(machine, { substitutions: new Map([['WorkerArn', `arn:aws:lambda:${'🚀'.repeat(5_000_000)}`]]) });
    expect(huge[0]).toMatchObject({ resources: [`arn:${P}:lambda:${R}:${A}:function:*`], exact: false });
    // And so does a value that is itself that long, before any of its millions of references is replaced.
    const many = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${Short}'.repeat(1_000_000) } });
    expect(needsOf(many, { substitutions: new Map([['Short', 'f']]) })[0]).toMatchObject({ resources: [`arn:${P}:lambda:${R}:${A}:function:*`], exact: false });
  });

  it('reads Fn::GetAtt, Ref and Fn::Sub objects inside a Definition', () => {
    const getAtt = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { 'Fn::GetAtt': ['Worker', 'Arn'] } } }));
    expect(getAtt[0]).toMatchObject({ resources: ['${Worker.Arn}'], exact: true });
    const dotted = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { 'Fn::GetAtt': 'Worker.Arn' } } }));
    expect(dotted[0].resources).toEqual(['${Worker.Arn}']);
    const ref = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { Ref: 'Worker' } } }));
    expect(ref[0].resources).toEqual([`arn:${P}:lambda:${R}:${A}:function:\${Worker}`]);
    const sub = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Stage}-worker' } } }));
    expect(sub[0].resources).toEqual([`arn:${P}:lambda:${R}:${A}:function:\${Stage}-worker`]);
    // Fn::If cannot be written as one string: the dynamic fallback.
    const branch = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { 'Fn::If': ['Prod', 'a', 'b'] } } }));
    expect(branch[0].exact).toBe(false);
  });

  it('gives a legacy function ARN Resource lambda:InvokeFunction on that function', () => {
    const literal = task({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker' });
    expect(needsOf(literal)[0]).toMatchObject({ action: 'lambda:InvokeFunction', resources: ['arn:aws:lambda:us-east-1:123456789012:function:worker'], exact: true });
    const symbolic = task({ Resource: 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}' });
    const [need] = needsOf(symbolic, { substitutions: new Map([['FunctionName', '${Worker}']]) });
    expect(need).toMatchObject({ resources: [`arn:aws:lambda:${R}:${A}:function:\${Worker}`], exact: true });
    expect(textAt(symbolic, need.node)).toContain('arn:aws:lambda:');
  });

  it('keeps pseudo parameters in ARNs symbolic', () => {
    const legacy = needsOf(task({ Resource: 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker' }));
    expect(legacy[0]).toMatchObject({ resources: [`arn:aws:lambda:${R}:${A}:function:worker`], exact: true });
    const parameter = needsOf(task({ Resource: 'arn:${AWS::Partition}:states:::lambda:invoke', Parameters: { FunctionName: 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:worker:live' } }));
    expect(parameter[0]).toMatchObject({ resources: [`arn:${P}:lambda:${R}:${A}:function:worker:live`], exact: true });
    const table = needsOf(task({ Resource: 'arn:${AWS::Partition}:states:::dynamodb:putItem', Parameters: { TableName: 'orders-${AWS::Region}', Item: {} } }));
    expect(table[0].resources).toEqual([`arn:${P}:dynamodb:${R}:${A}:table/orders-\${AWS::Region}`]);
  });

  it('treats a Resource placeholder that names a function as lambda:InvokeFunction on it', () => {
    const machine = task({ Resource: '${WorkerFunctionArn}' });
    const [need] = needsOf(machine, { substitutions: new Map([['WorkerFunctionArn', '${Worker.Arn}']]) });
    expect(need).toMatchObject({ action: 'lambda:InvokeFunction', resources: ['${Worker.Arn}'], exact: true, guess: true });
    expect(textAt(machine, need.node)).toBe('"${WorkerFunctionArn}"');
    // Without substitutions the variable stays symbolic.
    expect(needsOf(machine)[0].resources).toEqual(['${WorkerFunctionArn}']);
    // A bare placeholder (Terraform templatefile) and a GetAtt object in Resource.
    const bare = machineOf('{"StartAt":"T","States":{"T":{"Type":"Task","Resource":${lambda_arn},"End":true}}}');
    expect(needsOf(bare)[0]).toMatchObject({ action: 'lambda:InvokeFunction', resources: ['${lambda_arn}'] });
    const getAtt = task({ Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } });
    expect(needsOf(getAtt)[0].resources).toEqual(['${Worker.Arn}']);
  });

  it('re-reads a Resource that a substitution turns into an integration ARN', () => {
    const machine = task({ Resource: '${SendArn}', Parameters: { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', MessageBody: 'x' } });
    const [need] = needsOf(machine, { substitutions: new Map([['SendArn', 'arn:aws:states:::sqs:sendMessage']]) });
    expect(need).toMatchObject({ action: 'sqs:SendMessage', resources: [`arn:${P}:sqs:eu-west-1:123456789012:jobs`] });
    const legacy = task({ Resource: '${Fn}' });
    expect(needsOf(legacy, { substitutions: new Map([['Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f']]) })[0]).toMatchObject({
      resources: ['arn:aws:lambda:us-east-1:123456789012:function:f'],
      exact: true,
    });
  });
});

describe('definitionNeeds: other integrations', () => {
  it('DynamoDB putItem with a TableName, literal or Ref', () => {
    const literal = needsOf(task({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders', Item: { id: { 'S.$': '$.id' } } } }));
    expect(table(literal)).toEqual({ 'dynamodb:PutItem': [`arn:${P}:dynamodb:${R}:${A}:table/Orders`] });
    const ref = needsOf(task({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${OrdersTable}', Item: {} } }), {
      substitutions: new Map([['OrdersTable', '${Orders}']]),
    });
    expect(ref[0].resources).toEqual([`arn:${P}:dynamodb:${R}:${A}:table/\${Orders}`]);
    const arn = needsOf(task({ Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: { 'Fn::GetAtt': ['Orders', 'Arn'] }, Key: {} } }));
    expect(arn[0].resources).toEqual(['${Orders.Arn}']);
    const dynamic = needsOf(task({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { 'TableName.$': '$.table', Item: {} } }));
    expect(dynamic[0]).toMatchObject({ resources: ['*'], exact: false });
  });

  it('SQS sendMessage with a QueueUrl: a literal URL, and Ref of a queue (its URL) as ${Queue.Arn}', () => {
    const literal = needsOf(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', MessageBody: 'x' } }));
    expect(table(literal)).toEqual({ 'sqs:SendMessage': [`arn:${P}:sqs:us-east-1:123456789012:jobs`] });
    const ref = needsOf(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: { Ref: 'Jobs' }, MessageBody: 'x' } }));
    expect(ref[0]).toMatchObject({ resources: ['${Jobs.Arn}'], exact: true });
    const symbolicUrl = needsOf(
      task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: { 'Fn::Sub': 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/jobs' }, MessageBody: 'x' } }),
    );
    expect(symbolicUrl[0].resources).toEqual([`arn:${P}:sqs:${R}:${A}:jobs`]);
    // An unresolved variable is no template resource: `${QueueUrl.Arn}` would not deploy.
    const raw = needsOf(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${QueueUrl}', MessageBody: 'x' } }));
    expect(raw[0]).toMatchObject({ resources: ['*'], exact: false });
  });

  it('SNS publish to a topic; a phone number needs "*"', () => {
    const topic = needsOf(task({ Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${AlertsTopic}', Message: 'm' } }), {
      substitutions: new Map([['AlertsTopic', '${Alerts}']]),
    });
    expect(topic[0]).toMatchObject({ action: 'sns:Publish', resources: ['${Alerts}'], exact: true });
    const phone = needsOf(task({ Resource: 'arn:aws:states:::sns:publish', Parameters: { PhoneNumber: '+15555550100', Message: 'm' } }));
    expect(phone[0]).toMatchObject({ resources: ['*'], exact: false });
  });

  it('states:startExecution.sync:2 with its polling, cancelling and events rule', () => {
    const machine = task({ Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${ChildArn}', 'Input.$': '$' } });
    const needs = needsOf(machine, { substitutions: new Map([['ChildArn', '${Child}']]) });
    expect(table(needs)).toEqual({
      'states:StartExecution': ['${Child}'],
      'states:DescribeExecution': [`arn:${P}:states:${R}:${A}:execution:\${Child.Name}:*`],
      'states:StopExecution': [`arn:${P}:states:${R}:${A}:execution:\${Child.Name}:*`],
      'events:PutTargets': [`arn:${P}:events:${R}:${A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`],
      'events:PutRule': [`arn:${P}:events:${R}:${A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`],
      'events:DescribeRule': [`arn:${P}:events:${R}:${A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`],
    });
    expect(needs.map((n) => [n.purpose, n.required])).toEqual([
      ['call', true],
      ['poll', true],
      ['cancel', true],
      ['events-rule', false],
      ['events-rule', false],
      ['events-rule', false],
    ]);
    const literal = needsOf(task({ Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child' } }));
    expect(table(literal)['states:DescribeExecution']).toEqual([`arn:${P}:states:${R}:${A}:execution:Child:*`]);
  });

  it('ecs runTask.sync: "*" actions marked, PassRole read from the template’s task definition', () => {
    const machine = task({ Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { Cluster: { 'Fn::GetAtt': ['Cluster', 'Arn'] }, TaskDefinition: { Ref: 'Report' }, LaunchType: 'FARGATE' } });
    const plain = needsOf(machine);
    expect(plain.find((n) => n.action === 'ecs:RunTask')).toMatchObject({ resources: ['${Report}'], exact: true });
    expect(plain.find((n) => n.action === 'ecs:DescribeTasks')).toMatchObject({ resources: ['*'], onlyStar: true, purpose: 'poll' });
    // Without the template the roles are unknown: optional, any resource, with the condition.
    expect(plain.find((n) => n.action === 'iam:PassRole')).toMatchObject({
      resources: null,
      required: false,
      condition: { key: 'iam:PassedToService', value: 'ecs-tasks.amazonaws.com' },
    });

    const definition = parseDocument('t.json', JSON.stringify({ TaskRoleArn: { 'Fn::GetAtt': ['TaskRole', 'Arn'] }, ExecutionRoleArn: { Ref: 'ExecRole' } })).roots[0];
    const template: TemplateView = {
      resources: new Map([
        ['Report', { type: 'AWS::ECS::TaskDefinition', properties: definition }],
        ['Cluster', { type: 'AWS::ECS::Cluster', properties: undefined }],
        ['TaskRole', { type: 'AWS::IAM::Role', properties: undefined }],
        ['ExecRole', { type: 'AWS::IAM::Role', properties: undefined }],
      ]),
      parameters: new Set(),
    };
    const passRole = needsOf(machine, { template }).find((n) => n.action === 'iam:PassRole');
    expect(passRole).toMatchObject({
      resources: ['${TaskRole.Arn}', `arn:${P}:iam::${A}:role/\${ExecRole}`],
      exact: true,
      required: true,
      condition: { operator: 'StringEquals', key: 'iam:PassedToService', value: 'ecs-tasks.amazonaws.com' },
    });
    expect(passRole?.when).toBeUndefined();
    // A task definition without roles passes none.
    const bare: TemplateView = { resources: new Map([['Report', { type: 'AWS::ECS::TaskDefinition', properties: undefined }]]), parameters: new Set() };
    expect(needsOf(machine, { template: bare }).some((n) => n.action === 'iam:PassRole')).toBe(false);
  });

  it('SageMaker passes its role with the iam:PassedToService condition', () => {
    const needs = needsOf(task({ Resource: 'arn:aws:states:::sagemaker:createTrainingJob.sync', Parameters: { TrainingJobName: 'train', RoleArn: { 'Fn::GetAtt': ['SageMakerRole', 'Arn'] } } }));
    expect(needs.find((n) => n.action === 'iam:PassRole')).toMatchObject({
      resources: ['${SageMakerRole.Arn}'],
      purpose: 'pass-role',
      condition: { key: 'iam:PassedToService', value: 'sagemaker.amazonaws.com' },
    });
  });

  it('decides conditional needs from the payload where it can', () => {
    const withoutS3 = needsOf(task({ Resource: 'arn:aws:states:::bedrock:invokeModel', Parameters: { ModelId: 'anthropic.claude-v2', Body: {} } }));
    expect(withoutS3.map((n) => n.action)).toEqual(['bedrock:InvokeModel']);
    const withS3 = needsOf(task({ Resource: 'arn:aws:states:::bedrock:invokeModel', Parameters: { ModelId: 'm', Input: { S3Uri: 's3://b/k' } } }));
    expect(withS3.find((n) => n.action === 's3:GetObject')).toMatchObject({ required: true });
    const api = needsOf(task({ Resource: 'arn:aws:states:::apigateway:invoke', Parameters: { ApiEndpoint: 'abc123.execute-api.us-east-1.amazonaws.com', Method: 'GET' } }));
    expect(api).toEqual([]);
    const iamAuth = needsOf(task({ Resource: 'arn:aws:states:::apigateway:invoke', Parameters: { ApiEndpoint: 'abc123.execute-api.us-east-1.amazonaws.com', Method: 'GET', AuthType: 'IAM_ROLE' } }));
    expect(iamAuth[0]).toMatchObject({ action: 'execute-api:Invoke', resources: [`arn:${P}:execute-api:us-east-1:${A}:abc123/*`], required: true });
    // A need the payload cannot decide stays, optional, with its reason.
    const athena = needsOf(task({ Resource: 'arn:aws:states:::athena:startQueryExecution', Parameters: { QueryString: 'select 1' } }));
    expect(athena.find((n) => n.action === 'lakeformation:GetDataAccess')).toMatchObject({ required: false, when: expect.any(String) });
  });

  it('SDK integrations: named resources when the catalog knows them, null otherwise', () => {
    const get = needsOf(task({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: { Ref: 'Data' }, Key: 'in.json' } }));
    expect(table(get)).toEqual({ 's3:GetObject': [`arn:${P}:s3:::\${Data}/in.json`] });
    const list = needsOf(task({ Resource: 'arn:aws:states:::aws-sdk:ec2:describeInstances', Parameters: {} }));
    expect(list[0]).toMatchObject({ action: 'ec2:DescribeInstances', resources: null, exact: false, required: true });
  });

  it('reads JSONata Arguments', () => {
    const machine = task(
      { Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: '${WorkerArn}', Payload: '{% $states.input %}' } },
      { QueryLanguage: 'JSONata' },
    );
    expect(needsOf(machine, { substitutions: new Map([['WorkerArn', '${Worker.Arn}']]) })[0].resources).toEqual(['${Worker.Arn}']);
    const dynamic = task({ Resource: 'arn:aws:states:::dynamodb:getItem', Arguments: { TableName: '{% $table %}', Key: {} } }, { QueryLanguage: 'JSONata' });
    expect(needsOf(dynamic)[0]).toMatchObject({ resources: ['*'], exact: false });
  });
});

describe('definitionNeeds: scopes, maps and machine settings', () => {
  it('covers every Task in Parallel branches and Map processors', () => {
    const machine = machineOf({
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'a' }, End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: { Ref: 'Topic' }, Message: 'm' }, End: true } } },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    });
    const needs = needsOf(machine);
    expect(needs.map((n) => [n.state?.name, n.action])).toEqual([
      ['A', 'lambda:InvokeFunction'],
      ['B', 'sns:Publish'],
    ]);
    // An inline Map starts no child executions.
    expect(needs.some((n) => n.purpose === 'distributed-map')).toBe(false);
  });

  it('a Distributed Map: StartExecution on itself, its child executions, ItemReader and ResultWriter S3 access', () => {
    const machine = machineOf({
      StartAt: 'Process',
      States: {
        Process: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Work',
            States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${WorkerArn}' }, End: true } },
          },
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: '${InputBucket}', Key: 'items.csv' } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'runs/' } },
          End: true,
        },
      },
    });
    const needs = needsOf(machine, {
      substitutions: new Map([
        ['WorkerArn', '${Worker.Arn}'],
        ['InputBucket', '${Input}'],
      ]),
      machineArn: '${Pipeline}',
    });
    const map = needs.filter((n) => n.state?.name === 'Process');
    const execution = `arn:${P}:states:${R}:${A}:execution:\${Pipeline.Name}`;
    expect(map.map((n) => [n.action, n.resources, n.purpose, n.required])).toEqual([
      ['states:StartExecution', ['${Pipeline}'], 'distributed-map', true],
      ['states:DescribeExecution', [`${execution}:*`], 'distributed-map', true],
      ['states:StopExecution', [`${execution}:*`], 'distributed-map', false],
      ['states:RedriveExecution', [`${execution}/*`], 'distributed-map', false],
      ['s3:GetObject', [`arn:${P}:s3:::\${Input}/items.csv`], 'item-reader', true],
      ['s3:PutObject', [`arn:${P}:s3:::results/runs/*`], 'result-writer', true],
      ['s3:GetObject', [`arn:${P}:s3:::results/runs/*`], 'result-writer', true],
      ['s3:ListMultipartUploadParts', [`arn:${P}:s3:::results/runs/*`], 'result-writer', true],
      ['s3:AbortMultipartUpload', [`arn:${P}:s3:::results/runs/*`], 'result-writer', true],
    ]);
    expect(textAt(machine, map[0].node)).toBe('"DISTRIBUTED"');
    expect(textAt(machine, map[4].node)).toBe('"${InputBucket}"');
    expect(needs.find((n) => n.state?.name === 'Work')?.resources).toEqual(['${Worker.Arn}']);

    // The machine's name alone, and nothing at all.
    const byName = needsOf(machine, { machineName: '${Pipeline.Name}' }).find((n) => n.action === 'states:StartExecution');
    expect(byName).toMatchObject({ resources: [`arn:${P}:states:${R}:${A}:stateMachine:\${Pipeline.Name}`], exact: true });
    const unnamed = needsOf(machine).filter((n) => n.purpose === 'distributed-map');
    expect(unnamed.map((n) => [n.resources, n.exact])).toEqual([
      [[`arn:${P}:states:${R}:${A}:stateMachine:*`], false],
      [[`arn:${P}:states:${R}:${A}:execution:*`], false],
      [[`arn:${P}:states:${R}:${A}:execution:*`], false],
      [[`arn:${P}:states:${R}:${A}:execution:*`], false],
    ]);
  });

  it('a Distributed Map listing a prefix: ListBucket with s3:prefix; a whole bucket without Prefix', () => {
    const machine = machineOf({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'in', Prefix: 'batch/' } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out' } },
          End: true,
        },
      },
    });
    const needs = needsOf(machine, { machineArn: '${M}' });
    expect(needs.find((n) => n.action === 's3:ListBucket')).toMatchObject({
      resources: [`arn:${P}:s3:::in`],
      condition: { operator: 'StringLike', key: 's3:prefix', value: 'batch/*' },
    });
    expect(needs.find((n) => n.action === 's3:PutObject')?.resources).toEqual([`arn:${P}:s3:::out/*`]);
  });

  it('Credentials: sts:AssumeRole on the role, and nothing of the call for this role', () => {
    const machine = task({
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { RoleArn: 'arn:aws:iam::111122223333:role/CrossAccount' },
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:remote' },
    });
    const needs = needsOf(machine);
    expect(needs).toEqual([
      expect.objectContaining({ action: 'sts:AssumeRole', resources: ['arn:aws:iam::111122223333:role/CrossAccount'], exact: true, purpose: 'credentials', required: true }),
    ]);
    expect(textAt(machine, needs[0].node)).toBe('"arn:aws:iam::111122223333:role/CrossAccount"');
    const symbolic = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Credentials: { RoleArn: '${RemoteRole}' }, Parameters: { FunctionName: 'f' } }), {
      substitutions: new Map([['RemoteRole', '${Remote.Arn}']]),
    });
    expect(symbolic[0].resources).toEqual(['${Remote.Arn}']);
    const dynamic = needsOf(task({ Resource: 'arn:aws:states:::lambda:invoke', Credentials: { 'RoleArn.$': '$.role' }, Parameters: { FunctionName: 'f' } }));
    expect(dynamic[0]).toMatchObject({ resources: [`arn:${P}:iam::*:role/*`], exact: false });
  });

  it('logging and tracing add their "*" actions', () => {
    const machine = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' } });
    const needs = needsOf(machine, { logging: true, tracing: true });
    const logging = needs.filter((n) => n.purpose === 'logging');
    const tracing = needs.filter((n) => n.purpose === 'tracing');
    expect(logging.map((n) => n.action)).toEqual([
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ]);
    expect(tracing.map((n) => n.action)).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']);
    for (const need of [...logging, ...tracing]) {
      expect(need).toMatchObject({ resources: ['*'], onlyStar: true, required: true });
      expect([need.state, need.node]).toEqual([undefined, undefined]);
    }
    expect(needsOf(machine).some((n) => n.purpose === 'logging' || n.purpose === 'tracing')).toBe(false);
  });

  it('with a template, writes attributes only for resources and refuses references to nothing', () => {
    const template: TemplateView = { resources: new Map([['Jobs', { type: 'AWS::SQS::Queue', properties: undefined }]]), parameters: new Set(['QueueUrlParameter']) };
    const resource = needsOf(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${Jobs}', MessageBody: 'x' } }), { template });
    expect(resource[0].resources).toEqual(['${Jobs.Arn}']);
    const parameter = needsOf(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: { Ref: 'QueueUrlParameter' }, MessageBody: 'x' } }), { template });
    expect(parameter[0]).toMatchObject({ resources: ['*'], exact: false });
    const nothing = needsOf(task({ Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${Missing}', Message: 'm' } }), { template });
    expect(nothing[0].exact).toBe(false);
  });

  it('reports Tasks it cannot read, and names none for activities', () => {
    const machine = machineOf({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve', Next: 'B' },
        B: { Type: 'Task', Resource: '${Something}', Next: 'C' },
        C: { Type: 'Task', Resource: '${ApprovalActivity}', End: true },
      },
    });
    const { needs, unresolved } = analyseNeeds(machine);
    expect(needs).toEqual([]);
    expect(unresolved.map((state) => state.name)).toEqual(['B']);
  });

  it('never throws on wrong shapes', () => {
    const shapes: unknown[] = [
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 42, End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: 'x', Credentials: 'x', End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { Overrides: 3, TaskDefinition: { Ref: 7 } }, End: true } } },
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } }, ItemReader: 'x', ResultWriter: [], End: true } } },
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } }, ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: null, Prefix: {} }, ReaderConfig: { InputType: 'JSON' } }, End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: { 'Fn::Join': ['', [{ Ref: 'A' }, { 'Fn::If': [] }]] }, End: true } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: { 'Fn::Sub': ['${X}', { X: { 'Fn::GetAtt': 'Worker.Arn' } }] }, End: true } } },
      { States: [] },
    ];
    for (const shape of shapes) {
      const machine = machineOf(shape);
      expect(() => definitionNeeds(machine, { logging: true, tracing: true, substitutions: new Map([['X', undefined]]) })).not.toThrow();
    }
  });
});

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the IAM needs corpus test is skipped.');

describe.skipIf(!corpusPresent)('definitionNeeds over the corpus', () => {
  it('derives needs from every real definition without throwing', () => {
    let machines = 0;
    let needs = 0;
    const failures: string[] = [];
    for (const file of corpusFiles('real')) {
      const document = parseDocument(file, readText(file));
      for (const root of document.roots) {
        if (!looksLikeDefinition(root)) continue;
        machines++;
        try {
          const machine = buildMachine(document, root);
          needs += definitionNeeds(machine, { logging: true, tracing: true, machineArn: '${Machine}' }).length;
        } catch (error) {
          failures.push(`${corpusRelative(file)}: ${(error as Error).stack}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(machines).toBeGreaterThan(100);
    expect(needs).toBeGreaterThan(machines);
  });
});

describe('WebSocket @connections', () => {
  it('needs execute-api:ManageConnections, not Invoke', () => {
    const document = parseDocument(
      'm.json',
      JSON.stringify({
        StartAt: 'Reply',
        States: {
          Reply: {
            Type: 'Task',
            Resource: 'arn:aws:states:::apigateway:invoke',
            Parameters: { ApiEndpoint: 'abc123.execute-api.us-east-1.amazonaws.com', Method: 'POST', Stage: 'prod', 'Path.$': "States.Format('/@connections/{}', $.id)", AuthType: 'IAM_ROLE' },
            End: true,
          },
        },
      }),
    );
    const machine = buildMachine(document, document.roots[0]);
    expect(definitionNeeds(machine).map((need) => need.action)).toEqual(['execute-api:ManageConnections']);
  });
});

describe('a qualified function ARN built from a reference', () => {
  it('stays an ARN', () => {
    const machine = task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${GeneratorArn}:$LATEST' } });
    const needs = definitionNeeds(machine, { substitutions: new Map([['GeneratorArn', '${Generator.Arn}']]) });
    const invoke = needs.find((need) => need.action === 'lambda:InvokeFunction');
    expect(invoke?.resources).toEqual(['${Generator.Arn}:$LATEST']);
  });
});

describe('a Bedrock model id that names a cross-Region inference profile', () => {
  it('is not an exact foundation-model resource', () => {
    const machine = task({ Resource: 'arn:aws:states:::bedrock:invokeModel', Parameters: { ModelId: 'global.amazon.nova-2-lite-v1:0', Body: { prompt: 'x' } } });
    const invoke = definitionNeeds(machine).find((need) => need.action === 'bedrock:InvokeModel');
    expect(invoke?.exact).toBe(false);
  });
});
