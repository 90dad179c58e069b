import type { DocNode } from '../document/node.js';
import { booleanValue, items, member, stringValue } from '../document/node-access.js';
import { intrinsicName, isPseudoParameter, referencesIn, symbolicText } from '../template/symbolic.js';
import type { SymbolicText, Template, TemplateMachine, TemplateResource } from '../template/types.js';
import {
  awsManagedPolicyReference,
  managedPolicyFacts,
  managedPolicyStatements,
  type ManagedPolicyFacts,
} from './managed-policies.js';
import { actionService } from './match.js';
import { expandSamPolicyTemplate, samPolicyTemplateEntry } from './sam-policy-templates.js';
import { readStatements, type PermissionUnknown, type PolicyStatement } from './statements.js';

/**
 * Where the role of a state machine comes from.
 * - `template-role`: an `AWS::IAM::Role` of the template.
 * - `sam-generated`: SAM creates it from `Policies` (the machine has no `Role`).
 * - `serverless-generated`: serverless-step-functions creates it from the definition.
 * - `external`: an ARN of a role outside the template.
 * - `unresolved`: a parameter, an import, Fn::If, a Serverless variable.
 * - `missing`: no RoleArn at all.
 */
export type RoleSource = 'template-role' | 'sam-generated' | 'serverless-generated' | 'external' | 'unresolved' | 'missing';

/** A managed policy attached to the role. */
export interface ManagedPolicyUse {
  /** The AWS managed policy's name, the logical id of an `AWS::IAM::ManagedPolicy`, or the ARN as written. */
  readonly name: string;
  readonly node: DocNode | undefined;
  /** sfn-lint knows its statements (a known AWS managed policy, or a managed policy of the template). */
  readonly known: boolean;
  readonly awsManaged: boolean;
  /** The `AWS::IAM::ManagedPolicy` resource, for a managed policy of the template. */
  readonly resource?: TemplateResource;
}

/** Everything the template says about what a state machine's role may do. */
export interface RolePermissions {
  /** The `AWS::IAM::Role`, when the role is one of the template. */
  readonly role?: TemplateResource;
  /** `RoleArn`, SAM `Role` or the Serverless `role` as written. */
  readonly roleNode: DocNode | undefined;
  readonly source: RoleSource;
  /**
   * Every statement found. Entries written with intrinsics sfn-lint cannot read stay in the
   * statements with undefined text, and evaluation treats them as `maybe`.
   */
  readonly statements: readonly PolicyStatement[];
  /** No unknowns: every statement that could grant or deny something is in `statements`. */
  readonly fullyKnown: boolean;
  readonly unknowns: readonly PermissionUnknown[];
  readonly managedPolicies: readonly ManagedPolicyUse[];
  /** A permissions boundary caps what the statements grant; sfn-lint does not read it. */
  readonly permissionsBoundary?: DocNode;
}

interface Collected {
  readonly statements: PolicyStatement[];
  readonly unknowns: PermissionUnknown[];
  readonly managedPolicies: ManagedPolicyUse[];
  /** Logical ids of policy resources already read, so a managed policy both attached and listed counts once. */
  readonly seen: Set<string>;
}

/**
 * Resolves a state machine's role and collects its statements: the role's inline
 * `Policies`, its `ManagedPolicyArns`, the `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`
 * and `AWS::IAM::RolePolicy` resources attached to it, and for SAM the role that SAM
 * generates from `Policies`. Never throws: what it cannot follow becomes an unknown.
 */
