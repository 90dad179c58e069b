/**
 * What a definition needs from its execution role: every Task's integration in every scope
 * with its `.sync` extras, a Distributed Map's child executions and S3 access, the roles
 * that `Credentials` assumes, and log delivery and X-Ray when they are configured.
 *
 * Resources are symbolic text (template/types.ts): CloudFormation references stay as
 * `${LogicalId}` / `${LogicalId.Attribute}`, so they compare with what a role grants and
 * paste into `Fn::Sub` as they are.
 */
import type { DocNode } from '../document/node.js';
import { member, stringValue } from '../document/node-access.js';
import { describeResource, integrationOf, mapIoIntegrations, resolveIam, type IamContext, type ResourceIntegration } from '../integrations/integration.js';
import { arnOf, parameterValues, symbolicArnOf, symbolicNameOf, type AttributeCheck } from '../integrations/parameters.js';
import type { IamCondition, IamPurpose, ParameterForm, ParameterValue } from '../integrations/types.js';
import type { Machine, MapState, State, TaskState } from '../model/types.js';
import { isPseudoParameter, referencesIn, symbolicText } from '../template/symbolic.js';
import type { SymbolicText } from '../template/types.js';

/** Why the role needs an action: the catalog's purposes plus the machine-level ones. */
export type NeedPurpose = IamPurpose | 'distributed-map' | 'item-reader' | 'result-writer' | 'credentials' | 'logging' | 'tracing';

/** One action the execution role needs, on which resources, and for which state. */
export interface NeededPermission {
  readonly action: string;
  /** Symbolic ARNs or patterns; null when sfn-lint cannot tell, so any resource will do. */
  readonly resources: readonly SymbolicText[] | null;
  /** True when the resources are exactly what the call touches, not a fallback pattern. */
  readonly exact: boolean;
  readonly purpose: NeedPurpose;
  /**
   * False for what only speeds things up (the `.sync` events rule), for needs that apply
   * only in some setups (`when`), and for redrive: a missing one is not an error.
   */
  readonly required: boolean;
  /** AWS documents the action only on `*`. */
  readonly onlyStar?: boolean;
  readonly condition?: IamCondition;
  /** When a conditional need applies, from the catalog. */
  readonly when?: string;
  /** The need rests on an inference (a catalog guess, or a Resource that is probably a function). */
  readonly guess?: boolean;
  /** The Task or Map state; undefined for logging and tracing. */
  readonly state?: State;
  /** Where to point: the parameter or Resource that names the target, else the state. */
  readonly node: DocNode | undefined;
}

/** As much of a template as resolving references needs (a `Template` fits). */
export interface TemplateView {
  readonly resources: ReadonlyMap<string, { readonly type: string | undefined; readonly properties: DocNode | undefined }>;
  readonly parameters: ReadonlySet<string>;
}

export interface NeedsOptions {
  /** DefinitionSubstitutions: variable → symbolic text, undefined when unknown. */
  readonly substitutions?: ReadonlyMap<string, SymbolicText | undefined>;
  /** The machine's own ARN (`${MyStateMachine}`: Ref of a state machine is its ARN). */
  readonly machineArn?: SymbolicText;
  /** The machine's name (`${MyStateMachine.Name}`). */
  readonly machineName?: SymbolicText;
  /** LoggingConfiguration delivers logs, so the role needs the log-delivery actions. */
  readonly logging?: boolean;
  /** X-Ray tracing is on. */
  readonly tracing?: boolean;
  /** `${AWS::Partition}` when absent. */
  readonly partition?: SymbolicText;
  /** `${AWS::Region}` when absent. */
  readonly region?: SymbolicText;
  /** `${AWS::AccountId}` when absent. */
  readonly account?: SymbolicText;
  /**
   * The template around the definition. With it, `${X.Arn}` is written only for resources,
   * a reference to nothing in the template counts as unknown, and an ECS task definition's
   * roles are read for iam:PassRole.
   */
  readonly template?: TemplateView;
}

/** The needs, and the Tasks whose target sfn-lint cannot tell at all. */
export interface NeedsAnalysis {
  readonly needs: readonly NeededPermission[];
  /** Tasks whose Resource is unknown (and not a likely function or activity): they may need anything. */
  readonly unresolved: readonly TaskState[];
}

