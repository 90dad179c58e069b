import type { DocNode } from '../document/node.js';
import { items, member, members } from '../document/node-access.js';
import type { SymbolicText } from './types.js';

/** The single key of an object written as a CloudFormation intrinsic function, or undefined. */
export function intrinsicName(node: DocNode | undefined): string | undefined {
  if (node?.kind !== 'object' || node.children?.length !== 1) return undefined;
  const key = node.children[0].key as string;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** The argument of an intrinsic object. */
export function intrinsicArgument(node: DocNode): DocNode | undefined {
  return node.children?.[0];
}

/** `Fn::GetAtt` as [logical id, attribute], from either the list or the `X.Attr` form. */
export function getAttParts(argument: DocNode | undefined): [string, string] | undefined {
  if (argument?.kind === 'string') {
    const text = argument.value as string;
    const dot = text.indexOf('.');
    return dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : undefined;
  }
  const [id, attribute] = items(argument);
  if (id?.kind === 'string' && attribute?.kind === 'string') return [id.value as string, attribute.value as string];
  return undefined;
}

/**
 * A template value as `Fn::Sub` text (see SymbolicText): literals stay as they are,
 * `Ref X` becomes `${X}`, `Fn::GetAtt [X, Arn]` becomes `${X.Arn}`, Fn::Sub keeps its
 * text with its own variables filled in, and Fn::Join joins its parts. Undefined for
 * anything that cannot be written as one string (Fn::If, Fn::Select, imports, objects).
 */
export function symbolicText(node: DocNode | undefined): SymbolicText | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'string':
      return node.value as string;
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'placeholder':
      return node.value as string;
    case 'object':
      return intrinsicText(node);
    default:
      return undefined;
  }
}

function intrinsicText(node: DocNode): SymbolicText | undefined {
  const name = intrinsicName(node);
  const argument = name ? intrinsicArgument(node) : undefined;
  switch (name) {
    case 'Ref':
      return argument?.kind === 'string' ? `\${${argument.value as string}}` : undefined;
    case 'Fn::GetAtt': {
      const parts = getAttParts(argument);
      return parts ? `\${${parts[0]}.${parts[1]}}` : undefined;
    }
    case 'Fn::Sub':
      return subText(argument);
    case 'Fn::Join': {
      const [delimiter, list] = items(argument);
      if (delimiter?.kind !== 'string' || list?.kind !== 'array') return undefined;
      const parts: string[] = [];
      for (const part of items(list)) {
        const text = symbolicText(part);
        if (text === undefined) return undefined;
        parts.push(text);
      }
      return parts.join(delimiter.value as string);
    }
    default:
      return undefined;
  }
}

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/** Fn::Sub text with the variables of its second form replaced by their own symbolic text. */
function subText(argument: DocNode | undefined): SymbolicText | undefined {
  if (argument?.kind === 'string') return argument.value as string;
  const [text, variables] = items(argument);
  if (text?.kind !== 'string') return undefined;
  if (variables?.kind !== 'object') return text.value as string;
  const values = new Map<string, string | undefined>();
  for (const variable of members(variables)) values.set(variable.key as string, symbolicText(variable));
  let unknown = false;
  const result = (text.value as string).replace(SUB_VARIABLE, (whole, name: string) => {
    if (!values.has(name)) return whole;
    const value = values.get(name);
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? undefined : result;
}

/** A reference written as `${X}` or `${X.Attr}`: the logical id (or pseudo parameter) and attribute. */
export interface SymbolicReference {
  readonly name: string;
  readonly attribute?: string;
}

/** The references in symbolic text, in order. `${!Literal}` is Fn::Sub's escape, not a reference. */
export function referencesIn(text: SymbolicText): SymbolicReference[] {
  const result: SymbolicReference[] = [];
  for (const [, inner] of text.matchAll(SUB_VARIABLE)) {
    const name = inner.trim();
    const dot = name.indexOf('.');
    result.push(dot > 0 && !name.includes('::') ? { name: name.slice(0, dot), attribute: name.slice(dot + 1) } : { name });
  }
  return result;
}

/** True for `AWS::Region`, `AWS::AccountId` and the other pseudo parameters. */
export function isPseudoParameter(name: string): boolean {
  return name.startsWith('AWS::');
}

/** The value node of `Metadata.aws:cdk:path`, for messages about CDK-made resources. */
export function cdkPathOf(resource: DocNode): string | undefined {
  const path = member(member(resource, 'Metadata'), 'aws:cdk:path');
  return path?.kind === 'string' ? (path.value as string) : undefined;
}
