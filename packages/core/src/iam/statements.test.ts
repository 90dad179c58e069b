import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { describeOrigin, readStatements, statementFromFacts, type PolicyOrigin } from './statements.js';

const origin: PolicyOrigin = { kind: 'role-inline', name: 'Main', node: undefined };

function read(file: string, text: string) {
  const document = parseDocument(file, text);
  return { text, ...readStatements(document.roots[0], origin) };
}

const slice = (text: string, node: DocNode | undefined) => (node ? text.slice(node.range.start, node.range.end).trimEnd() : undefined);

describe('readStatements', () => {
  it('reads a JSON document with a list of statements', () => {
    const { text, statements, unknowns } = read(
      'policy.json',
      `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Invoke", "Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": { "Fn::GetAtt": ["Worker", "Arn"] } },
    { "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:s3:::keep/*" }
  ]
}`,
    );
    expect(unknowns).toEqual([]);
    expect(statements).toHaveLength(2);
    const [invoke, deny] = statements;
    expect(invoke).toMatchObject({ effect: 'Allow', sid: 'Invoke', notAction: undefined, notResource: undefined, conditions: [], origin });
    expect(invoke.action?.map((a) => a.text)).toEqual(['lambda:InvokeFunction']);
    expect(invoke.resource?.map((r) => r.text)).toEqual(['${Worker.Arn}']);
    expect(slice(text, invoke.resource![0].node)).toBe('{ "Fn::GetAtt": ["Worker", "Arn"] }');
    expect(slice(text, invoke.node)).toMatch(/^\{ "Sid": "Invoke"/);
    expect(deny).toMatchObject({ effect: 'Deny', action: undefined, resource: undefined });
    expect(deny.notAction?.map((a) => a.text)).toEqual(['iam:*', 'sts:*']);
    expect(deny.notResource?.map((r) => r.text)).toEqual(['arn:aws:s3:::keep/*']);
    expect(slice(text, deny.notAction![1].node)).toBe('"sts:*"');
  });

  it('reads a YAML document with one statement and intrinsics in Resource', () => {
    const { text, statements } = read(
      'policy.yaml',
      `Statement:
  Effect: Allow
  Action:
    - states:StartExecution
    - states:DescribeExecution
  Resource:
    - !Ref Child
    - !Sub 'arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${Child.Name}:*'
    - !Join [':', [arn, !Ref 'AWS::Partition', states, !Ref 'AWS::Region', !Ref 'AWS::AccountId', 'stateMachine', other]]
    - !Sub ['arn:aws:sns:*:*:\${Name}', {Name: !GetAtt Topic.TopicName}]
    - !ImportValue exported-arn
`,
    );
    expect(statements).toHaveLength(1);
    expect(statements[0].action?.map((a) => a.text)).toEqual(['states:StartExecution', 'states:DescribeExecution']);
    expect(statements[0].resource?.map((r) => r.text)).toEqual([
      '${Child}',
      'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Child.Name}:*',
      'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:other',
      'arn:aws:sns:*:*:${Topic.TopicName}',
      undefined,
    ]);
    expect(slice(text, statements[0].resource![4].node)).toBe('!ImportValue exported-arn');
  });

  it('records conditions without evaluating them', () => {
    const { statements } = read(
      'policy.json',
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: '*',
            Condition: {
              StringEquals: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'batch.amazonaws.com'] },
              ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:aws:states:*:${AWS::AccountId}:stateMachine:*' } },
            },
          },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { 'Fn::If': ['Prod', {}, {}] } },
        ],
      }),
    );
    expect(statements[0].conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.text)])).toEqual([
      ['StringEquals', 'iam:PassedToService', ['ecs-tasks.amazonaws.com', 'batch.amazonaws.com']],
      ['ArnLike', 'aws:SourceArn', ['arn:aws:states:*:${AWS::AccountId}:stateMachine:*']],
    ]);
    // A Condition block that is not literal is still a condition.
    expect(statements[1].conditions).toHaveLength(1);
    expect(statements[1].conditions[0]).toMatchObject({ operator: undefined, key: undefined });
  });

  it('turns what it cannot read into unknowns', () => {
    const { statements, unknowns } = read(
      'policy.json',
      JSON.stringify({
        Statement: [
          { 'Fn::If': ['Prod', { Effect: 'Allow', Action: '*', Resource: '*' }, { Ref: 'AWS::NoValue' }] },
          { Action: 's3:*', Resource: '*' },
          { Effect: { Ref: 'EffectParameter' }, Action: 's3:*', Resource: '*' },
          'not a statement',
          { Effect: 'Allow', Action: { 'Fn::If': ['Prod', 's3:*', 's3:GetObject'] }, Resource: '*' },
        ],
      }),
    );
    expect(unknowns.map((u) => u.reason)).toEqual(
      Array(4).fill('a statement of the inline policy Main cannot be read (an intrinsic function or a missing Effect)'),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0].action?.map((a) => a.text)).toEqual([undefined]);
  });

  it('reads an empty document and rejects a document that is not an object', () => {
    expect(read('policy.json', '{"Version": "2012-10-17"}')).toMatchObject({ statements: [], unknowns: [] });
    expect(read('policy.json', '{"Fn::If": ["Prod", {}, {}]}').unknowns.map((u) => u.reason)).toEqual([
      'the policy document of the inline policy Main is not written out in the template',
    ]);
    expect(read('policy.json', '[1, 2]').unknowns).toHaveLength(1);
    expect(readStatements(undefined, origin).unknowns).toHaveLength(1);
  });

  it('reads a document written as JSON text', () => {
    const { text, statements, unknowns } = read(
      'policy.json',
      JSON.stringify({ 'Fn::Sub': '{"Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "${Queue.Arn}"}}' }),
    );
    expect(unknowns).toEqual([]);
    expect(statements[0].resource?.map((r) => r.text)).toEqual(['${Queue.Arn}']);
    // The text has no ranges in the template, so everything points at the document.
    expect(slice(text, statements[0].node)).toBe(text);
    expect(statements[0].resource![0].node).toBe(statements[0].node);
    expect(read('policy.json', '"{not json"').unknowns).toHaveLength(1);
  });
});

describe('statementFromFacts', () => {
  it('builds a statement whose entries point at the reference', () => {
    const node = parseDocument('x.json', '"AdministratorAccess"').roots[0];
    const statement = statementFromFacts({ action: ['*'], resource: ['*'] }, node, { kind: 'aws-managed-policy', name: 'AdministratorAccess', node });
    expect(statement).toMatchObject({ effect: 'Allow', notAction: undefined, notResource: undefined, conditions: [], node });
    expect(statement.action).toEqual([{ text: '*', node }]);
  });

  it('names origins for messages', () => {
    expect(describeOrigin({ kind: 'sam-policy-template', name: 'LambdaInvokePolicy', node: undefined })).toBe(
      'the SAM policy template LambdaInvokePolicy',
    );
    expect(describeOrigin({ kind: 'sam-inline', name: undefined, node: undefined })).toBe('the SAM inline policy');
  });
});
