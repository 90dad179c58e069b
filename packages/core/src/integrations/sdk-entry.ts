/**
 * Catalog entries for AWS SDK integrations, built on demand: the generic pattern plus the
 * few calls whose targets, tokens or retry safety sfn-lint knows.
 */
import { LAMBDA_TRANSIENT_ERRORS } from './catalog.js';
import { isIdempotentSdkAction, isReadOnlySdkAction, sdkErrorPrefix, sdkIamActions } from './sdk-iam.js';
import type { CatalogEntry, IdempotencyGuard, IntegrationPattern, ParameterSpec, RetrySafety, TransientError } from './types.js';

/** SDK integrations support request-response and callback, never `.sync` [DG-OPT][CDK-SDK]. */
export const SDK_PATTERNS: readonly IntegrationPattern[] = ['request-response', 'callback'];

interface SdkOverride {
  readonly targets?: readonly ParameterSpec[];
  /** Resource templates for the (single) IAM action, when the target says which resource it is. */
  readonly resources?: readonly string[];
  readonly retrySafety?: RetrySafety;
  readonly guards?: readonly IdempotencyGuard[];
  readonly transientErrors?: readonly TransientError[];
  readonly note?: string;
}

const table = (name: string): ParameterSpec => ({
  path: name,
  form: { kind: 'name-or-arn', arn: 'arn:{partition}:dynamodb:{region}:{account}:table/{value}' },
  required: true,
});
const TABLE = table('TableName');
const BUCKET: ParameterSpec = { path: 'Bucket', form: { kind: 'name', arn: 'arn:{partition}:s3:::{value}' }, required: true };
const KEY: ParameterSpec = { path: 'Key', form: { kind: 'opaque' }, required: true };
const OBJECT = ['arn:{partition}:s3:::{value:Bucket}/{value:Key}'];
const QUEUE: ParameterSpec = { path: 'QueueUrl', form: { kind: 'sqs-queue-url' }, required: true };
const TOPIC: ParameterSpec = { path: 'TopicArn', form: { kind: 'arn' } };
const STATE_MACHINE: ParameterSpec = { path: 'StateMachineArn', form: { kind: 'arn' }, required: true };
const FUNCTION: ParameterSpec = { path: 'FunctionName', form: { kind: 'lambda-function' }, required: true };

const DEDUP = (path: string, applies: string): IdempotencyGuard => ({ path, kind: 'deduplication-id', window: '5 minutes', applies, source: 'C' });

const DYNAMODB_SDK_ERRORS: readonly TransientError[] = [
  { name: 'DynamoDb.ProvisionedThroughputExceededException', kind: 'throttling', source: 'A6', guess: true },
  { name: 'DynamoDb.ThrottlingException', kind: 'throttling', source: 'A6', guess: true },
  { name: 'DynamoDb.RequestLimitExceededException', kind: 'throttling', source: 'DDB-API', guess: true },
];

