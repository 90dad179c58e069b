/**
 * Reads a Task `Resource` value: every ARN form Step Functions accepts, plus placeholders
 * and CloudFormation intrinsics kept as "unknown, but typed where possible".
 */
import type { DocNode } from '../document/node.js';
import { items, member, stringValue } from '../document/node-access.js';
import type {
  ActivityResource,
  HttpResource,
  IntegrationPattern,
  InvalidResource,
  LambdaFunctionResource,
  OptimizedResource,
  ResolvedResource,
  ResourceReference,
  SdkResource,
  UnknownCause,
  UnknownResource,
} from './types.js';

/** The CloudFormation intrinsic functions that can stand for a value. */
export const INTRINSIC_KEYS: ReadonlySet<string> = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::ImportValue',
  'Fn::If',
  'Fn::Select',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::Split',
]);

/** The key of a single-key intrinsic object (`{"Ref": …}`), or undefined. */
export function intrinsicKey(node: DocNode | undefined): string | undefined {
  if (node?.kind !== 'object' || node.children?.length !== 1) return undefined;
  const key = node.children[0].key as string;
  return INTRINSIC_KEYS.has(key) ? key : undefined;
}

/** True for a whole `{% … %}` string. */
export function isJsonataText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 4 && trimmed.startsWith('{%') && trimmed.endsWith('%}');
}

/** True when the text holds a `${…}` substitution. */
export function hasPlaceholder(text: string): boolean {
  const open = text.indexOf('${');
  return open >= 0 && text.indexOf('}', open + 2) >= 0;
}

/** The variable of a text that is exactly one `${…}`, or undefined. */
function wholePlaceholder(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('${') || !trimmed.endsWith('}')) return undefined;
  const inner = trimmed.slice(2, -1);
  return inner.includes('${') || inner.includes('}') ? undefined : inner;
}

/**
 * Splits an ARN on `:` outside `${…}` (a placeholder such as `${AWS::Region}` holds colons).
 * Linear: one pass over the text.
 */
export function splitArn(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x24 /* $ */ && text.charCodeAt(i + 1) === 0x7b /* { */) {
      depth++;
      i++;
    } else if (c === 0x7d /* } */ && depth > 0) {
      depth--;
    } else if (c === 0x3a /* : */ && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const PARTITION = /^aws(-[a-z0-9]+)*$/;
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const ACTION = /^[A-Za-z][A-Za-z0-9]*$/;
const LAMBDA_NAME = /^[a-zA-Z0-9_-]+$/;
const LAMBDA_QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]+)$/;

/**
 * Names that suggest a Lambda function or an activity ([G]: a naming heuristic). A bare
 * `${SomethingArn}` counts as a function: the ARNs a Task can name are functions and
 * activities, and activities are rare.
 */
const FUNCTION_HINT = /Lambda|lambda|LAMBDA|Function|function|FUNCTION|Handler|handler|(?:Fn|fn|FN|Func|func)(?=[A-Z0-9_.\-]|$)|(?:Arn|ARN|_arn)$/;
const ACTIVITY_HINT = /Activity|activity|ACTIVITY/;

function probablyFrom(...names: (string | undefined)[]): 'lambda-function' | 'activity' | undefined {
  for (const name of names) if (name && ACTIVITY_HINT.test(name)) return 'activity';
  for (const name of names) if (name && FUNCTION_HINT.test(name)) return 'lambda-function';
  return undefined;
}

/** `${X}` → `X`; `${X.Arn}` → X, Arn; `${!GetAtt X.Arn}` and `${!Ref X}` read leniently. */
function referenceOf(variable: string): ResourceReference {
  let name = variable.trim();
  let via: ResourceReference['via'] = 'substitution';
  const tag = /^!?(GetAtt|Ref)\s+/.exec(name);
  if (tag) {
    name = name.slice(tag[0].length);
    via = tag[1] === 'GetAtt' ? 'Fn::GetAtt' : 'Ref';
  }
  const dot = name.indexOf('.');
  if (dot > 0 && !name.includes('::')) {
    return { name: name.slice(0, dot), attribute: name.slice(dot + 1), via: via === 'substitution' ? 'substitution' : 'Fn::GetAtt' };
  }
  return { name, via };
}

