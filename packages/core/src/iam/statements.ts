import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { items, member, members, stringValue } from '../document/node-access.js';
import { intrinsicName, symbolicText } from '../template/symbolic.js';
import type { SymbolicText } from '../template/types.js';

/** Where a statement comes from, for messages and for rules that treat some sources differently. */
export type PolicyOriginKind =
  /** An entry of the role's own `Policies`. */
  | 'role-inline'
  /** An `AWS::IAM::Policy` (or `AWS::IAM::RolePolicy`) resource attached to the role. */
  | 'iam-policy'
  /** An `AWS::IAM::ManagedPolicy` resource of the template. */
  | 'iam-managed-policy'
  /** An AWS managed policy that sfn-lint knows (managed-policies.ts). */
  | 'aws-managed-policy'
  /** A SAM policy template such as LambdaInvokePolicy, expanded (sam-policy-templates.ts). */
  | 'sam-policy-template'
  /** A policy document written directly in SAM `Policies`. */
  | 'sam-inline'
  /** A statement of a Serverless Framework service. */
  | 'serverless';

export interface PolicyOrigin {
  readonly kind: PolicyOriginKind;
  /** The policy name, SAM template name or managed policy name; undefined when it has none. */
  readonly name: string | undefined;
  /** The policy as referenced: the `Policies` entry, the resource, the managed policy ARN. */
  readonly node: DocNode | undefined;
}

/**
 * One value of Action, NotAction, Resource, NotResource or a condition. `text` is undefined
 * when the value cannot be written as symbolic text (Fn::If, Fn::ImportValue, an object):
 * the evaluation treats such a value as possibly matching anything.
 */
export interface PolicyEntry {
  readonly text: SymbolicText | undefined;
  readonly node: DocNode | undefined;
}

/** A condition as written. sfn-lint records conditions and never evaluates them. */
export interface PolicyCondition {
  /** `StringEquals`, `ArnLike`, …; undefined when the Condition block is not a literal object. */
  readonly operator: string | undefined;
  /** `iam:PassedToService`, …; undefined with the operator. */
  readonly key: string | undefined;
  readonly values: readonly PolicyEntry[];
  readonly node: DocNode | undefined;
}

/**
 * One IAM statement of the state machine's role. Lists are undefined when their key is
 * absent, so `action` and `notAction` tell which form the statement uses.
 */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly sid: string | undefined;
  readonly action: readonly PolicyEntry[] | undefined;
  readonly notAction: readonly PolicyEntry[] | undefined;
  readonly resource: readonly PolicyEntry[] | undefined;
  readonly notResource: readonly PolicyEntry[] | undefined;
  readonly conditions: readonly PolicyCondition[];
  /**
   * The statement in the template. For statements expanded from a SAM policy template or
   * an AWS managed policy, the node that references the template or policy.
   */
  readonly node: DocNode | undefined;
  readonly origin: PolicyOrigin;
}

/**
 * Why the role's permissions are not fully known. With `services`, the gap concerns only
 * actions of those services (an AWS managed policy sfn-lint knows in part, say); without,
 * any action may be affected.
 */
export interface PermissionUnknown {
  readonly reason: string;
  readonly node?: DocNode;
  readonly services?: readonly string[];
}

/** The statements of one policy document, and what could not be read in it. */
export interface ReadStatements {
  readonly statements: PolicyStatement[];
  readonly unknowns: PermissionUnknown[];
}

/**
 * Reads a PolicyDocument: `Statement` as one object or a list, `Action` and `Resource` as a
 * string or a list, intrinsics kept as symbolic text. Never throws; a part it cannot read
 * becomes an unknown, since a statement it skipped could grant or deny anything.
 */
export function readStatements(document: DocNode | undefined, origin: PolicyOrigin): ReadStatements {
  const statements: PolicyStatement[] = [];
  const unknowns: PermissionUnknown[] = [];
  const where = describeOrigin(origin);
  let root = document;
  // A document written as JSON text (often inside Fn::Sub) is read from that text; its
  // statements then all point at the document, since the text has no ranges of its own.
  let at: DocNode | undefined;
  if (document !== undefined && (document.kind === 'string' || intrinsicName(document) === 'Fn::Sub')) {
    root = jsonText(symbolicText(document));
    at = document;
  }
  if (root?.kind !== 'object' || intrinsicName(root) !== undefined) {
    unknowns.push({ reason: `the policy document of ${where} is not written out in the template`, node: document ?? origin.node });
    return { statements, unknowns };
  }
  const statementNode = member(root, 'Statement');
  if (statementNode === undefined) return { statements, unknowns };
  const list = statementNode.kind === 'array' ? items(statementNode) : [statementNode];
  for (const node of list) {
    const statement = readStatement(node, origin, at);
    if (statement) statements.push(statement);
    else unknowns.push({ reason: `a statement of ${where} cannot be read (an intrinsic function or a missing Effect)`, node: at ?? node });
  }
  return { statements, unknowns };
}

