/**
 * Reads the parameters a catalog entry declares from a Task's Parameters (JSONPath) or
 * Arguments (JSONata), and builds the ARNs that static values name.
 */
import type { DocNode } from '../document/node.js';
import { items, member, stringValue } from '../document/node-access.js';
import type { QueryLanguage } from '../model/types.js';
import { hasPlaceholder, intrinsicKey, isJsonataText, splitArn } from './resource.js';
import type { DynamicVia, ParameterForm, ParameterSpec, ParameterValue, ResolvedParameter, ResourceReference } from './types.js';

/** Values that fill `{partition}`, `{region}` and `{account}`; `aws`, `*` and `*` when absent. */
export interface ArnContext {
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
}

const pathCache = new Map<string, readonly string[]>();

function segments(path: string): readonly string[] {
  let cached = pathCache.get(path);
  if (!cached) {
    cached = path.split('.');
    pathCache.set(path, cached);
  }
  return cached;
}

/**
 * The value(s) of one parameter path in a payload. A path through an array (`Entries.[].X`)
 * gives one value per item; a whole payload or container that is computed at run time
 * gives a single dynamic value for its node.
 */
export function parameterValues(payload: DocNode | undefined, path: string, queryLanguage: QueryLanguage, fallback?: string): ParameterValue[] {
  const steps = segments(path);
  const out: ParameterValue[] = [];
  walk(payload, steps, 0, path, queryLanguage, out, fallback);
  // Nearly always one value, kept as long as the Task's integration: a list grown by push
  // has room for 17, so a longer one is copied to its size and a single one made anew.
  return out.length === 1 ? [out[0]] : out.slice();
}

function walk(
  node: DocNode | undefined,
  steps: readonly string[],
  index: number,
  path: string,
  queryLanguage: QueryLanguage,
  out: ParameterValue[],
  fallback: string | undefined,
): void {
  if (!node) {
    out.push(absent(path, fallback));
    return;
  }
  if (index === steps.length) {
    out.push(classifyValue(node, path, false, queryLanguage));
    return;
  }
  const step = steps[index];
  if (step === '[]') {
    if (node.kind === 'array') {
      const list = items(node);
      if (list.length === 0) out.push(absent(path, fallback));
      for (const item of list) walk(item, steps, index + 1, path, queryLanguage, out, fallback);
      return;
    }
    out.push(classifyValue(node, path, false, queryLanguage));
    return;
  }
  if (node.kind === 'object' && !intrinsicKey(node)) {
    if (queryLanguage === 'JSONPath') {
      const computed = member(node, `${step}.$`);
      if (computed) {
        out.push(classifyValue(computed, path, true, queryLanguage));
        return;
      }
    }
    walk(member(node, step), steps, index + 1, path, queryLanguage, out, fallback);
    return;
  }
  // A container that is itself computed or substituted: everything inside it is too.
  const whole = classifyValue(node, path, false, queryLanguage);
  out.push(whole.kind === 'static' || whole.kind === 'other' ? absent(path, fallback) : whole);
}

function absent(path: string, fallback: string | undefined): ParameterValue {
  return fallback === undefined ? { kind: 'absent', path } : { kind: 'absent', path, default: fallback };
}

/** Classifies one value node. `computed` is true for the value of a `.$` key. */
export function classifyValue(node: DocNode, path: string, computed: boolean, queryLanguage: QueryLanguage): ParameterValue {
  switch (node.kind) {
    case 'placeholder': {
      const text = String(node.value);
      return { kind: 'placeholder', path, text, reference: referenceIn(text), node };
    }
    case 'object': {
      const key = intrinsicKey(node);
      if (!key) return { kind: 'other', path, node };
      return { kind: 'placeholder', path, text: intrinsicText(node, key), reference: intrinsicReference(node, key), node };
    }
    case 'number':
      return computed ? { kind: 'other', path, node } : { kind: 'static', path, value: String(node.value), node };
    case 'string': {
      const text = node.value as string;
      if (computed) return { kind: 'dynamic', path, via: viaOf(text), text, node };
      if (queryLanguage === 'JSONata' && isJsonataText(text)) return { kind: 'dynamic', path, via: 'jsonata', text, node };
      if (hasPlaceholder(text)) return { kind: 'placeholder', path, text, reference: referenceIn(text), node };
      return { kind: 'static', path, value: text, node };
    }
    default:
      return { kind: 'other', path, node };
  }
}

