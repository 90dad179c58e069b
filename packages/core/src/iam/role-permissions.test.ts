import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, corpusRoot, readText } from '../../../../tests/corpus-files.js';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { member } from '../document/node-access.js';
import { looksLikeTemplate, readTemplate } from '../template/read-template.js';
import { templateMachines } from '../template/state-machines.js';
import type { Template, TemplateMachine } from '../template/types.js';
import { evaluate } from './match.js';
import { isKnownFor, rolePermissions, type RolePermissions } from './role-permissions.js';

function parseTemplate(file: string, text: string): Template {
  const document = parseDocument(file, text);
  return readTemplate(document, document.roots[0]);
}

/** The machine as the template extractor describes it: RoleArn or Role, SAM Policies and Tracing. */
function machineOf(template: Template, logicalId: string): TemplateMachine {
  return templateMachines(template).find((machine) => machine.logicalId === logicalId || machine.label === logicalId)!;
}

function permissionsOf(file: string, text: string, machine = 'Machine'): RolePermissions {
  return rolePermissions(machineOf(parseTemplate(file, text), machine));
}

function textOf(text: string, node: DocNode | undefined): string {
  return node ? text.slice(node.range.start, node.range.end).trimEnd() : '(none)';
}

const summary = (permissions: RolePermissions) =>
  permissions.statements.map((s) => [s.origin.kind, s.origin.name, s.action?.map((a) => a.text), s.resource?.map((r) => r.text)]);

describe('rolePermissions: CloudFormation JSON', () => {
  const text = JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Worker: { Type: 'AWS::Lambda::Function' },
        Topic: { Type: 'AWS::SNS::Topic' },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'orders-machine-role',
            Policies: [
              {
                PolicyName: 'invoke',
                PolicyDocument: {
                  Statement: { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } },
                },
              },
            ],
            ManagedPolicyArns: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSXrayWriteOnlyAccess']] },
              { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaRole' },
              { Ref: 'Shared' },
            ],
            PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary',
          },
        },
        Shared: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['sns:Publish'], Resource: { Ref: 'Topic' } }] } },
        },
        Extra: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'extra',
            Roles: [{ Ref: 'Role' }],
            PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'lambda:*', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } }] },
          },
        },
        ByName: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: {
            RoleName: 'orders-machine-role',
            PolicyName: 'by-name',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: '*' }] },
          },
        },
        Elsewhere: {
          Type: 'AWS::IAM::Policy',
          Properties: { PolicyName: 'other', Roles: [{ Ref: 'OtherRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        },
        OtherRole: { Type: 'AWS::IAM::Role' },
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, DefinitionString: '{}' },
        },
      },
    },
    null,
    2,
  );
  const permissions = permissionsOf('template.json', text);

  it('resolves the role and collects every attached policy', () => {
    expect(permissions.source).toBe('template-role');
    expect(permissions.role?.logicalId).toBe('Role');
    expect(permissions.fullyKnown).toBe(true);
    expect(permissions.unknowns).toEqual([]);
    expect(summary(permissions)).toEqual([
      ['role-inline', 'invoke', ['lambda:InvokeFunction'], ['${Worker.Arn}']],
      ['iam-policy', 'extra', ['lambda:*'], ['*']],
      ['iam-policy', 'by-name', ['states:StartExecution'], ['*']],
      ['aws-managed-policy', 'AWSXrayWriteOnlyAccess', expect.arrayContaining(['xray:PutTraceSegments']), ['*']],
      ['aws-managed-policy', 'AWSLambdaRole', ['lambda:InvokeFunction'], ['*']],
      ['iam-managed-policy', 'Shared', ['sns:Publish'], ['${Topic}']],
    ]);
    expect(permissions.managedPolicies.map((p) => [p.name, p.known, p.awsManaged])).toEqual([
      ['AWSXrayWriteOnlyAccess', true, true],
      ['AWSLambdaRole', true, true],
      ['Shared', true, false],
    ]);
    expect(textOf(text, permissions.permissionsBoundary)).toBe('"arn:aws:iam::123456789012:policy/boundary"');
  });

  it('points statements at the template', () => {
    const [inline] = permissions.statements;
    expect(textOf(text, inline.node)).toMatch(/^\{\s+"Effect": "Allow",\s+"Action": "lambda:InvokeFunction"/);
    expect(textOf(text, inline.resource![0].node)).toMatch(/^\{\s+"Fn::GetAtt": \[\s+"Worker",\s+"Arn"\s+\]\s+\}$/);
    const managed = permissions.statements.find((s) => s.origin.name === 'AWSLambdaRole')!;
    expect(textOf(text, managed.node)).toBe('{\n            "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaRole"\n          }');
  });

  it('evaluates needs against the collected statements', () => {
    const template = parseTemplate('template.json', text);
    // The conditional Deny on lambda:* may apply, so an invoke is undecided.
    expect(evaluate(permissions.statements, 'lambda:InvokeFunction', '${Worker.Arn}', template).decision).toBe('unknown');
    expect(evaluate(permissions.statements, 'sns:Publish', '${Topic}', template).decision).toBe('allowed');
    expect(evaluate(permissions.statements, 'sns:Publish', '${Worker.Arn}', template).decision).toBe('not-granted');
    // The topic's name is not set, so a literal topic ARN may or may not be it.
    expect(evaluate(permissions.statements, 'sns:Publish', 'arn:aws:sns:us-east-1:1:other', template).decision).toBe('unknown');
    expect(evaluate(permissions.statements, 'states:StartExecution', 'arn:aws:states:*:*:stateMachine:x', template).decision).toBe('allowed');
  });
});

