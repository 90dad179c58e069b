import type { DocNode } from '../document/node.js';
import { member, members } from '../document/node-access.js';
import { symbolicText } from '../template/symbolic.js';
import type { SymbolicText } from '../template/types.js';
import {
  statementFromFacts,
  type PermissionUnknown,
  type PolicyEntry,
  type PolicyStatement,
  type StatementFacts,
} from './statements.js';

/**
 * SAM policy templates, transcribed from the SAM translator's
 * samtranslator/policy_templates_data/policy_templates.json (2024 edition, which has the
 * `_v2` templates). Resources are Fn::Sub text in which `${Parameter}` stands for the
 * template parameter of that name; SAM substitutes the parameter's value, intrinsics
 * included, which is what `expandSamPolicyTemplate` does with symbolic text.
 */
interface SamTemplateFacts {
  readonly parameters: readonly string[];
  readonly statements: readonly StatementFacts[];
}

const P = 'arn:${AWS::Partition}';
const RA = '${AWS::Region}:${AWS::AccountId}';
const STAR: readonly string[] = ['*'];

const table = (operation: string): string => `${P}:dynamodb:${RA}:table/${operation}`;
const TABLE_AND_INDEXES = [table('${TableName}'), table('${TableName}/index/*')];
const BUCKET_AND_OBJECTS = [`${P}:s3:::\${BucketName}`, `${P}:s3:::\${BucketName}/*`];
const SES_IDENTITY = `${P}:ses:${RA}:identity/\${IdentityName}`;
const REKOGNITION_COLLECTION = `${P}:rekognition:${RA}:collection/\${CollectionId}`;
const EMR_CLUSTER = `${P}:elasticmapreduce:${RA}:cluster/\${ClusterId}`;
const KMS_KEY = `${P}:kms:${RA}:key/\${KeyId}`;
const STATE_MACHINE = `${P}:states:${RA}:stateMachine:\${StateMachineName}`;
const FIREHOSE_STREAM = `${P}:firehose:${RA}:deliverystream/\${DeliveryStreamName}`;
const CODECOMMIT_REPOSITORY = `${P}:codecommit:${RA}:\${RepositoryName}`;

const emr = (actions: string[]): SamTemplateFacts => ({
  parameters: ['ClusterId'],
  statements: [{ action: actions, resource: [EMR_CLUSTER] }],
});

const CODECOMMIT_READ = [
  'GitPull', 'GetBranch', 'ListBranches', 'BatchDescribeMergeConflicts', 'DescribeMergeConflicts', 'GetMergeCommit',
  'GetMergeOptions', 'BatchGetPullRequests', 'DescribePullRequestEvents', 'GetCommentsForPullRequest',
  'GetCommitsFromMergeBase', 'GetMergeConflicts', 'GetPullRequest', 'ListPullRequests', 'GetBlob', 'GetFile', 'GetFolder',
  'GetComment', 'GetCommentsForComparedCommit', 'BatchGetCommits', 'GetCommit', 'GetCommitHistory', 'GetDifferences',
  'GetObjectIdentifier', 'GetReferences', 'GetTree', 'GetRepository', 'ListTagsForResource', 'GetRepositoryTriggers',
  'TestRepositoryTriggers', 'GetUploadArchiveStatus',
];
const CODECOMMIT_WRITE = [
  'GitPush', 'CreateBranch', 'DeleteBranch', 'MergeBranchesByFastForward', 'MergeBranchesBySquash',
  'MergeBranchesByThreeWay', 'UpdateDefaultBranch', 'CreateUnreferencedMergeCommit', 'CreatePullRequest',
  'MergePullRequestByFastForward', 'MergePullRequestBySquash', 'MergePullRequestByThreeWay', 'PostCommentForPullRequest',
  'UpdatePullRequestDescription', 'UpdatePullRequestStatus', 'UpdatePullRequestTitle', 'DeleteFile', 'PutFile',
  'DeleteCommentContent', 'PostCommentForComparedCommit', 'PostCommentReply', 'UpdateComment', 'CreateCommit',
  'UpdateRepositoryDescription', 'TagResource', 'UntagResource', 'PutRepositoryTriggers', 'UploadArchive',
  'CancelUploadArchive',
];
const prefixed = (service: string, actions: readonly string[]): string[] => actions.map((action) => `${service}:${action}`);

