import {
  actionMatches,
  canonicalResourceText,
  actionWildcard,
  defineRule,
  describeOrigin,
  machinesPhrase,
  needsOf,
  resourceMatches,
  resourcesReferencing,
  roleUses,
  type NeededPermission,
  type PolicyStatement,
  type RoleUse,
  type TemplateContext,
} from '@sfn-lint/core';
import { iamExample } from './examples/iam-template.js';

/** Resource types that attach policies to a role or use it as a state machine: references that are not other users. */
const ROLE_PLUMBING = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::StateMachine',
]);

/** Every need of the role's machines, or undefined when one of them cannot be read in full. */
function needsOfRole(context: TemplateContext, use: RoleUse): NeededPermission[] | undefined {
  const needs: NeededPermission[] = [];
  for (const machine of use.machines) {
    const definition = context.definitionOf(machine);
    if (!definition) return undefined;
    const analysis = needsOf(machine, definition);
    if (analysis.unresolved.length > 0) return undefined;
    needs.push(...analysis.needs);
  }
  return needs;
}

/** True when something besides the state machines (a function, an instance profile) uses the role too. */
function sharedWithOthers(context: TemplateContext, use: RoleUse): boolean {
  const role = use.permissions.role;
  if (!role) return false;
  return resourcesReferencing(context.template, role.logicalId).some((resource) => !ROLE_PLUMBING.has(resource.type ?? ''));
}

function check(context: TemplateContext): void {
  const seen = new Set<unknown>();
  for (const use of roleUses(context.machines)) {
    if (use.permissions.source !== 'template-role' && use.permissions.source !== 'sam-generated') continue;
    const needs = needsOfRole(context, use);
    if (!needs || sharedWithOthers(context, use)) continue;
    for (const statement of use.permissions.statements) {
      if (statement.effect !== 'Allow' || !statement.action) continue;
      reportActions(context, use, statement, needs, seen);
    }
  }
}

/** Policies the template author cannot trim, only replace: an AWS managed policy, a SAM policy template. */
function packaged(statement: PolicyStatement): boolean {
  return statement.origin.kind === 'aws-managed-policy' || statement.origin.kind === 'sam-policy-template';
}

function reportActions(context: TemplateContext, use: RoleUse, statement: PolicyStatement, needs: readonly NeededPermission[], seen: Set<unknown>): void {
  const who = machinesPhrase(use.machines);
  const machines = use.machines.map((machine) => machine.label);
  const origin = describeOrigin(statement.origin);
  if (packaged(statement)) {
    // Reported only when nothing it grants is used: a part cannot be removed on its own.
    const used = (statement.action ?? []).some((entry) => entry.text === undefined || needs.some((need) => actionMatches(entry.text!, need.action)));
    const node = statement.origin.node ?? statement.node;
    if (used || !node || seen.has(node)) return;
    seen.add(node);
    context.report({ node, machines, message: `${capitalise(origin)} grants the role of ${who} permissions that no state uses. Remove it.` });
    return;
  }
  const unused: string[] = [];
  let firstUnusedNode = undefined as PolicyStatement['node'];
  for (const entry of statement.action ?? []) {
    if (entry.text === undefined) continue;
    const users = needs.filter((need) => actionMatches(entry.text!, need.action));
    if (users.length === 0) {
      // A wildcard is iam-no-wildcard-action's finding; a named action nobody calls is this rule's.
      if (actionWildcard(entry.text) === 'all' || actionWildcard(entry.text) === 'service') continue;
      // KMS serves encrypted queues, topics, tables, buckets and the state machine itself, which the definition does not show.
      if (entry.text.toLowerCase().startsWith('kms:')) continue;
      unused.push(entry.text);
      firstUnusedNode ??= entry.node;
      continue;
    }
    if (actionWildcard(entry.text) !== undefined) continue;
    reportResources(context, statement, users, entry.text, { who, machines }, seen);
  }
  // Every action unused: point at the whole Action list rather than its first item.
  const list = firstUnusedNode?.parent;
  const node = unused.length === (statement.action?.length ?? 0) && list?.kind === 'array' ? list : firstUnusedNode;
  if (unused.length === 0 || !node || seen.has(node)) return;
  seen.add(node);
  context.report({
    node,
    machines,
    message:
      `${capitalise(origin)} grants ${listOf(unused)} to the role of ${who}, but no state calls ${unused.length === 1 ? 'it' : 'them'}. ` +
      'Remove what the workflow does not use (sfn-lint policy prints what it does).',
  });
}