describe('rolePermissions: CloudFormation YAML', () => {
  const base = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RoleArnParameter:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${AWS::StackName}-sfn'
      Policies:
        - PolicyName: queue
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [sqs:SendMessage]
                Resource: !GetAtt Queue.Arn
  Queue:
    Type: AWS::SQS::Queue
`;
  const withRole = (roleArn: string) => `${base}  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: ${roleArn}
`;

  it.each([
    ['!GetAtt Role.Arn'],
    ['!GetAtt [Role, Arn]'],
    ['!Ref Role'],
    ["!Sub '${Role.Arn}'"],
    ["!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}'"],
    ["!Join ['', ['arn:aws:iam::', !Ref 'AWS::AccountId', ':role/', !Ref Role]]"],
    ["!Sub 'arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-sfn'"],
  ])('resolves RoleArn %s to the role', (roleArn) => {
    const permissions = permissionsOf('template.yaml', withRole(roleArn));
    expect(permissions.source).toBe('template-role');
    expect(permissions.role?.logicalId).toBe('Role');
    expect(permissions.fullyKnown).toBe(true);
    expect(summary(permissions)).toEqual([['role-inline', 'queue', ['sqs:SendMessage'], ['${Queue.Arn}']]]);
  });

  it.each([
    ['arn:aws:iam::123456789012:role/external', 'external', 'the role arn:aws:iam::123456789012:role/external is not defined in this template'],
    ['!Ref RoleArnParameter', 'unresolved', 'the role comes from the parameter RoleArnParameter'],
    ['!ImportValue shared-role-arn', 'unresolved', 'the role ARN is not written out in the template (an import or a computed value)'],
    ['!If [Prod, !GetAtt Role.Arn, !GetAtt Role.Arn]', 'unresolved', 'Fn::If chooses the role when the stack is deployed'],
    ['!GetAtt Queue.Arn', 'unresolved', 'the role comes from Queue.Arn, which does not give the ARN of an AWS::IAM::Role of the template'],
    ['!GetAtt Missing.Arn', 'unresolved', 'the role refers to Missing.Arn, which the template does not define'],
  ])('cannot know the role %s', (roleArn, source, reason) => {
    const text = withRole(roleArn);
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.source).toBe(source);
    expect(permissions.fullyKnown).toBe(false);
    expect(permissions.statements).toEqual([]);
    expect(permissions.unknowns.map((u) => u.reason)).toEqual([reason]);
    expect(textOf(text, permissions.unknowns[0].node)).toBe(roleArn);
  });

  it('reports a machine without RoleArn', () => {
    const permissions = permissionsOf('template.yaml', `${base}  Machine:\n    Type: AWS::StepFunctions::StateMachine\n`);
    expect(permissions).toMatchObject({ source: 'missing', fullyKnown: false });
  });

  it('marks a policy that Fn::If may attach', () => {
    const text = `${withRole('!GetAtt Role.Arn')}  Maybe:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: maybe
      Roles: [!If [Prod, !Ref Role, !Ref 'AWS::NoValue']]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: '*', Resource: '*'}
`;
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.fullyKnown).toBe(false);
    expect(permissions.unknowns.map((u) => u.reason)).toEqual(['Maybe may attach to the role, depending on a value sfn-lint cannot read']);
    expect(textOf(text, permissions.unknowns[0].node)).toBe("!If [Prod, !Ref Role, !Ref 'AWS::NoValue']");
  });

  it('marks a SAM connector that names the role', () => {
    const text = `${withRole('!GetAtt Role.Arn')}  Connector:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Type: AWS::Serverless::Function, RoleName: !Ref Role}
      Destination: {Id: Queue}
      Permissions: [Write]