/** Every permission a definition needs from its execution role. Never throws. */
export function definitionNeeds(machine: Machine, options: NeedsOptions = {}): NeededPermission[] {
  return [...analyseNeeds(machine, options).needs];
}

/** `definitionNeeds`, plus the Tasks it could not read. Never throws. */
export function analyseNeeds(machine: Machine, options: NeedsOptions = {}): NeedsAnalysis {
  const deployment = new Deployment(options);
  const needs: NeededPermission[] = [];
  const unresolved: TaskState[] = [];
  for (const state of machine.states) {
    const found: NeededPermission[] = [];
    try {
      if (state.kind === 'Task') {
        if (!taskNeeds(state, deployment, found)) unresolved.push(state);
      } else if (state.kind === 'Map' && state.distributed) {
        distributedMapNeeds(state, deployment, options, found);
      }
    } catch {
      // A shape the readers did not foresee: report the state as unreadable rather than throw.
      if (state.kind === 'Task') unresolved.push(state);
      continue;
    }
    const adjusted = state.kind === 'Task' && postsToConnections(state) ? found.map(toManageConnections) : found;
    needs.push(...unique(adjusted.map(throughInferenceProfile)));
  }
  if (options.logging) needs.push(...starNeeds(LOG_DELIVERY_ACTIONS, 'logging'));
  if (options.tracing) needs.push(...starNeeds(XRAY_ACTIONS, 'tracing'));
  return { needs, unresolved };
}

// ---------------------------------------------------------------------------------------
// Deployment-time values

const ROLE_FORM: ParameterForm = { kind: 'name-or-arn', arn: 'arn:{partition}:iam::{account}:role/{value}' };
const VARIABLE = /\$\{([^}!][^}]*)\}/g;
/** Longer than any ARN IAM accepts (2,048 characters), as in match.ts. */
const MAX_SUBSTITUTION = 4096;

/**
 * Turns placeholders into symbolic text: DefinitionSubstitutions variables are replaced by
 * their values, and Ref / Fn::GetAtt / Fn::Sub objects by their `Fn::Sub` form.
 */
class Deployment {
  readonly context: IamContext;
  /** Names that resolved from the template (substitution values, intrinsics): `${X.Attr}` is safe for them. */
  private readonly templateNames = new Set<string>();

  constructor(readonly options: NeedsOptions) {
    this.context = {
      partition: options.partition ?? '${AWS::Partition}',
      region: options.region ?? '${AWS::Region}',
      account: options.account ?? '${AWS::AccountId}',
      resolve: (value) => (value.kind === 'placeholder' ? this.text(value.node, value.text) : undefined),
      hasAttributes: this.hasAttributes,
    };
  }

  readonly hasAttributes: AttributeCheck = (name) => {
    const template = this.options.template;
    if (template) return template.resources.has(name);
    return this.templateNames.has(name);
  };

  /** The symbolic text of a value node (or of text, when there is no node). Undefined when unknown. */
  text(node: DocNode | undefined, fallback: string | undefined): SymbolicText | undefined {
    let result: string | undefined;
    if (node?.kind === 'object') {
      result = symbolicText(node);
      // Too long to name anything IAM can match, as a substituted value below.
      if (result !== undefined && result.length > MAX_SUBSTITUTION) return undefined;
      if (result !== undefined) this.remember(result);
    } else {
      const raw = node?.kind === 'string' || node?.kind === 'placeholder' ? String(node.value) : fallback;
      if (raw !== undefined && raw.length > MAX_SUBSTITUTION) return undefined;
      result = raw === undefined ? undefined : this.substitute(raw);
    }
    return result !== undefined && this.known(result) ? result : undefined;
  }

  private substitute(text: string): string | undefined {
    const substitutions = this.options.substitutions;
    if (!substitutions || !text.includes('${')) return text;
    let unknown = false;
    const result = text.replace(VARIABLE, (whole, inner: string) => {
      const name = inner.trim();
      if (!substitutions.has(name)) return whole;
      const value = substitutions.get(name);
      // A value longer than any ARN or name IAM accepts names nothing IAM can match (resourceMatches
      // answers `maybe` for it), and every state that uses it would carry megabytes through
      // the analysis: it is as unknown as a value sfn-lint cannot read.
      if (value === undefined || value.length > MAX_SUBSTITUTION) {
        unknown = true;
        return whole;
      }
      this.remember(value);
      return value;
    });
    return unknown ? undefined : result;
  }

