import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { member } from '../document/node-access.js';
import { parseResource, splitArn } from './resource.js';

/** The Resource node of `{"Resource": …}` read from JSON or YAML text. */
function resourceNode(text: string, file = 'test.json'): DocNode {
  const document = parseDocument(file, text);
  return member(document.roots[0], 'Resource') as DocNode;
}

describe('parseResource: optimized integrations', () => {
  it.each([
    ['arn:aws:states:::lambda:invoke', 'lambda', 'invoke', 'request-response'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'lambda', 'invoke', 'callback'],
    ['arn:aws:states:::ecs:runTask.sync', 'ecs', 'runTask', 'sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'states', 'startExecution', 'sync:2'],
    ['arn:aws:states:::elasticmapreduce:addStep.sync', 'elasticmapreduce', 'addStep', 'sync'],
    ['arn:aws:states:::emr-containers:startJobRun.sync', 'emr-containers', 'startJobRun', 'sync'],
    ['arn:aws:states:::s3:listObjectsV2', 's3', 'listObjectsV2', 'request-response'],
  ])('%s', (text, service, action, pattern) => {
    expect(parseResource(text)).toMatchObject({ kind: 'optimized', service, action, pattern, partition: 'aws', region: '', account: '', text });
  });

  it.each(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'])('accepts the %s partition', (partition) => {
    expect(parseResource(`arn:${partition}:states:::sns:publish`)).toMatchObject({ kind: 'optimized', partition, service: 'sns' });
  });

  it('keeps a partition placeholder as an unknown partition of a known integration', () => {
    for (const text of ['arn:${AWS::Partition}:states:::lambda:invoke', 'arn:${partition}:states:::batch:submitJob.sync']) {
      const resolved = parseResource(text);
      expect(resolved.kind).toBe('optimized');
      expect(resolved).toMatchObject({ partition: undefined, hasPlaceholders: true });
    }
  });

  it('keeps a Region and account when a file names them', () => {
    expect(parseResource('arn:aws:states:local:0123456789:states:startExecution')).toMatchObject({
      kind: 'optimized',
      service: 'states',
      action: 'startExecution',
      region: 'local',
      account: '0123456789',
    });
  });

  it('reads the HTTP task', () => {
    expect(parseResource('arn:aws:states:::http:invoke')).toMatchObject({ kind: 'http', service: 'http', action: 'invoke', pattern: 'request-response' });
  });

  it('rejects an unknown partition and unknown suffixes', () => {
    expect(parseResource('arn:foo:states:::lambda:invoke')).toMatchObject({ kind: 'invalid' });
    expect(parseResource('arn:aws:states:::lambda:invoke.async')).toMatchObject({ kind: 'invalid', service: 'lambda' });
    expect(parseResource('arn:aws:states:::states:startExecution.sync:3')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('.sync:2') });
    expect(parseResource('arn:aws:states:::lambda:')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('no API action') });
    expect(parseResource('arn:aws:states:::')).toMatchObject({ kind: 'invalid' });
  });

  it('says that a state machine ARN is not a Task resource', () => {
    expect(parseResource('arn:aws:states:us-east-1:123456789012:stateMachine:Child')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('startExecution'),
    });
  });
});

describe('parseResource: AWS SDK integrations', () => {
  it.each([
    ['arn:aws:states:::aws-sdk:s3:getObject', 's3', 'getObject', 'request-response'],
    ['arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken', 'dynamodb', 'putItem', 'callback'],
    ['arn:aws-cn:states:::aws-sdk:sfn:startExecution', 'sfn', 'startExecution', 'request-response'],
    ['arn:aws:states:us-east-1:776177632559:aws-sdk:transcribe:startTranscriptionJob', 'transcribe', 'startTranscriptionJob', 'request-response'],
  ])('%s', (text, service, action, pattern) => {
    expect(parseResource(text)).toMatchObject({ kind: 'sdk', service, action, pattern });
  });

  it('parses .sync on an SDK call (the catalog says it is unsupported)', () => {
    expect(parseResource('arn:aws:states:::aws-sdk:s3:getObject.sync')).toMatchObject({ kind: 'sdk', pattern: 'sync' });
  });

  it('needs a service and an action', () => {
    expect(parseResource('arn:aws:states:::aws-sdk:')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('aws-sdk') });
    expect(parseResource('arn:aws:states:::aws-sdk:s3')).toMatchObject({ kind: 'invalid' });
  });
});