`;
    expect(permissionsOf('template.yaml', text).unknowns.map((u) => u.reason)).toEqual([
      'the SAM connector Connector adds permissions that sfn-lint does not expand',
    ]);
  });

  it('reads a policy document written as JSON in Fn::Sub', () => {
    const text = `${withRole('!GetAtt Role.Arn')}  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: !Sub |
        {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:\${AWS::Partition}:s3:::\${Bucket}/*"}]}
`;
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.fullyKnown).toBe(true);
    const statement = permissions.statements.find((s) => s.origin.kind === 'iam-managed-policy')!;
    expect(statement.resource?.map((r) => r.text)).toEqual(['arn:${AWS::Partition}:s3:::${Bucket}/*']);
    expect(textOf(text, statement.node)).toMatch(/^!Sub \|/);
  });

  it('never throws on wrong types', () => {
    const text = `${withRole('!GetAtt Role.Arn')}  Odd:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Maybe
          - !If [Prod, {Effect: Allow, Action: '*', Resource: '*'}, !Ref 'AWS::NoValue']
          - Effect: Allow
            Action: {Fn::If: [Prod, 's3:*', 's3:GetObject']}
            Resource: [1, true, null]
  Odder:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: 42
`;
    const permissions = permissionsOf('template.yaml', text.replace('      Policies:\n', '      Policies: !If [Prod, [], []]\n      Ignored:\n'));
    expect(permissions.fullyKnown).toBe(false);
    expect(permissions.unknowns.map((u) => u.reason)).toEqual([
      'the role Policies are not a literal list',
      'a statement of the policy Odd cannot be read (an intrinsic function or a missing Effect)',
      'a statement of the policy Odd cannot be read (an intrinsic function or a missing Effect)',
      'the policy document of the policy Odder is not written out in the template',
    ]);
    const odd = permissions.statements.find((s) => s.origin.name === 'Odd')!;
    expect(odd.action?.map((a) => a.text)).toEqual([undefined]);
    expect(odd.resource?.map((r) => r.text)).toEqual(['1', 'true', undefined]);
  });
});

describe('rolePermissions: SAM', () => {
  const sam = (properties: string, extra = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
${properties}${extra}`;

  it('expands Policies into the generated role', () => {
    const text = sam(`      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref Worker
        - AmazonSQSFullAccess
        - arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess
        - Statement:
            - Effect: Allow
              Action: events:PutEvents
              Resource: '*'
`);
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.source).toBe('sam-generated');
    expect(permissions.role).toBeUndefined();
    expect(permissions.fullyKnown).toBe(true);
    expect(summary(permissions)).toEqual([
      ['sam-policy-template', 'LambdaInvokePolicy', ['lambda:InvokeFunction'], ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Worker}*']],
      ['aws-managed-policy', 'AmazonSQSFullAccess', ['sqs:*'], ['*']],
      ['aws-managed-policy', 'AWSStepFunctionsFullAccess', ['states:*'], ['*']],
      ['sam-inline', undefined, ['events:PutEvents'], ['*']],
    ]);
    expect(textOf(text, permissions.statements[0].node)).toMatch(/^LambdaInvokePolicy:\n\s+FunctionName: !Ref Worker$/);
    expect(textOf(text, permissions.statements[1].node)).toBe('AmazonSQSFullAccess');
    const template = parseTemplate('template.yaml', text);
    expect(evaluate(permissions.statements, 'lambda:InvokeFunction', '${Worker.Arn}', template).decision).toBe('allowed');
  });

  it('accepts a single Policies entry', () => {
    const permissions = permissionsOf('template.yaml', sam('      Policies: AWSLambdaRole\n'));
    expect(summary(permissions)).toEqual([['aws-managed-policy', 'AWSLambdaRole', ['lambda:InvokeFunction'], ['*']]]);
  });

  it('gives a machine without Policies an empty, fully known role', () => {
    const permissions = permissionsOf('template.yaml', sam('      Type: STANDARD\n'));
    expect(permissions).toMatchObject({ source: 'sam-generated', fullyKnown: true, statements: [], managedPolicies: [] });
  });

  it('adds AWSXrayWriteOnlyAccess when tracing is on', () => {
    const text = sam('      Tracing:\n        Enabled: true\n');
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.managedPolicies.map((p) => p.name)).toEqual(['AWSXrayWriteOnlyAccess']);
    expect(textOf(text, permissions.statements[0].node)).toBe('true');
    expect(permissionsOf('template.yaml', sam('      Tracing:\n        Enabled: false\n')).statements).toEqual([]);
    const conditional = permissionsOf('template.yaml', sam('      Tracing:\n        Enabled: !Ref Trace\n'));
    expect(conditional.unknowns.map((u) => u.services)).toEqual([['xray']]);
    expect(isKnownFor(conditional, 'xray:PutTraceSegments')).toBe(false);
    expect(isKnownFor(conditional, 'lambda:InvokeFunction')).toBe(true);
  });

  it('uses Role when given, and SAM then ignores Policies', () => {
    const permissions = permissionsOf(
      'template.yaml',
      sam('      Role: !GetAtt MachineRole.Arn\n      Policies: [AmazonSQSFullAccess]\n', '  MachineRole:\n    Type: AWS::IAM::Role\n'),
    );
    expect(permissions).toMatchObject({ source: 'template-role', statements: [], fullyKnown: true });
    expect(permissions.role?.logicalId).toBe('MachineRole');
  });

  it('includes policies attached to the role SAM generates', () => {
    const permissions = permissionsOf(
      'template.yaml',
      sam(
        '      Policies: []\n',
        `  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref MachineRole]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'sns:Publish', Resource: '*'}]
`,
      ),
    );
    expect(summary(permissions)).toEqual([['iam-policy', 'extra', ['sns:Publish'], ['*']]]);
  });

  it('marks connectors, unknown templates and unknown managed policies', () => {
    const text = sam(
      `      Policies:
        - NoSuchTemplatePolicy: {}
        - AnyNonOfficialManagedPolicy
        - arn:aws:iam::123456789012:policy/customer
        - AmazonDynamoDBFullAccess
        - !If [Prod, AmazonSQSFullAccess, AmazonSNSFullAccess]
`,
      `  Connector:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Machine}
      Destination: {Id: Worker}
      Permissions: [Write]
`,
    );
    const permissions = permissionsOf('template.yaml', text);
    expect(permissions.fullyKnown).toBe(false);
    expect(permissions.unknowns.map((u) => u.reason)).toEqual([
      'the SAM connector Connector adds permissions that sfn-lint does not expand',
      'sfn-lint does not know the SAM policy template NoSuchTemplatePolicy',
      'sfn-lint does not know the statements of the managed policy AnyNonOfficialManagedPolicy',
      'the managed policy arn:aws:iam::123456789012:policy/customer is not defined in this template',
      'sfn-lint knows only part of the AWS managed policy AmazonDynamoDBFullAccess',
      'a managed policy ARN is not written out in the template (Fn::If, an import)',
    ]);
    expect(permissions.managedPolicies.map((p) => [p.name, p.known])).toEqual([
      ['AnyNonOfficialManagedPolicy', false],
      ['arn:aws:iam::123456789012:policy/customer', false],
      ['AmazonDynamoDBFullAccess', true],
      ['(computed)', false],
    ]);
  });

  it('scopes a partly known managed policy to its other services', () => {
    const permissions = permissionsOf('template.yaml', sam('      Policies: [AmazonDynamoDBFullAccess]\n'));
    expect(permissions.fullyKnown).toBe(false);
    expect(isKnownFor(permissions, 'dynamodb:PutItem')).toBe(true);
    expect(isKnownFor(permissions, 'states:StartExecution')).toBe(true);
    expect(isKnownFor(permissions, 'lambda:InvokeFunction')).toBe(false);
  });

  it('marks embedded connectors', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Connectors:
      ToWorker:
        Properties:
          Destination: {Id: Worker}
          Permissions: [Write]
    Properties: {}
`;
    expect(permissionsOf('template.yaml', text).unknowns.map((u) => u.reason)).toEqual([
      'SAM Connectors of the state machine add permissions that sfn-lint does not expand',
    ]);
  });
});

describe('rolePermissions: Serverless Framework', () => {
  const service = (role: string) => `service: orders
provider:
  name: aws
stepFunctions:
  stateMachines:
    orders:
${role}      definition:
        StartAt: A
        States: {A: {Type: Succeed}}
resources:
  Resources:
    MachineRole:
      Type: AWS::IAM::Role
      Properties:
        Policies:
          - PolicyName: p
            PolicyDocument:
              Statement: [{Effect: Allow, Action: 'lambda:InvokeFunction', Resource: '*'}]
`;
  function serverlessPermissions(text: string): RolePermissions {
    const document = parseDocument('serverless.yml', text);
    return rolePermissions(templateMachines(readTemplate(document, document.roots[0]))[0]);
  }

  it('resolves role against resources.Resources', () => {
    for (const role of ['      role: !GetAtt MachineRole.Arn\n', '      role:\n        Fn::GetAtt: [MachineRole, Arn]\n', '      role: MachineRole\n']) {
      const permissions = serverlessPermissions(service(role));
      expect(permissions.source, role).toBe('template-role');
      expect(permissions.fullyKnown, role).toBe(true);
      expect(summary(permissions)).toEqual([['role-inline', 'p', ['lambda:InvokeFunction'], ['*']]]);
    }
  });

  it('does not know the role the plugin generates', () => {
    const permissions = serverlessPermissions(service(''));
    expect(permissions.source).toBe('serverless-generated');
    expect(permissions.unknowns.map((u) => u.reason)).toEqual([
      'serverless-step-functions generates the role from the definition when `role` is not set',
    ]);
  });

  it('does not resolve Serverless variables', () => {
    const permissions = serverlessPermissions(service('      role: ${self:custom.machineRoleArn}\n'));
    expect(permissions.source).toBe('unresolved');
    expect(permissions.unknowns.map((u) => u.reason)).toEqual(['the role ${self:custom.machineRoleArn} is a Serverless variable']);
  });
});

const CDK_SNS = join(
  corpusRoot,
  'real/evzzk+aws-cdk/packages/@aws-cdk-testing/framework-integ/test/aws-stepfunctions-tasks/test/sns/integ.publish.js.snapshot/aws-stepfunctions-tasks-sns-publish-integ.template.json',
);
const cdkPresent = corpusPresent && existsSync(CDK_SNS);
if (!cdkPresent) console.warn('Notice: the CDK snapshots in ../shared/corpus are absent, so the CDK role test is skipped.');

describe.skipIf(!cdkPresent)('rolePermissions: CDK output', () => {
  it('follows RoleArn to the role and its DefaultPolicy', () => {
    const template = parseTemplate(CDK_SNS, readText(CDK_SNS));
    const permissions = rolePermissions(machineOf(template, 'StateMachine2E01A3A5'));
    expect(permissions.source).toBe('template-role');
    expect(permissions.role?.logicalId).toBe('StateMachineRoleB840431D');
    expect(permissions.fullyKnown).toBe(true);
    expect(summary(permissions)).toEqual([
      ['iam-policy', 'StateMachineRoleDefaultPolicyDF1E6607', ['sns:Publish'], ['${cooltopic4736778A}', '${fifotopicA6114788}']],
    ]);
    expect(evaluate(permissions.statements, 'sns:Publish', '${cooltopic4736778A}', template).decision).toBe('allowed');
    expect(evaluate(permissions.statements, 'sns:Publish', 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${cooltopic4736778A.TopicName}', template).decision).toBe('allowed');
    expect(evaluate(permissions.statements, 'sns:Publish', 'arn:aws:sns:us-east-1:123456789012:other', template).decision).toBe('unknown');
  });
});

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the corpus-wide role test is skipped.');

describe.skipIf(!corpusPresent)('rolePermissions over the corpus', () => {
  it('resolves every state machine of every template without throwing', () => {
    let machines = 0;
    let fullyKnown = 0;
    for (const file of corpusFiles()) {
      const text = readText(file);
      if (!text.includes('StateMachine')) continue;
      const document = parseDocument(file, text);
      for (const root of document.roots) {
        if (!looksLikeTemplate(root)) continue;
        const template = readTemplate(document, root);
        for (const resource of template.resources.values()) {
          if (resource.type !== 'AWS::StepFunctions::StateMachine' && resource.type !== 'AWS::Serverless::StateMachine') continue;
          machines++;
          const permissions = rolePermissions(machineOf(template, resource.logicalId));
          if (permissions.fullyKnown) fullyKnown++;
          for (const unknown of permissions.unknowns) expect(unknown.reason, corpusRelative(file)).not.toBe('');
          expect(permissions.fullyKnown).toBe(permissions.unknowns.length === 0);
        }
      }
    }
    expect(machines).toBeGreaterThan(500);
    // Most roles are written out in full; external roles and SAM connectors are the usual gaps.
    expect(fullyKnown / machines).toBeGreaterThan(0.7);
  });
});