  private remember(text: string): void {
    for (const reference of referencesIn(text)) if (!isPseudoParameter(reference.name)) this.templateNames.add(reference.name);
  }

  /** With a template, every reference must name a resource, a parameter or a pseudo parameter. */
  private known(text: string): boolean {
    const template = this.options.template;
    if (!template) return true;
    return referencesIn(text).every(
      ({ name }) => isPseudoParameter(name) || template.resources.has(name) || template.parameters.has(name),
    );
  }

  /** `arn:<partition>:<service>:<region>:<account>:<rest>` in the options' terms. */
  arn(service: string, rest: string): string {
    const { partition, region, account } = this.context;
    return `arn:${partition}:${service}:${region}:${account}:${rest}`;
  }

  /** The ARN a value names for a form, or undefined (dynamic, unknown, not an ARN). */
  arnOfValue(value: ParameterValue, form: ParameterForm): string | undefined {
    if (value.kind === 'static') return arnOf(form, value.value, this.context);
    if (value.kind !== 'placeholder') return undefined;
    const text = this.text(value.node, value.text);
    return text === undefined ? undefined : symbolicArnOf(form, text, this.context, this.hasAttributes);
  }
}

// ---------------------------------------------------------------------------------------
// Tasks

/** Absent parameters that mean "everything": no Prefix is the whole bucket. */
const EMPTY_WHEN_ABSENT: ReadonlySet<string> = new Set(['s3:putObject Prefix', 's3:listObjectsV2 Prefix']);

/**
 * Catalog needs marked `when` that the payload decides: true (needed), false (not needed) or
 * undefined (cannot tell). Keyed `<entry key> <action>`.
 */
const WHEN_DECIDED_BY: ReadonlyMap<string, (payload: DocNode | undefined) => boolean | undefined> = new Map([
  ['bedrock:invokeModel s3:GetObject', (payload) => present(payload, 'Input')],
  ['bedrock:invokeModel s3:PutObject', (payload) => present(payload, 'Output')],
  ['bedrock:invokeModel bedrock:ApplyGuardrail', (payload) => present(payload, 'GuardrailIdentifier')],
  [
    'apigateway:invoke execute-api:Invoke',
    (payload) => {
      if (payload?.kind !== 'object') return undefined;
      const authType = member(payload, 'AuthType');
      if (!authType && !member(payload, 'AuthType.$')) return false; // NO_AUTH is the default.
      const value = stringValue(authType);
      if (value === 'IAM_ROLE') return true;
      // A resource policy can grant the call instead, so it is needed only sometimes.
      return value === 'NO_AUTH' ? false : undefined;
    },
  ],
]);

/**
 * A call to a WebSocket API's `@connections` path goes to its management API, which IAM
 * guards with execute-api:ManageConnections rather than execute-api:Invoke.
 */
function postsToConnections(state: TaskState): boolean {
  const integration = integrationOf(state);
  if (integration?.entry?.key !== 'apigateway:invoke') return false;
  const path = member(integration.payload, 'Path') ?? member(integration.payload, 'Path.$');
  return path?.kind === 'string' && (path.value as string).includes('@connections');
}

function toManageConnections(need: NeededPermission): NeededPermission {
  return need.action === 'execute-api:Invoke' ? { ...need, action: 'execute-api:ManageConnections' } : need;
}

/**
 * A model id with a geography prefix (`us.`, `eu.`, `apac.`, `global.` …) names a
 * cross-Region inference profile, which IAM checks on the profile and on the foundation
 * model in each Region it routes to; the single foundation-model ARN is then a guess.
 */
const INFERENCE_PROFILE = /:foundation-model\/(?:us|eu|apac|global|us-gov|jp|au|ca)\./;

function throughInferenceProfile(need: NeededPermission): NeededPermission {
  return need.resources?.some((resource) => INFERENCE_PROFILE.test(resource)) ? { ...need, exact: false } : need;
}

