import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPresent, corpusRoot, readText } from '../../../../tests/corpus-files.js';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { items, member } from '../document/node-access.js';
import { readTemplate } from '../template/read-template.js';
import { templateMachines } from '../template/state-machines.js';
import { symbolicText } from '../template/symbolic.js';
import type { Template, TemplateMachine } from '../template/types.js';
import { awsManagedPolicyReference } from './managed-policies.js';
import { rolePermissions } from './role-permissions.js';
import { expandSamPolicyTemplate, isSamPolicyTemplate, SAM_POLICY_TEMPLATE_NAMES, samPolicyTemplateEntry } from './sam-policy-templates.js';
import { readStatements, type PolicyStatement } from './statements.js';

/** A state machine of a parsed template, as the template extractor describes it. */
function samMachine(template: Template, logicalId: string): TemplateMachine {
  return templateMachines(template).find((machine) => machine.logicalId === logicalId)!;
}

function parseTemplate(file: string, text: string): Template {
  const document = parseDocument(file, text);
  return readTemplate(document, document.roots[0]);
}

/** The parts of a statement that the translator output and sfn-lint's expansion must share. */
function shape(statement: PolicyStatement): object {
  const texts = (entries: PolicyStatement['action']) => entries?.map((entry) => entry.text);
  return {
    effect: statement.effect,
    action: texts(statement.action),
    notAction: texts(statement.notAction),
    resource: texts(statement.resource),
    notResource: texts(statement.notResource),
    conditions: statement.conditions.map((condition) => [condition.operator, condition.key, condition.values.map((value) => value.text)]),
  };
}

function expand(yaml: string): { statements: PolicyStatement[]; unknowns: { reason: string; node?: DocNode }[] } {
  const document = parseDocument('policies.yaml', yaml);
  const item = items(document.roots[0])[0];
  const entry = samPolicyTemplateEntry(item)!;
  return expandSamPolicyTemplate(entry.name, entry.parameters, item)!;
}

const TRANSLATOR = join(corpusRoot, 'tool-tests/aws+serverless-application-model/tests/translator');
const translatorPresent = corpusPresent && existsSync(TRANSLATOR);
if (!translatorPresent) console.warn('Notice: the SAM translator tests in ../shared/corpus are absent, so the comparison with its output is skipped.');

describe.skipIf(!translatorPresent)('SAM policy expansion against the SAM translator output', () => {
  /** Every input whose state machine gets a SAM-generated role, with the role the translator made. */
  function cases(): { file: string; template: Template; machine: string; role: DocNode }[] {
    const result: { file: string; template: Template; machine: string; role: DocNode }[] = [];
    for (const name of readdirSync(join(TRANSLATOR, 'input')).sort()) {
      const outputFile = join(TRANSLATOR, 'output', name.replace(/\.yaml$/, '.json'));
      if (!existsSync(outputFile)) continue;
      const template = parseTemplate(name, readText(join(TRANSLATOR, 'input', name)));
      const output = parseTemplate(outputFile, readText(outputFile));
      for (const resource of template.resources.values()) {
        if (resource.type !== 'AWS::Serverless::StateMachine' || member(resource.properties, 'Role') !== undefined) continue;
        const role = output.resources.get(`${resource.logicalId}Role`);
        if (role?.type === 'AWS::IAM::Role') result.push({ file: name, template, machine: resource.logicalId, role: role.node });
      }
    }
    return result;
  }

  const all = cases();

  it('finds the translator tests with SAM-generated roles', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.map((c) => c.file)).toContain('state_machine_with_sam_policy_templates.yaml');
  });

  it.each(all.map((c) => [`${c.file} ${c.machine}`, c] as const))('%s: same statements and managed policies', (_, c) => {
    const permissions = rolePermissions(samMachine(c.template, c.machine));
    const properties = member(c.role, 'Properties');

    const expected: object[] = [];
    for (const policy of items(member(properties, 'Policies'))) {
      expected.push(...readStatements(member(policy, 'PolicyDocument'), { kind: 'role-inline', name: undefined, node: policy }).statements.map(shape));
    }
    const mine = permissions.statements.filter((statement) => statement.origin.kind !== 'aws-managed-policy');
    expect(mine.map(shape)).toEqual(expected);

    const expectedPolicies = items(member(properties, 'ManagedPolicyArns')).map((node) => {
      const text = symbolicText(node);
      return awsManagedPolicyReference(text)?.name ?? text ?? '(computed)';
    });
    expect(permissions.managedPolicies.map((policy) => policy.name)).toEqual(expectedPolicies);
  });

  it('matches the expansion in state_machine_with_sam_policy_templates exactly', () => {
    const c = all.find((x) => x.file === 'state_machine_with_sam_policy_templates.yaml')!;
    const permissions = rolePermissions(samMachine(c.template, c.machine));
    expect(permissions.fullyKnown).toBe(true);
    expect(permissions.source).toBe('sam-generated');
    expect(permissions.statements.map((s) => [s.origin.name, s.resource?.map((r) => r.text)])).toEqual([
      ['LambdaInvokePolicy', ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${StarterLambda}*']],
      ['SQSSendMessagePolicy', ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${ProcessingQueue.QueueName}']],
      ['LambdaInvokePolicy', ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ResolverLambda}*']],
      ['StepFunctionsExecutionPolicy', ['arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${NestedWorkflow.Name}']],
      [
        'DynamoDBWritePolicy',
        [
          'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OutputStore}',
          'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OutputStore}/index/*',
        ],
      ],
    ]);
  });
});