const TEMPLATES: Readonly<Record<string, SamTemplateFacts>> = {
  AMIDescribePolicy: { parameters: [], statements: [{ action: ['ec2:DescribeImages'], resource: STAR }] },
  AWSSecretsManagerGetSecretValuePolicy: {
    parameters: ['SecretArn'],
    statements: [{ action: ['secretsmanager:GetSecretValue'], resource: ['${SecretArn}'] }],
  },
  AWSSecretsManagerRotationPolicy: {
    parameters: ['FunctionName'],
    statements: [
      {
        action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resource: [`${P}:secretsmanager:${RA}:secret:*`],
        conditions: [
          {
            operator: 'StringEquals',
            key: 'secretsmanager:resource/AllowRotationLambdaArn',
            values: [`${P}:lambda:${RA}:function:\${FunctionName}`],
          },
        ],
      },
      { action: ['secretsmanager:GetRandomPassword'], resource: STAR },
    ],
  },
  AcmGetCertificatePolicy: {
    parameters: ['CertificateArn'],
    statements: [{ action: ['acm:GetCertificate'], resource: ['${CertificateArn}'] }],
  },
  AthenaQueryPolicy: {
    parameters: ['WorkGroupName'],
    statements: [
      {
        action: prefixed('athena', [
          'ListWorkGroups', 'GetExecutionEngine', 'GetExecutionEngines', 'GetNamespace', 'GetCatalogs', 'GetNamespaces',
          'GetTables', 'GetTable',
        ]),
        resource: STAR,
      },
      {
        action: prefixed('athena', [
          'StartQueryExecution', 'GetQueryResults', 'DeleteNamedQuery', 'GetNamedQuery', 'ListQueryExecutions',
          'StopQueryExecution', 'GetQueryResultsStream', 'ListNamedQueries', 'CreateNamedQuery', 'GetQueryExecution',
          'BatchGetNamedQuery', 'BatchGetQueryExecution', 'GetWorkGroup',
        ]),
        resource: [`${P}:athena:${RA}:workgroup/\${WorkGroupName}`],
      },
    ],
  },
  CloudFormationDescribeStacksPolicy: {
    parameters: [],
    statements: [{ action: ['cloudformation:DescribeStacks'], resource: [`${P}:cloudformation:${RA}:stack/*`] }],
  },
  CloudWatchDashboardPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('cloudwatch', ['GetDashboard', 'ListDashboards', 'PutDashboard', 'ListMetrics']),
        resource: STAR,
      },
    ],
  },
  CloudWatchDescribeAlarmHistoryPolicy: {
    parameters: [],
    statements: [{ action: ['cloudwatch:DescribeAlarmHistory'], resource: STAR }],
  },
  CloudWatchPutMetricPolicy: { parameters: [], statements: [{ action: ['cloudwatch:PutMetricData'], resource: STAR }] },
  CodeCommitCrudPolicy: {
    parameters: ['RepositoryName'],
    statements: [
      { action: prefixed('codecommit', [...CODECOMMIT_READ, ...CODECOMMIT_WRITE]), resource: [CODECOMMIT_REPOSITORY] },
    ],
  },
  CodeCommitReadPolicy: {
    parameters: ['RepositoryName'],
    statements: [{ action: prefixed('codecommit', CODECOMMIT_READ), resource: [CODECOMMIT_REPOSITORY] }],
  },
  CodePipelineLambdaExecutionPolicy: {
    parameters: [],
    statements: [{ action: ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'], resource: STAR }],
  },
  CodePipelineReadOnlyPolicy: {
    parameters: ['PipelineName'],
    statements: [
      { action: ['codepipeline:ListPipelineExecutions'], resource: [`${P}:codepipeline:${RA}:\${PipelineName}`] },
    ],
  },
  ComprehendBasicAccessPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('comprehend', [
          'BatchDetectKeyPhrases', 'DetectDominantLanguage', 'DetectEntities', 'BatchDetectEntities', 'DetectKeyPhrases',
          'DetectSentiment', 'BatchDetectDominantLanguage', 'BatchDetectSentiment',
        ]),
        resource: STAR,
      },
    ],
  },
  CostExplorerReadOnlyPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('ce', [
          'GetCostAndUsage', 'GetDimensionValues', 'GetReservationCoverage', 'GetReservationPurchaseRecommendation',
          'GetReservationUtilization', 'GetTags',
        ]),
        resource: STAR,
      },
    ],
  },
  DynamoDBBackupFullAccessPolicy: {
    parameters: ['TableName'],
    statements: [
      { action: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'], resource: [table('${TableName}')] },
      {
        action: ['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'],
        resource: [table('${TableName}/backup/*')],
      },
    ],
  },
  DynamoDBCrudPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        action: prefixed('dynamodb', [
          'GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem',
          'DescribeTable', 'ConditionCheckItem',
        ]),
        resource: TABLE_AND_INDEXES,
      },
    ],
  },
  DynamoDBReadPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        action: prefixed('dynamodb', ['GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable']),
        resource: TABLE_AND_INDEXES,
      },
    ],
  },
  DynamoDBReconfigurePolicy: {
    parameters: ['TableName'],
    statements: [{ action: ['dynamodb:UpdateTable'], resource: [table('${TableName}')] }],
  },
  DynamoDBRestoreFromBackupPolicy: {
    parameters: ['TableName'],
    statements: [
      { action: ['dynamodb:RestoreTableFromBackup'], resource: [table('${TableName}/backup/*')] },
      {
        action: prefixed('dynamodb', ['PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem']),
        resource: [table('${TableName}')],
      },
    ],
  },
  DynamoDBStreamReadPolicy: {
    parameters: ['TableName', 'StreamName'],
    statements: [
      {
        action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resource: [table('${TableName}/stream/${StreamName}')],
      },
      { action: ['dynamodb:ListStreams'], resource: [table('${TableName}/stream/*')] },
    ],
  },
  DynamoDBWritePolicy: {
    parameters: ['TableName'],
    statements: [
      { action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], resource: TABLE_AND_INDEXES },
    ],
  },
  EC2CopyImagePolicy: {
    parameters: ['ImageId'],
    statements: [{ action: ['ec2:CopyImage'], resource: [`${P}:ec2:${RA}:image/\${ImageId}`] }],
  },
  EC2DescribePolicy: {
    parameters: [],
    statements: [{ action: ['ec2:DescribeRegions', 'ec2:DescribeInstances'], resource: STAR }],
  },
  EFSWriteAccessPolicy: {
    parameters: ['FileSystem', 'AccessPoint'],
    statements: [
      {
        action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resource: [`${P}:elasticfilesystem:${RA}:file-system/\${FileSystem}`],
        conditions: [
          {
            operator: 'StringEquals',
            key: 'elasticfilesystem:AccessPointArn',
            values: [`${P}:elasticfilesystem:${RA}:access-point/\${AccessPoint}`],
          },
        ],
      },
    ],
  },
  EKSDescribePolicy: { parameters: [], statements: [{ action: ['eks:DescribeCluster', 'eks:ListClusters'], resource: STAR }] },
  EcsRunTaskPolicy: {
    parameters: ['TaskDefinition'],
    statements: [{ action: ['ecs:RunTask'], resource: [`${P}:ecs:${RA}:task-definition/\${TaskDefinition}`] }],
  },
  ElasticMapReduceAddJobFlowStepsPolicy: emr(['elasticmapreduce:AddJobFlowSteps']),
  ElasticMapReduceCancelStepsPolicy: emr(['elasticmapreduce:CancelSteps']),
  ElasticMapReduceModifyInstanceFleetPolicy: emr(['elasticmapreduce:ModifyInstanceFleet', 'elasticmapreduce:ListInstanceFleets']),
  ElasticMapReduceModifyInstanceGroupsPolicy: emr(['elasticmapreduce:ModifyInstanceGroups', 'elasticmapreduce:ListInstanceGroups']),
  ElasticMapReduceSetTerminationProtectionPolicy: emr(['elasticmapreduce:SetTerminationProtection']),
  ElasticMapReduceTerminateJobFlowsPolicy: emr(['elasticmapreduce:TerminateJobFlows']),
  ElasticsearchHttpPostPolicy: {
    parameters: ['DomainName'],
    statements: [{ action: ['es:ESHttpPost', 'es:ESHttpPut'], resource: [`${P}:es:${RA}:domain/\${DomainName}/*`] }],
  },
  EventBridgePutEventsPolicy: {
    parameters: ['EventBusName'],
    statements: [{ action: ['events:PutEvents'], resource: [`${P}:events:${RA}:event-bus/\${EventBusName}`] }],
  },
  FilterLogEventsPolicy: {
    parameters: ['LogGroupName'],
    statements: [
      { action: ['logs:FilterLogEvents'], resource: [`${P}:logs:${RA}:log-group:\${LogGroupName}:log-stream:*`] },
    ],
  },
  FirehoseCrudPolicy: {
    parameters: ['DeliveryStreamName'],
    statements: [
      {
        action: prefixed('firehose', [
          'CreateDeliveryStream', 'DeleteDeliveryStream', 'DescribeDeliveryStream', 'PutRecord', 'PutRecordBatch',
          'UpdateDestination',
        ]),
        resource: [FIREHOSE_STREAM],
      },
    ],
  },
  FirehoseWritePolicy: {
    parameters: ['DeliveryStreamName'],
    statements: [{ action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resource: [FIREHOSE_STREAM] }],
  },
  KMSDecryptPolicy: { parameters: ['KeyId'], statements: [{ action: ['kms:Decrypt'], resource: [KMS_KEY] }] },
  KMSEncryptPolicy: { parameters: ['KeyId'], statements: [{ action: ['kms:Encrypt'], resource: [KMS_KEY] }] },
  KMSEncryptPolicy_v2: {
    parameters: ['KeyId'],
    statements: [
      {
        action: prefixed('kms', [
          'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
          'GenerateDataKeyPairWithoutPlaintext',
        ]),
        resource: [KMS_KEY],
      },
    ],
  },
  KinesisCrudPolicy: {
    parameters: ['StreamName'],
    statements: [
      {
        action: prefixed('kinesis', [
          'AddTagsToStream', 'CreateStream', 'DecreaseStreamRetentionPeriod', 'DeleteStream', 'DescribeStream',
          'DescribeStreamSummary', 'GetShardIterator', 'IncreaseStreamRetentionPeriod', 'ListTagsForStream', 'MergeShards',
          'PutRecord', 'PutRecords', 'SplitShard', 'RemoveTagsFromStream',
        ]),
        resource: [`${P}:kinesis:${RA}:stream/\${StreamName}`],
      },
    ],
  },
  KinesisStreamReadPolicy: {
    parameters: ['StreamName'],
    statements: [
      { action: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resource: [`${P}:kinesis:${RA}:stream/*`] },
      {
        action: prefixed('kinesis', ['DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator']),
        resource: [`${P}:kinesis:${RA}:stream/\${StreamName}`],
      },
    ],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    // The trailing `*` also covers versions and aliases (`function:name:alias`).
    statements: [{ action: ['lambda:InvokeFunction'], resource: [`${P}:lambda:${RA}:function:\${FunctionName}*`] }],
  },
  MobileAnalyticsWriteOnlyAccessPolicy: {
    parameters: [],
    statements: [{ action: ['mobileanalytics:PutEvents'], resource: STAR }],
  },
  OrganizationsListAccountsPolicy: {
    parameters: [],
    statements: [{ action: ['organizations:ListAccounts'], resource: STAR }],
  },
  PinpointEndpointAccessPolicy: {
    parameters: ['PinpointApplicationId'],
    statements: [
      {
        action: ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint', 'mobiletargeting:UpdateEndpointsBatch'],
        resource: [`${P}:mobiletargeting:${RA}:apps/\${PinpointApplicationId}/endpoints/*`],
      },
    ],
  },
  PollyFullAccessPolicy: {
    parameters: ['LexiconName'],
    statements: [
      { action: ['polly:GetLexicon', 'polly:DeleteLexicon'], resource: [`${P}:polly:${RA}:lexicon/\${LexiconName}`] },
      {
        action: ['polly:DescribeVoices', 'polly:ListLexicons', 'polly:PutLexicon', 'polly:SynthesizeSpeech'],
        resource: [`${P}:polly:${RA}:lexicon/*`],
      },
    ],
  },
  RekognitionDetectOnlyPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('rekognition', ['DetectFaces', 'DetectLabels', 'DetectModerationLabels', 'DetectText']),
        resource: STAR,
      },
    ],
  },
  RekognitionFacesManagementPolicy: {
    parameters: ['CollectionId'],
    statements: [
      {
        action: prefixed('rekognition', ['IndexFaces', 'DeleteFaces', 'SearchFaces', 'SearchFacesByImage', 'ListFaces']),
        resource: [REKOGNITION_COLLECTION],
      },
    ],
  },
  RekognitionFacesPolicy: {
    parameters: [],
    statements: [{ action: ['rekognition:CompareFaces', 'rekognition:DetectFaces'], resource: STAR }],
  },
  RekognitionLabelsPolicy: {
    parameters: [],
    statements: [{ action: ['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], resource: STAR }],
  },
  RekognitionNoDataAccessPolicy: {
    parameters: ['CollectionId'],
    statements: [
      {
        action: prefixed('rekognition', ['CompareFaces', 'DetectFaces', 'DetectLabels', 'DetectModerationLabels']),
        resource: [REKOGNITION_COLLECTION],
      },
    ],
  },
  RekognitionReadPolicy: {
    parameters: ['CollectionId'],
    statements: [
      {
        action: prefixed('rekognition', ['ListCollections', 'ListFaces', 'SearchFaces', 'SearchFacesByImage']),
        resource: [REKOGNITION_COLLECTION],
      },
    ],
  },
  RekognitionWriteOnlyAccessPolicy: {
    parameters: ['CollectionId'],
    statements: [
      { action: ['rekognition:CreateCollection', 'rekognition:IndexFaces'], resource: [REKOGNITION_COLLECTION] },
    ],
  },
  Route53ChangeResourceRecordSetsPolicy: {
    parameters: ['HostedZoneId'],
    statements: [
      { action: ['route53:ChangeResourceRecordSets'], resource: [`${P}:route53:::hostedzone/\${HostedZoneId}`] },
    ],
  },
  S3CrudPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        action: prefixed('s3', [
          'GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'PutObject', 'PutObjectAcl',
          'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'DeleteObject',
        ]),
        resource: BUCKET_AND_OBJECTS,
      },
    ],
  },
  S3FullAccessPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        action: prefixed('s3', [
          'GetObject', 'GetObjectAcl', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'DeleteObject',
          'DeleteObjectTagging', 'DeleteObjectVersionTagging', 'GetObjectTagging', 'GetObjectVersionTagging',
          'PutObjectTagging', 'PutObjectVersionTagging',
        ]),
        resource: [`${P}:s3:::\${BucketName}/*`],
      },
      {
        action: prefixed('s3', ['ListBucket', 'GetBucketLocation', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration']),
        resource: [`${P}:s3:::\${BucketName}`],
      },
    ],
  },
  S3ReadPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        action: prefixed('s3', ['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration']),
        resource: BUCKET_AND_OBJECTS,
      },
    ],
  },
  S3WritePolicy: {
    parameters: ['BucketName'],
    statements: [
      { action: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], resource: BUCKET_AND_OBJECTS },
    ],
  },
  SESBulkTemplatedCrudPolicy: {
    parameters: ['IdentityName'],
    statements: [
      {
        action: prefixed('ses', [
          'GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail',
          'VerifyEmailIdentity',
        ]),
        resource: [SES_IDENTITY],
      },
    ],
  },
  SESBulkTemplatedCrudPolicy_v2: {
    parameters: ['IdentityName', 'TemplateName'],
    statements: [
      {
        action: prefixed('ses', ['SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail']),
        resource: [SES_IDENTITY, `${P}:ses:${RA}:template/\${TemplateName}`],
      },
      { action: ['ses:GetIdentityVerificationAttributes', 'ses:VerifyEmailIdentity'], resource: STAR },
    ],
  },
  SESCrudPolicy: {
    parameters: ['IdentityName'],
    statements: [
      {
        action: prefixed('ses', ['GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'VerifyEmailIdentity']),
        resource: [SES_IDENTITY],
      },
    ],
  },
  SESEmailTemplateCrudPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('ses', ['CreateTemplate', 'GetTemplate', 'ListTemplates', 'UpdateTemplate', 'DeleteTemplate', 'TestRenderTemplate']),
        resource: STAR,
      },
    ],
  },
  SESSendBouncePolicy: { parameters: ['IdentityName'], statements: [{ action: ['ses:SendBounce'], resource: [SES_IDENTITY] }] },
  SNSCrudPolicy: {
    parameters: ['TopicName'],
    statements: [
      {
        action: prefixed('sns', ['ListSubscriptionsByTopic', 'CreateTopic', 'SetTopicAttributes', 'Subscribe', 'Publish']),
        resource: [`${P}:sns:${RA}:\${TopicName}*`],
      },
    ],
  },
  SNSPublishMessagePolicy: {
    parameters: ['TopicName'],
    statements: [{ action: ['sns:Publish'], resource: [`${P}:sns:${RA}:\${TopicName}`] }],
  },
  SQSPollerPolicy: {
    parameters: ['QueueName'],
    statements: [
      {
        action: prefixed('sqs', [
          'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'DeleteMessage', 'DeleteMessageBatch',
          'GetQueueAttributes', 'ReceiveMessage',
        ]),
        resource: [`${P}:sqs:${RA}:\${QueueName}`],
      },
    ],
  },
  SQSSendMessagePolicy: {
    parameters: ['QueueName'],
    statements: [{ action: ['sqs:SendMessage*'], resource: [`${P}:sqs:${RA}:\${QueueName}`] }],
  },
  SSMParameterReadPolicy: {
    parameters: ['ParameterName'],
    statements: [
      { action: ['ssm:DescribeParameters'], resource: STAR },
      {
        action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        resource: [`${P}:ssm:${RA}:parameter/\${ParameterName}`],
      },
    ],
  },
  SSMParameterWithSlashPrefixReadPolicy: {
    parameters: ['ParameterName'],
    statements: [
      { action: ['ssm:DescribeParameters'], resource: STAR },
      {
        action: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        resource: [`${P}:ssm:${RA}:parameter\${ParameterName}`],
      },
    ],
  },
  SageMakerCreateEndpointConfigPolicy: {
    parameters: ['EndpointConfigName'],
    statements: [
      {
        action: ['sagemaker:CreateEndpointConfig'],
        resource: [`${P}:sagemaker:${RA}:endpoint-config/\${EndpointConfigName}`],
      },
    ],
  },
  SageMakerCreateEndpointPolicy: {
    parameters: ['EndpointName'],
    statements: [{ action: ['sagemaker:CreateEndpoint'], resource: [`${P}:sagemaker:${RA}:endpoint/\${EndpointName}`] }],
  },
  ServerlessRepoReadWriteAccessPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('serverlessrepo', [
          'CreateApplication', 'CreateApplicationVersion', 'UpdateApplication', 'GetApplication', 'ListApplications',
          'ListApplicationVersions', 'ListApplicationDependencies',
        ]),
        resource: [`${P}:serverlessrepo:${RA}:applications/*`],
      },
    ],
  },
  StepFunctionsCallbackPolicy: {
    parameters: ['StateMachineName'],
    statements: [
      { action: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'], resource: [STATE_MACHINE] },
    ],
  },
  StepFunctionsExecutionPolicy: {
    parameters: ['StateMachineName'],
    statements: [{ action: ['states:StartExecution'], resource: [STATE_MACHINE] }],
  },
  StepFunctionsExecutionPolicy_v2: {
    parameters: ['StateMachineName'],
    statements: [{ action: ['states:StartExecution', 'states:StartSyncExecution'], resource: [STATE_MACHINE] }],
  },
  TextractDetectAnalyzePolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('textract', ['DetectDocumentText', 'StartDocumentTextDetection', 'StartDocumentAnalysis', 'AnalyzeDocument']),
        resource: STAR,
      },
    ],
  },
  TextractGetResultPolicy: {
    parameters: [],
    statements: [{ action: ['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'], resource: STAR }],
  },
  TextractPolicy: { parameters: [], statements: [{ action: ['textract:*'], resource: STAR }] },
  VPCAccessPolicy: {
    parameters: [],
    statements: [
      {
        action: prefixed('ec2', ['CreateNetworkInterface', 'DeleteNetworkInterface', 'DescribeNetworkInterfaces', 'DetachNetworkInterface']),
        resource: STAR,
      },
    ],
  },
};