function present(payload: DocNode | undefined, key: string): boolean | undefined {
  if (payload?.kind !== 'object') return undefined;
  return member(payload, key) !== undefined || member(payload, `${key}.$`) !== undefined;
}

type PointAt = (node: DocNode | undefined) => DocNode | undefined;

/** Adds a Task's needs; false when its Resource is unknown and it may need anything. */
function taskNeeds(state: TaskState, deployment: Deployment, out: NeededPermission[]): boolean {
  const original = integrationOf(state);
  if (!original) return true;
  if (state.credentials !== undefined) {
    // The call runs with the assumed role's credentials; this role only assumes it.
    credentialsNeeds(state, deployment, out);
    return true;
  }
  const resourceNode = state.resource;
  let integration: ResourceIntegration = original;
  let deployed: DocNode | undefined;
  let text: string | undefined;
  const resource = original.resource;
  if (resource.kind === 'unknown' && (resource.cause === 'placeholder' || resource.cause === 'intrinsic') && resourceNode) {
    // Read the Resource as deployed: `${WorkerArn}` may become a literal ARN or `${Worker.Arn}`.
    text = deployment.text(resourceNode, resource.text);
    if (text !== undefined && text !== resource.text) {
      deployed = { kind: 'string', value: text, range: resourceNode.range };
      integration = describeResource(deployed, original.payload, state.queryLanguage);
    }
  }
  // Values read from the deployed Resource point at the Resource itself.
  const pointAt: PointAt = (node) => (node === undefined || node === deployed ? (resourceNode ?? state.node) : node);

  if (integration.entry) {
    addResolved(integration, state, deployment, 'call', pointAt, out);
    return true;
  }
  const probably = integration.resource.kind === 'unknown' ? integration.resource.probably : undefined;
  if (probably === 'lambda-function') {
    const arn = text === undefined ? undefined : symbolicArnOf({ kind: 'arn' }, text, deployment.context, deployment.hasAttributes);
    out.push({
      action: 'lambda:InvokeFunction',
      resources: [arn ?? deployment.arn('lambda', 'function:*')],
      exact: arn !== undefined,
      purpose: 'call',
      required: true,
      guess: true,
      state,
      node: pointAt(undefined),
    });
    return true;
  }
  // Activities need nothing from the role; an invalid Resource never deploys; anything else could need anything.
  return integration.resource.kind === 'activity' || integration.resource.kind === 'invalid' || probably === 'activity';
}

/** Adds the resolved catalog needs of an integration: a Task's, or a Map's ItemReader / ResultWriter. */
function addResolved(
  integration: ResourceIntegration,
  state: State,
  deployment: Deployment,
  purpose: 'call' | 'item-reader' | 'result-writer',
  pointAt: PointAt,
  out: NeededPermission[],
): void {
  const entry = integration.entry;
  if (!entry) return;
  const context: IamContext = {
    ...deployment.context,
    resolve: (value, spec) => {
      if (value.kind === 'absent') return EMPTY_WHEN_ABSENT.has(`${entry.key} ${spec.path}`) ? '' : undefined;
      return deployment.context.resolve?.(value, spec);
    },
  };
  for (const resolved of resolveIam(integration, context)) {
    const need = resolved.need;
    const decided = WHEN_DECIDED_BY.get(`${entry.key} ${need.action}`)?.(integration.payload);
    if (decided === false) continue;
    // SDK entries use `when` for notes on the action mapping, not for conditions.
    const when = need.when !== undefined && entry.kind !== 'sdk' && decided !== true ? need.when : undefined;
    const condition = resolved.condition ?? (entry.key === 's3:listObjectsV2' && need.action === 's3:ListBucket' ? prefixCondition(integration, deployment) : undefined);
    const base: NeedBase = {
      action: resolved.action,
      purpose: need.purpose === 'call' ? purpose : need.purpose,
      required: need.purpose !== 'events-rule' && when === undefined,
      ...(need.onlyStar ? { onlyStar: true } : {}),
      ...(condition ? { condition } : {}),
      ...(when ? { when } : {}),
      ...(need.guess ? { guess: true } : {}),
      state,
    };
    if (entry.key === 'ecs:runTask' && need.action === 'iam:PassRole') {
      const passRole = ecsPassRole(integration, state, deployment, base, pointAt);
      if (passRole) out.push(passRole);
      continue;
    }
    out.push({ ...base, resources: resolved.resources, exact: resolved.exact, node: pointAt(resolved.from[0]?.node) });
  }
  if (entry.key === 's3:listObjectsV2') {
    const read = listedObjectsRead(integration, state, deployment, pointAt);
    if (read) out.push(read);
  }
}

