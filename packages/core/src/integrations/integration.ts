/**
 * The integration view of one Task state: its parsed Resource, catalog entry, target,
 * idempotency guards, IAM needs and the errors worth retrying. Computed once per state.
 */
import type { DocNode } from '../document/node.js';
import { member } from '../document/node-access.js';
import type { MapState, QueryLanguage, State, TaskState } from '../model/types.js';
import { CATALOG, catalogEntry } from './catalog.js';
import {
  arnOf,
  nameOf,
  parameterValues,
  resolveParameters,
  symbolicArnOf,
  symbolicNameOf,
  type ArnContext,
  type AttributeCheck,
} from './parameters.js';
import { hasPlaceholder, parseResource } from './resource.js';
import { sdkEntry } from './sdk-entry.js';
import type {
  CatalogEntry,
  IamCondition,
  IamNeed,
  IntegrationPattern,
  ParameterSpec,
  ParameterValue,
  ResolvedGuard,
  ResolvedParameter,
  ResolvedResource,
  RetrySafety,
  TransientError,
} from './types.js';

/** What one Resource calls, read with its payload. */
export interface ResourceIntegration {
  readonly resource: ResolvedResource;
  /**
   * The catalog entry: an optimized or HTTP integration, `lambda:invoke` for a legacy
   * function ARN, or a generic SDK entry. Undefined for activities, unknown and invalid
   * Resources, and optimized actions that Step Functions does not offer.
   */
  readonly entry: CatalogEntry | undefined;
  /** `entry`, or the entry a placeholder most likely stands for (`lambda:invoke` for `${WorkerFunctionArn}`). */
  readonly probableEntry: CatalogEntry | undefined;
  readonly pattern: IntegrationPattern | undefined;
  /** False when the entry does not document the pattern (`lambda:invoke.sync`); undefined without an entry. */
  readonly patternSupported: boolean | undefined;
  /** Parameters (JSONPath) or Arguments (JSONata): what the call receives. */
  readonly payload: DocNode | undefined;
  /** Every declared target parameter with its value(s), the main one first. */
  readonly targets: readonly ResolvedParameter[];
  /** The value of the main target: the first declared target that is present, else the first one. */
  readonly target: ParameterValue | undefined;
  readonly roles: readonly ResolvedParameter[];
  readonly guards: readonly ResolvedGuard[];
  /** The entry's IAM needs for this pattern (templates; see `resolveIam`). */
  readonly iam: readonly IamNeed[];
  readonly transientErrors: readonly TransientError[];
  readonly sideEffects: boolean | undefined;
  readonly retrySafety: RetrySafety | undefined;
}

/** The integration of a Task state. */
export interface Integration extends ResourceIntegration {
  readonly state: TaskState;
}

/** The Lambda FunctionName parameter, which a legacy function ARN fills from the Resource. */
const LAMBDA_INVOKE = CATALOG.get('lambda:invoke') as CatalogEntry;

const cache = new WeakMap<TaskState, Integration>();

/**
 * The integration a Task state calls. Undefined for states that are not Tasks. Never
 * throws; cached per state, so every rule that asks shares one result.
 */
export function integrationOf(state: State): Integration | undefined {
  if (state.kind !== 'Task') return undefined;
  let integration = cache.get(state);
  if (!integration) {
    // Listed field by field: an object spread is a slow runtime call in code that runs once.
    const described = describeResource(state.resource, payloadOf(state), state.queryLanguage);
    integration = {
      state,
      resource: described.resource,
      entry: described.entry,
      probableEntry: described.probableEntry,
      pattern: described.pattern,
      patternSupported: described.patternSupported,
      payload: described.payload,
      targets: described.targets,
      target: described.target,
      roles: described.roles,
      guards: described.guards,
      iam: described.iam,
      transientErrors: described.transientErrors,
      sideEffects: described.sideEffects,
      retrySafety: described.retrySafety,
    };
    cache.set(state, integration);
  }
  return integration;
}

/**
 * The ItemReader and ResultWriter of a Distributed Map, read like Tasks: their Resource
 * (`arn:aws:states:::s3:getObject`, …) and Parameters or Arguments.
 */
export function mapIoIntegrations(map: MapState): { itemReader?: ResourceIntegration; resultWriter?: ResourceIntegration } {
  const read = (field: DocNode | undefined): ResourceIntegration | undefined => {
    if (field?.kind !== 'object') return undefined;
    const payload = map.queryLanguage === 'JSONata' ? (member(field, 'Arguments') ?? member(field, 'Parameters')) : (member(field, 'Parameters') ?? member(field, 'Arguments'));
    return describeResource(member(field, 'Resource'), payload, map.queryLanguage);
  };
  const itemReader = read(map.itemReader);
  const resultWriter = read(map.resultWriter);
  return { ...(itemReader ? { itemReader } : {}), ...(resultWriter ? { resultWriter } : {}) };
}

