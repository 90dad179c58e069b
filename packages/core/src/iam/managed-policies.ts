import type { DocNode } from '../document/node.js';
import type { SymbolicText } from '../template/types.js';
import { statementFromFacts, type PolicyStatement, type StatementFacts } from './statements.js';

/**
 * What sfn-lint knows of one AWS managed policy: its statements as published in the AWS
 * Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/).
 *
 * Some policies are long lists of console-support actions. For those, `statements` holds
 * only the part a Step Functions role can use and `otherServices` names the services of the
 * rest: a need for one of them is then "unknown" rather than "missing".
 */
export interface ManagedPolicyFacts {
  readonly name: string;
  /** The IAM path between `policy` and the name: `/` or `/service-role/`. */
  readonly path: string;
  readonly statements: readonly StatementFacts[];
  readonly otherServices?: readonly string[];
  /** True for AdministratorAccess-like policies that rules may call broad by name. */
  readonly broad?: boolean;
}

const ALL: readonly string[] = ['*'];

/** What AWSXrayWriteOnlyAccess and AWSXRayDaemonWriteAccess both grant. */
const XRAY_WRITE_ACTIONS: readonly string[] = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
];

const POLICIES: readonly ManagedPolicyFacts[] = [
  { name: 'AdministratorAccess', path: '/', broad: true, statements: [{ action: ['*'], resource: ALL }] },
  {
    // v12 (February 2026).
    name: 'PowerUserAccess',
    path: '/',
    broad: true,
    statements: [
      { notAction: ['iam:*', 'organizations:*', 'account:*'], resource: ALL },
      {
        action: [
          'account:GetAccountInformation',
          'account:GetGovCloudAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeEffectivePolicy',
          'organizations:DescribeOrganization',
        ],
        resource: ALL,
      },
    ],
  },
  {
    name: 'IAMFullAccess',
    path: '/',
    broad: true,
    statements: [
      {
        action: [
          'iam:*',
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          'organizations:DescribeOrganizationalUnit',
          'organizations:DescribePolicy',
          'organizations:ListChildren',
          'organizations:ListParents',
          'organizations:ListPoliciesForTarget',
          'organizations:ListRoots',
          'organizations:ListPolicies',
          'organizations:ListTargetsForPolicy',
        ],
        resource: ALL,
      },
    ],
  },
  { name: 'AWSLambdaRole', path: '/service-role/', statements: [{ action: ['lambda:InvokeFunction'], resource: ALL }] },
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    statements: [{ action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resource: ALL }],
  },
  {
    // Guess from memory, not checked against the reference: logs on every log group, objects of every bucket.
    name: 'AWSLambdaExecute',
    path: '/',
    statements: [
      { action: ['logs:*'], resource: ['arn:aws:logs:*:*:*'] },
      { action: ['s3:GetObject', 's3:PutObject'], resource: ['arn:aws:s3:::*'] },
    ],
  },
  {
    // From memory, not checked against the reference: lambda:* and PassRole to Lambda; the
    // rest is console support for other services.
    name: 'AWSLambda_FullAccess',
    path: '/',
    statements: [
      { action: ['lambda:*'], resource: ALL },
      {
        action: ['iam:PassRole'],
        resource: ALL,
        conditions: [{ operator: 'StringEquals', key: 'iam:PassedToService', values: ['lambda.amazonaws.com'] }],
      },
    ],
    otherServices: ['cloudformation', 'cloudwatch', 'ec2', 'iam', 'kms', 'logs', 'states', 'tag', 'xray'],
  },
  { name: 'AWSStepFunctionsFullAccess', path: '/', statements: [{ action: ['states:*'], resource: ALL }] },
  {
    name: 'AWSStepFunctionsConsoleFullAccess',
    path: '/',
    statements: [
      { action: ['states:*'], resource: ALL },
      { action: ['iam:ListRoles'], resource: ALL },
      { action: ['iam:PassRole'], resource: ['arn:aws:iam::*:role/service-role/StatesExecutionRole*'] },
      { action: ['lambda:ListFunctions'], resource: ALL },
    ],
  },
  {
    name: 'AWSXrayWriteOnlyAccess',
    path: '/',
    statements: [
      {
        action: XRAY_WRITE_ACTIONS,
        resource: ALL,
      },
    ],
  },
  {
    name: 'AWSXRayDaemonWriteAccess',
    path: '/',
    statements: [
      {
        action: XRAY_WRITE_ACTIONS,
        resource: ALL,
      },
    ],
  },
  {
    // logs:* for certain; recent versions add CloudWatch query-generation actions.
    name: 'CloudWatchLogsFullAccess',
    path: '/',
    statements: [{ action: ['logs:*'], resource: ALL }],
    otherServices: ['cloudwatch', 'observabilityadmin'],
  },
  {
    // Guess from memory: events:* plus PassRole on the role name the console creates.
    name: 'CloudWatchEventsFullAccess',
    path: '/',
    statements: [
      { action: ['events:*'], resource: ALL },
      { action: ['iam:PassRole'], resource: ['arn:aws:iam::*:role/AWS_Events_Invoke_Targets'] },
    ],
  },
  {
    name: 'AmazonEventBridgeFullAccess',
    path: '/',
    statements: [{ action: ['events:*', 'schemas:*', 'scheduler:*', 'pipes:*'], resource: ALL }],
    // Then service-linked roles, PassRole to EventBridge, and the API destination secrets.
    otherServices: ['iam', 'secretsmanager'],
  },
  { name: 'AmazonSQSFullAccess', path: '/', statements: [{ action: ['sqs:*'], resource: ALL }] },
  {
    name: 'AmazonSNSFullAccess',
    path: '/',
    statements: [{ action: ['sns:*'], resource: ALL }],
    // v2 adds SMS actions, allowed only when called through SNS.
    otherServices: ['sms-voice'],
  },
  { name: 'AmazonS3FullAccess', path: '/', statements: [{ action: ['s3:*', 's3-object-lambda:*'], resource: ALL }] },
  {
    name: 'AmazonS3ReadOnlyAccess',
    path: '/',
    statements: [
      {
        action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
        resource: ALL,
      },
    ],
  },
  {
    // v15: dynamodb:* and dax:* in its first statement, then console support for other services.
    name: 'AmazonDynamoDBFullAccess',
    path: '/',
    statements: [{ action: ['dynamodb:*', 'dax:*'], resource: ALL }],
    otherServices: [
      'application-autoscaling',
      'cloudwatch',
      'datapipeline',
      'ec2',
      'iam',
      'kinesis',
      'kms',
      'lambda',
      'outposts',
      'resource-groups',
      'sns',
      'tag',
    ],
  },
  {
    // The read actions are certain; the full list of dynamodb reads and the console support are not.
    name: 'AmazonDynamoDBReadOnlyAccess',
    path: '/',
    statements: [
      {
        action: [
          'dynamodb:BatchGetItem',
          'dynamodb:Describe*',
          'dynamodb:List*',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:PartiQLSelect',
        ],
        resource: ALL,
      },
    ],
    otherServices: [
      'dynamodb',
      'application-autoscaling',
      'cloudwatch',
      'datapipeline',
      'dax',
      'iam',
      'kms',
      'lambda',
      'resource-groups',
      'sns',
      'tag',
    ],
  },
];

