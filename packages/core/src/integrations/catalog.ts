/**
 * The service-integration catalog: every optimized integration Step Functions documents,
 * with the IAM each pattern needs, the parameters that name its target, the tokens that
 * make a retry safe and the errors worth retrying. One source of truth for rules and IAM.
 *
 * Sources beyond asl-semantics.md §0 (keys used in `source` fields):
 * | Key | Address |
 * |---|---|
 * | DG-OPT | https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html (service × pattern table) |
 * | DG-CB | …/dg/connect-codebuild.html (API × pattern table: StartBuild, StopBuild, BatchDeleteBuilds, BatchGetReports, StartBuildBatch, StopBuildBatch, RetryBuildBatch, DeleteBuildBatch) |
 * | DG-SM | …/dg/connect-sagemaker.html (API list; .sync on the job APIs) |
 * | DG-EMRS | …/dg/connect-emr-serverless.html (six APIs, each with .sync; no callback) |
 * | DG-BEDROCK | …/dg/connect-bedrock.html and bedrock-iam.html |
 * | DG-HTTP | …/dg/connect-third-party-apis.html (HTTP Task IAM) |
 * | OLD:x-iam | awsdocs/aws-step-functions-developer-guide `doc_source/<x>-iam.md` (as in §0) |
 * | CDK-MC, CDK-CBB, CDK-BR, CDK-EKS | aws/aws-cdk `aws-stepfunctions-tasks/lib/{mediaconvert/create-job, codebuild/start-build-batch, bedrock/invoke-model, eks/call}.ts` |
 * | CDK-SDKMAP | aws/aws-cdk `aws-stepfunctions-tasks/lib/private/aws-sdk-iam-service-map.ts` |
 * | S3-ACT | https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-actions.html |
 * | SQS-API, SNS-API, DDB-API, ECS-API, LAMBDA-API, EC2-API | the service API pages of §0 ("Service API pages") |
 * | ATHENA-API, CB-API, EMRC-API, EMRS-API, EKS-API, MC-API, BEDROCK-API, SM-API, APIGW-API | the service's own API reference (idempotency tokens, unique names); not re-read here |
 *
 * Error prefixes other than `Lambda`, `DynamoDB` and `EKS` (seen in AWS pages) follow the
 * service names [G]; the rules match them only for advice.
 */
import type {
  CatalogEntry,
  IamNeed,
  IdempotencyGuard,
  IntegrationPattern,
  ParameterForm,
  ParameterSpec,
  RetrySafety,
  SourceKey,
  TransientError,
} from './types.js';

const RR: IntegrationPattern = 'request-response';
const SYNC: IntegrationPattern = 'sync';
const SYNC2: IntegrationPattern = 'sync:2';
const CALLBACK: IntegrationPattern = 'callback';

// ---------------------------------------------------------------------------------------
// Builders: they keep the table short; every value still comes from a source.

const arnForm = (): ParameterForm => ({ kind: 'arn' });
const named = (arn: string): ParameterForm => ({ kind: 'name', arn });
const nameOrArn = (arn: string): ParameterForm => ({ kind: 'name-or-arn', arn });
const opaque = (): ParameterForm => ({ kind: 'opaque' });
const roleForm = nameOrArn('arn:{partition}:iam::{account}:role/{value}');

function param(path: string, form: ParameterForm, extra: Partial<ParameterSpec> = {}): ParameterSpec {
  return { path, form, ...extra };
}

function role(path: string, passedToService?: string, extra: Partial<ParameterSpec> = {}): ParameterSpec {
  return { path, form: roleForm, ...(passedToService ? { passedToService } : {}), ...extra };
}

type NeedOptions = Omit<Partial<IamNeed>, 'action' | 'resources' | 'source'>;

/** Needs for several actions on the same resources. */
function needs(actions: readonly string[], resources: readonly string[] | null, source: SourceKey, options: NeedOptions = {}): IamNeed[] {
  return actions.map((action) => ({ action, resources, purpose: 'call', source, ...options }));
}

function need(action: string, resources: readonly string[] | null, source: SourceKey, options: NeedOptions = {}): IamNeed {
  return { action, resources, purpose: 'call', source, ...options };
}

/** Actions AWS documents only on `*`. */
function star(actions: readonly string[], source: SourceKey, options: NeedOptions = {}): IamNeed[] {
  return needs(actions, ['*'], source, { onlyStar: true, ...options });
}

/** The managed EventBridge rule that `.sync` uses to learn that the job finished. */
function eventsRule(rule: string, source: SourceKey, options: NeedOptions = {}): IamNeed[] {
  return needs(
    ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
    [`arn:{partition}:events:{region}:{account}:rule/${rule}`],
    source,
    { patterns: [SYNC], purpose: 'events-rule', ...options },
  );
}

function passRole(path: string, source: SourceKey, passedToService?: string, options: NeedOptions = {}): IamNeed {
  return {
    action: 'iam:PassRole',
    resources: [`{arn:${path}}`],
    purpose: 'pass-role',
    source,
    ...(passedToService ? { condition: { operator: 'StringEquals', key: 'iam:PassedToService', value: passedToService } } : {}),
    ...options,
  };
}

function guard(path: string, kind: IdempotencyGuard['kind'], source: SourceKey, extra: Partial<IdempotencyGuard> = {}): IdempotencyGuard {
  return { path, kind, source, ...extra };
}

interface Definition {
  readonly patterns: readonly IntegrationPattern[];
  readonly errorPrefix: string;
  readonly targets?: readonly ParameterSpec[];
  readonly roles?: readonly ParameterSpec[];
  readonly iam: readonly IamNeed[];
  readonly iamNote?: string;
  readonly sideEffects: boolean;
  readonly retrySafety: RetrySafety;
  readonly guards?: readonly IdempotencyGuard[];
  readonly transientErrors?: readonly TransientError[];
  readonly sources: readonly SourceKey[];
  readonly use?: CatalogEntry['use'];
  readonly guess?: boolean;
  readonly note?: string;
}