function viaOf(text: string): DynamicVia {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('$$')) return 'context';
  if (trimmed.startsWith('States.')) return 'intrinsic';
  if (trimmed.startsWith('$') && /^\$[A-Za-z_]/.test(trimmed)) return 'variable';
  return 'path';
}

function referenceIn(text: string): ResourceReference | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('${') || !trimmed.endsWith('}') || trimmed.indexOf('${', 2) >= 0) return undefined;
  const inner = trimmed.slice(2, -1);
  const dot = inner.indexOf('.');
  if (dot > 0 && !inner.includes('::')) return { name: inner.slice(0, dot), attribute: inner.slice(dot + 1), via: 'substitution' };
  return { name: inner, via: 'substitution' };
}

function intrinsicText(node: DocNode, key: string): string | undefined {
  if (key !== 'Fn::Sub') return undefined;
  const argument = member(node, key);
  return argument?.kind === 'array' ? stringValue(items(argument)[0]) : stringValue(argument);
}

function intrinsicReference(node: DocNode, key: string): ResourceReference | undefined {
  const argument = member(node, key);
  if (key === 'Ref') {
    const name = stringValue(argument);
    return name === undefined ? undefined : { name, via: 'Ref' };
  }
  if (key === 'Fn::GetAtt') {
    if (argument?.kind === 'array') {
      const name = stringValue(items(argument)[0]);
      return name === undefined ? undefined : { name, attribute: stringValue(items(argument)[1]), via: 'Fn::GetAtt' };
    }
    const text = stringValue(argument);
    const dot = text?.indexOf('.') ?? -1;
    if (text === undefined) return undefined;
    return dot > 0 ? { name: text.slice(0, dot), attribute: text.slice(dot + 1), via: 'Fn::GetAtt' } : { name: text, via: 'Fn::GetAtt' };
  }
  if (key === 'Fn::ImportValue') {
    const name = stringValue(argument);
    return name === undefined ? undefined : { name, via: 'Fn::ImportValue' };
  }
  if (key === 'Fn::Sub') {
    const text = intrinsicText(node, key);
    return text === undefined ? undefined : referenceIn(text);
  }
  return undefined;
}

/** Resolves every declared parameter against a payload. */
export function resolveParameters(specs: readonly ParameterSpec[], payload: DocNode | undefined, queryLanguage: QueryLanguage): ResolvedParameter[] {
  return specs.map((spec) => ({ spec, values: parameterValues(payload, spec.path, queryLanguage, spec.default) }));
}

// ---------------------------------------------------------------------------------------
// ARNs

/** Fills `{partition}`, `{region}`, `{account}` and `{value}` in a template. */
export function fillTemplate(template: string, context: ArnContext, value?: string): string {
  // Replacer functions: a value may hold `$` sequences that replaceAll would expand.
  const partition = context.partition ?? 'aws';
  const region = context.region ?? '*';
  const account = context.account ?? '*';
  const filled = value ?? '*';
  return template
    .replaceAll('{partition}', () => partition)
    .replaceAll('{region}', () => region)
    .replaceAll('{account}', () => account)
    .replaceAll('{value}', () => filled);
}

