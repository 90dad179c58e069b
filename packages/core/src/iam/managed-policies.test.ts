import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { symbolicText } from '../template/symbolic.js';
import {
  awsManagedPolicyReference,
  KNOWN_MANAGED_POLICIES,
  managedPolicyFacts,
  managedPolicyStatements,
  type ManagedPolicyFacts,
} from './managed-policies.js';
import { evaluate, grantsAll } from './match.js';

function facts(name: string): ManagedPolicyFacts {
  return managedPolicyFacts({ name, path: undefined })!;
}

function decide(name: string, action: string, resource = 'arn:aws:s3:::any') {
  return evaluate(managedPolicyStatements(facts(name), undefined), action, resource, undefined).decision;
}

describe('awsManagedPolicyReference', () => {
  it.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'AdministratorAccess', '/'],
    ['arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess', 'PowerUserAccess', '/'],
    ['arn:aws:iam::aws:policy/service-role/AWSLambdaRole', 'AWSLambdaRole', '/service-role/'],
    ['arn:aws-cn:iam::aws:policy/AmazonSQSFullAccess', 'AmazonSQSFullAccess', '/'],
    ['arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'AWSLambdaBasicExecutionRole', '/service-role/'],
  ])('reads %s', (text, name, path) => {
    expect(awsManagedPolicyReference(text)).toEqual({ name, path });
  });

  it('reads the Fn::Join and Fn::Sub forms the CDK and SAM write', () => {
    const join = parseDocument('x.json', '{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}');
    expect(awsManagedPolicyReference(symbolicText(join.roots[0]))).toEqual({ name: 'AWSLambdaBasicExecutionRole', path: '/service-role/' });
    const sub = parseDocument('x.json', '{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSStepFunctionsFullAccess"}');
    expect(awsManagedPolicyReference(symbolicText(sub.roots[0]))?.name).toBe('AWSStepFunctionsFullAccess');
  });

  it('takes bare names only where SAM does', () => {
    expect(awsManagedPolicyReference('AmazonSQSFullAccess')).toBeUndefined();
    expect(awsManagedPolicyReference('AmazonSQSFullAccess', true)).toEqual({ name: 'AmazonSQSFullAccess', path: undefined });
    expect(awsManagedPolicyReference('${Policy}', true)).toBeUndefined();
  });

  it('does not take customer managed policies or other ARNs', () => {
    expect(awsManagedPolicyReference('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
    expect(awsManagedPolicyReference('arn:aws:iam::aws:role/AdministratorAccess')).toBeUndefined();
    expect(awsManagedPolicyReference(undefined)).toBeUndefined();
  });
});

describe('managedPolicyFacts', () => {
  it('knows a policy by name, and rejects a path the policy does not have', () => {
    expect(managedPolicyFacts({ name: 'AWSLambdaRole', path: '/service-role/' })?.name).toBe('AWSLambdaRole');
    expect(managedPolicyFacts({ name: 'AWSLambdaRole', path: undefined })?.name).toBe('AWSLambdaRole');
    expect(managedPolicyFacts({ name: 'AWSLambdaRole', path: '/' })).toBeUndefined();
    expect(managedPolicyFacts({ name: 'awslambdarole', path: undefined })).toBeUndefined();
    expect(managedPolicyFacts({ name: 'ReadOnlyAccess', path: '/' })).toBeUndefined();
    expect(managedPolicyFacts({ name: 'toString', path: undefined })).toBeUndefined();
  });

  it('knows the broad policies', () => {
    expect(KNOWN_MANAGED_POLICIES.filter((p) => p.broad).map((p) => p.name)).toEqual(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess']);
    expect(grantsAll(managedPolicyStatements(facts('AdministratorAccess'), undefined)[0])).toBe(true);
    expect(decide('AdministratorAccess', 'iam:PassRole')).toBe('allowed');
  });

  it('gives PowerUserAccess everything but IAM, Organizations and Account management', () => {
    expect(decide('PowerUserAccess', 'states:StartExecution')).toBe('allowed');
    expect(decide('PowerUserAccess', 'lambda:InvokeFunction')).toBe('allowed');
    expect(decide('PowerUserAccess', 'iam:PassRole')).toBe('not-granted');
    expect(decide('PowerUserAccess', 'iam:ListRoles')).toBe('allowed');
    expect(decide('PowerUserAccess', 'organizations:CreateAccount')).toBe('not-granted');
  });

  it('gives the common Step Functions policies what they say', () => {
    expect(decide('AWSLambdaRole', 'lambda:InvokeFunction')).toBe('allowed');
    expect(decide('AWSLambdaRole', 'lambda:CreateFunction')).toBe('not-granted');
    expect(decide('AWSStepFunctionsFullAccess', 'states:StartExecution')).toBe('allowed');
    expect(decide('AWSXrayWriteOnlyAccess', 'xray:PutTraceSegments')).toBe('allowed');
    expect(decide('AWSXrayWriteOnlyAccess', 'xray:GetTraceSummaries')).toBe('not-granted');
    expect(decide('CloudWatchLogsFullAccess', 'logs:CreateLogDelivery')).toBe('allowed');
    expect(decide('AmazonS3ReadOnlyAccess', 's3:GetObject')).toBe('allowed');
    expect(decide('AmazonS3ReadOnlyAccess', 's3:PutObject')).toBe('not-granted');
    expect(decide('AmazonDynamoDBFullAccess', 'dynamodb:PutItem')).toBe('allowed');
    expect(decide('AmazonDynamoDBReadOnlyAccess', 'dynamodb:DescribeTable')).toBe('allowed');
    expect(decide('AWSLambda_FullAccess', 'iam:PassRole')).toBe('allowed');
    expect(decide('IAMFullAccess', 'iam:PassRole')).toBe('allowed');
  });

  it('says which services a policy known in part leaves open', () => {
    expect(facts('AmazonDynamoDBFullAccess').otherServices).toContain('lambda');
    expect(facts('AdministratorAccess').otherServices).toBeUndefined();
  });

  it('writes every action as service:Action', () => {
    for (const policy of KNOWN_MANAGED_POLICIES) {
      for (const statement of policy.statements) {
        for (const action of [...(statement.action ?? []), ...(statement.notAction ?? [])]) {
          expect(action, policy.name).toMatch(/^(\*|[a-z0-9-]+:[A-Za-z*]+)$/);
        }
      }
    }
  });

  it('points the statements at the reference', () => {
    const node = parseDocument('x.json', '"arn:aws:iam::aws:policy/AmazonSNSFullAccess"').roots[0];
    const [statement] = managedPolicyStatements(facts('AmazonSNSFullAccess'), node);
    expect(statement.node).toBe(node);
    expect(statement.origin).toEqual({ kind: 'aws-managed-policy', name: 'AmazonSNSFullAccess', node });
  });
});