describe('parseResource: legacy Lambda function ARNs', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:HelloWorld', 'HelloWorld', undefined],
    ['arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:$LATEST', 'FUNCTION_NAME', '$LATEST'],
    ['arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:AZaz12-_', 'FUNCTION_NAME', 'AZaz12-_'],
    ['arn:aws:lambda:us-east-1:123456789012:function:worker:7', 'worker', '7'],
    ['arn:aws:lambda:us-east-1::function:OnFirstMatch', 'OnFirstMatch', undefined],
    ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f', 'f', undefined],
  ])('%s', (text, functionName, qualifier) => {
    expect(parseResource(text)).toMatchObject({ kind: 'lambda-function', service: 'lambda', action: 'invoke', pattern: 'request-response', functionName, qualifier });
  });

  it('accepts placeholders in the Region, account and name', () => {
    expect(parseResource('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${StartCrawlerFunction}')).toMatchObject({
      kind: 'lambda-function',
      region: '${AWS::Region}',
      account: '${AWS::AccountId}',
      functionName: '${StartCrawlerFunction}',
      hasPlaceholders: true,
    });
  });

  it('rejects an empty qualifier after the trailing colon', () => {
    const resolved = parseResource('arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:');
    expect(resolved).toMatchObject({ kind: 'invalid', service: 'lambda', action: 'invoke', reason: expect.stringContaining('no version or alias') });
  });

  it('rejects a qualifier that is neither a version, an alias nor $LATEST', () => {
    const resolved = parseResource('arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:$*#$7485');
    expect(resolved).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('"$*#$7485" is not a Lambda qualifier') });
  });

  it('rejects other malformed function ARNs', () => {
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:function:')).toMatchObject({ kind: 'invalid' });
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:function:a:b:c')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('too many') });
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:layer:my-layer')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not a function') });
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:function:bad name')).toMatchObject({ kind: 'invalid' });
  });
});

describe('parseResource: activities', () => {
  it('reads the activity name', () => {
    expect(parseResource('arn:aws:states:us-west-2:42:activity:a-task')).toMatchObject({
      kind: 'activity',
      service: 'states',
      action: undefined,
      pattern: 'callback',
      activityName: 'a-task',
      region: 'us-west-2',
    });
  });

  it('needs a name', () => {
    expect(parseResource('arn:aws:states:us-west-2:42:activity:')).toMatchObject({ kind: 'invalid' });
  });
});