type NeedBase = Omit<NeededPermission, 'resources' | 'exact' | 'node'>;

/**
 * ECS passes the task definition's task and execution roles, and those in Overrides. The
 * catalog cannot name them; a template can, when the task definition is one of its
 * resources. Undefined when that task definition has no role to pass.
 */
function ecsPassRole(integration: ResourceIntegration, state: State, deployment: Deployment, base: NeedBase, pointAt: PointAt): NeededPermission | undefined {
  const node = pointAt(integration.target?.node);
  const unknown: NeededPermission = { ...base, resources: null, exact: false, node };
  const roles: string[] = [];
  for (const path of ['Overrides.TaskRoleArn', 'Overrides.ExecutionRoleArn']) {
    for (const value of parameterValues(integration.payload, path, state.queryLanguage)) {
      if (value.kind === 'absent') continue;
      const arn = deployment.arnOfValue(value, ROLE_FORM);
      if (arn === undefined) return unknown;
      roles.push(arn);
    }
  }
  const definition = taskDefinitionResource(integration, deployment);
  if (!definition) return unknown;
  for (const key of ['TaskRoleArn', 'ExecutionRoleArn']) {
    const property = member(definition.properties, key);
    if (!property) continue;
    const text = deployment.text(property, undefined);
    const arn = text === undefined ? undefined : symbolicArnOf(ROLE_FORM, text, deployment.context, deployment.hasAttributes);
    if (arn === undefined) return unknown;
    roles.push(arn);
  }
  if (roles.length === 0) return undefined;
  const { when: _when, ...rest } = base;
  return { ...rest, required: true, resources: [...new Set(roles)], exact: true, node };
}

/** The template's AWS::ECS::TaskDefinition that a runTask names by Ref, if any. */
function taskDefinitionResource(integration: ResourceIntegration, deployment: Deployment) {
  const template = deployment.options.template;
  const value = integration.targets.find((target) => target.spec.path === 'TaskDefinition')?.values[0];
  if (!template || value?.kind !== 'placeholder') return undefined;
  const text = deployment.text(value.node, value.text);
  const references = text === undefined ? [] : referencesIn(text);
  if (references.length !== 1 || text !== `\${${references[0].name}}`) return undefined;
  const resource = template.resources.get(references[0].name);
  return resource?.type === 'AWS::ECS::TaskDefinition' ? resource : undefined;
}

/** A parameter's symbolic text: the literal, or the placeholder as deployed; '' when absent. */
function symbolicValue(integration: ResourceIntegration, path: string, deployment: Deployment): string | undefined {
  const value = integration.targets.find((target) => target.spec.path === path)?.values[0];
  if (!value || value.kind === 'absent') return '';
  if (value.kind === 'static') return value.value;
  return value.kind === 'placeholder' ? deployment.text(value.node, value.text) : undefined;
}

/** Listing a prefix: ListBucket limited to it with `s3:prefix` [DG-DMIAM]. */
function prefixCondition(integration: ResourceIntegration, deployment: Deployment): IamCondition | undefined {
  const prefix = symbolicValue(integration, 'Prefix', deployment);
  return prefix ? { operator: 'StringLike', key: 's3:prefix', value: `${prefix}*` } : undefined;
}

/** With a ReaderConfig InputType, Step Functions reads every listed object too [G]. */
function listedObjectsRead(integration: ResourceIntegration, state: State, deployment: Deployment, pointAt: PointAt): NeededPermission | undefined {
  const reader = state.kind === 'Map' ? state.itemReader : undefined;
  if (!member(member(reader, 'ReaderConfig'), 'InputType')) return undefined;
  const bucket = symbolicValue(integration, 'Bucket', deployment);
  const prefix = symbolicValue(integration, 'Prefix', deployment);
  const exact = bucket !== undefined && bucket !== '' && prefix !== undefined;
  const partition = deployment.context.partition;
  return {
    action: 's3:GetObject',
    resources: [exact ? `arn:${partition}:s3:::${bucket}/${prefix}*` : `arn:${partition}:s3:::*`],
    exact,
    purpose: 'item-reader',
    required: true,
    guess: true,
    state,
    node: pointAt(integration.targets.find((target) => target.spec.path === 'Bucket')?.values[0]?.node),
  };
}