/** The ARN a static parameter value names, or undefined when the form has none or the value does not parse. */
export function arnOf(form: ParameterForm, value: string, context: ArnContext = {}): string | undefined {
  if (value.startsWith('arn:')) return form.kind === 'opaque' || form.kind === 'sqs-queue-url' || form.kind === 'api-endpoint' ? undefined : value;
  switch (form.kind) {
    case 'arn':
    case 'opaque':
      return undefined;
    case 'name':
    case 'name-or-arn':
      return value === '' ? undefined : fillTemplate(form.arn, context, value);
    case 'lambda-function':
      return lambdaFunctionArn(value, context);
    case 'ecs-task-definition':
      if (value === '') return undefined;
      // A family without a revision matches every revision only with `:*` [G].
      return fillTemplate('arn:{partition}:ecs:{region}:{account}:task-definition/{value}', context, value.includes(':') ? value : `${value}:*`);
    case 'sqs-queue-url':
      return sqsQueueArn(value, context);
    case 'api-endpoint':
      return apiEndpointArn(value, context);
  }
}

/** `name`, `name:qualifier` or `123456789012:function:name[:qualifier]` → a function ARN. */
function lambdaFunctionArn(value: string, context: ArnContext): string | undefined {
  // splitArn keeps `${AWS::AccountId}` whole; for plain text it is split(':').
  const parts = splitArn(value);
  if (parts.length >= 3 && parts[1] === 'function' && (/^\d{12}$/.test(parts[0]) || isWholeReference(parts[0]))) {
    return `arn:${context.partition ?? 'aws'}:lambda:${context.region ?? '*'}:${value}`;
  }
  if (parts.length > 2 || parts[0] === '') return undefined;
  return fillTemplate('arn:{partition}:lambda:{region}:{account}:function:{value}', context, value);
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` and the legacy `<region>.queue.amazonaws.com` hosts. */
function sqsQueueArn(value: string, context: ArnContext): string | undefined {
  const match = /^https?:\/\/([^/]+)\/(\d{12}|[^/]+)\/([^/?#]+)\/?$/.exec(value);
  if (!match) return undefined;
  const [, host, account, name] = match;
  let region: string | undefined;
  const modern = /^sqs\.((?:[a-z0-9-]|\$\{[^}]*\})+)\.amazonaws\.com(\.cn)?$/.exec(host);
  const legacy = /^([a-z0-9-]+)\.queue\.amazonaws\.com(\.cn)?$/.exec(host);
  if (modern) region = modern[1];
  else if (legacy) region = legacy[1];
  else if (host === 'queue.amazonaws.com') region = 'us-east-1';
  return `arn:${context.partition ?? 'aws'}:sqs:${region ?? context.region ?? '*'}:${account}:${name}`;
}

/** `<api-id>.execute-api.<region>.amazonaws.com` → `arn:…:execute-api:<region>:<account>:<api-id>/*` [G]. */
function apiEndpointArn(value: string, context: ArnContext): string | undefined {
  const host = value.replace(/^https?:\/\//, '').split('/')[0];
  const match = /^((?:[a-z0-9]|\$\{[^}]*\})+)\.execute-api\.((?:[a-z0-9-]|\$\{[^}]*\})+)\.amazonaws\.com(\.cn)?$/.exec(host);
  if (!match) return undefined;
  return `arn:${context.partition ?? 'aws'}:execute-api:${match[2]}:${context.account ?? '*'}:${match[1]}/*`;
}

/**
 * The name in a name or ARN: `MyMachine` from `arn:aws:states:…:stateMachine:MyMachine[:alias]`,
 * `Orders` from `arn:aws:dynamodb:…:table/Orders`.
 */
export function nameOf(value: string): string {
  if (value.startsWith('arn:')) {
    const parts = splitArn(value);
    if (parts.length >= 7 && !parts[5].includes('/')) return parts[6];
    const resource = parts.slice(5).join(':');
    const slash = resource.indexOf('/');
    if (slash >= 0) return resource.slice(slash + 1).split('/')[0];
    return resource;
  }
  const cut = Math.max(value.lastIndexOf(':'), value.lastIndexOf('/'));
  return cut >= 0 ? value.slice(cut + 1) : value;
}

