import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { readTemplate } from '../template/read-template.js';
import type { Template } from '../template/types.js';
import {
  actionMatches,
  actionWildcard,
  canonicalResourceText,
  evaluate,
  grantsAll,
  hasConditionKey,
  resourceMatches,
  wildcardActions,
} from './match.js';
import { readStatements, type PolicyStatement } from './statements.js';

function templateOf(text: string): Template {
  const document = parseDocument('template.yaml', text);
  return readTemplate(document, document.roots[0]);
}

function statementsOf(json: object): PolicyStatement[] {
  const document = parseDocument('policy.json', JSON.stringify(json));
  return readStatements(document.roots[0], { kind: 'role-inline', name: 'Test', node: undefined }).statements;
}

const template = templateOf(`
Parameters:
  Stage:
    Type: String
Resources:
  Worker:
    Type: AWS::Lambda::Function
  Other:
    Type: AWS::Lambda::Function
  Named:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: my-named-fn
  StackNamed:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub '\${AWS::StackName}-fn'
  Orders:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
  Child:
    Type: AWS::StepFunctions::StateMachine
  SamChild:
    Type: AWS::Serverless::StateMachine
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders-bus
  Bucket:
    Type: AWS::S3::Bucket
  Task:
    Type: AWS::ECS::TaskDefinition
  JobRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /service-role/
  Logs:
    Type: AWS::Logs::LogGroup
  Custom:
    Type: Custom::Thing
`);

const LAMBDA_ARN = 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:';

describe('actionMatches', () => {
  it.each([
    ['states:StartExecution', 'states:StartExecution', true],
    ['STATES:startexecution', 'states:StartExecution', true],
    ['states:*', 'states:StartExecution', true],
    ['*', 'lambda:InvokeFunction', true],
    ['states:Start*', 'states:StartExecution', true],
    ['states:Start*', 'states:StopExecution', false],
    ['sqs:SendMessage*', 'sqs:SendMessageBatch', true],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:GGetObject', false],
    ['lambda:Invoke', 'lambda:InvokeFunction', false],
    ['iam:Pass.Role', 'iam:PassXRole', false],
  ])('%s against %s is %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('matches as the regular expression of the pattern would, without building one', () => {
    const pieces = ['*', '?', 'a', 'A', 's', 'S', ':', '\n', 'é', 'É', 'ſ', 'k', '\u212a', 'ı', 'I', 'İ', '.', '$', '(', '\\'];
    let seed = 3;
    const random = (below: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below);
    const text = (length: number, wildcards: boolean) => {
      let result = '';
      for (let n = length; n > 0; n--) result += pieces[random(pieces.length)].replace(wildcards ? /^$/ : /[*?]/, 'x');
      return result;
    };
    for (let i = 0; i < 20_000; i++) {
      const pattern = text(random(8), true);
      const action = text(random(8), false);
      const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
      expect(actionMatches(pattern, action), `${pattern} ${action}`).toBe(new RegExp(`^${source}$`, 'is').test(action));
    }
  });

  it('matches a 10 MB pattern, which no regular expression could hold', () => {
    expect(actionMatches(`arn:${'aw'.repeat(5_000_000)}`, 'states:StartExecution')).toBe(false);
    expect(actionMatches(`states:${'*'.repeat(10_000_000)}`, 'states:StartExecution')).toBe(true);
    expect(actionMatches(`${'*?'.repeat(5_000_000)}`, 'states:StartExecution')).toBe(false);
    expect(actionMatches(`${'*a'.repeat(1_000_000)}*`, 'lambda:InvokeFunction')).toBe(false);
  });

  it('classifies wildcards', () => {
    expect(actionWildcard('*')).toBe('all');
    expect(actionWildcard('*:*')).toBe('all');
    expect(actionWildcard('states:*')).toBe('service');
    expect(actionWildcard('iam:Pass*')).toBe('partial');
    expect(actionWildcard('s3:?etObject')).toBe('partial');
    expect(actionWildcard('states:StartExecution')).toBeUndefined();
  });
});

