import { actionMatches, defineRule, describeOrigin, hasConditionKey, isStarResource, machinesPhrase, roleUses, type TemplateContext } from '@sfn-lint/core';
import { iamExample } from './examples/iam-template.js';

function check(context: TemplateContext): void {
  const seen = new Set<unknown>();
  for (const { permissions, machines } of roleUses(context.machines)) {
    for (const statement of permissions.statements) {
      if (statement.effect !== 'Allow' || !statement.action) continue;
      const entry = statement.action.find((candidate) => candidate.text !== undefined && actionMatches(candidate.text, 'iam:PassRole'));
      const node = entry?.node ?? statement.node;
      if (!entry || !node || seen.has(node)) continue;
      const anyRole = statement.resource?.some(isStarResource) ?? false;
      const anyService = !hasConditionKey(statement, 'iam:PassedToService');
      if (!anyRole && !anyService) continue;
      seen.add(node);
      const via = entry.text === 'iam:PassRole' ? 'iam:PassRole' : `iam:PassRole (through "${entry.text}")`;
      const what = anyRole && anyService ? 'any role to any service' : anyRole ? 'any role' : 'its roles to any service, since it has no iam:PassedToService condition';
      context.report({
        node,
        machines: machines.map((machine) => machine.label),
        message:
          `${capitalise(describeOrigin(statement.origin))} lets the role of ${machinesPhrase(machines)} pass ${what} (${via}): a state ` +
          'that creates a job, task or function can hand it more rights than the workflow has. Name the roles to pass under Resource ' +
          'and add a StringEquals condition on iam:PassedToService (for example ecs-tasks.amazonaws.com).',
      });
    }
  }
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

export default defineRule({
  id: 'iam-no-passrole-wildcard',
  meta: {
    description: "Disallow iam:PassRole on any role, or to any service, in a state machine's role",
    category: 'iam',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports an Allow statement of a state machine\'s role that grants iam:PassRole (also through iam:Pass*, iam:* or ' +
        '"*") on Resource "*", or without an iam:PassedToService condition.',
      why:
        'Passing a role is how a workflow gives a role to an ECS task, a SageMaker job, a Glue job or a new Lambda ' +
        'function. On "*" it can pass the most powerful role in the account, which is privilege escalation; without ' +
        'iam:PassedToService it can pass it to any service. cfn_nag (F38, F39, F40), parliament (PRIVILEGE_ESCALATION) and ' +
        'Access Analyzer ("pass role with star in resource") flag the same.',
      examples: {
        invalid: [
          {
            language: 'yaml',
            code: iamExample({ extra: ['- Effect: Allow', '  Action: iam:PassRole', "  Resource: '*'"] }),
          },
        ],
        valid: [{ language: 'yaml', code: iamExample({}) }],
      },
      whenNotToUse: 'It should stay on: passing roles is the usual path to privilege escalation.',
    },
  },
  checkTemplate: check,
});