/** Named resources the action is granted on that no state uses, or patterns wider than what the states use. */
function reportResources(
  context: TemplateContext,
  statement: PolicyStatement,
  users: readonly NeededPermission[],
  action: string,
  { who, machines }: { who: string; machines: readonly string[] },
  seen: Set<unknown>,
): void {
  // A pattern need (`datacatalog/*`) stands for targets sfn-lint cannot name: any grant may be right.
  if (users.some((need) => !need.exact || need.resources === null || need.onlyStar || need.resources.some((resource) => resource.includes('*')))) return;
  const needed = users.flatMap((need) => need.resources ?? []);
  for (const entry of statement.resource ?? []) {
    const text = entry.text;
    if (text === undefined || text === '*' || !entry.node || seen.has(entry.node)) continue;
    const template = context.template;
    if (needed.some((resource) => sameResource(text, resource, context) || qualifies(text, resource, context))) continue;
    const usedBy = needed.filter((resource) => resourceMatches(text, resource, template) !== 'no');
    if (usedBy.length > 0 && !text.includes('*')) continue;
    seen.add(entry.node);
    context.report({
      node: entry.node,
      machines,
      message:
        usedBy.length === 0
          ? `${capitalise(describeOrigin(statement.origin))} grants ${action} on ${text} to the role of ${who}, but the states call it only on ${listOf(needed)}. Remove the resource nobody uses.`
          : `${capitalise(describeOrigin(statement.origin))} grants ${action} on ${text}, wider than the ${listOf(needed)} that the states of ${who} call. Narrow it to those.`,
    });
  }
}

function sameResource(granted: string, needed: string, context: TemplateContext): boolean {
  return resourceMatches(granted, needed, context.template) === 'yes' && resourceMatches(needed, granted, context.template) === 'yes';
}

/**
 * True for a grant on a resource, its qualified forms (`function:${Worker}*`, `${Worker.Arn}:*`)
 * and its sub-resources (`table/${Orders}/index/*`, `bucket/*`): what SAM's policy templates and
 * the CDK grant, and what versions, aliases and indexes need.
 */
function qualifies(granted: string, needed: string, context: TemplateContext): boolean {
  const base = granted.replace(/[:/]?\*$/, '');
  if (base !== granted && sameResource(base, needed, context)) return true;
  // A sub-resource of what the states use (a table's `/index/*`, a bucket's objects).
  const grantedText = canonicalResourceText(granted, context.template);
  const neededText = canonicalResourceText(needed, context.template);
  return grantedText.startsWith(`${neededText}/`) || grantedText.startsWith(`${neededText}:`);
}

function listOf(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 3) return unique.join(', ');
  return `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

export default defineRule({
  id: 'iam-unused-permission',
  meta: {
    description: "Report permissions of a state machine's role that no state uses",
    category: 'iam',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Compares the Allow statements of a state machine\'s role with what its definition needs, and reports actions ' +
        'that no state calls and resources that are wider than, or other than, the ones the states name. It runs only ' +
        'when every definition that uses the role can be read in full, and the role is used by nothing but state ' +
        'machines of the template. Wildcards are left to iam-no-wildcard-action and iam-no-wildcard-resource.',
      why:
        'Roles grow: a state is removed and its permission stays, a table is renamed and the old one is still granted. ' +
        'Unused permissions cost nothing until the role is misused. This is Access Analyzer\'s "no new access" check ' +
        'against the definition itself.',
      examples: {
        invalid: [
          {
            language: 'yaml',
            code: iamExample({ action: '[lambda:InvokeFunction, lambda:UpdateFunctionCode]' }),
          },
        ],
        valid: [{ language: 'yaml', code: iamExample({}) }],
      },
      whenNotToUse: 'Turn it off when the role is shared with code outside the template.',
    },
  },
  checkTemplate: check,
});