describe('expandSamPolicyTemplate', () => {
  it('keeps intrinsic parameters symbolic and points resources at the parameter', () => {
    const yaml = '- LambdaInvokePolicy:\n    FunctionName: {"Fn::GetAtt": [Worker, Arn]}\n';
    const { statements, unknowns } = expand(yaml);
    expect(unknowns).toEqual([]);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement.origin).toMatchObject({ kind: 'sam-policy-template', name: 'LambdaInvokePolicy' });
    expect(statement.action?.map((a) => a.text)).toEqual(['lambda:InvokeFunction']);
    expect(statement.resource?.map((r) => r.text)).toEqual([
      'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Worker.Arn}*',
    ]);
    const resourceNode = statement.resource![0].node!;
    expect(yaml.slice(resourceNode.range.start, resourceNode.range.end).trimEnd()).toBe('{"Fn::GetAtt": [Worker, Arn]}');
    expect(yaml.slice(statement.node!.range.start, statement.node!.range.end)).toMatch(/^LambdaInvokePolicy:/);
    // The action points at the template reference, not at a parameter.
    expect(statement.action![0].node).toBe(statement.node);
  });

  it('substitutes literal parameters', () => {
    expect(expand('- SNSPublishMessagePolicy:\n    TopicName: alerts\n').statements[0].resource?.[0].text).toBe(
      'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts',
    );
    expect(expand('- EventBridgePutEventsPolicy:\n    EventBusName: default\n').statements[0].resource?.[0].text).toBe(
      'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
    );
    expect(expand('- AWSSecretsManagerGetSecretValuePolicy:\n    SecretArn: {Ref: Secret}\n').statements[0].resource?.[0].text).toBe(
      '${Secret}',
    );
  });

  it('expands templates without parameters', () => {
    const { statements } = expand('- CloudWatchPutMetricPolicy: {}\n');
    expect(statements.map(shape)).toEqual([
      { effect: 'Allow', action: ['cloudwatch:PutMetricData'], notAction: undefined, resource: ['*'], notResource: undefined, conditions: [] },
    ]);
  });

  it('substitutes parameters in conditions', () => {
    const { statements } = expand('- AWSSecretsManagerRotationPolicy:\n    FunctionName: rotator\n');
    expect(statements).toHaveLength(2);
    expect(statements[0].conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.text)])).toEqual([
      [
        'StringEquals',
        'secretsmanager:resource/AllowRotationLambdaArn',
        ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:rotator'],
      ],
    ]);
  });

  it('keeps a statement whose parameter cannot be read, with an unknown resource', () => {
    const { statements, unknowns } = expand('- SQSSendMessagePolicy:\n    QueueName: {"Fn::FindInMap": [Config, Queue, Name]}\n');
    expect(unknowns).toEqual([]);
    expect(statements[0].resource?.map((r) => r.text)).toEqual([undefined]);
    expect(statements[0].action?.map((a) => a.text)).toEqual(['sqs:SendMessage*']);
  });

  it('expands nothing when a parameter is missing, as SAM refuses it', () => {
    const { statements, unknowns } = expand('- DynamoDBCrudPolicy:\n    Table: orders\n');
    expect(statements).toEqual([]);
    expect(unknowns.map((u) => u.reason)).toEqual(['the SAM policy template DynamoDBCrudPolicy has no TableName parameter']);
  });

  it('knows the templates state machines use, and no others by accident', () => {
    for (const name of [
      'LambdaInvokePolicy', 'DynamoDBCrudPolicy', 'DynamoDBReadPolicy', 'DynamoDBWritePolicy', 'SQSSendMessagePolicy',
      'SQSPollerPolicy', 'SNSPublishMessagePolicy', 'StepFunctionsExecutionPolicy', 'StepFunctionsCallbackPolicy',
      'S3ReadPolicy', 'S3WritePolicy', 'S3CrudPolicy', 'EventBridgePutEventsPolicy', 'AWSSecretsManagerGetSecretValuePolicy',
      'SSMParameterReadPolicy', 'KMSDecryptPolicy', 'CloudWatchPutMetricPolicy', 'AthenaQueryPolicy', 'EcsRunTaskPolicy',
    ]) {
      expect(isSamPolicyTemplate(name), name).toBe(true);
    }
    expect(isSamPolicyTemplate('toString')).toBe(false);
    expect(isSamPolicyTemplate('LambdaInvokePolicy2')).toBe(false);
    expect(expandSamPolicyTemplate('NoSuchPolicy', undefined, parseDocument('x.json', '{}').roots[0])).toBeUndefined();
    expect(SAM_POLICY_TEMPLATE_NAMES.length).toBeGreaterThanOrEqual(75);
  });

  it('writes every action as service:Action and every resource as an ARN or *', () => {
    for (const name of SAM_POLICY_TEMPLATE_NAMES) {
      const parameters = Object.fromEntries(['FunctionName', 'TableName', 'StreamName', 'QueueName', 'TopicName', 'BucketName',
        'StateMachineName', 'EventBusName', 'SecretArn', 'ParameterName', 'KeyId', 'IdentityName', 'TemplateName', 'CollectionId',
        'DomainName', 'LogGroupName', 'DeliveryStreamName', 'ClusterId', 'TaskDefinition', 'WorkGroupName', 'RepositoryName',
        'PipelineName', 'ImageId', 'FileSystem', 'AccessPoint', 'PinpointApplicationId', 'LexiconName', 'HostedZoneId',
        'EndpointConfigName', 'EndpointName', 'CertificateArn'].map((p) => [p, p === 'SecretArn' || p === 'CertificateArn' ? 'arn:aws:x:::y' : 'x']));
      const document = parseDocument('p.json', JSON.stringify([{ [name]: parameters }]));
      const item = items(document.roots[0])[0];
      const { statements, unknowns } = expandSamPolicyTemplate(name, member(item, name), item)!;
      expect(unknowns, name).toEqual([]);
      expect(statements.length, name).toBeGreaterThan(0);
      for (const statement of statements) {
        for (const action of statement.action ?? []) expect(action.text, name).toMatch(/^[a-z0-9-]+:[A-Za-z*]+$/);
        for (const resource of statement.resource ?? []) expect(resource.text, name).toMatch(/^(\*|arn:)/);
      }
    }
  });
});