/** The names of the SAM policy templates sfn-lint expands, sorted. */
export const SAM_POLICY_TEMPLATE_NAMES: readonly string[] = Object.keys(TEMPLATES).sort();

/** True when `name` is a SAM policy template sfn-lint knows. */
export function isSamPolicyTemplate(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}

/** The parameters a SAM policy template takes, or undefined for an unknown template. */
export function samPolicyTemplateParameters(name: string): readonly string[] | undefined {
  return isSamPolicyTemplate(name) ? TEMPLATES[name].parameters : undefined;
}

export interface SamTemplateExpansion {
  readonly statements: PolicyStatement[];
  readonly unknowns: PermissionUnknown[];
}

const PARAMETER = /\$\{([A-Za-z0-9]+)\}/g;

/**
 * Expands `- TemplateName: { Parameter: value }`, the way the SAM translator does, with each
 * parameter's value as symbolic text (`!Ref Worker` becomes `${Worker}`). `item` is the
 * `Policies` entry: the statements point at it, and each resource built from a parameter
 * points at that parameter's value. Undefined for a template sfn-lint does not know.
 */
export function expandSamPolicyTemplate(
  name: string,
  parametersNode: DocNode | undefined,
  item: DocNode,
): SamTemplateExpansion | undefined {
  if (!isSamPolicyTemplate(name)) return undefined;
  const facts = TEMPLATES[name];
  const origin = { kind: 'sam-policy-template' as const, name, node: item };
  const values = new Map<string, { text: SymbolicText | undefined; node: DocNode }>();
  for (const parameter of members(parametersNode)) {
    values.set(parameter.key as string, { text: symbolicText(parameter), node: parameter });
  }
  const unknowns: PermissionUnknown[] = [];
  for (const parameter of facts.parameters) {
    if (!values.has(parameter)) {
      unknowns.push({ reason: `the SAM policy template ${name} has no ${parameter} parameter`, node: item });
    }
  }
  // SAM refuses a template with a missing parameter, so there is nothing to expand.
  if (unknowns.length > 0) return { statements: [], unknowns };

  // A value sfn-lint cannot read (Fn::FindInMap, say) leaves its resources unknown, not the statement.
  const substitute = (text: string): PolicyEntry => {
    let node: DocNode = item;
    let unreadable = false;
    const result = text.replace(PARAMETER, (whole, parameter: string) => {
      const value = values.get(parameter);
      if (!facts.parameters.includes(parameter) || value === undefined) return whole;
      node = value.node;
      if (value.text === undefined) unreadable = true;
      return value.text ?? whole;
    });
    return { text: unreadable ? undefined : result, node };
  };
  const statements = facts.statements.map((statement): PolicyStatement => {
    const base = statementFromFacts(statement, item, origin);
    return {
      ...base,
      resource: statement.resource?.map(substitute),
      conditions: base.conditions.map((condition, index) => ({
        ...condition,
        values: statement.conditions![index].values.map(substitute),
      })),
    };
  });
  return { statements, unknowns };
}

/** The template name and parameters of a `{ TemplateName: { … } }` entry, when it has that shape. */
export function samPolicyTemplateEntry(item: DocNode): { name: string; parameters: DocNode | undefined } | undefined {
  if (item.kind !== 'object' || item.children?.length !== 1) return undefined;
  const name = item.children[0].key as string;
  return isSamPolicyTemplate(name) ? { name, parameters: member(item, name) } : undefined;
}
