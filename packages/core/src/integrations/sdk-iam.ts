/**
 * AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`): the IAM actions a
 * call needs and the prefix of the errors it raises.
 *
 * By default the IAM action is `<service>:<Action>` (the SDK's camelCase action with its first
 * letter raised) [CDK-SDK]. The exceptions below are the documented ones.
 */
import type { SourceKey } from './types.js';

/**
 * SDK service name → IAM service prefix, where they differ. From the CDK's
 * `aws-stepfunctions-tasks/lib/private/aws-sdk-iam-service-map.ts` [CDK-SDKMAP]; `sfn` and
 * `cloudwatchlogs` are also in call-aws-service.ts itself [CDK-SDK].
 */
export const SDK_IAM_SERVICE_PREFIX: ReadonlyMap<string, string> = new Map([
  ['accessanalyzer', 'access-analyzer'],
  ['acmpca', 'acm-pca'],
  ['amp', 'aps'],
  ['appconfigdata', 'appconfig'],
  ['appintegrations', 'app-integrations'],
  ['applicationautoscaling', 'application-autoscaling'],
  ['applicationdiscovery', 'discovery'],
  ['applicationsignals', 'application-signals'],
  ['arczonalshift', 'arc-zonal-shift'],
  ['autoscalingplans', 'autoscaling-plans'],
  ['backupgateway', 'backup-gateway'],
  ['bcmdataexports', 'bcm-data-exports'],
  ['bedrockagent', 'bedrock'],
  ['bedrockagentruntime', 'bedrock'],
  ['bedrockdataautomation', 'bedrock'],
  ['bedrockdataautomationruntime', 'bedrock'],
  ['bedrockruntime', 'bedrock'],
  ['chimesdkidentity', 'chime'],
  ['chimesdkmediapipelines', 'chime'],
  ['chimesdkmeetings', 'chime'],
  ['chimesdkmessaging', 'chime'],
  ['chimesdkvoice', 'chime'],
  ['cleanroomsml', 'cleanrooms-ml'],
  ['cloudfrontkeyvaluestore', 'cloudfront-keyvaluestore'],
  ['cloudhsmv2', 'cloudhsm'],
  ['cloudtraildata', 'cloudtrail-data'],
  ['cloudwatchlogs', 'logs'],
  ['codeguruprofiler', 'codeguru-profiler'],
  ['codegurureviewer', 'codeguru-reviewer'],
  ['codegurusecurity', 'codeguru-security'],
  ['codestarconnections', 'codestar-connections'],
  ['codestarnotifications', 'codestar-notifications'],
  ['cognitoidentity', 'cognito-identity'],
  ['cognitoidentityprovider', 'cognito-idp'],
  ['cognitosync', 'cognito-sync'],
  ['computeoptimizer', 'compute-optimizer'],
  ['connectcampaigns', 'connect-campaigns'],
  ['connectcampaignsv2', 'connect-campaigns'],
  ['connectcases', 'cases'],
  ['connectcontactlens', 'connect'],
  ['costandusagereport', 'cur'],
  ['costexplorer', 'ce'],
  ['costoptimizationhub', 'cost-optimization-hub'],
  ['customerprofiles', 'profile'],
  ['databasemigration', 'dms'],
  ['devopsguru', 'devops-guru'],
  ['directory', 'ds'],
  ['docdb', 'rds'],
  ['docdbelastic', 'docdb-elastic'],
  ['dynamodbstreams', 'dynamodb'],
  ['ec2instanceconnect', 'ec2-instance-connect'],
  ['ecrpublic', 'ecr-public'],
  ['efs', 'elasticfilesystem'],
  ['eksauth', 'eks-auth'],
  ['elasticloadbalancingv2', 'elasticloadbalancing'],
  ['elasticsearch', 'es'],
  ['emr', 'elasticmapreduce'],
  ['emrcontainers', 'emr-containers'],
  ['emrserverless', 'emr-serverless'],
  ['eventbridge', 'events'],
  ['forecastquery', 'forecast'],
  ['geoplaces', 'geo-places'],
  ['georoutes', 'geo-routes'],
  ['greengrassv2', 'greengrass'],
  ['inspectorscan', 'inspector-scan'],
  ['ivsrealtime', 'ivs'],
  ['kendraranking', 'kendra-ranking'],
  ['kinesisanalyticsv2', 'kinesisanalytics'],
  ['kinesisvideoarchivedmedia', 'kinesisvideo'],
  ['kinesisvideomedia', 'kinesisvideo'],
  ['kinesisvideosignaling', 'kinesisvideo'],
  ['kinesisvideowebrtcstorage', 'kinesisvideo'],
  ['lexmodelsv2', 'lex'],
  ['lexruntimev2', 'lex'],
  ['licensemanager', 'license-manager'],
  ['licensemanagerlinuxsubscriptions', 'license-manager-linux-subscriptions'],
  ['licensemanagerusersubscriptions', 'license-manager-user-subscriptions'],
  ['location', 'geo'],
  ['mailmanager', 'ses'],
  ['managedblockchainquery', 'managedblockchain-query'],
  ['marketplacecatalog', 'aws-marketplace'],
  ['marketplaceentitlement', 'aws-marketplace'],
  ['marketplacemetering', 'aws-marketplace'],
  ['marketplacereporting', 'aws-marketplace'],
  ['mediapackagevod', 'mediapackage-vod'],
  ['medicalimaging', 'medical-imaging'],
  ['migrationhub', 'mgh'],
  ['migrationhubconfig', 'mgh'],
  ['migrationhuborchestrator', 'migrationhub-orchestrator'],
  ['migrationhubrefactorspaces', 'refactor-spaces'],
  ['migrationhubstrategy', 'migrationhub-strategy'],
  ['mwaa', 'airflow'],
  ['neptune', 'rds'],
  ['neptunegraph', 'neptune-graph'],
  ['networkfirewall', 'network-firewall'],
  ['opensearch', 'es'],
  ['opensearchserverless', 'aoss'],
  ['paymentcryptography', 'payment-cryptography'],
  ['paymentcryptographydata', 'payment-cryptography'],
  ['pcaconnectorad', 'pca-connector-ad'],
  ['pcaconnectorscep', 'pca-connector-scep'],
  ['personalizeevents', 'personalize'],
  ['personalizeruntime', 'personalize'],
  ['pinpoint', 'mobiletargeting'],
  ['pinpointemail', 'ses'],
  ['pinpointsmsvoice', 'sms-voice'],
  ['pinpointsmsvoicev2', 'sms-voice'],
  ['qconnect', 'wisdom'],
  ['rdsdata', 'rds-data'],
  ['redshiftdata', 'redshift-data'],
  ['redshiftserverless', 'redshift-serverless'],
  ['resourceexplorer2', 'resource-explorer-2'],
  ['resourcegroups', 'resource-groups'],
  ['route53recoverycluster', 'route53-recovery-cluster'],
  ['route53recoverycontrolconfig', 'route53-recovery-control-config'],
  ['route53recoveryreadiness', 'route53-recovery-readiness'],
  ['s3control', 's3'],
  ['s3outposts', 's3-outposts'],
  ['sagemakera2iruntime', 'sagemaker'],
  ['sagemakerfeaturestoreruntime', 'sagemaker'],
  ['sagemakergeospatial', 'sagemaker-geospatial'],
  ['sagemakermetrics', 'sagemaker'],
  ['sagemakerruntime', 'sagemaker'],
  ['securityir', 'security-ir'],
  ['serverlessapplicationrepository', 'serverlessrepo'],
  ['servicecatalogappregistry', 'servicecatalog'],
  ['sesv2', 'ses'],
  ['sfn', 'states'],
  ['snowdevicemanagement', 'snow-device-management'],
  ['ssmcontacts', 'ssm-contacts'],
  ['ssmincidents', 'ssm-incidents'],
  ['ssmsap', 'ssm-sap'],
  ['ssoadmin', 'sso'],
  ['supplychain', 'scn'],
  ['taxsettings', 'tax'],
  ['timestreaminfluxdb', 'timestream-influxdb'],
  ['timestreamquery', 'timestream'],
  ['timestreamwrite', 'timestream'],
  ['vpclattice', 'vpc-lattice'],
  ['wafregional', 'waf-regional'],
  ['workspacesthinclient', 'thinclient'],
  ['workspacesweb', 'workspaces-web'],
]);