/** The catalog entry a parsed Resource stands for, if any. */
export function entryOf(resource: ResolvedResource): CatalogEntry | undefined {
  switch (resource.kind) {
    case 'optimized':
    case 'http':
      return catalogEntry(resource.service, resource.action);
    case 'sdk':
      return sdkEntry(resource.service, resource.action);
    case 'lambda-function':
      return LAMBDA_INVOKE;
    default:
      return undefined;
  }
}

/** What a Resource node (or text) calls, with its payload read for targets, roles and guards. */
export function describeResource(resourceNode: DocNode | string | undefined, payload: DocNode | undefined, queryLanguage: QueryLanguage): ResourceIntegration {
  const resource = parseResource(resourceNode);
  const entry = entryOf(resource);
  const probableEntry = entry ?? (resource.kind === 'unknown' && resource.probably === 'lambda-function' ? LAMBDA_INVOKE : undefined);
  const pattern = resource.pattern;
  const parameters = readParameters(entry, resource, payload, queryLanguage);
  return {
    resource,
    entry,
    probableEntry,
    pattern,
    patternSupported: entry && pattern ? entry.patterns.includes(pattern) : undefined,
    payload,
    targets: parameters.targets,
    target: parameters.target,
    roles: parameters.roles,
    guards: parameters.guards,
    iam: entry && pattern ? iamForPattern(entry, pattern) : [],
    transientErrors: entry?.transientErrors ?? [],
    sideEffects: entry?.sideEffects,
    retrySafety: entry?.retrySafety,
  };
}

/** Parameters in JSONPath states, Arguments in JSONata ones; the other when only it is present. */
function payloadOf(state: TaskState): DocNode | undefined {
  return state.queryLanguage === 'JSONata' ? (state.arguments ?? state.parameters) : (state.parameters ?? state.arguments);
}

/** Targets, roles and guards of an entry read from a payload. */
function readParameters(
  entry: CatalogEntry | undefined,
  resource: ResolvedResource | undefined,
  payload: DocNode | undefined,
  queryLanguage: QueryLanguage,
): { targets: ResolvedParameter[]; target: ParameterValue | undefined; roles: ResolvedParameter[]; guards: ResolvedGuard[] } {
  if (!entry) return { targets: [], target: undefined, roles: [], guards: [] };
  let targets: ResolvedParameter[];
  if (resource?.kind === 'lambda-function') {
    // A legacy ARN names the function itself; Parameters become the event.
    const node = resource.node;
    const value: ParameterValue = !node
      ? { kind: 'absent', path: 'FunctionName' }
      : resource.hasPlaceholders || resource.text === undefined
        ? { kind: 'placeholder', path: 'FunctionName', text: resource.text, reference: undefined, node }
        : { kind: 'static', path: 'FunctionName', value: resource.text, node };
    targets = [{ spec: entry.targets[0], values: [value] }];
  } else {
    targets = resolveParameters(entry.targets, payload, queryLanguage);
  }
  const main = targets.find((t) => t.values.some((v) => v.kind !== 'absent')) ?? targets[0];
  const roles = resource?.kind === 'lambda-function' ? [] : resolveParameters(entry.roles, payload, queryLanguage);
  const guards =
    resource?.kind === 'lambda-function' ? [] : entry.guards.map((guard) => ({ guard, values: parameterValues(payload, guard.path, queryLanguage) }));
  return { targets, target: main?.values[0], roles, guards };
}

/** The needs of an entry that apply to a pattern. */
export function iamForPattern(entry: CatalogEntry, pattern: IntegrationPattern): readonly IamNeed[] {
  let byPattern = iamNeeds.get(entry);
  if (!byPattern) iamNeeds.set(entry, (byPattern = new Map()));
  let needs = byPattern.get(pattern);
  if (!needs) byPattern.set(pattern, (needs = entry.iam.filter((need) => !need.patterns || need.patterns.includes(pattern))));
  return needs;
}

// Every Task that calls an integration the same way needs the same permissions: one list
// each, shared, rather than thousands of equal lists kept for the whole lint.
const iamNeeds = new WeakMap<CatalogEntry, Map<IntegrationPattern, readonly IamNeed[]>>();

// ---------------------------------------------------------------------------------------
// IAM resolution

export interface ResolvedIamNeed {
  readonly need: IamNeed;
  readonly action: string;
  /** Concrete resource ARNs (or AWS's dynamic pattern); null when sfn-lint cannot tell. */
  readonly resources: readonly string[] | null;
  /**
   * True when every parameter the templates use had a static value or a default, so the
   * resources are exactly what the call touches; false when they fell back to `dynamic`.
   */
  readonly exact: boolean;
  readonly condition?: IamCondition;
  /** The parameter values that named the resources, for positions in messages. */
  readonly from: readonly ParameterValue[];
}

const REFERENCE = /\{(arn|value|name):([^}]+)\}/g;

/**
 * What `resolveIam` may learn beyond the definition's literals. Without `resolve`, a
 * placeholder falls back to AWS's dynamic policy as before.
 */