export function rolePermissions(machine: TemplateMachine): RolePermissions {
  const template = machine.template;
  const collected: Collected = { statements: [], unknowns: [], managedPolicies: [], seen: new Set() };
  const roleNode = machine.roleNode;

  if (roleNode === undefined) {
    addConnectors(collected, machine, undefined);
    if (machine.resource.type === 'AWS::Serverless::StateMachine') {
      return samGeneratedRole(machine, collected);
    }
    if (template.flavor === 'serverless') {
      collected.unknowns.push({
        reason: 'serverless-step-functions generates the role from the definition when `role` is not set',
        node: machine.resource.node,
      });
      return finish(collected, { roleNode, source: 'serverless-generated' });
    }
    collected.unknowns.push({ reason: 'the state machine has no RoleArn', node: machine.resource.node });
    return finish(collected, { roleNode, source: 'missing' });
  }

  const resolved = resolveRole(roleNode, template);
  if (!resolved.role) {
    addConnectors(collected, machine, undefined);
    collected.unknowns.push(resolved.unknown);
    return finish(collected, { roleNode, source: resolved.source });
  }
  const role = resolved.role;
  const properties = role.properties;
  const roleNameNode = member(properties, 'RoleName');
  const roleName = roleNameNode === undefined ? undefined : symbolicText(roleNameNode);
  addConnectors(collected, machine, { id: role.logicalId, name: roleName });
  addInlinePolicies(collected, member(properties, 'Policies'));
  addAttachedPolicies(collected, template, role.logicalId, roleName);
  addManagedPolicyList(collected, template, member(properties, 'ManagedPolicyArns'));
  return finish(collected, { role, roleNode, source: 'template-role', permissionsBoundary: member(properties, 'PermissionsBoundary') });
}

/**
 * True when nothing unknown about the role can concern this action: the role is fully
 * known, or every gap is limited to other services (a managed policy known in part).
 */
export function isKnownFor(permissions: RolePermissions, action: string): boolean {
  const service = actionService(action);
  return permissions.unknowns.every((unknown) => unknown.services !== undefined && !unknown.services.includes(service));
}

function finish(
  collected: Collected,
  rest: { role?: TemplateResource; roleNode: DocNode | undefined; source: RoleSource; permissionsBoundary?: DocNode },
): RolePermissions {
  return {
    ...rest,
    statements: collected.statements,
    fullyKnown: collected.unknowns.length === 0,
    unknowns: collected.unknowns,
    managedPolicies: collected.managedPolicies,
  };
}

// ---------------------------------------------------------------------------------------
// Resolving the role

type Resolved =
  | { readonly role: TemplateResource; readonly source: 'template-role' }
  | { readonly role?: undefined; readonly source: 'external' | 'unresolved'; readonly unknown: PermissionUnknown };

