import {
  defineRule,
  judgeNeed,
  needsOf,
  rolePermissionsOf,
  type DocNode,
  type NeededPermission,
  type RuleContext,
  type State,
  type TemplateMachine,
} from '@sfn-lint/core';
import { iamExample } from './examples/iam-template.js';

/**
 * The needs whose absence makes a state fail. Left out: stopping a child job (only matters
 * when the execution is stopped), the .sync events rule (only speeds completion), data the
 * service may reach on the caller's behalf (Athena's Glue catalog, needed for some catalogs
 * only), X-Ray (traces are dropped, the execution runs), a Distributed Map's
 * Describe/Stop/Redrive on its children (deployed workflows run without them), and log
 * delivery actions other than creating the delivery.
 */
function decisive(need: NeededPermission): boolean {
  if (!need.required) return false;
  switch (need.purpose) {
    case 'cancel':
    case 'events-rule':
    case 'data':
    case 'tracing':
    case 'other':
      return false;
    case 'distributed-map':
      return need.action.toLowerCase() === 'states:startexecution';
    case 'logging':
      return need.action.toLowerCase() === 'logs:createlogdelivery';
    default:
      return true;
  }
}

interface Gap {
  readonly state: State | undefined;
  readonly node: DocNode;
  readonly needs: NeededPermission[];
}

function check(context: RuleContext): void {
  const embedding = context.embedding;
  if (!embedding) return;
  const gaps = new Map<DocNode, Gap>();
  const needs = needsOf(embedding, context.machine).needs;
  // A .sync wait learns that the job ended from the managed EventBridge rule or by polling:
  // either is enough, so polling counts as missing only when the rule is surely not granted.
  const eventsAllowed = new Set(
    needs
      .filter((need) => need.purpose === 'events-rule' && need.state && judgeNeed(embedding, need)?.decision !== 'not-granted')
      .map((need) => need.state),
  );
  for (const need of needs) {
    if (!decisive(need)) continue;
    if (need.purpose === 'poll' && eventsAllowed.has(need.state)) continue;
    const decision = judgeNeed(embedding, need)?.decision;
    if (decision !== 'not-granted' && decision !== 'denied') continue;
    // A need of the whole machine (log delivery) points at the resource when the definition is
    // in the template, else at the definition's root in its own file, where this report goes.
    const node = need.node ?? need.state?.node ?? (context.document === embedding.template.document ? embedding.resource.node : context.machine.root);
    const gap = gaps.get(node) ?? { state: need.state, node, needs: [] };
    gap.needs.push(need);
    gaps.set(node, gap);
  }
  for (const gap of gaps.values()) {
    context.report({ node: gap.node, state: gap.state, message: message(embedding, gap) });
  }
}

function roleName(machine: TemplateMachine): string {
  const permissions = rolePermissionsOf(machine);
  if (permissions.role) return `role "${permissions.role.logicalId}"`;
  return permissions.source === 'sam-generated' ? 'role that SAM generates from Policies' : 'role';
}

function message(machine: TemplateMachine, { state, needs }: Gap): string {
  const items = needs.map((need) => `${need.action} on ${need.resources === null || !need.exact ? 'its target' : need.resources.join(', ')}`);
  const subject = state ? `${state.kind === 'Map' ? 'Map' : 'Task'} "${state.name}"` : 'The state machine';
  const poll = needs.some((need) => need.purpose === 'poll');
  const effect = poll
    ? 'without them the .sync wait cannot follow or stop the job, and the execution can hang or fail'
    : needs.some((need) => need.purpose === 'logging')
      ? 'CloudFormation cannot set up log delivery without them'
      : 'the call is denied when the state runs';
  return `${subject} needs ${items.join('; ')}, which the ${roleName(machine)} does not grant: ${effect}. Add them to the role (sfn-lint policy prints the statements).`;
}

export default defineRule({
  id: 'iam-missing-permission',
  meta: {
    description: "Require the state machine's role to grant what its states call",
    category: 'iam',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'For a state machine in a CloudFormation, SAM, CDK or Serverless template, derives the actions each state needs ' +
        '(each integration and the .sync polling it waits with, a Distributed Map\'s StartExecution of its children and ' +
        'S3 access, Credentials, log delivery) and reports each one the execution role does not allow, on the state that ' +
        'needs it. Permissions whose absence does not fail a state (stopping a child job, the .sync events rule, X-Ray, ' +
        'Athena\'s Glue catalog) are left to `sfn-lint policy`. It stays ' +
        'silent when the role is not fully known: a role from outside the template, a parameter, an AWS managed policy ' +
        'sfn-lint does not know, or a role that the Serverless Framework generates.',
      why:
        'A missing permission passes every deploy-time check and fails only when the state runs, often on the rarely taken ' +
        'path. Missing .sync permissions are worse: the execution cannot follow the job and waits.',
      examples: {
        invalid: [{ language: 'yaml', code: iamExample({ action: 'lambda:GetFunction' }) }],
        valid: [{ language: 'yaml', code: iamExample({}) }],
      },
      whenNotToUse:
        'Turn it off when permissions are granted outside the template (a permissions boundary does not count: it only ' +
        'limits), for example by a policy attached in another stack.',
    },
  },
  check,
});