export interface IamContext extends ArnContext {
  /**
   * The text a value stands for at deployment, as symbolic text (`${Worker.Arn}` for a
   * `${WorkerArn}` that DefinitionSubstitutions maps to `!GetAtt Worker.Arn`), or undefined
   * when unknown. Asked for placeholders, and for absent values that have no default.
   */
  readonly resolve?: (value: ParameterValue, spec: ParameterSpec) => string | undefined;
  /** Whether `${Name.Attribute}` may be written for a reference; always when absent. */
  readonly hasAttributes?: AttributeCheck;
}

/**
 * The IAM needs of an integration with their templates filled from the Task's static
 * parameters. Region and account stay `*` unless the context names them (the `policy`
 * command can pass `${AWS::Region}` and `${AWS::AccountId}`).
 */
export function resolveIam(integration: ResourceIntegration, context: IamContext = {}): ResolvedIamNeed[] {
  if (!integration.entry) return [];
  const resource = integration.resource;
  const partition =
    context.partition ?? ('partition' in resource && typeof resource.partition === 'string' ? resource.partition : undefined);
  const full: IamContext = { ...context, partition };
  const parameters = new Map<string, ResolvedParameter>();
  for (const resolved of [...integration.targets, ...integration.roles]) parameters.set(resolved.spec.path, resolved);
  return integration.iam.map((need) => resolveNeed(need, parameters, full));
}

function resolveNeed(need: IamNeed, parameters: ReadonlyMap<string, ResolvedParameter>, context: IamContext): ResolvedIamNeed {
  const condition = need.condition ? resolveCondition(need.condition, parameters, context) : undefined;
  const base = { need, action: need.action, ...(condition ? { condition } : {}) };
  if (need.resources === null) return { ...base, resources: null, exact: false, from: [] };
  const resources: string[] = [];
  const from: ParameterValue[] = [];
  let exact = true;
  for (const template of need.resources) {
    const filled = fill(template, parameters, context, from);
    if (filled === undefined) {
      exact = false;
      for (const fallback of need.dynamic ?? ['*']) resources.push(fillPlain(fallback, context));
    } else resources.push(...filled);
  }
  return { ...base, resources: [...new Set(resources)], exact, from };
}

function resolveCondition(condition: IamCondition, parameters: ReadonlyMap<string, ResolvedParameter>, context: IamContext): IamCondition | undefined {
  if (!condition.value.includes('{')) return condition;
  const filled = fill(condition.value, parameters, context, []);
  return filled && filled.length === 1 ? { ...condition, value: filled[0] } : undefined;
}

function fillPlain(template: string, context: ArnContext): string {
  const partition = context.partition ?? 'aws';
  const region = context.region ?? '*';
  const account = context.account ?? '*';
  return template
    .replaceAll('{partition}', () => partition)
    .replaceAll('{region}', () => region)
    .replaceAll('{account}', () => account);
}

/** A value's text: the literal, the default of an absent value, or what the context resolves. */
function rawValue(value: ParameterValue, spec: ParameterSpec, context: IamContext): string | undefined {
  switch (value.kind) {
    case 'static':
      return value.value;
    case 'absent':
      return value.default ?? context.resolve?.(value, spec);
    case 'placeholder':
      return context.resolve?.(value, spec);
    default:
      return undefined;
  }
}

/**
 * Fills a template; one result per value of an array parameter. Undefined when a referenced
 * parameter is not static (and has no default) or names no ARN.
 */
function fill(template: string, parameters: ReadonlyMap<string, ResolvedParameter>, context: IamContext, from: ParameterValue[]): string[] | undefined {
  const references = [...template.matchAll(REFERENCE)];
  if (references.length === 0) return [fillPlain(template, context)];
  // The parameter with several values (Entries.[].EventBusName) multiplies the result.
  let results = [fillPlain(template, context)];
  for (const [text, kind, path] of references) {
    const resolved = parameters.get(path);
    if (!resolved) return undefined;
    const next: string[] = [];
    for (const value of resolved.values) {
      const raw = rawValue(value, resolved.spec, context);
      if (raw === undefined) return undefined;
      const symbolic = hasPlaceholder(raw);
      const replacement =
        kind === 'value'
          ? raw
          : kind === 'name'
            ? symbolic
              ? symbolicNameOf(raw, context.hasAttributes)
              : nameOf(raw)
            : symbolic
              ? symbolicArnOf(resolved.spec.form, raw, context, context.hasAttributes)
              : arnOf(resolved.spec.form, raw, context);
      if (replacement === undefined) return undefined;
      if (value.kind === 'static' || value.kind === 'placeholder') from.push(value);
      for (const partial of results) next.push(partial.replace(text, () => replacement));
    }
    results = next;
  }
  return results;
}

/** True when the integration's target is a literal, so its IAM could be scoped to it. */
export function hasStaticTarget(integration: ResourceIntegration): boolean {
  return integration.target?.kind === 'static';
}

/** The declared spec of a target path, for messages. */
export function targetSpec(entry: CatalogEntry, path: string): ParameterSpec | undefined {
  return entry.targets.find((spec) => spec.path === path) ?? entry.roles.find((spec) => spec.path === path);
}