// ---------------------------------------------------------------------------------------
// Symbolic values: text with `${…}` references, filled in at deployment

/** True for text that is one `${…}` reference and nothing else. */
function isWholeReference(text: string): boolean {
  return referenceIn(text) !== undefined;
}

/** Names of ARN-valued attributes and variables: `Arn`, `WorkerArn`, `TOPIC_ARN`, `queue_arn`. */
const ARN_NAME = /(?:Arn|ARN|_arn)$/;

/**
 * Whether `${Name.Attribute}` may be written for a reference: true for a template resource,
 * false for a template parameter or a variable that nothing resolved.
 */
export type AttributeCheck = (name: string) => boolean;

/**
 * The ARN a value known only as symbolic text names (`${Worker.Arn}`, `orders-${Stage}`,
 * `arn:${AWS::Partition}:sns:…`), read the way CloudFormation references resolve: `Ref` of a
 * queue is its URL, so the queue's ARN is `${Queue.Arn}`; `Ref` of a table or a role is a
 * name, placed into the form's ARN template. Undefined when the text cannot name an ARN.
 * Plain text goes to `arnOf`.
 */
export function symbolicArnOf(form: ParameterForm, text: string, context: ArnContext = {}, hasAttributes: AttributeCheck = () => true): string | undefined {
  if (!hasPlaceholder(text)) return arnOf(form, text, context);
  const reference = referenceIn(text);
  // `${Worker.Arn}:$LATEST` is a qualified ARN: the text starts with a reference that is one.
  const leading = /^\$\{([^}]+)\}[:/]/.exec(text);
  const arnLike =
    text.startsWith('arn:') ||
    (reference !== undefined && ARN_NAME.test(reference.attribute ?? reference.name)) ||
    (leading !== null && ARN_NAME.test(leading[1]));
  switch (form.kind) {
    case 'opaque':
      return undefined;
    case 'arn':
      return text;
    case 'name':
    case 'name-or-arn':
      return arnLike ? text : fillTemplate(form.arn, context, text);
    case 'lambda-function':
      return arnLike ? text : lambdaFunctionArn(text, context);
    case 'ecs-task-definition': {
      // Ref of AWS::ECS::TaskDefinition is its ARN; a family name reads as one [G].
      if (arnLike || (reference && !/Family|Name/.test(reference.attribute ?? reference.name))) return text;
      return fillTemplate('arn:{partition}:ecs:{region}:{account}:task-definition/{value}', context, splitArn(text).length > 1 ? text : `${text}:*`);
    }
    case 'sqs-queue-url': {
      if (!reference) return text.startsWith('arn:') ? undefined : sqsQueueArn(text, context);
      if (reference.attribute === undefined || reference.attribute === 'QueueUrl') {
        return hasAttributes(reference.name) ? `\${${reference.name}.Arn}` : undefined;
      }
      return ARN_NAME.test(reference.attribute) ? text : undefined;
    }
    case 'api-endpoint':
      return reference ? undefined : apiEndpointArn(text, context);
  }
}

/**
 * The name in symbolic text that names an ARN: `${Child.Name}` for `${Child}` or
 * `${Child.Arn}` (Ref of a state machine is its ARN), the last segment of an ARN written out.
 * Undefined when the text gives no name that a policy could use.
 */
export function symbolicNameOf(text: string, hasAttributes: AttributeCheck = () => true): string | undefined {
  if (!hasPlaceholder(text)) return nameOf(text);
  if (text.startsWith('arn:')) return nameOf(text);
  const reference = referenceIn(text);
  if (!reference) return undefined;
  if (reference.attribute !== undefined && reference.attribute !== 'Arn') return undefined;
  return hasAttributes(reference.name) && !reference.name.includes('::') ? `\${${reference.name}.Name}` : undefined;
}