/** Serverless Framework variables (`${self:…}`, `${ssm:…}`, `${file(…)}`) are resolved at deployment. */
const SERVERLESS_VARIABLE = /\$\{(?:self|opt|env|sls|cf|ssm|s3|param|file|aws)[:(]/;

function resolveRole(node: DocNode, template: Template): Resolved {
  const unresolved = (reason: string): Resolved => ({ source: 'unresolved', unknown: { reason, node } });
  if (intrinsicName(node) === 'Fn::If') return unresolved('Fn::If chooses the role when the stack is deployed');
  const text = symbolicText(node);
  if (text === undefined) return unresolved('the role ARN is not written out in the template (an import or a computed value)');
  if (SERVERLESS_VARIABLE.test(text)) return unresolved(`the role ${text} is a Serverless variable`);

  const references = referencesIn(text);
  for (const reference of references) {
    const resource = template.resources.get(reference.name);
    if (resource?.type === 'AWS::IAM::Role' && (reference.attribute === undefined || reference.attribute === 'Arn')) {
      return { role: resource, source: 'template-role' };
    }
  }
  for (const reference of references) {
    if (isPseudoParameter(reference.name)) continue;
    if (template.parameters.has(reference.name)) return unresolved(`the role comes from the parameter ${reference.name}`);
    const written = reference.attribute === undefined ? reference.name : `${reference.name}.${reference.attribute}`;
    return template.resources.has(reference.name)
      ? unresolved(`the role comes from ${written}, which does not give the ARN of an AWS::IAM::Role of the template`)
      : unresolved(`the role refers to ${written}, which the template does not define`);
  }

  // Only literal text and pseudo parameters are left: a role ARN, or a Serverless logical id.
  const byId = template.resources.get(text);
  if (byId?.type === 'AWS::IAM::Role') return { role: byId, source: 'template-role' };
  const name = /:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1];
  if (name !== undefined) {
    for (const resource of template.resources.values()) {
      if (resource.type !== 'AWS::IAM::Role') continue;
      const roleName = member(resource.properties, 'RoleName');
      if (roleName !== undefined && symbolicText(roleName) === name) return { role: resource, source: 'template-role' };
    }
  }
  return { source: 'external', unknown: { reason: `the role ${text} is not defined in this template`, node } };
}

// ---------------------------------------------------------------------------------------
// Policies of a template role

function addInlinePolicies(collected: Collected, policies: DocNode | undefined): void {
  if (policies === undefined) return;
  if (policies.kind !== 'array') {
    collected.unknowns.push({ reason: 'the role Policies are not a literal list', node: policies });
    return;
  }
  for (const policy of items(policies)) {
    if (policy.kind !== 'object' || intrinsicName(policy) !== undefined) {
      collected.unknowns.push({ reason: 'an entry of the role Policies cannot be read (Fn::If or another intrinsic)', node: policy });
      continue;
    }
    const name = symbolicText(member(policy, 'PolicyName'));
    add(collected, readStatements(member(policy, 'PolicyDocument'), { kind: 'role-inline', name, node: policy }));
  }
}

/**
 * Policy resources whose `Roles` (or, for AWS::IAM::RolePolicy, `RoleName`) name the role:
 * `Ref Role`, or the role's own RoleName written the same way.
 */
function addAttachedPolicies(collected: Collected, template: Template, roleId: string, roleName: SymbolicText | undefined): void {
  for (const resource of template.resources.values()) {
    const properties = resource.properties;
    let attached: 'yes' | 'no' | 'maybe' = 'no';
    let attachment: DocNode | undefined;
    if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
      const roles = member(properties, 'Roles');
      const list = roles?.kind === 'array' ? items(roles) : roles ? [roles] : [];
      for (const item of list) {
        const result = namesRole(item, roleId, roleName);
        if (result !== 'no') attachment = item;
        if (result === 'yes') {
          attached = 'yes';
          break;
        }
        if (result === 'maybe') attached = 'maybe';
      }
    } else if (resource.type === 'AWS::IAM::RolePolicy') {
      attachment = member(properties, 'RoleName');
      attached = attachment === undefined ? 'no' : namesRole(attachment, roleId, roleName);
    } else {
      continue;
    }
    if (attached === 'no' || collected.seen.has(resource.logicalId)) continue;
    if (attached === 'maybe') {
      collected.unknowns.push({
        reason: `${resource.logicalId} may attach to the role, depending on a value sfn-lint cannot read`,
        node: attachment,
      });
      continue;
    }
    collected.seen.add(resource.logicalId);
    if (resource.type === 'AWS::IAM::ManagedPolicy') {
      addTemplateManagedPolicy(collected, resource, attachment);
    } else {
      const name = symbolicText(member(properties, 'PolicyName')) ?? resource.logicalId;
      add(collected, readStatements(member(properties, 'PolicyDocument'), { kind: 'iam-policy', name, node: resource.node }));
    }
  }
}

function namesRole(node: DocNode, roleId: string, roleName: SymbolicText | undefined): 'yes' | 'no' | 'maybe' {
  const text = symbolicText(node);
  if (text === undefined) return mentions(node, roleId) ? 'maybe' : 'no';
  if (text === `\${${roleId}}` || (roleName !== undefined && text === roleName)) return 'yes';
  return 'no';
}

/** True when some string under the node names the logical id (a Ref, a GetAtt, a Sub variable). */
function mentions(node: DocNode, id: string): boolean {
  if (node.kind === 'string') {
    const value = node.value as string;
    return value === id || value.startsWith(`${id}.`) || value.includes(`\${${id}}`) || value.includes(`\${${id}.`);
  }
  return (node.children ?? []).some((child) => mentions(child, id));
}

