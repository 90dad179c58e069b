import {
  actionApplies,
  defineRule,
  describeOrigin,
  isStarResource,
  machinesPhrase,
  needsOf,
  roleUses,
  type NeededPermission,
  type TemplateContext,
} from '@sfn-lint/core';
import { iamExample } from './examples/iam-template.js';

/** Needs whose resource the definition names, so a grant could name it too. */
function scopable(need: NeededPermission): boolean {
  return need.exact && !need.onlyStar && need.resources !== null && need.resources.length > 0 && !need.resources.includes('*');
}

function check(context: TemplateContext): void {
  const seen = new Set<unknown>();
  for (const { permissions, machines } of roleUses(context.machines)) {
    const needs: NeededPermission[] = [];
    for (const machine of machines) {
      const definition = context.definitionOf(machine);
      if (definition) needs.push(...needsOf(machine, definition).needs.filter(scopable));
    }
    if (needs.length === 0) continue;
    for (const statement of permissions.statements) {
      if (statement.effect !== 'Allow' || !statement.resource) continue;
      const star = statement.resource.find(isStarResource);
      const node = star?.node ?? statement.node;
      if (!star || !node || seen.has(node)) continue;
      const covered = needs.filter((need) => actionApplies(statement, need.action) === 'yes');
      if (covered.length === 0) continue;
      seen.add(node);
      const first = covered[0];
      const more = covered.length > 1 ? ` and ${covered.length - 1} more` : '';
      context.report({
        node,
        machines: machines.map((machine) => machine.label),
        message:
          `${capitalise(describeOrigin(statement.origin))} grants ${first.action}${more} on every resource ("*") to the role of ` +
          `${machinesPhrase(machines)}, but the states name their targets: ${first.action} is needed only on ` +
          `${first.resources!.join(', ')}${first.state ? ` ("${first.state.name}")` : ''}. Scope the Resource to what the states call (sfn-lint policy prints it).`,
        related: covered.slice(0, 5).flatMap((need) => (need.node ? [{ node: need.node, message: `${need.action} is needed on ${need.resources!.join(', ')} here.` }] : [])),
      });
    }
  }
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

export default defineRule({
  id: 'iam-no-wildcard-resource',
  meta: {
    description: "Disallow Resource \"*\" in a state machine's role where the states name their targets",
    category: 'iam',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports Resource "*" in an Allow statement of a state machine\'s role when the statement grants an action that ' +
        'a state calls on a target the definition names (a function, table, queue or topic written in the Task, or a ' +
        'template reference). Actions that AWS documents only on "*" (log delivery, X-Ray, batch:SubmitJob, ' +
        'glue:StartJobRun, ecs:DescribeTasks …) and targets chosen at run time are never reported. Action "*" with ' +
        'Resource "*" is reported by this rule and by iam-no-wildcard-action.',
      why:
        'The definition already says which resources the workflow touches; "*" also grants every other function, ' +
        'table or queue in the account. parliament (RESOURCE_STAR), checkov (CKV_AWS_355) and cdk-nag (IAM5) flag ' +
        'the same, but without reading the definition they cannot tell which actions could be scoped.',
      examples: {
        invalid: [{ language: 'yaml', code: iamExample({ resource: "'*'" }) }],
        valid: [{ language: 'yaml', code: iamExample({}) }],
      },
      whenNotToUse: 'Turn it off when the role is shared with code that calls other resources of the same kind.',
    },
  },
  checkTemplate: check,
});