const BY_NAME = new Map(POLICIES.map((policy) => [policy.name, policy]));

/** Every AWS managed policy sfn-lint knows, for documentation and tests. */
export const KNOWN_MANAGED_POLICIES: readonly ManagedPolicyFacts[] = POLICIES;

/** A reference to an AWS managed policy: its name, and the IAM path when the reference gave one. */
export interface AwsManagedPolicyReference {
  readonly name: string;
  readonly path: string | undefined;
}

/** `arn:aws:iam::aws:policy/[path/]Name`, with any partition or `${AWS::Partition}`. */
const AWS_MANAGED_ARN = /^arn:(?:aws[a-z-]*|\$\{AWS::Partition\}):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

/**
 * Reads an AWS managed policy reference: an ARN in the `aws` account (written literally, or
 * as Fn::Sub / Fn::Join text with `${AWS::Partition}`), or, where SAM accepts it, a bare
 * policy name such as `AmazonSQSFullAccess`. Undefined for anything else (a customer policy).
 */
export function awsManagedPolicyReference(text: SymbolicText | undefined, allowBareName = false): AwsManagedPolicyReference | undefined {
  if (text === undefined) return undefined;
  const match = AWS_MANAGED_ARN.exec(text);
  if (match) return { name: match[2], path: match[1] };
  if (allowBareName && /^[\w+=,.@-]+$/.test(text)) return { name: text, path: undefined };
  return undefined;
}

/**
 * The facts of an AWS managed policy, or undefined when sfn-lint does not know it (or the
 * ARN names a path the policy does not have, which IAM would reject).
 */
export function managedPolicyFacts(reference: AwsManagedPolicyReference): ManagedPolicyFacts | undefined {
  const facts = BY_NAME.get(reference.name);
  if (!facts) return undefined;
  if (reference.path !== undefined && reference.path !== facts.path) return undefined;
  return facts;
}

/** The statements of a known managed policy, pointing at the node that references it. */
export function managedPolicyStatements(facts: ManagedPolicyFacts, node: DocNode | undefined): PolicyStatement[] {
  const origin = { kind: 'aws-managed-policy' as const, name: facts.name, node };
  return facts.statements.map((statement) => statementFromFacts(statement, node, origin));
}