function unknown(
  node: DocNode | undefined,
  text: string | undefined,
  cause: UnknownCause,
  reason: string,
  extra: { probably?: 'lambda-function' | 'activity'; reference?: ResourceReference } = {},
): UnknownResource {
  return {
    kind: 'unknown',
    node,
    text,
    cause,
    reason,
    ...(extra.probably ? { probably: extra.probably } : {}),
    ...(extra.reference ? { reference: extra.reference } : {}),
    service: undefined,
    action: undefined,
    pattern: undefined,
  };
}

function invalid(
  node: DocNode | undefined,
  text: string | undefined,
  reason: string,
  parts: { service?: string; action?: string; pattern?: IntegrationPattern } = {},
): InvalidResource {
  return { kind: 'invalid', node, text, reason, service: parts.service, action: parts.action, pattern: parts.pattern };
}

/**
 * Reads any Task `Resource`: a document node (string, placeholder or intrinsic object), a
 * plain string, or nothing. Never throws; linear in the length of the text.
 */
export function parseResource(resource: DocNode | string | undefined): ResolvedResource {
  if (resource === undefined) return unknown(undefined, undefined, 'missing', 'The Task has no Resource.');
  if (typeof resource === 'string') return parseResourceText(resource, undefined);
  let parsed = parsedNodes.get(resource);
  if (parsed === undefined) parsedNodes.set(resource, (parsed = parseResourceNode(resource)));
  return parsed;
}

// valid-definition and every rule that asks for a Task's integration read the same nodes.
const parsedNodes = new WeakMap<DocNode, ResolvedResource>();

function parseResourceNode(node: DocNode): ResolvedResource {
  switch (node.kind) {
    case 'string':
      return parseResourceText(node.value as string, node);
    case 'placeholder': {
      const text = String(node.value);
      const variable = wholePlaceholder(text);
      const reference = variable !== undefined ? referenceOf(variable) : undefined;
      return unknown(node, text, 'placeholder', `The Resource ${text} is filled in at deployment.`, {
        probably: placeholderGuess(reference),
        reference,
      });
    }
    case 'object':
      return parseIntrinsic(node);
    default:
      return invalid(node, undefined, `The Resource must be a string, not ${node.kind === 'array' ? 'an array' : `a ${node.kind}`}.`);
  }
}

function placeholderGuess(reference: ResourceReference | undefined): 'lambda-function' | 'activity' | undefined {
  if (!reference) return undefined;
  const guess = probablyFrom(reference.name, reference.attribute);
  if (guess) return guess;
  // `${X.Arn}` in a Resource: the ARNs a Task can name are functions and activities, and
  // activities are referenced with Ref, so a GetAtt Arn is most likely a function [G].
  return reference.attribute === 'Arn' ? 'lambda-function' : undefined;
}

