/**
 * The least-privilege policy document for what a definition needs (`sfn-lint policy`):
 * one statement per group of actions that need the same resources and condition, with
 * template references kept inside `Fn::Sub`, ready to paste into a template.
 */
import { stringify } from 'yaml';
import type { IamCondition } from '../integrations/types.js';
import type { SymbolicText } from '../template/types.js';
import type { NeedPurpose, NeededPermission } from './needs.js';

/** A policy string: plain, or `Fn::Sub` text when it holds template references. */
export type PolicyValue = string | { readonly 'Fn::Sub': string };

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly PolicyValue[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, PolicyValue>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyOptions {
  /**
   * Also grant optional needs whose resources sfn-lint cannot tell (an ECS task role outside
   * the template), on `*`. Off by default: that is the broad grant the IAM rules warn about.
   */
  readonly unknownOptional?: boolean;
}

/**
 * The policy that grants every need: required ones, the `.sync` events rules and the other
 * optional ones whose resources are known. Unknown resources become `*`. Statements and
 * their lists are sorted, so the same definition always prints the same document.
 */
export function leastPrivilegePolicy(needs: readonly NeededPermission[], options: PolicyOptions = {}): PolicyDocument {
  // Resources per action and condition first, so that one action never spreads over statements.
  const byAction = new Map<string, { action: string; condition: IamCondition | undefined; resources: Set<string>; purposes: Set<NeedPurpose> }>();
  for (const need of needs) {
    if (!need.required && need.purpose !== 'events-rule' && need.resources === null && !options.unknownOptional) continue;
    const key = `${need.action}\u0000${conditionKey(need.condition)}`;
    let entry = byAction.get(key);
    if (!entry) {
      entry = { action: need.action, condition: need.condition, resources: new Set(), purposes: new Set() };
      byAction.set(key, entry);
    }
    for (const resource of need.resources ?? ['*']) entry.resources.add(resource);
    entry.purposes.add(need.purpose);
  }

  const groups = new Map<string, { actions: Set<string>; resources: string[]; condition: IamCondition | undefined; purposes: Set<NeedPurpose> }>();
  for (const entry of byAction.values()) {
    const resources = entry.resources.has('*') ? ['*'] : [...entry.resources].sort();
    // Logging and tracing keep statements of their own: they are switched on and off apart from the states.
    const family = entry.purposes.has('logging') ? 'logging' : entry.purposes.has('tracing') ? 'tracing' : '';
    const key = `${family}\u0000${resources.join('\u0001')}\u0000${conditionKey(entry.condition)}`;
    let group = groups.get(key);
    if (!group) {
      group = { actions: new Set(), resources, condition: entry.condition, purposes: new Set() };
      groups.set(key, group);
    }
    group.actions.add(entry.action);
    for (const purpose of entry.purposes) group.purposes.add(purpose);
  }

  const ordered = [...groups.values()]
    .map((group) => ({ ...group, actions: [...group.actions].sort(), rank: Math.min(...[...group.purposes].map((p) => PURPOSE_ORDER.indexOf(p))) }))
    .sort((a, b) => a.rank - b.rank || compare(a.actions[0], b.actions[0]) || compare(a.resources.join(), b.resources.join()));

  const used = new Map<string, number>();
  const statements = ordered.map((group): PolicyStatement => {
    const base = statementSid(group.actions, group.purposes, group.condition);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return {
      Sid: count === 1 ? base : `${base}${count}`,
      Effect: 'Allow',
      Action: group.actions,
      Resource: group.resources.map(policyValue),
      ...(group.condition ? { Condition: { [group.condition.operator]: { [group.condition.key]: policyValue(group.condition.value) } } } : {}),
    };
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** A symbolic string as a policy value: `Fn::Sub` when it references the template. */
export function policyValue(text: SymbolicText): PolicyValue {
  return /\$\{[^}]*\}/.test(text) ? { 'Fn::Sub': text } : text;
}

/** The document as JSON, two-space indented. */
export function policyJson(document: PolicyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The document as YAML, with the long form `Fn::Sub` (no tags, so any YAML reader takes it). */
export function policyYaml(document: PolicyDocument): string {
  return stringify(document, { lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------

/** Statement order: what the states call first, then machine-level needs. */
const PURPOSE_ORDER: readonly NeedPurpose[] = [
  'call',
  'data',
  'other',
  'poll',
  'cancel',
  'pass-role',
  'credentials',
  'distributed-map',
  'item-reader',
  'result-writer',
  'events-rule',
  'logging',
  'tracing',
];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function conditionKey(condition: IamCondition | undefined): string {
  return condition ? `${condition.operator}\u0001${condition.key}\u0001${condition.value}` : '';
}

/** How Sids spell service prefixes; others are capitalised. */
const SERVICE_TITLES: Readonly<Record<string, string>> = {
  apigateway: 'ApiGateway',
  dynamodb: 'DynamoDB',
  ecs: 'ECS',
  eks: 'EKS',
  elasticmapreduce: 'EMR',
  'emr-containers': 'EMRContainers',
  'emr-serverless': 'EMRServerless',
  events: 'EventBridge',
  'execute-api': 'ApiGateway',
  iam: 'IAM',
  logs: 'Logs',
  s3: 'S3',
  sagemaker: 'SageMaker',
  secretsmanager: 'SecretsManager',
  sns: 'SNS',
  sqs: 'SQS',
  states: 'StepFunctions',
  sts: 'STS',
  xray: 'XRay',
};

function serviceTitle(action: string): string {
  const service = action.slice(0, Math.max(0, action.indexOf(':')));
  return SERVICE_TITLES[service] ?? service.replace(/(^|[-_])([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

/** A readable Sid: what the statement is for, else its service and action. Letters and digits only. */
function statementSid(actions: readonly string[], purposes: ReadonlySet<NeedPurpose>, condition: IamCondition | undefined): string {
  const only = (purpose: NeedPurpose) => purposes.size === 1 && purposes.has(purpose);
  let sid: string;
  if (only('logging')) sid = 'CloudWatchLogsDelivery';
  else if (only('tracing')) sid = 'XRayTracing';
  else if (only('credentials')) sid = 'AssumeTaskCredentialsRoles';
  else if (only('events-rule')) sid = 'SyncManagedEventRules';
  else if (only('item-reader')) sid = 'DistributedMapItemReader';
  else if (only('result-writer')) sid = 'DistributedMapResultWriter';
  else if ([...purposes].every((purpose) => purpose === 'item-reader' || purpose === 'result-writer')) sid = 'DistributedMapS3Objects';
  else if (only('distributed-map')) {
    sid = actions.includes('states:StartExecution')
      ? 'DistributedMapStartChildExecutions'
      : actions.length === 1 && actions[0] === 'states:RedriveExecution'
        ? 'DistributedMapRedrive'
        : 'DistributedMapChildExecutions';
  } else if (actions.length === 1 && actions[0] === 'lambda:InvokeFunction') sid = 'InvokeLambdaFunctions';
  else if (actions.length === 1 && actions[0] === 'iam:PassRole') {
    const service = condition?.key === 'iam:PassedToService' ? condition.value.split('.')[0] : '';
    sid = `PassRole${service ? `To${serviceTitle(`${service}:`)}` : ''}`;
  } else {
    const services = [...new Set(actions.map(serviceTitle))];
    const names = actions.map((action) => action.slice(action.indexOf(':') + 1)).join('');
    sid = services.length === 1 && names.length <= 40 ? `${services[0]}${names}` : `${services.join('')}Access`;
  }
  const clean = sid.replace(/[^A-Za-z0-9]/g, '');
  return clean === '' ? 'Statement' : clean;
}