describe('canonicalResourceText', () => {
  it.each([
    ['${Worker.Arn}', `${LAMBDA_ARN}\${Worker}`],
    ['${Named}', 'my-named-fn'],
    ['${Named.Arn}', `${LAMBDA_ARN}my-named-fn`],
    ['${StackNamed.Arn}', `${LAMBDA_ARN}\${AWS::StackName}-fn`],
    ['${Orders.Arn}', 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}'],
    ['${Queue.Arn}', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}'],
    ['${Queue}', 'https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${Queue.QueueName}'],
    ['${Topic}', 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts'],
    ['${Topic.TopicName}', 'alerts'],
    ['${Child}', 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${Child.Name}'],
    ['${SamChild.Arn}', 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${SamChild.Name}'],
    ['${Bus.Arn}', 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/orders-bus'],
    ['${Bus.Name}', 'orders-bus'],
    ['${Bucket.Arn}/*', 'arn:${AWS::Partition}:s3:::${Bucket}/*'],
    ['${Task.TaskDefinitionArn}', '${Task}'],
    ['${JobRole.Arn}', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/${JobRole}'],
    ['${Logs.Arn}', 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Logs}:*'],
    ['${Custom.Arn}', '${Custom.Arn}'],
    ['${Stage}-x', '${Stage}-x'],
    ['${!Literal}', '${!Literal}'],
  ])('%s becomes %s', (text, expected) => {
    expect(canonicalResourceText(text, template)).toBe(expected);
  });
});

describe('resourceMatches', () => {
  it('calls a resource longer than any ARN uncertain instead of comparing it character by character', () => {
    const huge = `arn:aws:lambda:us-east-1:123456789012:function:${'🚀$.a'.repeat(2_500_000)}`;
    expect(resourceMatches('arn:aws:lambda:*:*:function:*', huge, undefined)).toBe('maybe');
    expect(resourceMatches(huge, 'arn:aws:lambda:us-east-1:123456789012:function:f', undefined)).toBe('maybe');
  });

  it.each([
    // A GetAtt Arn and the ARN SAM builds from the name are the same resource.
    [`${LAMBDA_ARN}\${Worker}*`, '${Worker.Arn}', 'yes'],
    [`${LAMBDA_ARN}\${Worker}`, '${Worker.Arn}', 'yes'],
    ['${Worker.Arn}', `${LAMBDA_ARN}\${Worker}`, 'yes'],
    [`${LAMBDA_ARN}\${Worker}*`, '${Worker.Arn}:*', 'yes'],
    ['${Worker.Arn}', '${Worker.Arn}:*', 'no'],
    // Two functions of the template have different names.
    [`${LAMBDA_ARN}\${Other}*`, '${Worker.Arn}', 'no'],
    ['${Other.Arn}', '${Worker.Arn}', 'no'],
    [`${LAMBDA_ARN}*`, '${Worker.Arn}', 'yes'],
    ['arn:aws:lambda:*:*:function:*', '${Worker.Arn}', 'maybe'],
    ['arn:*:lambda:*:*:function:*', '${Worker.Arn}', 'yes'],
    // A literal name and a name the template sets.
    [`${LAMBDA_ARN}my-named-fn`, '${Named.Arn}', 'yes'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-named-fn', '${Named.Arn}', 'maybe'],
    ['arn:aws:lambda:us-east-1:123456789012:function:other-fn', '${Named.Arn}', 'no'],
    [`${LAMBDA_ARN}my-fn`, '${Worker.Arn}', 'maybe'],
    // Pseudo parameters are one concrete value.
    ['arn:aws:states:us-east-1:123456789012:stateMachine:a', 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:a', 'maybe'],
    ['arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:a', 'arn:aws:states:us-east-1:123456789012:stateMachine:a', 'maybe'],
    ['arn:aws:states:*:*:stateMachine:a', 'arn:aws:states:us-east-1:123456789012:stateMachine:a', 'yes'],
    ['arn:aws:states:us-west-2:*:stateMachine:a', 'arn:aws:states:us-east-1:123456789012:stateMachine:a', 'no'],
    // State machines: Ref is the ARN.
    ['${Child}', '${Child.Arn}', 'yes'],
    ['arn:aws:states:*:*:stateMachine:*', '${Child}', 'maybe'],
    ['arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${Child.Name}', '${Child}', 'yes'],
    // Patterns on both sides.
    ['arn:aws:states:*:*:execution:${Child.Name}:*', 'arn:aws:states:*:*:execution:${Child.Name}:*', 'yes'],
    ['arn:aws:states:*:*:execution:${Child.Name}:run-1', 'arn:aws:states:*:*:execution:${Child.Name}:*', 'no'],
    ['arn:aws:states:*:*:execution:*', 'arn:aws:states:*:*:execution:${Child.Name}:*', 'yes'],
    ['*', 'anything at all', 'yes'],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*', 'no'],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key', 'yes'],
    ['arn:aws:s3:::bucket/?ey', 'arn:aws:s3:::bucket/key', 'yes'],
    ['arn:aws:s3:::bucket/?ey', 'arn:aws:s3:::bucket/*', 'no'],
    ['${Bucket.Arn}/*', 'arn:${AWS::Partition}:s3:::${Bucket}/input/data.csv', 'yes'],
    // IAM wildcards stop at the colons of the first five ARN components.
    ['arn:aws:sns:*:*', 'arn:aws:sns:us-east-1:123456789012:alerts', 'maybe'],
    ['arn:aws:sns:*', 'arn:aws:sns:us-east-1:123456789012:alerts', 'maybe'],
    ['arn:aws:sqs:*', 'arn:aws:sns:us-east-1:123456789012:alerts', 'no'],
    ['arn:aws:sns:*:*:al*', 'arn:aws:sns:us-east-1:123456789012:alerts', 'yes'],
    ['arn:aws:sns:*:*:al*', 'arn:aws:sns:us-east-1:123456789012:x:alerts', 'no'],
    ['arn:aws:sns:*:*:*', 'arn:aws:sns:us-east-1:123456789012:alerts', 'yes'],
    // Parameters may hold anything, even nothing.
    ['arn:aws:sns:*:*:${Stage}-alerts', 'arn:aws:sns:*:*:prod-alerts', 'maybe'],
    ['arn:aws:sns:*:*:${Stage}-alerts', 'arn:aws:sns:*:*:prod-alarms', 'no'],
    ['arn:aws:sns:us-east-1:1:${Stage}-alerts', 'arn:aws:sns:us-east-1:1:prod-alerts', 'maybe'],
    ['arn:aws:sns:us-east-1:1:alerts${Stage}', 'arn:aws:sns:us-east-1:1:alerts', 'maybe'],
    // A custom resource's attribute could be anything.
    ['${Custom.Arn}', '${Worker.Arn}', 'maybe'],
    ['${Custom.Arn}', '${Custom.Arn}', 'yes'],
    // Fn::Sub escapes are literal text.
    ['arn:aws:s3:::b/${!aws:username}/*', 'arn:aws:s3:::b/${!aws:username}/key', 'yes'],
    ['arn:aws:s3:::b/${!aws:username}/*', 'arn:aws:s3:::b/${!aws:userid}/key', 'no'],
    // A fixed value never covers a needed wildcard.
    ['arn:aws:sqs:us-east-1:1:${Queue.QueueName}', 'arn:aws:sqs:us-east-1:1:*', 'no'],
  ])('%s covers %s: %s', (granted, needed, expected) => {
    expect(resourceMatches(granted, needed, template)).toBe(expected);
  });

  it('works without a template, keeping references opaque', () => {
    expect(resourceMatches('${A.Arn}', '${A.Arn}', undefined)).toBe('yes');
    expect(resourceMatches('${A.Arn}', '${B.Arn}', undefined)).toBe('maybe');
    expect(resourceMatches('arn:aws:sqs:*:*:q', 'arn:aws:sqs:eu-west-1:1:q', undefined)).toBe('yes');
  });

  it('compares ARNs of up to 4,096 characters without overflowing the call stack', () => {
    const long = `arn:aws:s3:::${'a'.repeat(4_000)}`;
    expect(resourceMatches(long, long, undefined)).toBe('yes');
    expect(resourceMatches(`arn:aws:s3:::${'a*'.repeat(2_000)}`, `arn:aws:s3:::${'ab'.repeat(2_000)}`, undefined)).toBe('yes');
    expect(resourceMatches('*a'.repeat(2_000), '${X}'.repeat(1_000), undefined)).toBe('no');
  });

  it('keeps a resource whose name is longer than any ARN as a reference', () => {
    const huge = templateOf(`Resources:\n  Huge:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: ${'f'.repeat(5_000_000)}\n`);
    const started = performance.now();
    expect(resourceMatches(`${LAMBDA_ARN}*`, '${Huge.Arn}', huge)).toBe('yes');
    expect(resourceMatches(`${LAMBDA_ARN}g*`, '${Huge.Arn}', huge)).toBe('maybe');
    expect(resourceMatches('${Huge.Arn}', '${Huge.Arn}', huge)).toBe('yes');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('stays fast on long patterns', () => {
    const granted = `arn:aws:s3:::${'*a'.repeat(60)}`;
    const needed = `arn:aws:s3:::${'ab'.repeat(200)}a`;
    const started = performance.now();
    expect(resourceMatches(granted, needed, undefined)).toBe('yes');
    expect(resourceMatches(granted, `${needed}b`, undefined)).toBe('no');
    // A backtracking matcher takes minutes here; the bound only catches that, not speed.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('evaluate', () => {
  const invoke = 'lambda:InvokeFunction';
  const worker = '${Worker.Arn}';

  it('allows what an Allow covers', () => {
    const statements = statementsOf({ Statement: [{ Effect: 'Allow', Action: invoke, Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } }] });
    const result = evaluate(statements, invoke, worker, template);
    expect(result.decision).toBe('allowed');
    expect(result.statement).toBe(statements[0]);
    expect(result.conditional).toBe(false);
  });

  it('reports what nothing grants', () => {
    const statements = statementsOf({ Statement: [{ Effect: 'Allow', Action: invoke, Resource: { 'Fn::GetAtt': ['Other', 'Arn'] } }] });
    expect(evaluate(statements, invoke, worker, template).decision).toBe('not-granted');
    expect(evaluate(statements, 'sns:Publish', worker, template).decision).toBe('not-granted');
    expect(evaluate([], invoke, worker, template).decision).toBe('not-granted');
  });

  it('lets an explicit Deny win', () => {
    const statements = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'lambda:*', Resource: '*' },
      ],
    });
    const result = evaluate(statements, invoke, worker, template);
    expect(result.decision).toBe('denied');
    expect(result.statement).toBe(statements[1]);
  });

  it('is unknown when a Deny has a condition', () => {
    const statements = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: invoke, Resource: '*' },
        { Effect: 'Deny', Action: invoke, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    const result = evaluate(statements, invoke, worker, template);
    expect(result.decision).toBe('unknown');
    expect(result.undecided).toEqual([statements[1]]);
  });

  it('counts a conditional Allow as granting and says so', () => {
    const statements = statementsOf({
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }],
    });
    const result = evaluate(statements, 'iam:PassRole', '${JobRole.Arn}', template);
    expect(result).toMatchObject({ decision: 'allowed', conditional: true });
    expect(hasConditionKey(statements[0], 'IAM:PassedToService')).toBe(true);
  });

  it('prefers an unconditional Allow', () => {
    const statements = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: invoke, Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
        { Effect: 'Allow', Action: invoke, Resource: '*' },
      ],
    });
    expect(evaluate(statements, invoke, worker, template)).toMatchObject({ decision: 'allowed', conditional: false, statement: statements[1] });
  });

  it('applies NotAction and NotResource', () => {
    const powerUser = statementsOf({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] });
    expect(evaluate(powerUser, 'states:StartExecution', '${Child}', template).decision).toBe('allowed');
    expect(evaluate(powerUser, 'iam:PassRole', '${JobRole.Arn}', template).decision).toBe('not-granted');

    const allButBucket = statementsOf({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }] });
    expect(evaluate(allButBucket, 's3:GetObject', 'arn:aws:s3:::public/a', template).decision).toBe('allowed');
    expect(evaluate(allButBucket, 's3:GetObject', 'arn:aws:s3:::secret/a', template).decision).toBe('not-granted');
    expect(evaluate(allButBucket, 's3:GetObject', 'arn:aws:s3:::*', template).decision).toBe('unknown');
    expect(evaluate(allButBucket, 's3:GetObject', 'arn:aws:s3:::public/*', template).decision).toBe('allowed');
  });

  it('treats entries it cannot read as possibly matching', () => {
    const statements = statementsOf({
      Statement: [{ Effect: 'Allow', Action: invoke, Resource: { 'Fn::ImportValue': 'shared-function-arn' } }],
    });
    expect(evaluate(statements, invoke, worker, template).decision).toBe('unknown');
    expect(evaluate(statements, 'sns:Publish', worker, template).decision).toBe('not-granted');
  });

  it('lets an Allow on part of a fallback family count as possibly enough', () => {
    const statements = statementsOf({ Statement: [{ Effect: 'Allow', Action: invoke, Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } }] });
    const family = `${LAMBDA_ARN}*`;
    expect(evaluate(statements, invoke, family, template).decision).toBe('not-granted');
    expect(evaluate(statements, invoke, family, template, { exact: false }).decision).toBe('unknown');
    expect(evaluate(statements, invoke, 'arn:${AWS::Partition}:sns:*:*:*', template, { exact: false }).decision).toBe('not-granted');
  });

  it('treats an action from a parameter as possibly any action', () => {
    const statements = statementsOf({ Statement: [{ Effect: 'Allow', Action: { Ref: 'ActionParameter' }, Resource: '*' }] });
    expect(statements[0].action?.map((a) => a.text)).toEqual(['${ActionParameter}']);
    expect(evaluate(statements, invoke, worker, template).decision).toBe('unknown');
  });

  it('is unknown when the needed resource is not known and the grant is narrower than *', () => {
    const statements = statementsOf({ Statement: [{ Effect: 'Allow', Action: invoke, Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } }] });
    expect(evaluate(statements, invoke, undefined, template).decision).toBe('unknown');
    const star = statementsOf({ Statement: [{ Effect: 'Allow', Action: invoke, Resource: '*' }] });
    expect(evaluate(star, invoke, undefined, template).decision).toBe('allowed');
  });

  it('denies a family of resources that a Deny only partly covers: unknown', () => {
    const statements = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: 'states:DescribeExecution', Resource: '*' },
        { Effect: 'Deny', Action: 'states:DescribeExecution', Resource: 'arn:aws:states:*:*:execution:Child:secret' },
      ],
    });
    expect(evaluate(statements, 'states:DescribeExecution', 'arn:aws:states:*:*:execution:Child:*', template).decision).toBe('unknown');
    expect(evaluate(statements, 'states:DescribeExecution', 'arn:aws:states:*:*:execution:Other:*', template).decision).toBe('allowed');

    const wide = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: 'states:DescribeExecution', Resource: '*' },
        { Effect: 'Deny', Action: 'states:DescribeExecution', Resource: 'arn:aws:states:*:*:execution:*:secret' },
      ],
    });
    expect(evaluate(wide, 'states:DescribeExecution', 'arn:aws:states:*:*:execution:Child:*', template).decision).toBe('unknown');
    expect(evaluate(wide, 'states:DescribeExecution', 'arn:aws:states:*:*:stateMachine:*', template).decision).toBe('allowed');
  });
});

describe('statement shapes', () => {
  it('finds administrator statements and wildcard actions', () => {
    const [admin, scoped, deny] = statementsOf({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: ['states:*', 'lambda:Invoke*', 'sns:Publish'], Resource: 'arn:aws:sns:*:*:x' },
        { Effect: 'Deny', Action: '*', Resource: '*' },
      ],
    });
    expect(grantsAll(admin)).toBe(true);
    expect(grantsAll(scoped)).toBe(false);
    expect(grantsAll(deny)).toBe(false);
    expect(wildcardActions(admin).map((w) => w.kind)).toEqual(['all']);
    expect(wildcardActions(scoped).map((w) => [w.entry.text, w.kind])).toEqual([
      ['states:*', 'service'],
      ['lambda:Invoke*', 'partial'],
    ]);
    expect(wildcardActions(deny)).toEqual([]);
  });
});