/** One SDK action whose IAM action is not `<prefix>:<Action>`. */
export interface SdkActionException {
  readonly actions: readonly string[];
  readonly source: SourceKey;
  readonly guess?: boolean;
  readonly note?: string;
}

const S3 = 'S3-ACT';

/**
 * `<sdk service>:<sdkAction>` → the IAM actions it needs instead of the default. S3 maps many
 * operations to differently named actions [S3-ACT; checked here: ListObjectsV2 → ListBucket,
 * HeadObject → GetObject; the rest from the same page]. `s3:listBuckets` is the CDK's own
 * example [CDK-SDK].
 */
export const SDK_ACTION_EXCEPTIONS: ReadonlyMap<string, SdkActionException> = new Map<string, SdkActionException>([
  ['s3:listBuckets', { actions: ['s3:ListAllMyBuckets'], source: 'CDK-SDK' }],
  ['s3:listObjects', { actions: ['s3:ListBucket'], source: S3 }],
  ['s3:listObjectsV2', { actions: ['s3:ListBucket'], source: S3 }],
  ['s3:headBucket', { actions: ['s3:ListBucket'], source: S3 }],
  ['s3:listObjectVersions', { actions: ['s3:ListBucketVersions'], source: S3 }],
  ['s3:listMultipartUploads', { actions: ['s3:ListBucketMultipartUploads'], source: S3 }],
  ['s3:listParts', { actions: ['s3:ListMultipartUploadParts'], source: S3 }],
  ['s3:headObject', { actions: ['s3:GetObject'], source: S3 }],
  ['s3:selectObjectContent', { actions: ['s3:GetObject'], source: S3 }],
  ['s3:copyObject', { actions: ['s3:GetObject', 's3:PutObject'], source: S3, note: 'GetObject on the source, PutObject on the destination' }],
  ['s3:uploadPartCopy', { actions: ['s3:GetObject', 's3:PutObject'], source: S3 }],
  ['s3:createMultipartUpload', { actions: ['s3:PutObject'], source: S3 }],
  ['s3:uploadPart', { actions: ['s3:PutObject'], source: S3 }],
  ['s3:completeMultipartUpload', { actions: ['s3:PutObject'], source: S3 }],
  ['s3:deleteObjects', { actions: ['s3:DeleteObject'], source: S3 }],
  ['s3:getBucketLifecycleConfiguration', { actions: ['s3:GetLifecycleConfiguration'], source: S3 }],
  ['s3:putBucketLifecycleConfiguration', { actions: ['s3:PutLifecycleConfiguration'], source: S3 }],
  ['s3:deleteBucketLifecycle', { actions: ['s3:PutLifecycleConfiguration'], source: S3 }],
  ['s3:getBucketEncryption', { actions: ['s3:GetEncryptionConfiguration'], source: S3 }],
  ['s3:putBucketEncryption', { actions: ['s3:PutEncryptionConfiguration'], source: S3 }],
  ['s3:deleteBucketEncryption', { actions: ['s3:PutEncryptionConfiguration'], source: S3 }],
  ['s3:getBucketNotificationConfiguration', { actions: ['s3:GetBucketNotification'], source: S3 }],
  ['s3:putBucketNotificationConfiguration', { actions: ['s3:PutBucketNotification'], source: S3 }],
  ['s3:getBucketCors', { actions: ['s3:GetBucketCORS'], source: S3 }],
  ['s3:putBucketCors', { actions: ['s3:PutBucketCORS'], source: S3 }],
  ['s3:deleteBucketCors', { actions: ['s3:PutBucketCORS'], source: S3 }],
  ['s3:deleteBucketTagging', { actions: ['s3:PutBucketTagging'], source: S3 }],
  ['s3:getPublicAccessBlock', { actions: ['s3:GetBucketPublicAccessBlock'], source: S3 }],
  ['s3:putPublicAccessBlock', { actions: ['s3:PutBucketPublicAccessBlock'], source: S3 }],
  ['s3:deletePublicAccessBlock', { actions: ['s3:PutBucketPublicAccessBlock'], source: S3 }],
  ['s3:getBucketReplication', { actions: ['s3:GetReplicationConfiguration'], source: S3 }],
  ['s3:putBucketReplication', { actions: ['s3:PutReplicationConfiguration'], source: S3 }],
  ['s3:deleteBucketReplication', { actions: ['s3:PutReplicationConfiguration'], source: S3 }],
  ['s3:getObjectLockConfiguration', { actions: ['s3:GetBucketObjectLockConfiguration'], source: S3 }],
  ['s3:putObjectLockConfiguration', { actions: ['s3:PutBucketObjectLockConfiguration'], source: S3 }],
  ['s3control:getPublicAccessBlock', { actions: ['s3:GetAccountPublicAccessBlock'], source: S3 }],
  ['s3control:putPublicAccessBlock', { actions: ['s3:PutAccountPublicAccessBlock'], source: S3 }],
  ['s3control:deletePublicAccessBlock', { actions: ['s3:PutAccountPublicAccessBlock'], source: S3 }],
  // Batch calls are authorized per entry as the single call [SQS-API][SNS-API].
  ['sqs:sendMessageBatch', { actions: ['sqs:SendMessage'], source: 'SQS-API' }],
  ['sqs:deleteMessageBatch', { actions: ['sqs:DeleteMessage'], source: 'SQS-API' }],
  ['sqs:changeMessageVisibilityBatch', { actions: ['sqs:ChangeMessageVisibility'], source: 'SQS-API' }],
  ['sns:publishBatch', { actions: ['sns:Publish'], source: 'SNS-API' }],
  ['lambda:invoke', { actions: ['lambda:InvokeFunction'], source: 'OLD:lambda-iam' }],
  ['lambda:invokeWithResponseStream', { actions: ['lambda:InvokeFunction'], source: 'LAMBDA-API', guess: true }],
  // DynamoDB authorizes transactions and PartiQL per item operation [DDB-API].
  [
    'dynamodb:transactWriteItems',
    {
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
      source: 'DDB-API',
      note: 'only the operations its items use',
    },
  ],
  ['dynamodb:transactGetItems', { actions: ['dynamodb:GetItem'], source: 'DDB-API' }],
  [
    'dynamodb:executeStatement',
    {
      actions: ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
      source: 'DDB-API',
      note: 'only the statement kinds it runs',
    },
  ],
  [
    'dynamodb:batchExecuteStatement',
    {
      actions: ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
      source: 'DDB-API',
      note: 'only the statement kinds it runs',
    },
  ],
  ['apigatewaymanagementapi:postToConnection', { actions: ['execute-api:ManageConnections'], source: 'APIGW-API' }],
  ['apigatewaymanagementapi:getConnection', { actions: ['execute-api:ManageConnections'], source: 'APIGW-API' }],
  ['apigatewaymanagementapi:deleteConnection', { actions: ['execute-api:ManageConnections'], source: 'APIGW-API' }],
]);

