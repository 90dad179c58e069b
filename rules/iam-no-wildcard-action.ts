import {
  actionService,
  defineRule,
  describeOrigin,
  machinesPhrase,
  roleUses,
  wildcardActions,
  type PolicyStatement,
  type TemplateContext,
} from '@sfn-lint/core';
import { iamExample } from './examples/iam-template.js';

function check(context: TemplateContext): void {
  const seen = new Set<unknown>();
  for (const { permissions, machines } of roleUses(context.machines)) {
    const who = `the role of ${machinesPhrase(machines)}`;
    const labels = machines.map((machine) => machine.label);
    for (const statement of permissions.statements) {
      if (statement.effect !== 'Allow') continue;
      for (const { entry, kind } of wildcardActions(statement)) {
        const node = entry.node ?? statement.node;
        if (kind === 'partial' || !node || seen.has(node)) continue;
        seen.add(node);
        context.report({
          node,
          machines: labels,
          severity: kind === 'all' ? 'error' : 'warning',
          message: kind === 'all' ? allMessage(statement, who) : serviceMessage(statement, entry.text!, who),
        });
      }
      if (statement.notAction && statement.node && !seen.has(statement.node)) {
        seen.add(statement.node);
        context.report({
          node: statement.notAction[0]?.node ?? statement.node,
          machines: labels,
          severity: 'warning',
          message:
            `${origin(statement)} allows every action except the ones under NotAction, for ${who}, including every ` +
            'action of services added later. List the actions the states call under Action instead.',
        });
      }
    }
  }
}

function origin(statement: PolicyStatement): string {
  const text = describeOrigin(statement.origin);
  return text[0].toUpperCase() + text.slice(1);
}

function allMessage(statement: PolicyStatement, who: string): string {
  const onAll = statement.resource?.some((entry) => entry.text === '*') ? ' on every resource' : '';
  return (
    `${origin(statement)} grants every action ("*")${onAll} to ${who}: any state, and anything that can run as the ` +
    'role, may do anything. List the actions the states call (sfn-lint policy prints them).'
  );
}

function serviceMessage(statement: PolicyStatement, text: string, who: string): string {
  const service = actionService(text);
  return (
    `${origin(statement)} grants every ${service} action ("${text}") to ${who}, deletes and permission changes included. ` +
    `List the ${service} actions the states call instead (sfn-lint policy prints them).`
  );
}

export default defineRule({
  id: 'iam-no-wildcard-action',
  meta: {
    description: "Disallow wildcard actions in a state machine's role",
    category: 'iam',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports an Allow statement of a state machine\'s execution role (inline, attached, SAM policy, or a known AWS ' +
        'managed policy such as AdministratorAccess) whose Action is "*" (an error) or "service:*" (a warning), and an ' +
        'Allow written with NotAction (a warning). The role is found through RoleArn, SAM Role or Policies, and the ' +
        'policies that attach to it.',
      why:
        'A workflow calls a fixed set of APIs, all visible in its definition. A wildcard grants every other API too, ' +
        'including deletes and IAM changes, to anything that can use the role. cfn_nag (F3, F4, F5), checkov (CKV_AWS_63) ' +
        'and cdk-nag (IAM5) flag the same.',
      examples: {
        invalid: [{ language: 'yaml', code: iamExample({ action: "'*'" }) }, { language: 'yaml', code: iamExample({ action: 'lambda:*' }) }],
        valid: [{ language: 'yaml', code: iamExample({}) }],
      },
      whenNotToUse: 'Turn it off for sandbox stacks whose roles are broad on purpose.',
    },
  },
  checkTemplate: check,
});