/** Keyed `<sdk service>:<action>`. Sources: table C of asl-semantics.md and the service APIs. */
const SDK_OVERRIDES: ReadonlyMap<string, SdkOverride> = new Map<string, SdkOverride>([
  // The SDK Lambda call is assumed to raise the optimized integration's error names [B: G].
  [
    'lambda:invoke',
    {
      targets: [FUNCTION],
      resources: ['{arn:FunctionName}'],
      retrySafety: 'unknown',
      transientErrors: LAMBDA_TRANSIENT_ERRORS.map((error) => ({ ...error, guess: true })),
    },
  ],
  ['sfn:startExecution', { targets: [STATE_MACHINE], resources: ['{arn:StateMachineArn}'], retrySafety: 'guarded', guards: [{ path: 'Name', kind: 'name', window: '90 days', source: 'API-SE', applies: 'Standard children only' }] }],
  ['sfn:startSyncExecution', { targets: [STATE_MACHINE], resources: ['{arn:StateMachineArn}'], retrySafety: 'unsafe', note: 'Express executions are not idempotent [DG-GUAR].' }],
  ['sqs:sendMessage', { targets: [QUEUE], resources: ['{arn:QueueUrl}'], retrySafety: 'guarded', guards: [DEDUP('MessageDeduplicationId', 'FIFO queues only')] }],
  ['sqs:sendMessageBatch', { targets: [QUEUE], resources: ['{arn:QueueUrl}'], retrySafety: 'guarded', guards: [DEDUP('Entries.[].MessageDeduplicationId', 'FIFO queues only')] }],
  ['sns:publish', { targets: [TOPIC], resources: ['{arn:TopicArn}'], retrySafety: 'guarded', guards: [DEDUP('MessageDeduplicationId', 'FIFO topics only')] }],
  [
    'sns:publishBatch',
    { targets: [TOPIC], resources: ['{arn:TopicArn}'], retrySafety: 'guarded', guards: [DEDUP('PublishBatchRequestEntries.[].MessageDeduplicationId', 'FIFO topics only')] },
  ],
  ['eventbridge:putEvents', { retrySafety: 'unsafe', note: 'A retry resends every entry [OLD:connect-eventbridge].' }],
  ['ec2:runInstances', { retrySafety: 'guarded', guards: [{ path: 'ClientToken', kind: 'token', source: 'EC2-API' }] }],
  ['ecs:runTask', { retrySafety: 'guarded', guards: [{ path: 'ClientToken', kind: 'token', window: '24 hours', source: 'ECS-API' }] }],
  ['dynamodb:getItem', { targets: [TABLE], resources: ['{arn:TableName}'], transientErrors: DYNAMODB_SDK_ERRORS }],
  ['dynamodb:query', { targets: [TABLE], resources: ['{arn:TableName}', '{arn:TableName}/index/*'], transientErrors: DYNAMODB_SDK_ERRORS }],
  ['dynamodb:scan', { targets: [TABLE], resources: ['{arn:TableName}', '{arn:TableName}/index/*'], transientErrors: DYNAMODB_SDK_ERRORS }],
  ['dynamodb:putItem', { targets: [TABLE], resources: ['{arn:TableName}'], retrySafety: 'idempotent', transientErrors: DYNAMODB_SDK_ERRORS }],
  ['dynamodb:deleteItem', { targets: [TABLE], resources: ['{arn:TableName}'], retrySafety: 'idempotent', transientErrors: DYNAMODB_SDK_ERRORS }],
  [
    'dynamodb:updateItem',
    { targets: [TABLE], resources: ['{arn:TableName}'], retrySafety: 'guarded', guards: [{ path: 'ConditionExpression', kind: 'condition', source: 'DDB-API' }], transientErrors: DYNAMODB_SDK_ERRORS },
  ],
  [
    'dynamodb:transactWriteItems',
    { retrySafety: 'guarded', guards: [{ path: 'ClientRequestToken', kind: 'token', window: '10 minutes', source: 'DDB-API' }], transientErrors: DYNAMODB_SDK_ERRORS },
  ],
  ['emrserverless:startJobRun', { retrySafety: 'guarded', guards: [{ path: 'ClientToken', kind: 'token', source: 'EMRS-API', guess: true }] }],
  ['emrcontainers:startJobRun', { retrySafety: 'guarded', guards: [{ path: 'ClientToken', kind: 'token', source: 'EMRC-API', guess: true }] }],
  ['athena:startQueryExecution', { retrySafety: 'guarded', guards: [{ path: 'ClientRequestToken', kind: 'token', source: 'ATHENA-API', guess: true }] }],
  ['codebuild:startBuild', { retrySafety: 'guarded', guards: [{ path: 'IdempotencyToken', kind: 'token', window: '5 minutes', source: 'CB-API', guess: true }] }],
  ['s3:getObject', { targets: [BUCKET, KEY], resources: OBJECT }],
  ['s3:headObject', { targets: [BUCKET, KEY], resources: OBJECT }],
  ['s3:putObject', { targets: [BUCKET, KEY], resources: OBJECT, retrySafety: 'idempotent', note: 'Safe to repeat when the key and body are deterministic.' }],
  ['s3:deleteObject', { targets: [BUCKET, KEY], resources: OBJECT, retrySafety: 'idempotent' }],
  ['s3:listObjectsV2', { targets: [BUCKET], resources: ['{arn:Bucket}'] }],
]);

const cache = new Map<string, CatalogEntry>();
/** Keys come from the definitions' text: in a long-lived process (the language server), every half-typed action would stay. */
const MAX_CACHED = 2_000;

/** The catalog entry of `arn:aws:states:::aws-sdk:<service>:<action>`. Cached per key. */
export function sdkEntry(service: string, action: string): CatalogEntry {
  const key = `aws-sdk:${service}:${action}`;
  let entry = cache.get(key);
  if (entry) return entry;
  if (cache.size >= MAX_CACHED) cache.clear();
  const override = SDK_OVERRIDES.get(`${service}:${action}`) ?? {};
  const iam = sdkIamActions(service, action);
  const readOnly = isReadOnlySdkAction(action);
  const prefix = sdkErrorPrefix(service);
  const resources = override.resources && iam.actions.length === 1 ? override.resources : null;
  entry = {
    key,
    kind: 'sdk',
    service,
    action,
    patterns: SDK_PATTERNS,
    use: 'task',
    errorPrefix: prefix,
    targets: override.targets ?? [],
    roles: [],
    iam: iam.actions.map((iamAction) => ({
      action: iamAction,
      resources,
      purpose: 'call' as const,
      source: iam.source,
      ...(iam.guess ? { guess: true } : {}),
      ...(iam.note ? { when: iam.note } : {}),
    })),
    ...(resources ? {} : { iamNote: 'sfn-lint cannot tell which resources a generic SDK call touches; AWS’s console also generates partial policies for SDK integrations [OLD:service-integration-iam-templates].' }),
    sideEffects: !readOnly,
    retrySafety: override.retrySafety ?? (readOnly ? 'read-only' : isIdempotentSdkAction(action) ? 'idempotent' : 'unknown'),
    guards: override.guards ?? [],
    // Throttling surfaces as `<Service>.ThrottlingException` in many APIs, but AWS lists none per service [G].
    transientErrors: override.transientErrors ?? [{ name: `${prefix}.ThrottlingException`, kind: 'throttling', source: 'DG-SDK', guess: true }],
    sources: ['DG-SDK', 'CDK-SDK'],
    ...(override.note ? { note: override.note } : {}),
  };
  cache.set(key, entry);
  return entry;
}