function addTemplateManagedPolicy(collected: Collected, resource: TemplateResource, node: DocNode | undefined): void {
  const properties = resource.properties;
  const name = symbolicText(member(properties, 'ManagedPolicyName')) ?? resource.logicalId;
  const read = readStatements(member(properties, 'PolicyDocument'), { kind: 'iam-managed-policy', name, node: resource.node });
  add(collected, read);
  collected.managedPolicies.push({
    name: resource.logicalId,
    node: node ?? resource.node,
    known: read.unknowns.length === 0,
    awsManaged: false,
    resource,
  });
}

function addManagedPolicyList(collected: Collected, template: Template, list: DocNode | undefined): void {
  if (list === undefined) return;
  if (list.kind !== 'array') {
    collected.unknowns.push({ reason: 'ManagedPolicyArns is not a literal list', node: list });
    return;
  }
  for (const item of items(list)) addManagedPolicy(collected, template, item, false);
}

/**
 * One managed policy reference: a managed policy of the template (Ref), an AWS managed
 * policy by ARN (or by bare name, in SAM `Policies`), or something sfn-lint cannot know.
 */
function addManagedPolicy(collected: Collected, template: Template, node: DocNode, bareNames: boolean): void {
  const text = intrinsicName(node) === 'Fn::If' ? undefined : symbolicText(node);
  const unknown = (name: string, reason: string, awsManaged = false): void => {
    collected.unknowns.push({ reason, node });
    collected.managedPolicies.push({ name, node, known: false, awsManaged });
  };
  if (text === undefined) {
    unknown('(computed)', 'a managed policy ARN is not written out in the template (Fn::If, an import)');
    return;
  }
  const single = /^\$\{([^}.:]+)\}$/.exec(text)?.[1];
  if (single !== undefined) {
    const resource = template.resources.get(single);
    if (resource?.type === 'AWS::IAM::ManagedPolicy') {
      if (!collected.seen.has(single)) {
        collected.seen.add(single);
        addTemplateManagedPolicy(collected, resource, node);
      }
      return;
    }
    if (template.parameters.has(single)) {
      unknown(text, `the managed policy comes from the parameter ${single}`);
      return;
    }
  }
  const reference = awsManagedPolicyReference(text, bareNames);
  if (reference) {
    const facts = managedPolicyFacts(reference);
    if (!facts) {
      unknown(reference.name, `sfn-lint does not know the statements of the managed policy ${reference.name}`, true);
      return;
    }
    addAwsManagedPolicy(collected, facts, node);
    return;
  }
  unknown(text, `the managed policy ${text} is not defined in this template`);
}

function addAwsManagedPolicy(collected: Collected, facts: ManagedPolicyFacts, node: DocNode): void {
  collected.statements.push(...managedPolicyStatements(facts, node));
  collected.managedPolicies.push({ name: facts.name, node, known: true, awsManaged: true });
  if (facts.otherServices) {
    collected.unknowns.push({
      reason: `sfn-lint knows only part of the AWS managed policy ${facts.name}`,
      node,
      services: facts.otherServices,
    });
  }
}

// ---------------------------------------------------------------------------------------
// SAM

/**
 * The role SAM generates for an `AWS::Serverless::StateMachine` without `Role`: the
 * statements of `Policies`, AWSXrayWriteOnlyAccess when tracing is on, and any policy of
 * the template attached to `<LogicalId>Role`, the name SAM gives the role.
 */
function samGeneratedRole(machine: TemplateMachine, collected: Collected): RolePermissions {
  const template = machine.template;
  if (machine.policiesNode !== undefined) addSamPolicies(collected, template, machine.policiesNode);
  const enabled = member(machine.tracingNode, 'Enabled');
  if (enabled !== undefined) {
    const on = booleanValue(enabled) ?? (stringValue(enabled)?.toLowerCase() === 'true' ? true : undefined);
    const xray = managedPolicyFacts({ name: 'AWSXrayWriteOnlyAccess', path: '/' });
    // SAM adds the policy once, even when Policies already lists it.
    if (on === true && xray && !collected.managedPolicies.some((policy) => policy.name === xray.name)) {
      addAwsManagedPolicy(collected, xray, enabled);
    } else if (on === undefined) {
      collected.unknowns.push({
        reason: 'Tracing.Enabled is not a literal, and SAM adds AWSXrayWriteOnlyAccess to the role when it is true',
        node: enabled,
        services: ['xray'],
      });
    }
  }
  addAttachedPolicies(collected, template, `${machine.logicalId}Role`, undefined);
  return finish(collected, {
    roleNode: undefined,
    source: 'sam-generated',
    permissionsBoundary: member(machine.resource.properties, 'PermissionsBoundary'),
  });
}