function parseIntrinsic(node: DocNode): ResolvedResource {
  const key = intrinsicKey(node);
  if (!key) return invalid(node, undefined, 'The Resource must be a string, not an object.');
  const argument = member(node, key);
  switch (key) {
    case 'Ref': {
      const name = stringValue(argument) ?? '?';
      const reference: ResourceReference = { name, via: 'Ref' };
      return unknown(node, undefined, 'intrinsic', `The Resource is the Ref of ${name}, known only at deployment.`, {
        probably: probablyFrom(name),
        reference,
      });
    }
    case 'Fn::GetAtt': {
      let name: string | undefined;
      let attribute: string | undefined;
      if (argument?.kind === 'array') {
        name = stringValue(items(argument)[0]);
        attribute = stringValue(items(argument)[1]);
      } else {
        const text = stringValue(argument);
        const dot = text?.indexOf('.') ?? -1;
        if (text && dot > 0) {
          name = text.slice(0, dot);
          attribute = text.slice(dot + 1);
        } else name = text;
      }
      const reference: ResourceReference = { name: name ?? '?', attribute, via: 'Fn::GetAtt' };
      return unknown(node, undefined, 'intrinsic', `The Resource is ${name ?? '?'}.${attribute ?? '?'}, known only at deployment.`, {
        probably: placeholderGuess(reference),
        reference,
      });
    }
    case 'Fn::ImportValue': {
      const name = stringValue(argument);
      const reference: ResourceReference = { name: name ?? '?', via: 'Fn::ImportValue' };
      return unknown(node, undefined, 'intrinsic', 'The Resource is an imported value, known only at deployment.', {
        probably: probablyFrom(name),
        reference,
      });
    }
    case 'Fn::Sub': {
      const template = argument?.kind === 'array' ? stringValue(items(argument)[0]) : stringValue(argument);
      if (template !== undefined) return fromTemplate(node, template);
      break;
    }
    case 'Fn::Join': {
      const text = joinedText(argument);
      if (text !== undefined) return fromTemplate(node, text);
      break;
    }
  }
  return unknown(node, undefined, 'intrinsic', `The Resource is a ${key} expression, known only at deployment.`);
}

/** `Fn::Join` with a string delimiter: the pieces joined, non-strings as `${…}` stand-ins. */
function joinedText(argument: DocNode | undefined): string | undefined {
  const [delimiter, list] = items(argument);
  const separator = stringValue(delimiter);
  if (separator === undefined || list?.kind !== 'array') return undefined;
  return items(list)
    .map((piece) => {
      const text = stringValue(piece);
      if (text !== undefined) return text;
      if (intrinsicKey(piece) === 'Ref') return `\${${stringValue(member(piece, 'Ref')) ?? '?'}}`;
      return '${?}';
    })
    .join(separator);
}

/** A Fn::Sub or Fn::Join text: a full ARN parses as one; anything else stays unknown but typed. */
function fromTemplate(node: DocNode, text: string): ResolvedResource {
  const parsed = parseResourceText(text, node);
  if (parsed.kind !== 'unknown') return parsed;
  const variable = wholePlaceholder(text);
  const reference = variable !== undefined ? referenceOf(variable) : undefined;
  let probably = placeholderGuess(reference);
  if (!probably && (text.includes(':lambda:') || text.includes(':function:'))) probably = 'lambda-function';
  if (!probably && text.includes(':activity:')) probably = 'activity';
  return unknown(node, text, 'intrinsic', `The Resource ${text} is filled in at deployment.`, { probably, reference });
}