function optimized(service: string, action: string, definition: Definition): CatalogEntry {
  return {
    key: `${service}:${action}`,
    kind: service === 'http' ? 'http' : 'optimized',
    service,
    action,
    patterns: definition.patterns,
    use: definition.use ?? 'task',
    errorPrefix: definition.errorPrefix,
    targets: definition.targets ?? [],
    roles: definition.roles ?? [],
    iam: definition.iam,
    ...(definition.iamNote ? { iamNote: definition.iamNote } : {}),
    sideEffects: definition.sideEffects,
    retrySafety: definition.retrySafety,
    guards: definition.guards ?? [],
    transientErrors: definition.transientErrors ?? [],
    sources: definition.sources,
    ...(definition.guess ? { guess: true } : {}),
    ...(definition.note ? { note: definition.note } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Error names

/** AWS's recommended Lambda retrier covers these four [DG-BP]; the 2023 page listed the last three [OLD:bp-lambda-serviceexception]. */
export const LAMBDA_TRANSIENT_ERRORS: readonly TransientError[] = [
  { name: 'Lambda.ClientExecutionTimeoutException', kind: 'transient', source: 'DG-BP' },
  { name: 'Lambda.ServiceException', kind: 'transient', source: 'DG-BP' },
  { name: 'Lambda.AWSLambdaException', kind: 'transient', source: 'DG-BP' },
  { name: 'Lambda.SdkClientException', kind: 'transient', source: 'DG-BP' },
  { name: 'Lambda.TooManyRequestsException', kind: 'throttling', source: 'DG-BP' },
];

/** AWS publishes no DynamoDB retry list; these are the throttling names public definitions retry [G]. */
const DYNAMODB_TRANSIENT_ERRORS: readonly TransientError[] = [
  { name: 'DynamoDB.ProvisionedThroughputExceededException', kind: 'throttling', source: 'DG-ERR', guess: true },
  { name: 'DynamoDB.ThrottlingException', kind: 'throttling', source: 'DG-ERR', guess: true },
  { name: 'DynamoDB.RequestLimitExceeded', kind: 'throttling', source: 'DDB-API', guess: true },
];

// ---------------------------------------------------------------------------------------
// Templates shared by several entries

const LAMBDA_FUNCTION = param('FunctionName', { kind: 'lambda-function' }, { required: true });
const DDB_TABLE = param('TableName', nameOrArn('arn:{partition}:dynamodb:{region}:{account}:table/{value}'), { required: true });
const EMR_CLUSTER = param('ClusterId', named('arn:{partition}:elasticmapreduce:{region}:{account}:cluster/{value}'), { required: true });
const EMR_CLUSTER_ANY = 'arn:{partition}:elasticmapreduce:*:*:cluster/*';
const EMRC_ANY = 'arn:{partition}:emr-containers:{region}:{account}:/virtualclusters/*';
const EMRC_JOB_RUNS = 'arn:{partition}:emr-containers:{region}:{account}:/virtualclusters/{value:VirtualClusterId}/jobruns/*';
const EMRS_APPLICATION = param('ApplicationId', named('arn:{partition}:emr-serverless:{region}:{account}:/applications/{value}'), { required: true });
const EMRS_ANY = 'arn:{partition}:emr-serverless:{region}:{account}:/applications/*';
const CODEBUILD_PROJECT = param('ProjectName', nameOrArn('arn:{partition}:codebuild:{region}:{account}:project/{value}'), { required: true });
const CODEBUILD_ANY = 'arn:{partition}:codebuild:{region}:*:project/*';
const EKS_CLUSTER_BY = (path: string) => param(path, named('arn:{partition}:eks:{region}:{account}:cluster/{value}'), { required: true });
const EKS_NODEGROUP = 'arn:{partition}:eks:{region}:{account}:nodegroup/{value:ClusterName}/{value:NodegroupName}/*';
const EKS_NODEGROUP_ANY = 'arn:{partition}:eks:{region}:{account}:nodegroup/*';
const EKS_FARGATE_ANY = 'arn:{partition}:eks:{region}:{account}:fargateprofile/*';
const ATHENA_WORKGROUP = param('WorkGroup', named('arn:{partition}:athena:{region}:{account}:workgroup/{value}'), { default: 'primary' });
const ATHENA_ANY = 'arn:{partition}:athena:{region}:{account}:workgroup/*';
const STATES_EXECUTION = 'arn:{partition}:states:{region}:{account}:execution:{name:StateMachineArn}:*';
const STATES_EXECUTION_ANY = 'arn:{partition}:states:{region}:{account}:execution:*';
const SAGEMAKER = (type: string, value: string) => `arn:{partition}:sagemaker:{region}:{account}:${type}/${value}`;

/** Athena reads and writes query results in S3 and the Glue Data Catalog for the caller [OLD:athena-iam]. */
const ATHENA_DATA: readonly IamNeed[] = [
  ...needs(
    [
      's3:GetBucketLocation',
      's3:GetObject',
      's3:ListBucket',
      's3:ListBucketMultipartUploads',
      's3:ListMultipartUploadParts',
      's3:AbortMultipartUpload',
      's3:CreateBucket',
      's3:PutObject',
    ],
    ['arn:{partition}:s3:::*'],
    'OLD:athena-iam',
    { purpose: 'data', when: 'for the query result location and the data the query reads' },
  ),
  ...needs(
    [
      'glue:CreateDatabase',
      'glue:GetDatabase',
      'glue:GetDatabases',
      'glue:UpdateDatabase',
      'glue:DeleteDatabase',
      'glue:CreateTable',
      'glue:UpdateTable',
      'glue:GetTable',
      'glue:GetTables',
      'glue:DeleteTable',
      'glue:BatchDeleteTable',
      'glue:BatchCreatePartition',
      'glue:CreatePartition',
      'glue:UpdatePartition',
      'glue:GetPartition',
      'glue:GetPartitions',
      'glue:BatchGetPartition',
      'glue:DeletePartition',
      'glue:BatchDeletePartition',
    ],
    [
      'arn:{partition}:glue:{region}:{account}:catalog',
      'arn:{partition}:glue:{region}:{account}:database/*',
      'arn:{partition}:glue:{region}:{account}:table/*',
      'arn:{partition}:glue:{region}:{account}:userDefinedFunction/*',
    ],
    'OLD:athena-iam',
    { purpose: 'data', when: 'for the Glue Data Catalog objects the query uses' },
  ),
  ...star(['lakeformation:GetDataAccess'], 'OLD:athena-iam', { purpose: 'data', when: 'when Lake Formation governs the tables' }),
];

function sagemakerJob(
  action: string,
  api: string,
  resourceType: string,
  nameParam: string,
  rule: string,
  rolePath: string | null,
  source: SourceKey,
  guess: boolean,
): CatalogEntry {
  const resource = SAGEMAKER(resourceType, `{value:${nameParam}}*`);
  const any = SAGEMAKER(resourceType, '*');
  return optimized('sagemaker', action, {
    patterns: [RR, SYNC],
    errorPrefix: 'SageMaker',
    targets: [param(nameParam, named(SAGEMAKER(resourceType, '{value}')), { required: true })],
    roles: rolePath ? [role(rolePath, 'sagemaker.amazonaws.com')] : [],
    iam: [
      need(`sagemaker:Create${api}`, [resource], source, { dynamic: [any] }),
      need(`sagemaker:Describe${api}`, [resource], source, { dynamic: [any], patterns: [SYNC], purpose: 'poll', guess }),
      need(`sagemaker:Stop${api}`, [resource], source, { dynamic: [any], patterns: [SYNC], purpose: 'cancel', guess }),
      ...star(['sagemaker:ListTags'], source, { purpose: 'other', guess }),
      rolePath
        ? passRole(rolePath, source, 'sagemaker.amazonaws.com', { guess })
        : // AWS's template passes the model's role although CreateTransformJob takes none.
          {
            action: 'iam:PassRole',
            resources: null,
            purpose: 'pass-role',
            source,
            when: 'AWS’s template includes it for the model’s role',
            condition: { operator: 'StringEquals', key: 'iam:PassedToService', value: 'sagemaker.amazonaws.com' },
          },
      ...eventsRule(rule, source, { guess }),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard(nameParam, 'name', 'SM-API', { guess: true })],
    sources: ['DG-SM', source],
    note: 'Job names are unique per account and Region, so a repeated create fails instead of starting a second job.',
  });
}

interface EmrServerlessApi {
  /** The resource the call acts on, and that the `.sync` poll reads. */
  readonly resource: string;
  readonly poll: string;
  readonly cancel?: string;
  readonly rule: string;
  readonly extra?: IamNeed[];
  readonly targets?: ParameterSpec[];
  readonly roles?: ParameterSpec[];
  readonly retrySafety: RetrySafety;
  readonly guards?: IdempotencyGuard[];
}

function emrServerless(action: string, api: string, definition: EmrServerlessApi): CatalogEntry {
  return optimized('emr-serverless', action, {
    patterns: [RR, SYNC],
    errorPrefix: 'EMRServerless',
    targets: definition.targets ?? [EMRS_APPLICATION],
    roles: definition.roles,
    iam: [
      need(`emr-serverless:${api}`, [definition.resource], 'DG-EMRS', { dynamic: [EMRS_ANY], guess: true }),
      need(`emr-serverless:${definition.poll}`, [definition.resource], 'DG-EMRS', { dynamic: [EMRS_ANY], patterns: [SYNC], purpose: 'poll', guess: true }),
      ...(definition.cancel
        ? [need(`emr-serverless:${definition.cancel}`, [definition.resource], 'DG-EMRS', { dynamic: [EMRS_ANY], patterns: [SYNC], purpose: 'cancel' as const, guess: true })]
        : []),
      ...(definition.extra ?? []),
      ...eventsRule(definition.rule, 'DG-EMRS', { guess: true }),
    ],
    sideEffects: true,
    retrySafety: definition.retrySafety,
    guards: definition.guards,
    sources: ['DG-EMRS', 'DG-OPT'],
  });
}

// ---------------------------------------------------------------------------------------
// The catalog

const ENTRIES: readonly CatalogEntry[] = [
  // Lambda ---------------------------------------------------------------------------
  optimized('lambda', 'invoke', {
    patterns: [RR, CALLBACK],
    errorPrefix: 'Lambda',
    targets: [LAMBDA_FUNCTION],
    iam: [need('lambda:InvokeFunction', ['{arn:FunctionName}'], 'OLD:lambda-iam', { dynamic: ['arn:{partition}:lambda:{region}:{account}:function:*'] })],
    sideEffects: true,
    // The function "might have run completely, partially, or not at all" [LAMBDA-API invocation-retries].
    retrySafety: 'unknown',
    transientErrors: LAMBDA_TRANSIENT_ERRORS,
    sources: ['DG-OPT', 'OLD:lambda-iam', 'DG-BP'],
    note: 'No API token; pass a deterministic key in the Payload. A qualified FunctionName needs the qualified ARN or `:*` [G].',
  }),

  // DynamoDB -------------------------------------------------------------------------
  ...(['getItem', 'putItem', 'updateItem', 'deleteItem'] as const).map((action) => {
    const readOnly = action === 'getItem';
    return optimized('dynamodb', action, {
      patterns: [RR],
      errorPrefix: 'DynamoDB',
      targets: [DDB_TABLE],
      iam: [need(`dynamodb:${action[0].toUpperCase()}${action.slice(1)}`, ['{arn:TableName}'], 'OLD:dynamo-iam')],
      sideEffects: !readOnly,
      retrySafety: readOnly ? 'read-only' : action === 'updateItem' ? 'guarded' : 'idempotent',
      guards: action === 'updateItem' || action === 'putItem' ? [guard('ConditionExpression', 'condition', 'DDB-API')] : [],
      transientErrors: DYNAMODB_TRANSIENT_ERRORS,
      sources: ['DG-OPT', 'OLD:dynamo-iam'],
      ...(action === 'updateItem'
        ? { note: 'Only ADD and arithmetic SET repeat an effect; guard them with a ConditionExpression (version or attribute_not_exists).' }
        : action === 'putItem'
          ? { note: 'Safe to repeat when the item is deterministic.' }
          : {}),
    });
  }),

  // SQS ------------------------------------------------------------------------------
  optimized('sqs', 'sendMessage', {
    patterns: [RR, CALLBACK],
    errorPrefix: 'SQS',
    targets: [param('QueueUrl', { kind: 'sqs-queue-url' }, { required: true })],
    iam: [need('sqs:SendMessage', ['{arn:QueueUrl}'], 'OLD:sqs-iam')],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [
      guard('MessageDeduplicationId', 'deduplication-id', 'SQS-API', {
        window: '5 minutes',
        applies: 'FIFO queues (or a queue with ContentBasedDeduplication); a standard queue cannot deduplicate',
      }),
    ],
    sources: ['DG-OPT', 'OLD:sqs-iam', 'SQS-API'],
  }),

  // SNS ------------------------------------------------------------------------------
  optimized('sns', 'publish', {
    patterns: [RR, CALLBACK],
    errorPrefix: 'SNS',
    targets: [param('TopicArn', arnForm()), param('TargetArn', arnForm()), param('PhoneNumber', opaque())],
    // Static TopicArn → the topic; a path, TargetArn or PhoneNumber → "*" [OLD:sns-iam].
    iam: [need('sns:Publish', ['{arn:TopicArn}'], 'OLD:sns-iam')],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('MessageDeduplicationId', 'deduplication-id', 'SNS-API', { window: '5 minutes', applies: 'FIFO topics only' })],
    sources: ['DG-OPT', 'OLD:sns-iam', 'SNS-API'],
  }),

  // EventBridge ----------------------------------------------------------------------
  optimized('events', 'putEvents', {
    patterns: [RR, CALLBACK],
    errorPrefix: 'EventBridge',
    targets: [param('Entries.[].EventBusName', nameOrArn('arn:{partition}:events:{region}:{account}:event-bus/{value}'), { default: 'default' })],
    iam: [
      need('events:PutEvents', ['{arn:Entries.[].EventBusName}'], 'OLD:eventbridge-iam', {
        dynamic: ['arn:{partition}:events:*:*:event-bus/*'],
      }),
    ],
    sideEffects: true,
    // A retry resends every entry, the successful ones included (EventBridge.FailedEntry) [OLD:connect-eventbridge].
    retrySafety: 'unsafe',
    sources: ['DG-OPT', 'OLD:eventbridge-iam', 'OLD:connect-eventbridge'],
  }),

  // Step Functions -------------------------------------------------------------------
  optimized('states', 'startExecution', {
    patterns: [RR, SYNC, SYNC2, CALLBACK],
    errorPrefix: 'StepFunctions',
    targets: [param('StateMachineArn', arnForm(), { required: true })],
    iam: [
      need('states:StartExecution', ['{arn:StateMachineArn}'], 'OLD:stepfunctions-iam', {
        dynamic: ['arn:{partition}:states:{region}:{account}:stateMachine:*'],
      }),
      need('states:DescribeExecution', [STATES_EXECUTION], 'OLD:stepfunctions-iam', { dynamic: [STATES_EXECUTION_ANY], patterns: [SYNC, SYNC2], purpose: 'poll' }),
      need('states:StopExecution', [STATES_EXECUTION], 'OLD:stepfunctions-iam', { dynamic: [STATES_EXECUTION_ANY], patterns: [SYNC, SYNC2], purpose: 'cancel' }),
      ...eventsRule('StepFunctionsGetEventsForStepFunctionsExecutionRule', 'OLD:stepfunctions-iam', { patterns: [SYNC, SYNC2] }),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [
      guard('Name', 'name', 'API-SE', {
        applies: 'Standard children: a repeat with the same Name and input returns the running execution; Express children are not idempotent',
        window: '90 days',
      }),
    ],
    sources: ['DG-OPT', 'OLD:stepfunctions-iam', 'API-SE'],
  }),

  // ECS ------------------------------------------------------------------------------
  optimized('ecs', 'runTask', {
    patterns: [RR, SYNC, CALLBACK],
    errorPrefix: 'ECS',
    targets: [
      param('TaskDefinition', { kind: 'ecs-task-definition' }, { required: true }),
      param('Cluster', nameOrArn('arn:{partition}:ecs:{region}:{account}:cluster/{value}'), { default: 'default' }),
    ],
    iam: [
      need('ecs:RunTask', ['{arn:TaskDefinition}'], 'OLD:ecs-iam'),
      ...star(['ecs:StopTask'], 'OLD:ecs-iam', { patterns: [SYNC], purpose: 'cancel' }),
      ...star(['ecs:DescribeTasks'], 'OLD:ecs-iam', { patterns: [SYNC], purpose: 'poll' }),
      ...eventsRule('StepFunctionsGetEventsForECSTaskRule', 'OLD:ecs-iam'),
      // D1 lists PassRole for task roles; the 2023 page read here does not show it [G].
      {
        action: 'iam:PassRole',
        resources: null,
        purpose: 'pass-role',
        source: 'OLD:ecs-iam',
        condition: { operator: 'StringEquals', key: 'iam:PassedToService', value: 'ecs-tasks.amazonaws.com' },
        when: 'when the task definition or Overrides name a task role or an execution role',
        guess: true,
      },
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientToken', 'token', 'ECS-API', { window: '24 hours', applies: 'per cluster; whether the integration passes it through is [G]', guess: true })],
    sources: ['DG-OPT', 'OLD:ecs-iam', 'ECS-API'],
    note: 'ecs:StopTask stops only tasks that Step Functions started, despite the "*" [OLD:ecs-iam].',
  }),

  // Batch ----------------------------------------------------------------------------
  optimized('batch', 'submitJob', {
    patterns: [RR, SYNC],
    errorPrefix: 'Batch',
    targets: [
      param('JobQueue', nameOrArn('arn:{partition}:batch:{region}:{account}:job-queue/{value}'), { required: true }),
      param('JobDefinition', nameOrArn('arn:{partition}:batch:{region}:{account}:job-definition/{value}'), { required: true }),
      param('JobName', opaque(), { required: true }),
    ],
    // "AWS Batch does not support resource level access control" [OLD:batch-iam].
    iam: [
      ...star(['batch:SubmitJob'], 'OLD:batch-iam'),
      ...star(['batch:DescribeJobs'], 'OLD:batch-iam', { patterns: [SYNC], purpose: 'poll' }),
      ...star(['batch:TerminateJob'], 'OLD:batch-iam', { patterns: [SYNC], purpose: 'cancel' }),
      ...eventsRule('StepFunctionsGetEventsForBatchJobsRule', 'OLD:batch-iam'),
    ],
    sideEffects: true,
    retrySafety: 'unsafe',
    sources: ['DG-OPT', 'OLD:batch-iam'],
    note: 'No idempotency token is known [G]; prefer the job definition’s RetryStrategy.',
  }),

  // Glue -----------------------------------------------------------------------------
  optimized('glue', 'startJobRun', {
    patterns: [RR, SYNC],
    errorPrefix: 'Glue',
    targets: [param('JobName', named('arn:{partition}:glue:{region}:{account}:job/{value}'), { required: true })],
    // "AWS Glue does not have resource-based control"; no events rule [OLD:glue-iam].
    iam: [
      ...star(['glue:StartJobRun'], 'OLD:glue-iam'),
      ...star(['glue:GetJobRun', 'glue:GetJobRuns'], 'OLD:glue-iam', { patterns: [SYNC], purpose: 'poll' }),
      ...star(['glue:BatchStopJobRun'], 'OLD:glue-iam', { patterns: [SYNC], purpose: 'cancel' }),
    ],
    sideEffects: true,
    retrySafety: 'unsafe',
    sources: ['DG-OPT', 'OLD:glue-iam'],
    note: 'No idempotency token is known [G].',
  }),

  // Glue DataBrew --------------------------------------------------------------------
  optimized('databrew', 'startJobRun', {
    patterns: [RR, SYNC],
    errorPrefix: 'DataBrew',
    targets: [param('Name', named('arn:{partition}:databrew:{region}:{account}:job/{value}'), { required: true })],
    iam: [
      need('databrew:StartJobRun', ['{arn:Name}'], 'OLD:databrew-iam', { dynamic: ['arn:{partition}:databrew:{region}:{account}:job/*'] }),
      need('databrew:ListJobRuns', ['{arn:Name}'], 'OLD:databrew-iam', { dynamic: ['arn:{partition}:databrew:{region}:{account}:job/*'], patterns: [SYNC], purpose: 'poll' }),
      need('databrew:StopJobRun', ['{arn:Name}'], 'OLD:databrew-iam', { dynamic: ['arn:{partition}:databrew:{region}:{account}:job/*'], patterns: [SYNC], purpose: 'cancel' }),
    ],
    sideEffects: true,
    retrySafety: 'unsafe',
    sources: ['DG-OPT', 'OLD:databrew-iam'],
  }),

  // SageMaker ------------------------------------------------------------------------
  sagemakerJob('createTrainingJob', 'TrainingJob', 'training-job', 'TrainingJobName', 'StepFunctionsGetEventsForSageMakerTrainingJobsRule', 'RoleArn', 'OLD:sagemaker-iam', false),
  sagemakerJob('createTransformJob', 'TransformJob', 'transform-job', 'TransformJobName', 'StepFunctionsGetEventsForSageMakerTransformJobsRule', null, 'OLD:sagemaker-iam', false),
  // The three below follow the training-job template; their rule names are [G].
  sagemakerJob(
    'createProcessingJob',
    'ProcessingJob',
    'processing-job',
    'ProcessingJobName',
    'StepFunctionsGetEventsForSageMakerProcessingJobsRule',
    'RoleArn',
    'DG-SM',
    true,
  ),
  sagemakerJob(
    'createHyperParameterTuningJob',
    'HyperParameterTuningJob',
    'hyper-parameter-tuning-job',
    'HyperParameterTuningJobName',
    'StepFunctionsGetEventsForSageMakerTuningJobsRule',
    'TrainingJobDefinition.RoleArn',
    'DG-SM',
    true,
  ),
  sagemakerJob('createLabelingJob', 'LabelingJob', 'labeling-job', 'LabelingJobName', 'StepFunctionsGetEventsForSageMakerLabelingJobsRule', 'RoleArn', 'DG-SM', true),
  ...(
    [
      ['createEndpoint', 'CreateEndpoint', 'endpoint', 'EndpointName', null],
      ['createEndpointConfig', 'CreateEndpointConfig', 'endpoint-config', 'EndpointConfigName', null],
      ['createModel', 'CreateModel', 'model', 'ModelName', 'ExecutionRoleArn'],
      ['updateEndpoint', 'UpdateEndpoint', 'endpoint', 'EndpointName', null],
    ] as const
  ).map(([action, api, type, nameParam, rolePath]) =>
    optimized('sagemaker', action, {
      patterns: [RR],
      errorPrefix: 'SageMaker',
      targets: [param(nameParam, named(SAGEMAKER(type, '{value}')), { required: true })],
      roles: rolePath ? [role(rolePath, 'sagemaker.amazonaws.com')] : [],
      iam: [
        need(`sagemaker:${api}`, [`{arn:${nameParam}}`], 'DG-SM', { dynamic: [SAGEMAKER(type, '*')], guess: true }),
        ...(rolePath ? [passRole(rolePath, 'DG-SM', 'sagemaker.amazonaws.com', { guess: true })] : []),
      ],
      sideEffects: true,
      retrySafety: action === 'updateEndpoint' ? 'idempotent' : 'guarded',
      guards: action === 'updateEndpoint' ? [] : [guard(nameParam, 'name', 'SM-API', { guess: true })],
      sources: ['DG-SM'],
    }),
  ),

  // Athena ---------------------------------------------------------------------------
  optimized('athena', 'startQueryExecution', {
    patterns: [RR, SYNC],
    errorPrefix: 'Athena',
    targets: [ATHENA_WORKGROUP],
    iam: [
      need('athena:StartQueryExecution', ['{arn:WorkGroup}'], 'OLD:athena-iam', { dynamic: [ATHENA_ANY] }),
      need('athena:GetDataCatalog', ['arn:{partition}:athena:{region}:{account}:datacatalog/*'], 'OLD:athena-iam', { purpose: 'data' }),
      need('athena:StopQueryExecution', ['{arn:WorkGroup}'], 'OLD:athena-iam', { dynamic: [ATHENA_ANY], patterns: [SYNC], purpose: 'cancel' }),
      need('athena:GetQueryExecution', ['{arn:WorkGroup}'], 'OLD:athena-iam', { dynamic: [ATHENA_ANY], patterns: [SYNC], purpose: 'poll' }),
      ...ATHENA_DATA,
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'ATHENA-API', { guess: true })],
    sources: ['DG-OPT', 'OLD:athena-iam'],
  }),
  optimized('athena', 'stopQueryExecution', {
    patterns: [RR],
    errorPrefix: 'Athena',
    targets: [param('QueryExecutionId', opaque(), { required: true })],
    iam: [need('athena:StopQueryExecution', [ATHENA_ANY], 'OLD:athena-iam')],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:athena-iam'],
  }),
  optimized('athena', 'getQueryExecution', {
    patterns: [RR],
    errorPrefix: 'Athena',
    targets: [param('QueryExecutionId', opaque(), { required: true })],
    iam: [need('athena:GetQueryExecution', [ATHENA_ANY], 'OLD:athena-iam')],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['OLD:athena-iam'],
  }),
  optimized('athena', 'getQueryResults', {
    patterns: [RR],
    errorPrefix: 'Athena',
    targets: [param('QueryExecutionId', opaque(), { required: true })],
    iam: [
      need('athena:GetQueryResults', [ATHENA_ANY], 'OLD:athena-iam'),
      need('s3:GetObject', ['arn:{partition}:s3:::*'], 'OLD:athena-iam', { purpose: 'data', when: 'for the query result location' }),
    ],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['OLD:athena-iam'],
  }),

  // EMR (the ARN says elasticmapreduce) ----------------------------------------------
  optimized('elasticmapreduce', 'createCluster', {
    patterns: [RR, SYNC],
    errorPrefix: 'EMR',
    targets: [param('Name', opaque(), { required: true })],
    roles: [role('ServiceRole'), role('JobFlowRole')],
    iam: [
      ...star(['elasticmapreduce:RunJobFlow'], 'OLD:emr-iam'),
      ...star(['elasticmapreduce:DescribeCluster'], 'OLD:emr-iam', { patterns: [SYNC], purpose: 'poll' }),
      ...star(['elasticmapreduce:TerminateJobFlows'], 'OLD:emr-iam', { patterns: [SYNC], purpose: 'cancel' }),
      passRole('ServiceRole', 'OLD:emr-iam'),
      // JobFlowRole names an instance profile; AWS's template passes a role of that name [G].
      passRole('JobFlowRole', 'OLD:emr-iam', undefined, { guess: true }),
      ...eventsRule('StepFunctionsGetEventForEMRRunJobFlowRule', 'OLD:emr-iam'),
    ],
    sideEffects: true,
    retrySafety: 'unsafe',
    sources: ['DG-OPT', 'OLD:connect-emr', 'OLD:emr-iam'],
    note: 'Creating the cluster needs the service-linked role AWSServiceRoleForEMRCleanup to exist or be creatable.',
  }),
  optimized('elasticmapreduce', 'setClusterTerminationProtection', {
    patterns: [RR],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER],
    iam: [need('elasticmapreduce:SetTerminationProtection', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY] })],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),
  optimized('elasticmapreduce', 'modifyInstanceFleetByName', {
    patterns: [RR],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER],
    iam: needs(['elasticmapreduce:ModifyInstanceFleet', 'elasticmapreduce:ListInstanceFleets'], ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY] }),
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),
  optimized('elasticmapreduce', 'modifyInstanceGroupByName', {
    patterns: [RR],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER],
    iam: needs(['elasticmapreduce:ModifyInstanceGroups', 'elasticmapreduce:ListInstanceGroups'], ['{arn:ClusterId}'], 'OLD:emr-iam'),
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),
  optimized('elasticmapreduce', 'terminateCluster', {
    patterns: [RR, SYNC],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER],
    iam: [
      need('elasticmapreduce:TerminateJobFlows', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY] }),
      need('elasticmapreduce:DescribeCluster', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY], patterns: [SYNC], purpose: 'poll' }),
      ...eventsRule('StepFunctionsGetEventForEMRTerminateJobFlowsRule', 'OLD:emr-iam'),
    ],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),
  optimized('elasticmapreduce', 'addStep', {
    patterns: [RR, SYNC],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER],
    iam: [
      need('elasticmapreduce:AddJobFlowSteps', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY] }),
      need('elasticmapreduce:DescribeStep', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY], patterns: [SYNC], purpose: 'poll' }),
      need('elasticmapreduce:CancelSteps', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY], patterns: [SYNC], purpose: 'cancel' }),
      ...eventsRule('StepFunctionsGetEventForEMRAddJobFlowStepsRule', 'OLD:emr-iam'),
    ],
    sideEffects: true,
    retrySafety: 'unsafe',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),
  optimized('elasticmapreduce', 'cancelStep', {
    patterns: [RR],
    errorPrefix: 'EMR',
    targets: [EMR_CLUSTER, param('StepId', opaque(), { required: true })],
    iam: [need('elasticmapreduce:CancelSteps', ['{arn:ClusterId}'], 'OLD:emr-iam', { dynamic: [EMR_CLUSTER_ANY] })],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-emr', 'OLD:emr-iam'],
  }),

  // EMR on EKS -----------------------------------------------------------------------
  optimized('emr-containers', 'createVirtualCluster', {
    patterns: [RR],
    errorPrefix: 'EMRContainers',
    targets: [param('Name', opaque(), { required: true })],
    iam: [
      ...star(['emr-containers:CreateVirtualCluster'], 'OLD:emr-eks-iam'),
      need(
        'iam:CreateServiceLinkedRole',
        ['arn:{partition}:iam::{account}:role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers'],
        'OLD:emr-eks-iam',
        { purpose: 'other', when: 'until the service-linked role exists', condition: { operator: 'StringLike', key: 'iam:AWSServiceName', value: 'emr-containers.amazonaws.com' } },
      ),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientToken', 'token', 'EMRC-API', { guess: true })],
    sources: ['DG-OPT', 'OLD:emr-eks-iam'],
  }),
  optimized('emr-containers', 'deleteVirtualCluster', {
    patterns: [RR, SYNC],
    errorPrefix: 'EMRContainers',
    targets: [param('Id', named('arn:{partition}:emr-containers:{region}:{account}:/virtualclusters/{value}'), { required: true })],
    iam: [
      need('emr-containers:DeleteVirtualCluster', ['{arn:Id}'], 'OLD:emr-eks-iam', { dynamic: [EMRC_ANY] }),
      need('emr-containers:DescribeVirtualCluster', ['{arn:Id}'], 'OLD:emr-eks-iam', { dynamic: [EMRC_ANY], patterns: [SYNC], purpose: 'poll' }),
    ],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-OPT', 'OLD:emr-eks-iam'],
  }),
  optimized('emr-containers', 'startJobRun', {
    patterns: [RR, SYNC],
    errorPrefix: 'EMRContainers',
    targets: [param('VirtualClusterId', named('arn:{partition}:emr-containers:{region}:{account}:/virtualclusters/{value}'), { required: true })],
    roles: [role('ExecutionRoleArn')],
    iam: [
      need('emr-containers:StartJobRun', ['{arn:VirtualClusterId}'], 'OLD:emr-eks-iam', {
        dynamic: [EMRC_ANY],
        condition: { operator: 'StringEquals', key: 'emr-containers:ExecutionRoleArn', value: '{value:ExecutionRoleArn}' },
      }),
      need('emr-containers:DescribeJobRun', [EMRC_JOB_RUNS], 'OLD:emr-eks-iam', { dynamic: [EMRC_ANY], patterns: [SYNC], purpose: 'poll' }),
      need('emr-containers:CancelJobRun', [EMRC_JOB_RUNS], 'OLD:emr-eks-iam', { dynamic: [EMRC_ANY], patterns: [SYNC], purpose: 'cancel' }),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientToken', 'token', 'EMRC-API', { guess: true })],
    sources: ['DG-OPT', 'OLD:emr-eks-iam'],
  }),

  // EMR Serverless (IAM details beyond the action names are [G]) ----------------------
  emrServerless('createApplication', 'CreateApplication', {
    resource: 'arn:{partition}:emr-serverless:{region}:{account}:/*',
    poll: 'GetApplication',
    cancel: 'DeleteApplication',
    rule: 'StepFunctionsGetEventsForEMRServerlessApplicationRule',
    targets: [param('Name', opaque())],
    retrySafety: 'guarded',
    guards: [guard('ClientToken', 'token', 'EMRS-API', { guess: true })],
  }),
  emrServerless('startApplication', 'StartApplication', {
    resource: '{arn:ApplicationId}',
    poll: 'GetApplication',
    cancel: 'StopApplication',
    rule: 'StepFunctionsGetEventsForEMRServerlessApplicationRule',
    retrySafety: 'idempotent',
  }),
  emrServerless('stopApplication', 'StopApplication', {
    resource: '{arn:ApplicationId}',
    poll: 'GetApplication',
    rule: 'StepFunctionsGetEventsForEMRServerlessApplicationRule',
    retrySafety: 'idempotent',
  }),
  emrServerless('deleteApplication', 'DeleteApplication', {
    resource: '{arn:ApplicationId}',
    poll: 'GetApplication',
    rule: 'StepFunctionsGetEventsForEMRServerlessApplicationRule',
    retrySafety: 'idempotent',
  }),
  emrServerless('startJobRun', 'StartJobRun', {
    resource: '{arn:ApplicationId}',
    poll: 'GetJobRun',
    cancel: 'CancelJobRun',
    rule: 'StepFunctionsGetEventsForEMRServerlessJobRule',
    roles: [role('ExecutionRoleArn', 'emr-serverless.amazonaws.com')],
    extra: [passRole('ExecutionRoleArn', 'DG-EMRS', 'emr-serverless.amazonaws.com', { guess: true })],
    retrySafety: 'guarded',
    guards: [guard('ClientToken', 'token', 'EMRS-API', { guess: true })],
  }),
  emrServerless('cancelJobRun', 'CancelJobRun', {
    resource: '{arn:ApplicationId}',
    poll: 'GetJobRun',
    rule: 'StepFunctionsGetEventsForEMRServerlessJobRule',
    targets: [EMRS_APPLICATION, param('JobRunId', opaque(), { required: true })],
    retrySafety: 'idempotent',
  }),

  // CodeBuild ------------------------------------------------------------------------
  optimized('codebuild', 'startBuild', {
    patterns: [RR, SYNC],
    errorPrefix: 'CodeBuild',
    targets: [CODEBUILD_PROJECT],
    iam: [
      need('codebuild:StartBuild', ['{arn:ProjectName}'], 'OLD:codebuild-iam', { dynamic: [CODEBUILD_ANY] }),
      need('codebuild:StopBuild', ['{arn:ProjectName}'], 'OLD:codebuild-iam', { dynamic: [CODEBUILD_ANY], patterns: [SYNC], purpose: 'cancel' }),
      need('codebuild:BatchGetBuilds', ['{arn:ProjectName}'], 'OLD:codebuild-iam', { dynamic: [CODEBUILD_ANY], patterns: [SYNC], purpose: 'poll' }),
      ...eventsRule('StepFunctionsGetEventForCodeBuildStartBuildRule', 'OLD:codebuild-iam'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('IdempotencyToken', 'token', 'CB-API', { window: '5 minutes', guess: true })],
    sources: ['DG-CB', 'OLD:codebuild-iam'],
  }),
  optimized('codebuild', 'stopBuild', {
    patterns: [RR],
    errorPrefix: 'CodeBuild',
    targets: [param('Id', opaque(), { required: true })],
    iam: [need('codebuild:StopBuild', [CODEBUILD_ANY], 'OLD:codebuild-iam')],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-CB', 'OLD:codebuild-iam'],
  }),
  optimized('codebuild', 'batchDeleteBuilds', {
    patterns: [RR],
    errorPrefix: 'CodeBuild',
    targets: [param('Ids', opaque(), { required: true })],
    iam: [need('codebuild:BatchDeleteBuilds', [CODEBUILD_ANY], 'OLD:codebuild-iam')],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-CB', 'OLD:codebuild-iam'],
  }),
  optimized('codebuild', 'batchGetReports', {
    patterns: [RR],
    errorPrefix: 'CodeBuild',
    targets: [param('ReportArns', opaque(), { required: true })],
    iam: [need('codebuild:BatchGetReports', ['arn:{partition}:codebuild:{region}:*:report-group/*'], 'OLD:codebuild-iam')],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['DG-CB', 'OLD:codebuild-iam'],
  }),
  optimized('codebuild', 'startBuildBatch', {
    patterns: [RR, SYNC],
    errorPrefix: 'CodeBuild',
    targets: [CODEBUILD_PROJECT],
    iam: [
      need('codebuild:StartBuildBatch', ['{arn:ProjectName}'], 'CDK-CBB', { dynamic: [CODEBUILD_ANY] }),
      need('codebuild:StopBuildBatch', ['{arn:ProjectName}'], 'CDK-CBB', { dynamic: [CODEBUILD_ANY], patterns: [SYNC], purpose: 'cancel' }),
      need('codebuild:BatchGetBuildBatches', ['{arn:ProjectName}'], 'CDK-CBB', { dynamic: [CODEBUILD_ANY], patterns: [SYNC], purpose: 'poll' }),
      ...eventsRule('StepFunctionsGetEventForCodeBuildStartBuildBatchRule', 'CDK-CBB'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('IdempotencyToken', 'token', 'CB-API', { window: '5 minutes', guess: true })],
    sources: ['DG-CB', 'CDK-CBB'],
  }),
  optimized('codebuild', 'retryBuildBatch', {
    patterns: [RR, SYNC],
    errorPrefix: 'CodeBuild',
    targets: [param('Id', opaque())],
    iam: [
      need('codebuild:RetryBuildBatch', [CODEBUILD_ANY], 'DG-CB', { guess: true }),
      need('codebuild:StopBuildBatch', [CODEBUILD_ANY], 'DG-CB', { patterns: [SYNC], purpose: 'cancel', guess: true }),
      need('codebuild:BatchGetBuildBatches', [CODEBUILD_ANY], 'DG-CB', { patterns: [SYNC], purpose: 'poll', guess: true }),
      ...eventsRule('StepFunctionsGetEventForCodeBuildStartBuildBatchRule', 'DG-CB', { guess: true }),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('IdempotencyToken', 'token', 'CB-API', { window: '5 minutes', guess: true })],
    sources: ['DG-CB'],
  }),
  optimized('codebuild', 'stopBuildBatch', {
    patterns: [RR],
    errorPrefix: 'CodeBuild',
    targets: [param('Id', opaque(), { required: true })],
    iam: [need('codebuild:StopBuildBatch', [CODEBUILD_ANY], 'DG-CB', { guess: true })],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-CB'],
  }),
  optimized('codebuild', 'deleteBuildBatch', {
    patterns: [RR],
    errorPrefix: 'CodeBuild',
    targets: [param('Id', opaque(), { required: true })],
    iam: [need('codebuild:DeleteBuildBatch', [CODEBUILD_ANY], 'DG-CB', { guess: true })],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-CB'],
  }),

  // EKS ------------------------------------------------------------------------------
  optimized('eks', 'createCluster', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [param('Name', named('arn:{partition}:eks:{region}:{account}:cluster/{value}'), { required: true })],
    roles: [role('RoleArn', 'eks.amazonaws.com')],
    iam: [
      ...star(['eks:CreateCluster'], 'OLD:eks-iam'),
      need('eks:DescribeCluster', ['arn:{partition}:eks:{region}:{account}:cluster/*'], 'OLD:eks-iam', { patterns: [SYNC], purpose: 'poll' }),
      need('eks:DeleteCluster', ['arn:{partition}:eks:{region}:{account}:cluster/*'], 'OLD:eks-iam', { patterns: [SYNC], purpose: 'cancel' }),
      passRole('RoleArn', 'OLD:eks-iam', 'eks.amazonaws.com'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'EKS-API', { guess: true }), guard('Name', 'name', 'EKS-API', { guess: true })],
    sources: ['DG-OPT', 'OLD:connect-eks', 'OLD:eks-iam'],
  }),
  optimized('eks', 'deleteCluster', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [param('Name', named('arn:{partition}:eks:{region}:{account}:cluster/{value}'), { required: true })],
    iam: [
      need('eks:DeleteCluster', ['{arn:Name}'], 'OLD:eks-iam', { dynamic: ['arn:{partition}:eks:{region}:{account}:cluster/*'] }),
      need('eks:DescribeCluster', ['{arn:Name}'], 'OLD:eks-iam', { dynamic: ['arn:{partition}:eks:{region}:{account}:cluster/*'], patterns: [SYNC], purpose: 'poll' }),
    ],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-eks', 'OLD:eks-iam'],
  }),
  optimized('eks', 'createNodegroup', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('NodegroupName', opaque(), { required: true })],
    roles: [role('NodeRole', 'eks.amazonaws.com')],
    iam: [
      ...star(['ec2:DescribeSubnets', 'eks:CreateNodegroup'], 'OLD:eks-iam'),
      need('eks:DescribeNodegroup', ['arn:{partition}:eks:{region}:{account}:nodegroup/*'], 'OLD:eks-iam', { patterns: [SYNC], purpose: 'poll' }),
      need('eks:DeleteNodegroup', ['arn:{partition}:eks:{region}:{account}:nodegroup/*'], 'OLD:eks-iam', { patterns: [SYNC], purpose: 'cancel' }),
      ...needs(['iam:GetRole', 'iam:ListAttachedRolePolicies'], ['arn:{partition}:iam::{account}:role/*'], 'OLD:eks-iam', { purpose: 'other' }),
      passRole('NodeRole', 'OLD:eks-iam', 'eks.amazonaws.com'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'EKS-API', { guess: true })],
    sources: ['OLD:connect-eks', 'OLD:eks-iam'],
  }),
  optimized('eks', 'deleteNodegroup', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('NodegroupName', opaque(), { required: true })],
    iam: [
      need('eks:DeleteNodegroup', [EKS_NODEGROUP], 'OLD:eks-iam', { dynamic: [EKS_NODEGROUP_ANY] }),
      need('eks:DescribeNodegroup', [EKS_NODEGROUP], 'OLD:eks-iam', { dynamic: [EKS_NODEGROUP_ANY], patterns: [SYNC], purpose: 'poll' }),
    ],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-eks', 'OLD:eks-iam'],
  }),
  optimized('eks', 'createFargateProfile', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('FargateProfileName', opaque(), { required: true })],
    roles: [role('PodExecutionRoleArn')],
    iam: [
      need('eks:CreateFargateProfile', ['{arn:ClusterName}'], 'OLD:connect-eks', { dynamic: ['arn:{partition}:eks:{region}:{account}:cluster/*'], guess: true }),
      need('eks:DescribeFargateProfile', [EKS_FARGATE_ANY], 'OLD:connect-eks', { patterns: [SYNC], purpose: 'poll', guess: true }),
      need('eks:DeleteFargateProfile', [EKS_FARGATE_ANY], 'OLD:connect-eks', { patterns: [SYNC], purpose: 'cancel', guess: true }),
      passRole('PodExecutionRoleArn', 'OLD:connect-eks'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'EKS-API', { guess: true })],
    sources: ['OLD:connect-eks'],
  }),
  optimized('eks', 'deleteFargateProfile', {
    patterns: [RR, SYNC],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('FargateProfileName', opaque(), { required: true })],
    iam: [
      need('eks:DeleteFargateProfile', ['arn:{partition}:eks:{region}:{account}:fargateprofile/{value:ClusterName}/{value:FargateProfileName}/*'], 'OLD:connect-eks', {
        dynamic: ['arn:{partition}:eks:{region}:{account}:fargateprofile/*'],
        guess: true,
      }),
      need('eks:DescribeFargateProfile', ['arn:{partition}:eks:{region}:{account}:fargateprofile/{value:ClusterName}/{value:FargateProfileName}/*'], 'OLD:connect-eks', {
        dynamic: ['arn:{partition}:eks:{region}:{account}:fargateprofile/*'],
        patterns: [SYNC],
        purpose: 'poll',
        guess: true,
      }),
    ],
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['OLD:connect-eks'],
  }),
  optimized('eks', 'runJob', {
    // The service-level table lists callback for EKS; which API takes it is [G].
    patterns: [RR, SYNC, CALLBACK],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('Endpoint', opaque(), { required: true })],
    iam: [],
    iamNote: 'eks:runJob calls the Kubernetes API: the cluster grants the role access through Kubernetes RBAC (aws-auth), not IAM [OLD:connect-eks].',
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('Job.metadata.name', 'name', 'OLD:connect-eks', { guess: true, applies: 'a Job name is unique in its namespace' })],
    sources: ['DG-OPT', 'OLD:connect-eks'],
  }),
  optimized('eks', 'call', {
    patterns: [RR],
    errorPrefix: 'EKS',
    targets: [EKS_CLUSTER_BY('ClusterName'), param('Endpoint', opaque(), { required: true })],
    iam: [],
    iamNote: 'eks:call calls the Kubernetes API: the cluster grants the role access through Kubernetes RBAC (aws-auth), not IAM [CDK-EKS][OLD:connect-eks].',
    sideEffects: true,
    retrySafety: 'unknown',
    sources: ['OLD:connect-eks', 'CDK-EKS'],
  }),

  // API Gateway ----------------------------------------------------------------------
  optimized('apigateway', 'invoke', {
    patterns: [RR, CALLBACK],
    errorPrefix: 'ApiGateway',
    targets: [param('ApiEndpoint', { kind: 'api-endpoint' }, { required: true })],
    iam: [
      // AWS's template reads `arn:[[region]]:[[accountId]]:*`; the execute-api ARN shape is [G].
      need('execute-api:Invoke', ['{arn:ApiEndpoint}'], 'OLD:api-gateway-iam', {
        dynamic: ['arn:{partition}:execute-api:{region}:{account}:*'],
        when: 'when AuthType is IAM_ROLE (or the API otherwise uses IAM authorization)',
        guess: true,
      }),
    ],
    sideEffects: true,
    // GET, HEAD and OPTIONS are safe by HTTP semantics; other methods depend on the API.
    retrySafety: 'unknown',
    sources: ['DG-OPT', 'OLD:api-gateway-iam'],
  }),

  // Bedrock --------------------------------------------------------------------------
  optimized('bedrock', 'invokeModel', {
    // The service-level table lists callback for Bedrock; which API takes it is [G].
    patterns: [RR, CALLBACK],
    errorPrefix: 'Bedrock',
    targets: [param('ModelId', nameOrArn('arn:{partition}:bedrock:{region}::foundation-model/{value}'), { required: true })],
    iam: [
      need('bedrock:InvokeModel', ['{arn:ModelId}'], 'CDK-BR', { dynamic: ['*'] }),
      need('s3:GetObject', ['arn:{partition}:s3:::*'], 'CDK-BR', { purpose: 'data', when: 'when Input.S3Uri names the input' }),
      need('s3:PutObject', ['arn:{partition}:s3:::*'], 'CDK-BR', { purpose: 'data', when: 'when Output.S3Uri names the output' }),
      need('bedrock:ApplyGuardrail', ['arn:{partition}:bedrock:{region}:{account}:guardrail/*'], 'CDK-BR', { purpose: 'other', when: 'when GuardrailIdentifier is set' }),
    ],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['DG-OPT', 'DG-BEDROCK', 'CDK-BR'],
  }),
  optimized('bedrock', 'createModelCustomizationJob', {
    patterns: [RR, SYNC],
    errorPrefix: 'Bedrock',
    targets: [param('JobName', opaque(), { required: true }), param('BaseModelIdentifier', nameOrArn('arn:{partition}:bedrock:{region}::foundation-model/{value}'), { required: true })],
    roles: [role('RoleArn')],
    iam: [
      need(
        'bedrock:CreateModelCustomizationJob',
        [
          '{arn:BaseModelIdentifier}',
          'arn:{partition}:bedrock:{region}:{account}:custom-model/*',
          'arn:{partition}:bedrock:{region}:{account}:model-customization-job/*',
        ],
        'DG-BEDROCK',
      ),
      need('bedrock:GetModelCustomizationJob', ['arn:{partition}:bedrock:{region}:{account}:model-customization-job/*'], 'DG-BEDROCK', { patterns: [SYNC], purpose: 'poll' }),
      need('bedrock:StopModelCustomizationJob', ['arn:{partition}:bedrock:{region}:{account}:model-customization-job/*'], 'DG-BEDROCK', { patterns: [SYNC], purpose: 'cancel' }),
      passRole('RoleArn', 'DG-BEDROCK'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'BEDROCK-API', { guess: true }), guard('JobName', 'name', 'BEDROCK-API', { guess: true })],
    sources: ['DG-OPT', 'DG-BEDROCK'],
  }),

  // MediaConvert ---------------------------------------------------------------------
  optimized('mediaconvert', 'createJob', {
    patterns: [RR, SYNC],
    errorPrefix: 'MediaConvert',
    targets: [param('Queue', nameOrArn('arn:{partition}:mediaconvert:{region}:{account}:queues/{value}'))],
    roles: [role('Role', 'mediaconvert.amazonaws.com', { required: true })],
    iam: [
      need('mediaconvert:CreateJob', ['*'], 'CDK-MC'),
      need('mediaconvert:GetJob', ['*'], 'CDK-MC', { patterns: [SYNC], purpose: 'poll' }),
      need('mediaconvert:CancelJob', ['*'], 'CDK-MC', { patterns: [SYNC], purpose: 'cancel' }),
      { ...passRole('Role', 'CDK-MC'), condition: { operator: 'StringLike', key: 'iam:PassedToService', value: 'mediaconvert.amazonaws.com' } },
      ...eventsRule('StepFunctionsGetEventsForMediaConvertJobRule', 'CDK-MC'),
    ],
    sideEffects: true,
    retrySafety: 'guarded',
    guards: [guard('ClientRequestToken', 'token', 'MC-API', { guess: true })],
    sources: ['DG-OPT', 'CDK-MC'],
  }),

  // HTTP Task ------------------------------------------------------------------------
  optimized('http', 'invoke', {
    patterns: [RR],
    errorPrefix: 'States.Http',
    targets: [param('ApiEndpoint', opaque(), { required: true }), param('Authentication.ConnectionArn', arnForm(), { required: true })],
    iam: [
      need('states:InvokeHTTPEndpoint', ['*'], 'CDK-HTTP', {
        condition: { operator: 'StringLike', key: 'states:HTTPEndpoint', value: '{value:ApiEndpoint}' },
      }),
      need('events:RetrieveConnectionCredentials', ['{arn:Authentication.ConnectionArn}'], 'CDK-HTTP', {
        dynamic: ['arn:{partition}:events:{region}:{account}:connection/*'],
      }),
      ...needs(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], ['arn:{partition}:secretsmanager:*:*:secret:events!connection/*'], 'DG-HTTP'),
    ],
    sideEffects: true,
    retrySafety: 'unknown',
    guards: [guard('Headers.Idempotency-Key', 'token', 'C', { guess: true, applies: 'when the API honours an Idempotency-Key header' })],
    sources: ['CDK-HTTP', 'DG-HTTP'],
    note: 'The task times out after 60 seconds [DG-Q].',
  }),

  // Distributed Map ItemReader / ResultWriter -----------------------------------------
  optimized('s3', 'getObject', {
    patterns: [RR],
    use: 'item-reader',
    errorPrefix: 'States',
    targets: [param('Bucket', named('arn:{partition}:s3:::{value}'), { required: true }), param('Key', opaque(), { required: true })],
    iam: [need('s3:GetObject', ['arn:{partition}:s3:::{value:Bucket}/{value:Key}'], 'DG-DMIAM', { dynamic: ['arn:{partition}:s3:::*'] })],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['DG-DMIAM', 'TK-ASL'],
  }),
  optimized('s3', 'listObjectsV2', {
    patterns: [RR],
    use: 'item-reader',
    errorPrefix: 'States',
    targets: [param('Bucket', named('arn:{partition}:s3:::{value}'), { required: true }), param('Prefix', opaque())],
    iam: [need('s3:ListBucket', ['{arn:Bucket}'], 'DG-DMIAM', { dynamic: ['arn:{partition}:s3:::*'] })],
    sideEffects: false,
    retrySafety: 'read-only',
    sources: ['DG-DMIAM', 'TK-ASL'],
  }),
  optimized('s3', 'putObject', {
    patterns: [RR],
    use: 'result-writer',
    errorPrefix: 'States',
    targets: [param('Bucket', named('arn:{partition}:s3:::{value}'), { required: true }), param('Prefix', opaque())],
    iam: needs(
      ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      ['arn:{partition}:s3:::{value:Bucket}/{value:Prefix}*'],
      'DG-DMIAM',
      { dynamic: ['arn:{partition}:s3:::*'] },
    ),
    sideEffects: true,
    retrySafety: 'idempotent',
    sources: ['DG-DMIAM', 'TK-ASL'],
  }),
];

/** Every optimized integration, keyed `<service>:<action>` as the Resource ARN spells it. */
export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(ENTRIES.map((entry) => [entry.key, entry]));

/** The entries in declaration order (the map keeps the last of a duplicate key; the tests check there is none). */
export const CATALOG_ENTRIES: readonly CatalogEntry[] = ENTRIES;

/** The catalog entry of an optimized integration, or undefined when Step Functions has no such API. */
export function catalogEntry(service: string, action: string): CatalogEntry | undefined {
  return CATALOG.get(`${service}:${action}`);
}