/** API Gateway's management API is authorized by HTTP verb (`apigateway:GET`, …) [APIGW-API]. */
const APIGATEWAY_VERBS: readonly (readonly [string, string])[] = [
  ['get', 'GET'],
  ['create', 'POST'],
  ['import', 'PUT'],
  ['put', 'PUT'],
  ['update', 'PATCH'],
  ['delete', 'DELETE'],
  ['flush', 'DELETE'],
  ['tag', 'PUT'],
  ['untag', 'DELETE'],
  ['test', 'POST'],
  ['reset', 'DELETE'],
];

/** `getObject` → `GetObject`. */
export function pascalCase(action: string): string {
  return action.length === 0 ? action : action[0].toUpperCase() + action.slice(1);
}

/** The IAM service prefix of an SDK service name. */
export function sdkIamPrefix(service: string): string {
  return SDK_IAM_SERVICE_PREFIX.get(service) ?? service;
}

export interface SdkIamActions {
  readonly actions: readonly string[];
  /** True when the mapping is not the default `<prefix>:<Action>`. */
  readonly exception: boolean;
  readonly source: SourceKey;
  readonly guess?: boolean;
  readonly note?: string;
}

/** The IAM actions an `aws-sdk:<service>:<action>` call needs. */
export function sdkIamActions(service: string, action: string): SdkIamActions {
  const known = SDK_ACTION_EXCEPTIONS.get(`${service}:${action}`);
  if (known) return { actions: known.actions, exception: true, source: known.source, guess: known.guess, note: known.note };
  if (service === 'apigateway' || service === 'apigatewayv2') {
    const verb = APIGATEWAY_VERBS.find(([prefix]) => action.startsWith(prefix) && /[A-Z]/.test(action.charAt(prefix.length)));
    if (verb) {
      return { actions: [`apigateway:${verb[1]}`], exception: true, source: 'APIGW-API', guess: true, note: 'API Gateway authorizes management calls by HTTP verb' };
    }
  }
  const prefix = sdkIamPrefix(service);
  return { actions: [`${prefix}:${pascalCase(action)}`], exception: prefix !== service, source: prefix !== service ? 'CDK-SDKMAP' : 'CDK-SDK' };
}

