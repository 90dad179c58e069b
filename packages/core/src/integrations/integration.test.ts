import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import type { State } from '../model/types.js';
import { integrationOf, mapIoIntegrations, resolveIam, type Integration } from './integration.js';
import type { MapState } from '../model/types.js';
import { arnOf, nameOf } from './parameters.js';

function machineOf(definition: unknown, file = 'test.asl.json') {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const document = parseDocument(file, text);
  return buildMachine(document, document.roots[0]);
}

/** The integration of a one-state machine whose Task is `task`. */
function taskIntegration(task: Record<string, unknown>, extra: Record<string, unknown> = {}): Integration {
  const machine = machineOf({ StartAt: 'T', ...extra, States: { T: { Type: 'Task', End: true, ...task } } });
  return integrationOf(machine.states[0]) as Integration;
}

function iamOf(integration: Integration, context = {}) {
  return Object.fromEntries(resolveIam(integration, context).map((need) => [need.action, need]));
}

describe('integrationOf: Lambda', () => {
  it('resolves a static FunctionName to the function ARN', () => {
    const integration = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'worker', 'Payload.$': '$' } });
    expect(integration.entry?.key).toBe('lambda:invoke');
    expect(integration).toMatchObject({ pattern: 'request-response', patternSupported: true, sideEffects: true, retrySafety: 'unknown' });
    expect(integration.target).toMatchObject({ kind: 'static', path: 'FunctionName', value: 'worker' });
    expect(integration.target?.node?.range).toBeDefined();
    const iam = iamOf(integration);
    expect(iam['lambda:InvokeFunction']).toMatchObject({ resources: ['arn:aws:lambda:*:*:function:worker'], exact: true });
    expect(iamOf(integration, { region: '${AWS::Region}', account: '${AWS::AccountId}' })['lambda:InvokeFunction'].resources).toEqual([
      'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:worker',
    ]);
    expect(integration.transientErrors.map((e) => e.name)).toContain('Lambda.ServiceException');
  });

  it('keeps a full or partial function ARN', () => {
    const full = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:worker:live' } });
    expect(iamOf(full)['lambda:InvokeFunction'].resources).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:worker:live']);
    const partial = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '123456789012:function:worker' } });
    expect(iamOf(partial)['lambda:InvokeFunction'].resources).toEqual(['arn:aws:lambda:*:123456789012:function:worker']);
  });

  it('says when the target is dynamic and falls back to AWS’s dynamic policy', () => {
    const integration = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' } });
    expect(integration.target).toMatchObject({ kind: 'dynamic', via: 'path', text: '$.fn' });
    expect(iamOf(integration)['lambda:InvokeFunction']).toMatchObject({ resources: ['arn:aws:lambda:*:*:function:*'], exact: false });

    for (const [text, via] of [
      ['$$.Execution.Input.fn', 'context'],
      ["States.Format('fn-{}', $.env)", 'intrinsic'],
      ['$fnName', 'variable'],
    ]) {
      expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': text } }).target).toMatchObject({ kind: 'dynamic', via });
    }
  });

  it('reads JSONata Arguments', () => {
    const dynamic = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: '{% $states.input.fn %}' } }, { QueryLanguage: 'JSONata' });
    expect(dynamic.target).toMatchObject({ kind: 'dynamic', via: 'jsonata' });
    const whole = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Arguments: '{% $states.input %}' }, { QueryLanguage: 'JSONata' });
    expect(whole.target).toMatchObject({ kind: 'dynamic', via: 'jsonata', path: 'FunctionName' });
    const literal = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'worker' } }, { QueryLanguage: 'JSONata' });
    expect(literal.target).toMatchObject({ kind: 'static', value: 'worker' });
    // In JSONPath mode `{% %}` is ordinary text.
    const jsonPath = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '{% $x %}' } });
    expect(jsonPath.target).toMatchObject({ kind: 'static' });
  });

  it('reads placeholders and intrinsics as placeholders, with what they reference', () => {
    const sub = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${WorkerFunctionArn}' } });
    expect(sub.target).toMatchObject({ kind: 'placeholder', text: '${WorkerFunctionArn}', reference: { name: 'WorkerFunctionArn' } });
    const getAtt = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: { 'Fn::GetAtt': ['Worker', 'Arn'] } } });
    expect(getAtt.target).toMatchObject({ kind: 'placeholder', reference: { name: 'Worker', attribute: 'Arn', via: 'Fn::GetAtt' } });
    const bare = machineOf('{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":${Fn}},"End":true}}}');
    expect(integrationOf(bare.states[0])?.target).toMatchObject({ kind: 'placeholder', text: '${Fn}' });
    expect(iamOf(sub)['lambda:InvokeFunction'].exact).toBe(false);
  });

  it('reports an absent target', () => {
    expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke' }).target).toEqual({ kind: 'absent', path: 'FunctionName' });
    expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 3 } }).target).toMatchObject({ kind: 'static', value: '3' });
    expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: true } }).target).toMatchObject({ kind: 'other' });
  });

  it('treats a legacy function ARN as lambda:invoke with the Resource as target', () => {
    const integration = taskIntegration({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker', Parameters: { FunctionName: 'ignored' } });
    expect(integration.entry?.key).toBe('lambda:invoke');
    expect(integration.resource.kind).toBe('lambda-function');
    expect(integration.target).toMatchObject({ kind: 'static', value: 'arn:aws:lambda:us-east-1:123456789012:function:worker' });
    expect(iamOf(integration)['lambda:InvokeFunction'].resources).toEqual(['arn:aws:lambda:us-east-1:123456789012:function:worker']);
  });

  it('flags a pattern the integration does not offer', () => {
    expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke.sync' }).patternSupported).toBe(false);
    expect(taskIntegration({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject.sync' }).patternSupported).toBe(false);
    expect(taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' }).patternSupported).toBe(true);
  });

  it('uses the partition of the Resource', () => {
    const integration = taskIntegration({ Resource: 'arn:aws-cn:states:::lambda:invoke', Parameters: { FunctionName: 'f' } });
    expect(iamOf(integration)['lambda:InvokeFunction'].resources).toEqual(['arn:aws-cn:lambda:*:*:function:f']);
    expect(iamOf(integration, { partition: '${AWS::Partition}' })['lambda:InvokeFunction'].resources).toEqual(['arn:${AWS::Partition}:lambda:*:*:function:f']);
  });
});

describe('integrationOf: other services', () => {
  it('derives an SQS queue ARN from its URL and finds the deduplication id', () => {
    const integration = taskIntegration({
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo', 'MessageBody.$': '$', 'MessageDeduplicationId.$': '$$.Execution.Name' },
    });
    expect(iamOf(integration)['sqs:SendMessage'].resources).toEqual(['arn:aws:sqs:eu-west-1:123456789012:orders.fifo']);
    expect(integration.guards).toEqual([
      expect.objectContaining({ guard: expect.objectContaining({ path: 'MessageDeduplicationId' }), values: [expect.objectContaining({ kind: 'dynamic', via: 'context' })] }),
    ]);
    expect(integration.retrySafety).toBe('guarded');
  });

  it('gives one EventBridge bus per entry, the default bus when none is named', () => {
    const integration = taskIntegration({
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ EventBusName: 'orders', Detail: {} }, { Detail: {} }] },
    });
    expect(integration.targets[0].values.map((v) => v.kind)).toEqual(['static', 'absent']);
    expect(iamOf(integration)['events:PutEvents']).toMatchObject({
      resources: ['arn:aws:events:*:*:event-bus/orders', 'arn:aws:events:*:*:event-bus/default'],
      exact: true,
    });
    const dynamic = taskIntegration({ Resource: 'arn:aws:states:::events:putEvents', Parameters: { 'Entries.$': '$.entries' } });
    expect(dynamic.target).toMatchObject({ kind: 'dynamic', path: 'Entries.[].EventBusName' });
    expect(iamOf(dynamic)['events:PutEvents']).toMatchObject({ resources: ['arn:aws:events:*:*:event-bus/*'], exact: false });
    expect(dynamic.retrySafety).toBe('unsafe');
  });

  it('adds the .sync extras for a child execution', () => {
    const integration = taskIntegration({
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', 'Input.$': '$' },
    });
    expect(integration.pattern).toBe('sync:2');
    const iam = iamOf(integration);
    expect(Object.keys(iam)).toEqual([
      'states:StartExecution',
      'states:DescribeExecution',
      'states:StopExecution',
      'events:PutTargets',
      'events:PutRule',
      'events:DescribeRule',
    ]);
    expect(iam['states:DescribeExecution'].resources).toEqual(['arn:aws:states:*:*:execution:Child:*']);
    expect(iam['events:PutRule'].resources).toEqual(['arn:aws:events:*:*:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule']);
    expect(integration.guards[0].values).toEqual([{ kind: 'absent', path: 'Name' }]);

    const requestResponse = taskIntegration({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:C' } });
    expect(Object.keys(iamOf(requestResponse))).toEqual(['states:StartExecution']);
  });

  it('marks ECS and Batch actions that AWS documents only on "*"', () => {
    const ecs = taskIntegration({ Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { Cluster: 'jobs', TaskDefinition: 'report' } });
    const iam = iamOf(ecs);
    expect(iam['ecs:RunTask'].resources).toEqual(['arn:aws:ecs:*:*:task-definition/report:*']);
    expect(iam['ecs:DescribeTasks']).toMatchObject({ resources: ['*'], need: expect.objectContaining({ onlyStar: true }) });
    expect(iam['iam:PassRole']).toMatchObject({ resources: null, need: expect.objectContaining({ when: expect.any(String) }) });
    expect(ecs.targets.map((t) => t.spec.path)).toEqual(['TaskDefinition', 'Cluster']);

    const batch = taskIntegration({ Resource: 'arn:aws:states:::batch:submitJob', Parameters: { JobName: 'j', JobQueue: 'q', JobDefinition: 'd' } });
    expect(Object.keys(iamOf(batch))).toEqual(['batch:SubmitJob']);
    expect(batch.target).toMatchObject({ kind: 'static', path: 'JobQueue', value: 'q' });
  });

  it('resolves conditions and roles', () => {
    const emr = taskIntegration({
      Resource: 'arn:aws:states:::emr-containers:startJobRun.sync',
      Parameters: { VirtualClusterId: 'vc1', ExecutionRoleArn: 'arn:aws:iam::123456789012:role/job', ReleaseLabel: 'emr-6' },
    });
    const iam = iamOf(emr);
    expect(iam['emr-containers:StartJobRun']).toMatchObject({
      resources: ['arn:aws:emr-containers:*:*:/virtualclusters/vc1'],
      condition: { key: 'emr-containers:ExecutionRoleArn', value: 'arn:aws:iam::123456789012:role/job' },
    });
    expect(iam['emr-containers:CancelJobRun'].resources).toEqual(['arn:aws:emr-containers:*:*:/virtualclusters/vc1/jobruns/*']);

    const training = taskIntegration({
      Resource: 'arn:aws:states:::sagemaker:createTrainingJob.sync',
      Parameters: { TrainingJobName: 'train-1', RoleArn: 'arn:aws:iam::123456789012:role/sm' },
    });
    expect(iamOf(training)['iam:PassRole']).toMatchObject({
      resources: ['arn:aws:iam::123456789012:role/sm'],
      condition: { key: 'iam:PassedToService', value: 'sagemaker.amazonaws.com' },
    });
    expect(iamOf(training)['sagemaker:CreateTrainingJob'].resources).toEqual(['arn:aws:sagemaker:*:*:training-job/train-1*']);

    const emrCluster = taskIntegration({ Resource: 'arn:aws:states:::elasticmapreduce:createCluster', Parameters: { Name: 'c', ServiceRole: 'EMR_DefaultRole', JobFlowRole: 'EMR_EC2_DefaultRole' } });
    expect(resolveIam(emrCluster).filter((n) => n.action === 'iam:PassRole').flatMap((n) => n.resources)).toEqual([
      'arn:aws:iam::*:role/EMR_DefaultRole',
      'arn:aws:iam::*:role/EMR_EC2_DefaultRole',
    ]);
  });

  it('drops a condition whose value is not static', () => {
    const http = taskIntegration({ Resource: 'arn:aws:states:::http:invoke', Parameters: { 'ApiEndpoint.$': '$.url', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/c/1' } } });
    const iam = iamOf(http);
    expect(iam['states:InvokeHTTPEndpoint'].condition).toBeUndefined();
    expect(iam['events:RetrieveConnectionCredentials'].resources).toEqual(['arn:aws:events:us-east-1:123456789012:connection/c/1']);
    const literal = taskIntegration({ Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: 'https://api.example.com/v1', Method: 'GET' } });
    expect(iamOf(literal)['states:InvokeHTTPEndpoint'].condition).toEqual({ operator: 'StringLike', key: 'states:HTTPEndpoint', value: 'https://api.example.com/v1' });
  });

  it('builds SDK entries with their IAM mapping', () => {
    const s3 = taskIntegration({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'b', Key: 'k.json' } });
    expect(s3.entry?.key).toBe('aws-sdk:s3:getObject');
    expect(iamOf(s3)['s3:GetObject'].resources).toEqual(['arn:aws:s3:::b/k.json']);
    const list = taskIntegration({ Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets', Parameters: {} });
    expect(iamOf(list)['s3:ListAllMyBuckets']).toMatchObject({ resources: null, exact: false });
    const sfn = taskIntegration({ Resource: 'arn:aws:states:::aws-sdk:sfn:startExecution', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:X' } });
    expect(iamOf(sfn)['states:StartExecution'].resources).toEqual(['arn:aws:states:us-east-1:1:stateMachine:X']);
    expect(sfn.retrySafety).toBe('guarded');
  });
});

describe('integrationOf: what has no entry', () => {
  it('activities', () => {
    const integration = taskIntegration({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve' });
    expect(integration).toMatchObject({ entry: undefined, pattern: 'callback', patternSupported: undefined, iam: [], targets: [] });
    expect(resolveIam(integration)).toEqual([]);
  });

  it('placeholders that are probably functions', () => {
    const integration = taskIntegration({ Resource: '${WorkerFunctionArn}' });
    expect(integration.entry).toBeUndefined();
    expect(integration.probableEntry?.key).toBe('lambda:invoke');
  });

  it('optimized actions Step Functions does not offer', () => {
    const integration = taskIntegration({ Resource: 'arn:aws:states:::dynamodb:query' });
    expect(integration.resource.kind).toBe('optimized');
    expect(integration.entry).toBeUndefined();
  });

  it('states that are not Tasks, and caching', () => {
    const machine = machineOf({
      StartAt: 'P',
      States: { P: { Type: 'Pass', Next: 'T' }, T: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:1:t' }, End: true } },
    });
    const [pass, task] = machine.states as State[];
    expect(integrationOf(pass)).toBeUndefined();
    expect(integrationOf(task)).toBe(integrationOf(task));
  });

  it('reads YAML definitions', () => {
    const machine = machineOf(
      'StartAt: T\nStates:\n  T:\n    Type: Task\n    Resource: arn:aws:states:::dynamodb:putItem\n    Parameters:\n      TableName: Orders\n      Item:\n        id.$: $.id\n    End: true\n',
      'test.asl.yaml',
    );
    const integration = integrationOf(machine.states[0])!;
    expect(integration.target).toMatchObject({ kind: 'static', value: 'Orders' });
    expect(iamOf(integration)['dynamodb:PutItem'].resources).toEqual(['arn:aws:dynamodb:*:*:table/Orders']);
    expect(integration.retrySafety).toBe('idempotent');
  });

  it('never throws on wrong shapes', () => {
    for (const task of [
      { Resource: 42 },
      { Resource: 'arn:aws:states:::lambda:invoke', Parameters: 'x' },
      { Resource: 'arn:aws:states:::lambda:invoke', Parameters: [1, 2] },
      { Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: 'x' } },
      { Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [] } },
      { Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: null } },
      {},
    ]) {
      const integration = taskIntegration(task);
      expect(() => resolveIam(integration)).not.toThrow();
    }
  });
});

describe('mapIoIntegrations', () => {
  it('reads a Distributed Map’s ItemReader and ResultWriter', () => {
    const machine = machineOf({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'in', Key: 'items.csv' } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs/' } },
          End: true,
        },
      },
    });
    const { itemReader, resultWriter } = mapIoIntegrations(machine.states[0] as MapState);
    expect(itemReader?.entry).toMatchObject({ key: 's3:getObject', use: 'item-reader' });
    expect(resolveIam(itemReader!).map((n) => [n.action, n.resources])).toEqual([['s3:GetObject', ['arn:aws:s3:::in/items.csv']]]);
    expect(resultWriter?.entry?.use).toBe('result-writer');
    expect(resolveIam(resultWriter!).map((n) => n.action)).toEqual(['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload']);
    expect(resolveIam(resultWriter!)[0].resources).toEqual(['arn:aws:s3:::out/runs/*']);

    const inline = machineOf({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
    expect(mapIoIntegrations(inline.states[0] as MapState)).toEqual({});
  });
});

describe('arnOf and nameOf', () => {
  it('builds ARNs from each parameter form', () => {
    expect(arnOf({ kind: 'sqs-queue-url' }, 'https://us-west-2.queue.amazonaws.com/123456789012/q')).toBe('arn:aws:sqs:us-west-2:123456789012:q');
    expect(arnOf({ kind: 'sqs-queue-url' }, 'https://queue.amazonaws.com/123456789012/q')).toBe('arn:aws:sqs:us-east-1:123456789012:q');
    expect(arnOf({ kind: 'sqs-queue-url' }, 'not a url')).toBeUndefined();
    expect(arnOf({ kind: 'api-endpoint' }, 'abc123.execute-api.eu-west-1.amazonaws.com')).toBe('arn:aws:execute-api:eu-west-1:*:abc123/*');
    expect(arnOf({ kind: 'ecs-task-definition' }, 'report:3')).toBe('arn:aws:ecs:*:*:task-definition/report:3');
    expect(arnOf({ kind: 'lambda-function' }, 'worker:live', { region: 'us-east-1', account: '1' })).toBe('arn:aws:lambda:us-east-1:1:function:worker:live');
    expect(arnOf({ kind: 'name-or-arn', arn: 'arn:{partition}:x:{region}:{account}:y/{value}' }, 'arn:aws:x:r:a:y/z')).toBe('arn:aws:x:r:a:y/z');
    expect(arnOf({ kind: 'arn' }, 'not-an-arn')).toBeUndefined();
    expect(arnOf({ kind: 'opaque' }, 'anything')).toBeUndefined();
  });

  it('finds names in ARNs', () => {
    expect(nameOf('arn:aws:states:us-east-1:1:stateMachine:Child')).toBe('Child');
    expect(nameOf('arn:aws:states:us-east-1:1:stateMachine:Child:prod')).toBe('Child');
    expect(nameOf('arn:aws:dynamodb:us-east-1:1:table/Orders')).toBe('Orders');
    expect(nameOf('Orders')).toBe('Orders');
  });
});