function jsonText(text: SymbolicText | undefined): DocNode | undefined {
  if (text === undefined || !text.trimStart().startsWith('{')) return undefined;
  const parsed = parseDocument('policy.json', text, 'json');
  return parsed.problems.length === 0 ? parsed.roots[0] : undefined;
}

function readStatement(node: DocNode, origin: PolicyOrigin, at: DocNode | undefined): PolicyStatement | undefined {
  if (node.kind !== 'object' || intrinsicName(node) !== undefined) return undefined;
  const effect = stringValue(member(node, 'Effect'));
  if (effect !== 'Allow' && effect !== 'Deny') return undefined;
  return {
    effect,
    sid: stringValue(member(node, 'Sid')),
    action: readEntries(member(node, 'Action'), at),
    notAction: readEntries(member(node, 'NotAction'), at),
    resource: readEntries(member(node, 'Resource'), at),
    notResource: readEntries(member(node, 'NotResource'), at),
    conditions: readConditions(member(node, 'Condition'), at),
    node: at ?? node,
    origin,
  };
}

/** A string or list of values; one unknown entry when the whole value is an intrinsic. */
function readEntries(node: DocNode | undefined, at: DocNode | undefined): PolicyEntry[] | undefined {
  if (node === undefined) return undefined;
  const list = node.kind === 'array' ? items(node) : [node];
  return list.map((value) => ({ text: symbolicText(value), node: at ?? value }));
}

function readConditions(node: DocNode | undefined, at: DocNode | undefined): PolicyCondition[] {
  if (node === undefined) return [];
  if (node.kind !== 'object' || intrinsicName(node) !== undefined) {
    return [{ operator: undefined, key: undefined, values: [], node: at ?? node }];
  }
  const result: PolicyCondition[] = [];
  for (const operator of members(node)) {
    if (operator.kind !== 'object' || intrinsicName(operator) !== undefined) {
      result.push({ operator: operator.key, key: undefined, values: [], node: at ?? operator });
      continue;
    }
    for (const key of members(operator)) {
      result.push({ operator: operator.key, key: key.key, values: readEntries(key, at) ?? [], node: at ?? key });
    }
  }
  return result;
}

/** The plain description of a statement that sfn-lint builds from its own tables. */
export interface StatementFacts {
  readonly effect?: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly conditions?: readonly { readonly operator: string; readonly key: string; readonly values: readonly string[] }[];
}

/**
 * A statement expanded from a table (an AWS managed policy, a SAM policy template). Every
 * entry points at `node`, the reference in the template.
 */
export function statementFromFacts(facts: StatementFacts, node: DocNode | undefined, origin: PolicyOrigin): PolicyStatement {
  const entries = (list: readonly string[] | undefined): PolicyEntry[] | undefined => list?.map((text) => ({ text, node }));
  return {
    effect: facts.effect ?? 'Allow',
    sid: undefined,
    action: entries(facts.action),
    notAction: entries(facts.notAction),
    resource: entries(facts.resource),
    notResource: entries(facts.notResource),
    conditions: (facts.conditions ?? []).map((condition) => ({
      operator: condition.operator,
      key: condition.key,
      values: entries(condition.values) ?? [],
      node,
    })),
    node,
    origin,
  };
}

/** `the inline policy Foo of role Bar`-style wording for messages. */
export function describeOrigin(origin: PolicyOrigin): string {
  const name = origin.name === undefined ? '' : ` ${origin.name}`;
  switch (origin.kind) {
    case 'role-inline':
      return `the inline policy${name}`;
    case 'iam-policy':
      return `the policy${name}`;
    case 'iam-managed-policy':
      return `the managed policy${name}`;
    case 'aws-managed-policy':
      return `the AWS managed policy${name}`;
    case 'sam-policy-template':
      return `the SAM policy template${name}`;
    case 'sam-inline':
      return `the SAM inline policy${name}`;
    case 'serverless':
      return `the Serverless policy${name}`;
  }
}