describe('parseResource: placeholders and intrinsics', () => {
  it('types a whole ${…} substitution by its name', () => {
    expect(parseResource('${LambdaFunctionArn}')).toMatchObject({ kind: 'unknown', cause: 'placeholder', probably: 'lambda-function', reference: { name: 'LambdaFunctionArn' } });
    expect(parseResource('${sellFnArn}')).toMatchObject({ probably: 'lambda-function' });
    expect(parseResource('${WaitForApprovalActivity}')).toMatchObject({ probably: 'activity' });
    expect(parseResource('${GenerateBatchJobArn}')).toMatchObject({ probably: 'lambda-function' });
    expect(parseResource('${DDBPutItem}')).toMatchObject({ kind: 'unknown', cause: 'placeholder' });
    expect(parseResource('${DDBPutItem}')).not.toHaveProperty('probably');
  });

  it('reads ${X.Arn} as a GetAtt of a function', () => {
    expect(parseResource('${NotifyUser.Arn}')).toMatchObject({
      kind: 'unknown',
      probably: 'lambda-function',
      reference: { name: 'NotifyUser', attribute: 'Arn', via: 'substitution' },
    });
    expect(parseResource('${!GetAtt Worker.Arn}')).toMatchObject({ probably: 'lambda-function', reference: { name: 'Worker', attribute: 'Arn', via: 'Fn::GetAtt' } });
  });

  it('reads a placeholder node (a bare ${…} in JSON)', () => {
    const node = resourceNode('{"Resource": ${HelloFunctionArn}}');
    expect(node.kind).toBe('placeholder');
    expect(parseResource(node)).toMatchObject({ kind: 'unknown', cause: 'placeholder', probably: 'lambda-function', node });
  });

  it('reads Ref, Fn::GetAtt and Fn::ImportValue objects', () => {
    expect(parseResource(resourceNode('{"Resource": {"Fn::GetAtt": ["Worker", "Arn"]}}'))).toMatchObject({
      kind: 'unknown',
      cause: 'intrinsic',
      probably: 'lambda-function',
      reference: { name: 'Worker', attribute: 'Arn', via: 'Fn::GetAtt' },
    });
    expect(parseResource(resourceNode('{"Resource": {"Fn::GetAtt": "WorkerFunction.Arn"}}'))).toMatchObject({ reference: { name: 'WorkerFunction', attribute: 'Arn' } });
    expect(parseResource(resourceNode('{"Resource": {"Ref": "ApprovalActivity"}}'))).toMatchObject({ cause: 'intrinsic', probably: 'activity', reference: { via: 'Ref' } });
    expect(parseResource(resourceNode('{"Resource": {"Fn::ImportValue": "shared-fn-arn"}}'))).toMatchObject({ cause: 'intrinsic', reference: { via: 'Fn::ImportValue' } });
  });

  it('parses a Fn::Sub or Fn::Join that spells a full ARN', () => {
    expect(parseResource(resourceNode('{"Resource": {"Fn::Sub": "arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken"}}'))).toMatchObject({
      kind: 'optimized',
      service: 'sqs',
      action: 'sendMessage',
      pattern: 'callback',
      partition: undefined,
    });
    expect(
      parseResource(resourceNode('{"Resource": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":states:::lambda:invoke"]]}}')),
    ).toMatchObject({ kind: 'optimized', service: 'lambda', text: 'arn:${AWS::Partition}:states:::lambda:invoke' });
    expect(parseResource(resourceNode('{"Resource": {"Fn::Sub": ["arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}", {}]}}'))).toMatchObject({
      kind: 'lambda-function',
      functionName: '${Fn}',
    });
  });

  it('types a Fn::Sub that is not a full ARN as probably Lambda when it says so', () => {
    expect(parseResource(resourceNode('{"Resource": {"Fn::Sub": "${WorkerArn}"}}'))).toMatchObject({ kind: 'unknown', cause: 'intrinsic', probably: 'lambda-function' });
    expect(parseResource(resourceNode('{"Resource": {"Fn::Sub": "${Prefix}:function:${Name}"}}'))).toMatchObject({ cause: 'intrinsic', probably: 'lambda-function' });
    expect(parseResource(resourceNode('{"Resource": {"Fn::If": ["C", "a", "b"]}}'))).toMatchObject({ kind: 'unknown', cause: 'intrinsic' });
  });

  it('reads YAML nodes, including a !GetAtt whose tag was dropped', () => {
    expect(parseResource(resourceNode('Resource: arn:aws:states:::dynamodb:updateItem\n', 'test.yaml'))).toMatchObject({ kind: 'optimized', action: 'updateItem' });
    expect(parseResource(resourceNode('Resource: !GetAtt HelloWorldFunction.Arn\n', 'test.yaml'))).toMatchObject({
      kind: 'unknown',
      probably: 'lambda-function',
      reference: { name: 'HelloWorldFunction', attribute: 'Arn' },
    });
  });

  it('does not evaluate JSONata in Resource', () => {
    expect(parseResource('{% $states.input.arn %}')).toMatchObject({ kind: 'unknown', cause: 'jsonata', reason: expect.stringContaining('literal ARN') });
  });

  it('reports what it cannot read', () => {
    expect(parseResource(undefined)).toMatchObject({ kind: 'unknown', cause: 'missing' });
    for (const text of ['foo:bar', 'InvalidArn', '<INSERT DICE LAMBDA ARN HERE>', '', 'arn:aws:swf:us-east-1:123456789012:task:X']) {
      expect(parseResource(text)).toMatchObject({ kind: 'unknown', cause: 'unrecognised' });
    }
    expect(parseResource(resourceNode('{"Resource": 42}'))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('a number') });
    expect(parseResource(resourceNode('{"Resource": {"a": 1, "b": 2}}'))).toMatchObject({ kind: 'invalid' });
  });
});

describe('splitArn', () => {
  it('keeps the colons inside ${…}', () => {
    expect(splitArn('arn:${AWS::Partition}:lambda:${AWS::Region}:1:function:f')).toEqual(['arn', '${AWS::Partition}', 'lambda', '${AWS::Region}', '1', 'function', 'f']);
  });

  it('is linear on long text', () => {
    const long = 'arn:aws:states:::lambda:' + 'a'.repeat(1_000_000);
    const start = performance.now();
    expect(parseResource(long).kind).toBe('optimized');
    // A quadratic scan of a million characters takes minutes; the bound only catches that.
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