/** Reads Resource text. `node` is the node the text came from, if any. */
export function parseResourceText(text: string, node: DocNode | undefined): ResolvedResource {
  if (isJsonataText(text)) {
    return unknown(node, text, 'jsonata', 'Step Functions does not evaluate a JSONata expression in Resource; the Resource must be a literal ARN.');
  }
  const variable = wholePlaceholder(text);
  if (variable !== undefined) {
    const reference = referenceOf(variable);
    return unknown(node, text, 'placeholder', `The Resource ${text} is filled in at deployment.`, {
      probably: placeholderGuess(reference),
      reference,
    });
  }
  if (!text.startsWith('arn:')) {
    if (hasPlaceholder(text)) {
      return unknown(node, text, 'placeholder', `The Resource ${text} is filled in at deployment.`, { probably: probablyFrom(text) });
    }
    // `!GetAtt Worker.Arn` read by a YAML parser that drops the tag.
    const getAtt = /^([A-Za-z][A-Za-z0-9]*)\.Arn$/.exec(text);
    if (getAtt) {
      const reference: ResourceReference = { name: getAtt[1], attribute: 'Arn', via: 'Fn::GetAtt' };
      return unknown(node, text, 'unrecognised', `${JSON.stringify(text)} is not an ARN; it reads like a !GetAtt whose tag was lost.`, {
        probably: placeholderGuess(reference),
        reference,
      });
    }
    return unknown(node, text, 'unrecognised', `${JSON.stringify(text)} is not an ARN that Step Functions can call.`);
  }

  const parts = splitArn(text);
  if (parts.length < 6) return unknown(node, text, 'unrecognised', `${JSON.stringify(text)} is not an ARN that Step Functions can call.`);
  // Indexed reads: destructuring an array walks its iterator, a call per element in code that runs once.
  const partitionText = parts[1];
  const service = parts[2];
  const region = parts[3];
  const account = parts[4];
  const partitionPlaceholder = hasPlaceholder(partitionText);
  if (!partitionPlaceholder && !PARTITION.test(partitionText)) {
    return invalid(node, text, `"${partitionText}" is not an AWS partition (aws, aws-cn, aws-us-gov, …).`);
  }
  const common = {
    node,
    text,
    partition: partitionPlaceholder ? undefined : partitionText,
    region,
    account,
    hasPlaceholders: hasPlaceholder(text),
  };
  if (service === 'lambda') return parseLambdaArn(parts, common);
  if (service === 'states') return parseStatesArn(parts, common);
  if (hasPlaceholder(service)) {
    return unknown(node, text, 'placeholder', `The service of ${text} is filled in at deployment.`, { probably: probablyFrom(text) });
  }
  return unknown(node, text, 'unrecognised', `${JSON.stringify(text)} is a ${service} ARN; a Task can call Lambda functions, activities and arn:aws:states::: integrations.`);
}

type Common = {
  node: DocNode | undefined;
  text: string;
  partition: string | undefined;
  region: string;
  account: string;
  hasPlaceholders: boolean;
};

function parseLambdaArn(parts: string[], common: Common): ResolvedResource {
  const { node, text } = common;
  const resourceType = parts[5];
  if (resourceType !== 'function') {
    return invalid(node, text, `${JSON.stringify(text)} is a Lambda ARN but not a function's (arn:aws:lambda:<region>:<account>:function:<name>).`, {
      service: 'lambda',
    });
  }
  if (parts.length > 8) {
    return invalid(node, text, `${JSON.stringify(text)} has too many parts for a Lambda function ARN: a function name and at most one qualifier.`, {
      service: 'lambda',
      action: 'invoke',
      pattern: 'request-response',
    });
  }
  const functionName = parts[6] ?? '';
  const lambdaParts = { service: 'lambda', action: 'invoke', pattern: 'request-response' as const };
  if (functionName === '') return invalid(node, text, `${JSON.stringify(text)} has no function name after "function:".`, lambdaParts);
  if (!hasPlaceholder(functionName) && !LAMBDA_NAME.test(functionName)) {
    return invalid(node, text, `"${functionName}" is not a Lambda function name: use letters, digits, hyphens and underscores.`, lambdaParts);
  }
  let qualifier: string | undefined;
  if (parts.length === 8) {
    qualifier = parts[7];
    if (qualifier === '') {
      return invalid(node, text, `${JSON.stringify(text)} ends with ":" but names no version or alias; remove the colon or add the qualifier.`, lambdaParts);
    }
    if (!hasPlaceholder(qualifier) && !LAMBDA_QUALIFIER.test(qualifier)) {
      return invalid(
        node,
        text,
        `"${qualifier}" is not a Lambda qualifier: use a version number, an alias (letters, digits, hyphens, underscores) or $LATEST.`,
        lambdaParts,
      );
    }
  }
  const result: LambdaFunctionResource = {
    kind: 'lambda-function',
    ...common,
    service: 'lambda',
    action: 'invoke',
    pattern: 'request-response',
    functionName,
    qualifier,
  };
  return result;
}

