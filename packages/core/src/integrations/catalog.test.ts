import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_ENTRIES, catalogEntry } from './catalog.js';
import { sdkEntry } from './sdk-entry.js';
import { INTEGRATION_PATTERNS, type CatalogEntry } from './types.js';

const IAM_ACTION = /^[a-z0-9-]+:[A-Z][A-Za-z0-9]*$/;
const REFERENCE = /\{(arn|value|name):([^}]+)\}/g;
const KNOWN_PLACEHOLDER = /\{(partition|region|account)\}/g;

function templatesOf(entry: CatalogEntry): string[] {
  const out: string[] = [];
  for (const need of entry.iam) {
    out.push(...(need.resources ?? []), ...(need.dynamic ?? []));
    if (need.condition) out.push(need.condition.value);
  }
  return out;
}

describe('catalog data', () => {
  it('has no duplicate keys, and each key is service:action', () => {
    expect(CATALOG.size).toBe(CATALOG_ENTRIES.length);
    for (const entry of CATALOG_ENTRIES) expect(entry.key).toBe(`${entry.service}:${entry.action}`);
  });

  it('covers every optimized integration Step Functions documents', () => {
    const expected = [
      'lambda:invoke',
      'dynamodb:getItem',
      'dynamodb:putItem',
      'dynamodb:updateItem',
      'dynamodb:deleteItem',
      'sqs:sendMessage',
      'sns:publish',
      'events:putEvents',
      'states:startExecution',
      'ecs:runTask',
      'batch:submitJob',
      'glue:startJobRun',
      'databrew:startJobRun',
      'sagemaker:createTrainingJob',
      'sagemaker:createTransformJob',
      'sagemaker:createProcessingJob',
      'sagemaker:createHyperParameterTuningJob',
      'sagemaker:createLabelingJob',
      'sagemaker:createEndpoint',
      'sagemaker:createEndpointConfig',
      'sagemaker:createModel',
      'sagemaker:updateEndpoint',
      'athena:startQueryExecution',
      'athena:stopQueryExecution',
      'athena:getQueryExecution',
      'athena:getQueryResults',
      'elasticmapreduce:createCluster',
      'elasticmapreduce:addStep',
      'elasticmapreduce:cancelStep',
      'elasticmapreduce:terminateCluster',
      'elasticmapreduce:setClusterTerminationProtection',
      'elasticmapreduce:modifyInstanceFleetByName',
      'elasticmapreduce:modifyInstanceGroupByName',
      'emr-containers:createVirtualCluster',
      'emr-containers:deleteVirtualCluster',
      'emr-containers:startJobRun',
      'emr-serverless:createApplication',
      'emr-serverless:startApplication',
      'emr-serverless:stopApplication',
      'emr-serverless:deleteApplication',
      'emr-serverless:startJobRun',
      'emr-serverless:cancelJobRun',
      'codebuild:startBuild',
      'codebuild:stopBuild',
      'codebuild:batchDeleteBuilds',
      'codebuild:batchGetReports',
      'codebuild:startBuildBatch',
      'codebuild:stopBuildBatch',
      'codebuild:retryBuildBatch',
      'codebuild:deleteBuildBatch',
      'eks:createCluster',
      'eks:deleteCluster',
      'eks:createNodegroup',
      'eks:deleteNodegroup',
      'eks:createFargateProfile',
      'eks:deleteFargateProfile',
      'eks:runJob',
      'eks:call',
      'apigateway:invoke',
      'bedrock:invokeModel',
      'bedrock:createModelCustomizationJob',
      'mediaconvert:createJob',
      'http:invoke',
      's3:getObject',
      's3:listObjectsV2',
      's3:putObject',
    ];
    for (const key of expected) expect(CATALOG.has(key), key).toBe(true);
    expect([...CATALOG.keys()].sort()).toEqual([...expected].sort());
  });

  it.each(CATALOG_ENTRIES.map((entry) => [entry.key, entry] as const))('%s is consistent', (_key, entry) => {
    // Patterns: known, unique, request-response always offered.
    expect(entry.patterns.length).toBeGreaterThan(0);
    expect(new Set(entry.patterns).size).toBe(entry.patterns.length);
    for (const pattern of entry.patterns) expect(INTEGRATION_PATTERNS).toContain(pattern);
    expect(entry.patterns).toContain('request-response');
    if (entry.patterns.includes('sync:2')) expect(entry.key).toBe('states:startExecution');

    // IAM: every pattern has needs (or a note says why not); needs name only the entry's patterns.
    for (const pattern of entry.patterns) {
      const count = entry.iam.filter((need) => !need.patterns || need.patterns.includes(pattern)).length;
      if (!entry.iamNote) expect(count, `${entry.key} ${pattern}`).toBeGreaterThan(0);
    }
    for (const need of entry.iam) {
      expect(need.action).toMatch(IAM_ACTION);
      expect(need.source).not.toBe('');
      for (const pattern of need.patterns ?? []) expect(entry.patterns).toContain(pattern);
      if (need.onlyStar) expect(need.resources).toEqual(['*']);
      if (need.purpose === 'pass-role') expect(need.action).toBe('iam:PassRole');
      if (need.purpose === 'events-rule') {
        expect(need.patterns?.every((p) => p === 'sync' || p === 'sync:2')).toBe(true);
        expect(need.resources?.[0]).toMatch(/^arn:\{partition\}:events:\{region\}:\{account\}:rule\/StepFunctionsGetEvents?For\w+Rule$/);
      }
      if (need.resources) expect(need.resources.length).toBeGreaterThan(0);
    }
    const rules = entry.iam.filter((need) => need.purpose === 'events-rule');
    expect(rules.length % 3).toBe(0);
    for (const action of ['events:PutTargets', 'events:PutRule', 'events:DescribeRule']) {
      if (rules.length > 0) expect(rules.map((need) => need.action)).toContain(action);
    }
    // Every .sync pattern polls: without Describe/Get the execution can get stuck [OLD:service-integration-iam-templates].
    if (entry.patterns.includes('sync') && !entry.iamNote) {
      expect(entry.iam.some((need) => need.purpose === 'poll' && (!need.patterns || need.patterns.includes('sync')))).toBe(true);
    }

    // No duplicate (action, patterns) needs.
    const seen = new Set<string>();
    for (const need of entry.iam) {
      const key = `${need.action} ${(need.patterns ?? ['*']).join(',')} ${(need.resources ?? ['?']).join(',')}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }

    // Templates name only declared parameters and known placeholders; `{arn:X}` needs a form with an ARN.
    const declared = new Map([...entry.targets, ...entry.roles].map((spec) => [spec.path, spec]));
    for (const template of templatesOf(entry)) {
      for (const [, kind, path] of template.matchAll(REFERENCE)) {
        const spec = declared.get(path);
        expect(spec, `${entry.key}: ${path} is not declared`).toBeDefined();
        if (kind === 'arn') expect(spec?.form.kind).not.toBe('opaque');
      }
      const rest = template.replaceAll(REFERENCE, '').replaceAll(KNOWN_PLACEHOLDER, '');
      expect(rest, `${entry.key}: ${template}`).not.toMatch(/[{}]/);
    }
    for (const spec of declared.values()) {
      if (spec.form.kind === 'name' || spec.form.kind === 'name-or-arn') expect(spec.form.arn).toContain('{value}');
    }
    for (const spec of entry.roles) {
      expect(entry.iam.some((need) => need.action === 'iam:PassRole' || need.condition?.value === `{value:${spec.path}}`), `${entry.key} role ${spec.path}`).toBe(true);
    }

    // Retry safety agrees with side effects and guards.
    if (!entry.sideEffects) expect(entry.retrySafety).toBe('read-only');
    if (entry.retrySafety === 'read-only') expect(entry.sideEffects).toBe(false);
    if (entry.retrySafety === 'guarded') expect(entry.guards.length).toBeGreaterThan(0);
    for (const guard of entry.guards) {
      expect(guard.path).toMatch(/^[A-Za-z][\w.\-[\]]*$/);
      expect(guard.source).not.toBe('');
    }

    // Errors carry the entry's prefix.
    expect(entry.errorPrefix).not.toBe('');
    for (const error of entry.transientErrors) expect(error.name.startsWith(`${entry.errorPrefix}.`), error.name).toBe(true);

    expect(entry.sources.length).toBeGreaterThan(0);
    expect(entry.kind).toBe(entry.service === 'http' ? 'http' : 'optimized');
  });

  it('marks the actions AWS documents only with "*"', () => {
    const onlyStar = new Set(CATALOG_ENTRIES.flatMap((entry) => entry.iam.filter((need) => need.onlyStar).map((need) => need.action)));
    for (const action of ['batch:SubmitJob', 'batch:DescribeJobs', 'batch:TerminateJob', 'glue:StartJobRun', 'ecs:DescribeTasks', 'ecs:StopTask', 'elasticmapreduce:RunJobFlow']) {
      expect(onlyStar.has(action), action).toBe(true);
    }
    expect(onlyStar.has('lambda:InvokeFunction')).toBe(false);
  });

  it('records the .sync extras', () => {
    const ecs = catalogEntry('ecs', 'runTask')!;
    const sync = ecs.iam.filter((need) => need.patterns?.includes('sync')).map((need) => need.action);
    expect(sync).toEqual(expect.arrayContaining(['ecs:StopTask', 'ecs:DescribeTasks', 'events:PutTargets', 'events:PutRule', 'events:DescribeRule']));
    const rule = ecs.iam.find((need) => need.action === 'events:PutRule');
    expect(rule?.resources).toEqual(['arn:{partition}:events:{region}:{account}:rule/StepFunctionsGetEventsForECSTaskRule']);

    const startExecution = catalogEntry('states', 'startExecution')!;
    const describe = startExecution.iam.find((need) => need.action === 'states:DescribeExecution');
    expect(describe?.patterns).toEqual(['sync', 'sync:2']);
    expect(describe?.resources).toEqual(['arn:{partition}:states:{region}:{account}:execution:{name:StateMachineArn}:*']);

    const glue = catalogEntry('glue', 'startJobRun')!;
    expect(glue.iam.some((need) => need.purpose === 'events-rule')).toBe(false);
  });

  it('knows the Lambda errors AWS recommends retrying', () => {
    const lambda = catalogEntry('lambda', 'invoke')!;
    expect(lambda.transientErrors.filter((e) => e.kind === 'transient').map((e) => e.name)).toEqual([
      'Lambda.ClientExecutionTimeoutException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
    ]);
    expect(lambda.transientErrors.every((e) => !e.guess)).toBe(true);
  });

  it('records the idempotency tokens of table C', () => {
    const token = (key: string) => catalogEntry(...(key.split(':') as [string, string]))!.guards.map((g) => g.path);
    expect(token('sqs:sendMessage')).toEqual(['MessageDeduplicationId']);
    expect(token('sns:publish')).toEqual(['MessageDeduplicationId']);
    expect(token('states:startExecution')).toEqual(['Name']);
    expect(token('ecs:runTask')).toEqual(['ClientToken']);
    expect(token('dynamodb:updateItem')).toEqual(['ConditionExpression']);
    expect(catalogEntry('events', 'putEvents')?.retrySafety).toBe('unsafe');
    expect(catalogEntry('lambda', 'invoke')?.retrySafety).toBe('unknown');
    expect(sdkEntry('ec2', 'runInstances').guards.map((g) => g.path)).toEqual(['ClientToken']);
    expect(sdkEntry('dynamodb', 'transactWriteItems').guards).toEqual([expect.objectContaining({ path: 'ClientRequestToken', window: '10 minutes' })]);
  });

  it('builds generic SDK entries', () => {
    const entry = sdkEntry('s3', 'listBuckets');
    expect(entry).toMatchObject({ key: 'aws-sdk:s3:listBuckets', kind: 'sdk', patterns: ['request-response', 'callback'], sideEffects: false, retrySafety: 'read-only' });
    expect(entry.iam.map((need) => need.action)).toEqual(['s3:ListAllMyBuckets']);
    expect(entry.iam[0].resources).toBeNull();
    expect(sdkEntry('s3', 'listBuckets')).toBe(entry);

    const write = sdkEntry('ec2', 'createSnapshot');
    expect(write).toMatchObject({ sideEffects: true, retrySafety: 'unknown', errorPrefix: 'Ec2' });
    expect(write.transientErrors).toEqual([expect.objectContaining({ name: 'Ec2.ThrottlingException', guess: true })]);

    const invoke = sdkEntry('lambda', 'invoke');
    expect(invoke.iam).toEqual([expect.objectContaining({ action: 'lambda:InvokeFunction', resources: ['{arn:FunctionName}'] })]);
    expect(invoke.transientErrors.map((e) => e.name)).toContain('Lambda.ServiceException');
  });
});