/** `Credentials.RoleArn`: the role to assume for the call [G]. */
function credentialsNeeds(state: TaskState, deployment: Deployment, out: NeededPermission[]): void {
  for (const value of parameterValues(state.credentials, 'RoleArn', state.queryLanguage)) {
    // Credentials without a RoleArn do not deploy; there is no role to assume.
    if (value.kind === 'absent') continue;
    const arn = deployment.arnOfValue(value, ROLE_FORM);
    out.push({
      action: 'sts:AssumeRole',
      resources: [arn ?? `arn:${deployment.context.partition}:iam::*:role/*`],
      exact: arn !== undefined,
      purpose: 'credentials',
      required: true,
      state,
      node: value.node,
    });
  }
}

// ---------------------------------------------------------------------------------------
// Distributed Map

/**
 * A Distributed Map starts its children as executions of the machine itself, and reads its
 * items and writes its results in S3 [DG-DMIAM].
 */
function distributedMapNeeds(map: MapState, deployment: Deployment, options: NeedsOptions, out: NeededPermission[]): void {
  const node = member(map.processorConfig, 'Mode') ?? map.processorConfig ?? map.node;
  const machineName = options.machineName ?? (options.machineArn ? symbolicNameOf(options.machineArn, () => true) : undefined);
  const machineArn = options.machineArn ?? (machineName ? deployment.arn('states', `stateMachine:${machineName}`) : undefined);
  const executions = machineName ? deployment.arn('states', `execution:${machineName}:*`) : deployment.arn('states', 'execution:*');
  const base = { purpose: 'distributed-map' as const, state: map, node };
  out.push({ ...base, action: 'states:StartExecution', resources: [machineArn ?? deployment.arn('states', 'stateMachine:*')], exact: machineArn !== undefined, required: true });
  out.push({ ...base, action: 'states:DescribeExecution', resources: [executions], exact: machineName !== undefined, required: true });
  // AWS's earlier example also granted StopExecution; the current one does not.
  out.push({ ...base, action: 'states:StopExecution', resources: [executions], exact: machineName !== undefined, required: false, when: 'to stop child executions' });
  out.push({
    ...base,
    action: 'states:RedriveExecution',
    resources: [machineName ? deployment.arn('states', `execution:${machineName}/*`) : deployment.arn('states', 'execution:*')],
    exact: machineName !== undefined,
    required: false,
    when: 'to redrive the Map Run',
  });

  const { itemReader, resultWriter } = mapIoIntegrations(map);
  const pointAt = (field: DocNode | undefined) => (node: DocNode | undefined) => node ?? member(field, 'Resource') ?? field ?? map.node;
  if (itemReader) addResolved(itemReader, map, deployment, 'item-reader', pointAt(map.itemReader), out);
  if (resultWriter) addResolved(resultWriter, map, deployment, 'result-writer', pointAt(map.resultWriter), out);
}

// ---------------------------------------------------------------------------------------
// Logging and tracing

/** Vended log delivery to CloudWatch Logs [OLD:cw-logs]. */
const LOG_DELIVERY_ACTIONS: readonly string[] = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/** X-Ray tracing [OLD:xray-iam]. */
const XRAY_ACTIONS: readonly string[] = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

function starNeeds(actions: readonly string[], purpose: 'logging' | 'tracing'): NeededPermission[] {
  return actions.map((action) => ({ action, resources: ['*'], exact: true, purpose, required: true, onlyStar: true, node: undefined }));
}

// ---------------------------------------------------------------------------------------

/** One entry per action, resources and condition within a state. */
function unique(needs: readonly NeededPermission[]): NeededPermission[] {
  const seen = new Set<string>();
  return needs.filter((need) => {
    const key = JSON.stringify([need.action, need.resources, need.condition ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