function parseStatesArn(parts: string[], common: Common): ResolvedResource {
  const { node, text } = common;
  const resourceType = parts[5];
  if (resourceType === 'activity') {
    const activityName = parts.slice(6).join(':');
    if (activityName === '') return invalid(node, text, `${JSON.stringify(text)} has no activity name after "activity:".`, { service: 'states' });
    const result: ActivityResource = { kind: 'activity', ...common, service: 'states', action: undefined, pattern: 'callback', activityName };
    return result;
  }
  if (resourceType === 'stateMachine' || resourceType === 'execution' || resourceType === 'express') {
    return invalid(
      node,
      text,
      `${JSON.stringify(text)} names a ${resourceType === 'stateMachine' ? 'state machine' : 'execution'}; start a state machine with arn:aws:states:::states:startExecution and its StateMachineArn parameter.`,
      { service: 'states' },
    );
  }
  const sdk = resourceType === 'aws-sdk';
  const service = sdk ? parts[6] ?? '' : resourceType;
  const rest = parts.slice(sdk ? 7 : 6).join(':');
  if (service === '' || (!SERVICE.test(service) && !hasPlaceholder(service))) {
    return invalid(node, text, `${JSON.stringify(text)} names no service${sdk ? ' after "aws-sdk:"' : ''}.`);
  }
  if (hasPlaceholder(service) || hasPlaceholder(rest)) {
    return unknown(node, text, 'placeholder', `Part of the integration ${text} is filled in at deployment.`);
  }
  const suffix = splitSuffix(rest);
  if (typeof suffix === 'string') return invalid(node, text, suffix, { service });
  const { action, pattern } = suffix;
  if (action === '') return invalid(node, text, `${JSON.stringify(text)} names no API action after "${service}:".`, { service, pattern });
  if (!ACTION.test(action)) return invalid(node, text, `"${action}" is not an API action name.`, { service, pattern });
  if (sdk) return arnResource('sdk', common, service, action, pattern);
  if (service === 'http' && action === 'invoke') return arnResource('http', common, service, action, pattern);
  return arnResource('optimized', common, service, action, pattern);
}

/**
 * An `arn:aws:states:::` integration, its fields listed one by one: an object spread of
 * `common` is a runtime call, which code that runs once per Task pays in full.
 */
function arnResource(
  kind: 'sdk' | 'http' | 'optimized',
  common: Common,
  service: string,
  action: string,
  pattern: IntegrationPattern,
): SdkResource | HttpResource | OptimizedResource {
  const result = {
    kind,
    node: common.node,
    text: common.text,
    partition: common.partition,
    region: common.region,
    account: common.account,
    hasPlaceholders: common.hasPlaceholders,
    service,
    action,
    pattern,
  };
  return result as SdkResource | HttpResource | OptimizedResource;
}

/** `startExecution.sync:2` → action and pattern; a message when the suffix is unknown. */
function splitSuffix(rest: string): { action: string; pattern: IntegrationPattern } | string {
  const dot = rest.indexOf('.');
  if (dot < 0) {
    if (rest.includes(':')) return `"${rest}" has an unexpected ":"; the suffixes are .sync, .sync:2 and .waitForTaskToken.`;
    return { action: rest, pattern: 'request-response' };
  }
  const action = rest.slice(0, dot);
  const suffix = rest.slice(dot);
  switch (suffix) {
    case '.sync':
      return { action, pattern: 'sync' };
    case '.sync:2':
      return { action, pattern: 'sync:2' };
    case '.waitForTaskToken':
      return { action, pattern: 'callback' };
  }
  if (suffix.startsWith('.sync:')) return `"${suffix}" is not a known version of .sync; only .sync:2 exists.`;
  return `"${suffix}" is not an integration suffix; use .sync, .sync:2 or .waitForTaskToken.`;
}