/**
 * Error-name prefixes of SDK integrations. AWS says the prefix is the service name in
 * PascalCase, with `AcmPca` and `S3` as examples [DG-SDK]; `DynamoDb` appears in public
 * definitions [G]. Others follow the SDK client names [G].
 */
const SDK_ERROR_PREFIX: ReadonlyMap<string, string> = new Map([
  ['acmpca', 'AcmPca'],
  ['s3', 'S3'],
  ['dynamodb', 'DynamoDb'],
  ['ec2', 'Ec2'],
  ['sfn', 'Sfn'],
  ['sqs', 'Sqs'],
  ['sns', 'Sns'],
  ['ssm', 'Ssm'],
  ['kms', 'Kms'],
  ['sts', 'Sts'],
  ['iam', 'Iam'],
  ['ecs', 'Ecs'],
  ['eks', 'Eks'],
  ['rds', 'Rds'],
  ['cloudwatch', 'CloudWatch'],
  ['cloudwatchlogs', 'CloudWatchLogs'],
  ['eventbridge', 'EventBridge'],
  ['secretsmanager', 'SecretsManager'],
  ['lambda', 'Lambda'],
  ['glue', 'Glue'],
  ['athena', 'Athena'],
  ['sagemaker', 'SageMaker'],
  ['bedrockruntime', 'BedrockRuntime'],
  ['rekognition', 'Rekognition'],
  ['textract', 'Textract'],
  ['comprehend', 'Comprehend'],
  ['transcribe', 'Transcribe'],
  ['translate', 'Translate'],
  ['polly', 'Polly'],
  ['redshiftdata', 'RedshiftData'],
  ['cloudformation', 'CloudFormation'],
  ['organizations', 'Organizations'],
]);

/** The `<Prefix>` of `<Prefix>.<Error>Exception` for an SDK service. */
export function sdkErrorPrefix(service: string): string {
  return SDK_ERROR_PREFIX.get(service) ?? pascalCase(service);
}

/**
 * Read-only SDK calls by name: a retry cannot repeat an effect [G: naming convention of
 * AWS APIs, not a guarantee].
 */
export function isReadOnlySdkAction(action: string): boolean {
  return /^(get|describe|list|head|batchGet|query|scan|search|lookup|select|check|validate|estimate|preview|detect|analyze|recognize|compare|simulate)(?=[A-Z]|$)/.test(action);
}

/**
 * SDK calls whose repetition leaves the same state as one call: deleting, stopping,
 * disabling, tagging [G: naming convention; a repeat may still fail, e.g. NotFound].
 */
export function isIdempotentSdkAction(action: string): boolean {
  return /^(delete|stop|cancel|terminate|disable|enable|tag|untag|set|detach|deregister|remove)(?=[A-Z]|$)/.test(action);
}