/**
 * SAM `Policies`: one entry or a list of entries, each a managed policy name or ARN, a
 * policy document (`Statement: …`), a policy template (`LambdaInvokePolicy: {…}`) or Fn::If.
 */
function addSamPolicies(collected: Collected, template: Template, policies: DocNode): void {
  const list = policies.kind === 'array' ? items(policies) : [policies];
  for (const item of list) {
    const intrinsic = intrinsicName(item);
    if (intrinsic === 'Fn::If' && !choosesManagedPolicies(item)) {
      collected.unknowns.push({ reason: 'Fn::If chooses a SAM Policies entry when the stack is deployed', node: item });
    } else if (item.kind === 'string' || intrinsic !== undefined) {
      addManagedPolicy(collected, template, item, true);
    } else if (item.kind === 'object' && member(item, 'Statement') !== undefined) {
      add(collected, readStatements(item, { kind: 'sam-inline', name: undefined, node: item }));
    } else {
      const entry = samPolicyTemplateEntry(item);
      const expansion = entry && expandSamPolicyTemplate(entry.name, entry.parameters, item);
      if (expansion) {
        add(collected, expansion);
      } else {
        const key = item.kind === 'object' && item.children?.length === 1 ? item.children[0].key : undefined;
        collected.unknowns.push({
          reason: key === undefined ? 'a SAM Policies entry cannot be read' : `sfn-lint does not know the SAM policy template ${key}`,
          node: item,
        });
      }
    }
  }
}

/** Fn::If between managed policy references, which SAM lists in ManagedPolicyArns as it is. */
function choosesManagedPolicies(node: DocNode): boolean {
  const branches = items(member(node, 'Fn::If')).slice(1);
  return branches.length === 2 && branches.every((branch) => {
    const intrinsic = intrinsicName(branch);
    return branch.kind === 'string' || (intrinsic !== undefined && intrinsic !== 'Fn::If');
  });
}

/**
 * SAM connectors whose source is the state machine, or names its role, add a policy to that
 * role when the template is transformed; sfn-lint does not expand their permission profiles.
 */
function addConnectors(
  collected: Collected,
  machine: TemplateMachine,
  role: { readonly id: string; readonly name: SymbolicText | undefined } | undefined,
): void {
  const embedded = member(machine.resource.node, 'Connectors');
  if (embedded?.kind === 'object' && (embedded.children?.length ?? 0) > 0) {
    collected.unknowns.push({ reason: 'SAM Connectors of the state machine add permissions that sfn-lint does not expand', node: embedded });
  }
  for (const resource of machine.template.resources.values()) {
    if (resource.type !== 'AWS::Serverless::Connector') continue;
    const source = member(resource.properties, 'Source');
    if (source === undefined) continue;
    const roleName = member(source, 'RoleName');
    const fromMachine = stringValue(member(source, 'Id')) === machine.logicalId || mentions(source, machine.logicalId);
    const toRole =
      role !== undefined &&
      (mentions(source, role.id) || (roleName !== undefined && role.name !== undefined && symbolicText(roleName) === role.name));
    if (fromMachine || toRole) {
      collected.unknowns.push({
        reason: `the SAM connector ${resource.logicalId} adds permissions that sfn-lint does not expand`,
        node: resource.node,
      });
    }
  }
}

function add(collected: Collected, read: { statements: PolicyStatement[]; unknowns: PermissionUnknown[] }): void {
  collected.statements.push(...read.statements);
  collected.unknowns.push(...read.unknowns);
}
