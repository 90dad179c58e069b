import { describe, expect, it } from 'vitest';
import {
  SDK_ACTION_EXCEPTIONS,
  SDK_IAM_SERVICE_PREFIX,
  isIdempotentSdkAction,
  isReadOnlySdkAction,
  pascalCase,
  sdkErrorPrefix,
  sdkIamActions,
  sdkIamPrefix,
} from './sdk-iam.js';

describe('sdkIamActions', () => {
  it('raises the first letter of the SDK action by default', () => {
    expect(sdkIamActions('ec2', 'describeInstances')).toMatchObject({ actions: ['ec2:DescribeInstances'], exception: false });
    expect(sdkIamActions('rds', 'describeDBInstances').actions).toEqual(['rds:DescribeDBInstances']);
    expect(sdkIamActions('s3', 'getObject').actions).toEqual(['s3:GetObject']);
  });

  it('maps the documented service prefixes', () => {
    const cases: [string, string, string][] = [
      ['sfn', 'startExecution', 'states:StartExecution'],
      ['sfn', 'sendTaskSuccess', 'states:SendTaskSuccess'],
      ['cloudwatchlogs', 'putLogEvents', 'logs:PutLogEvents'],
      ['mediapackagevod', 'listAssets', 'mediapackage-vod:ListAssets'],
      ['elasticloadbalancingv2', 'describeTargetHealth', 'elasticloadbalancing:DescribeTargetHealth'],
      ['efs', 'describeFileSystems', 'elasticfilesystem:DescribeFileSystems'],
      ['mwaa', 'createCliToken', 'airflow:CreateCliToken'],
      ['emr', 'listClusters', 'elasticmapreduce:ListClusters'],
      ['eventbridge', 'putEvents', 'events:PutEvents'],
      ['redshiftdata', 'executeStatement', 'redshift-data:ExecuteStatement'],
      ['sesv2', 'sendEmail', 'ses:SendEmail'],
      ['cognitoidentityprovider', 'adminGetUser', 'cognito-idp:AdminGetUser'],
      ['bedrockruntime', 'converse', 'bedrock:Converse'],
    ];
    for (const [service, action, expected] of cases) expect(sdkIamActions(service, action).actions, `${service}:${action}`).toEqual([expected]);
    expect(sdkIamActions('sfn', 'startExecution').exception).toBe(true);
  });

  it('maps the documented action exceptions', () => {
    expect(sdkIamActions('s3', 'listBuckets')).toMatchObject({ actions: ['s3:ListAllMyBuckets'], exception: true, source: 'CDK-SDK' });
    expect(sdkIamActions('s3', 'listObjectsV2').actions).toEqual(['s3:ListBucket']);
    expect(sdkIamActions('s3', 'headObject').actions).toEqual(['s3:GetObject']);
    expect(sdkIamActions('s3', 'copyObject').actions).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(sdkIamActions('s3control', 'putPublicAccessBlock').actions).toEqual(['s3:PutAccountPublicAccessBlock']);
    expect(sdkIamActions('lambda', 'invoke').actions).toEqual(['lambda:InvokeFunction']);
    expect(sdkIamActions('sqs', 'sendMessageBatch').actions).toEqual(['sqs:SendMessage']);
    expect(sdkIamActions('dynamodb', 'transactGetItems').actions).toEqual(['dynamodb:GetItem']);
    expect(sdkIamActions('apigatewaymanagementapi', 'postToConnection').actions).toEqual(['execute-api:ManageConnections']);
  });

  it('maps API Gateway management calls to HTTP verbs, as a guess', () => {
    expect(sdkIamActions('apigateway', 'getRestApis')).toMatchObject({ actions: ['apigateway:GET'], guess: true });
    expect(sdkIamActions('apigateway', 'createDeployment').actions).toEqual(['apigateway:POST']);
    expect(sdkIamActions('apigateway', 'updateStage').actions).toEqual(['apigateway:PATCH']);
    expect(sdkIamActions('apigateway', 'deleteApiKey').actions).toEqual(['apigateway:DELETE']);
  });

  it('keeps its tables well formed', () => {
    for (const [service, prefix] of SDK_IAM_SERVICE_PREFIX) {
      expect(service).toMatch(/^[a-z0-9]+$/);
      expect(prefix).toMatch(/^[a-z0-9-]+$/);
      expect(prefix).not.toBe(service);
    }
    for (const [key, exception] of SDK_ACTION_EXCEPTIONS) {
      expect(key).toMatch(/^[a-z0-9]+:[a-z][A-Za-z0-9]*$/);
      expect(exception.actions.length).toBeGreaterThan(0);
      for (const action of exception.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]*$/);
    }
  });
});

describe('helpers', () => {
  it('pascalCase', () => {
    expect(pascalCase('getObject')).toBe('GetObject');
    expect(pascalCase('')).toBe('');
  });

  it('sdkIamPrefix', () => {
    expect(sdkIamPrefix('sfn')).toBe('states');
    expect(sdkIamPrefix('s3')).toBe('s3');
  });

  it('sdkErrorPrefix follows the documented examples', () => {
    expect(sdkErrorPrefix('acmpca')).toBe('AcmPca');
    expect(sdkErrorPrefix('s3')).toBe('S3');
    expect(sdkErrorPrefix('dynamodb')).toBe('DynamoDb');
    expect(sdkErrorPrefix('textract')).toBe('Textract');
    expect(sdkErrorPrefix('somenewservice')).toBe('Somenewservice');
  });

  it('isReadOnlySdkAction', () => {
    for (const action of ['getObject', 'describeInstances', 'listBuckets', 'headObject', 'query', 'scan', 'detectLabels', 'batchGetItem']) {
      expect(isReadOnlySdkAction(action), action).toBe(true);
    }
    for (const action of ['putObject', 'runInstances', 'sendMessage', 'getaway', 'listenerUpdate', 'deleteItem', 'startExecution']) {
      expect(isReadOnlySdkAction(action), action).toBe(false);
    }
  });

  it('isIdempotentSdkAction', () => {
    expect(isIdempotentSdkAction('stopExecution')).toBe(true);
    expect(isIdempotentSdkAction('deleteObject')).toBe(true);
    expect(isIdempotentSdkAction('settle')).toBe(false);
    expect(isIdempotentSdkAction('runInstances')).toBe(false);
  });
});
