import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { constructLabel } from '../construct-label.js';
import { createRule } from '../rule-creator.js';
import { onCdkFile, unwrap, type CdkSource } from '../source.js';

type Node = TSESTree.Node;

const IAM = 'aws-iam';
const STATE_MACHINE = new Set(['StateMachine']);
const WILDCARD_ACTION = /^(\*|[A-Za-z0-9-]+:\*)$/;

/** A policy statement that reaches a state machine's role, and which machine's. */
interface Grant {
  readonly statement: Node;
  readonly machine: string;
}

export default createRule({
  name: 'cdk-no-wildcard-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow CDK policy statements that give a state machine\'s role every action of a service on every resource',
      recommended: true,
      whatItDoes:
        'Reports an `iam.PolicyStatement` whose `actions` hold `"*"` or `"service:*"` and whose `resources` hold `"*"`, when it reaches a state machine\'s role: through `stateMachine.addToRolePolicy()`, `stateMachine.role.addToPrincipalPolicy()`, the `role` given to `new sfn.StateMachine` (its `inlinePolicies`, `addToPolicy()`, an `iam.Policy` attached to it), or a task\'s `additionalIamStatements`. It also reports a `CallAwsService` whose `iamAction` is a wildcard with `iamResources: ["*"]`. The statement may be built in a variable or a helper of the same file; Deny statements are left alone.',
      why: 'A state machine needs only the actions its states call, on the resources they name. A wildcard grant lets anyone who can start an execution, or edit the definition, do anything the service allows in the account, and hides which permissions the workflow really needs.',
      examples: {
        invalid: [
          `import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

export function allowTables(machine: sfn.StateMachine): void {
  machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
}`,
        ],
        valid: [
          `import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

export function allowTables(machine: sfn.StateMachine, tableArn: string): void {
  machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [tableArn] }));
}`,
        ],
      },
    },
    messages: {
      wildcard:
        'This statement allows "{{action}}" on every resource ("*") to the role of state machine {{machine}}, so whoever can start an execution or edit the definition can do the same. Name the actions its states call and the resources they use',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onCdkFile(context.sourceCode, (source) => {
      const reported = new Set<Node>();
      for (const grant of grants(source)) {
        for (const origin of source.origins(grant.statement)) {
          const statement = source.construction(origin);
          if (!statement || statement.ref.module !== IAM || statement.ref.name !== 'PolicyStatement' || reported.has(statement.node)) continue;
          const wildcard = wildcardGrant(source, statement.node, statement.args[0]);
          if (!wildcard) continue;
          reported.add(statement.node);
          context.report({ node: wildcard.node, messageId: 'wildcard', data: { action: wildcard.action, machine: grant.machine } });
        }
      }
      for (const construction of source.constructions('aws-stepfunctions-tasks', new Set(['CallAwsService']))) {
        const props = source.propsOf(construction.args[2]);
        const action = props?.value('iamAction');
        const actionText = action && source.stringOf(action);
        if (!actionText || !WILDCARD_ACTION.test(actionText)) continue;
        const resources = source.elementsOf(props!.value('iamResources'));
        if (!resources?.nodes.some((node) => source.stringOf(node) === '*')) continue;
        const { id } = constructLabel(source, construction);
        context.report({ node: action!, messageId: 'wildcard', data: { action: actionText, machine: `that runs "${id}"` } });
      }
    });
  },
});

/** Every statement expression that this file puts into a state machine's role. */
function grants(source: CdkSource): Grant[] {
  const machines = source.constructions('aws-stepfunctions', STATE_MACHINE);
  const machineLabel = (expression: Node): string | undefined => {
    for (const origin of source.origins(expression)) {
      const machine = machines.find((m) => m.node === origin);
      if (machine) return `"${constructLabel(source, machine).id}"`;
    }
    return source.isInstance(expression, 'aws-stepfunctions', STATE_MACHINE) ? `\`${source.text(expression)}\`` : undefined;
  };
  // The roles given to state machines, by where each role comes from.
  const roles = new Map<Node, string>();
  for (const machine of machines) {
    const role = source.propsOf(machine.args[2])?.value('role');
    if (!role) continue;
    for (const origin of source.origins(role)) roles.set(origin, `"${constructLabel(source, machine).id}"`);
  }
  const roleLabel = (expression: Node): string | undefined => {
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'role') {
      const machine = machineLabel(node.object);
      if (machine) return machine;
    }
    for (const origin of source.origins(expression)) if (roles.has(origin)) return roles.get(origin);
    return undefined;
  };

  const found: Grant[] = [];
  const add = (statements: readonly Node[], machine: string) => {
    for (const statement of statements) found.push({ statement, machine });
  };
  for (const call of source.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) continue;
    const [first] = call.arguments;
    if (!first) continue;
    const method = callee.property.name;
    let machine: string | undefined;
    if (method === 'addToRolePolicy' && (machine = machineLabel(callee.object))) add([first], machine);
    else if ((method === 'addToPolicy' || method === 'addToPrincipalPolicy') && (machine = roleLabel(callee.object))) add([first], machine);
    else if (method === 'attachInlinePolicy' && (machine = roleLabel(callee.object))) add(policyStatements(source, first), machine);
    else if (method === 'attachToRole' && (machine = roleLabel(first))) add(policyStatements(source, callee.object), machine);
  }
  for (const [origin, machine] of roles) {
    const role = source.construction(origin);
    if (role?.ref.module !== IAM || role.ref.name !== 'Role') continue;
    const inline = source.propsOf(source.propsOf(role.args[2])?.value('inlinePolicies'));
    for (const property of inline?.node.properties ?? []) {
      if (property.type === AST_NODE_TYPES.Property) add(policyStatements(source, property.value), machine);
    }
  }
  for (const policy of source.constructions(IAM, new Set(['Policy', 'ManagedPolicy']))) {
    const attached = source.elementsOf(source.propsOf(policy.args[2])?.value('roles'));
    const machine = attached?.nodes.map(roleLabel).find((label) => label !== undefined);
    if (machine) add(policyStatements(source, policy.node), machine);
  }
  for (const task of source.constructions('aws-stepfunctions-tasks')) {
    const extra = source.elementsOf(source.propsOf(task.args[2])?.value('additionalIamStatements'));
    if (extra) add(extra.nodes, `that runs "${constructLabel(source, task).id}"`);
  }
  return found;
}

/** The statements of an iam.Policy, ManagedPolicy or PolicyDocument: its `statements` and what `addStatements` adds. */
function policyStatements(source: CdkSource, expression: Node): Node[] {
  const statements: Node[] = [];
  const origins = new Set(source.origins(expression));
  for (const origin of origins) {
    const policy = source.construction(origin);
    if (policy?.ref.module !== IAM) continue;
    const props = policy.ref.name === 'PolicyDocument' ? policy.args[0] : policy.args[2];
    const listed = source.elementsOf(source.propsOf(props)?.value('statements'));
    if (listed) statements.push(...listed.nodes);
    const document = source.propsOf(props)?.value('document');
    if (document) statements.push(...policyStatements(source, document));
  }
  statements.push(...argumentsOfCalls(source, origins, 'addStatements'));
  return statements;
}

/** The arguments of each `x.method(…)` whose receiver comes from one of the origins. */
function argumentsOfCalls(source: CdkSource, origins: ReadonlySet<Node>, method: string): Node[] {
  const found: Node[] = [];
  for (const call of source.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== method) continue;
    if (!source.origins(callee.object).some((origin) => origins.has(origin))) continue;
    found.push(...call.arguments);
  }
  return found;
}

/** The wildcard action of an Allow statement on every resource, if it is one. */
function wildcardGrant(source: CdkSource, statement: Node, propsArgument: Node | undefined): { node: Node; action: string } | undefined {
  const props = source.propsOf(propsArgument);
  const effect = props?.value('effect');
  const effectRef = effect && source.refOf(effect);
  if (effectRef?.name === 'Effect.DENY') return undefined;
  const self = new Set([statement]);
  const actions = [...(source.elementsOf(props?.value('actions'))?.nodes ?? []), ...argumentsOfCalls(source, self, 'addActions')];
  const resources = [...(source.elementsOf(props?.value('resources'))?.nodes ?? []), ...argumentsOfCalls(source, self, 'addResources')];
  const allResources = resources.some((node) => source.stringOf(node) === '*') || hasCall(source, self, 'addAllResources');
  if (!allResources) return undefined;
  for (const node of actions) {
    const action = source.stringOf(node);
    if (action !== undefined && WILDCARD_ACTION.test(action)) return { node, action };
  }
  return undefined;
}

function hasCall(source: CdkSource, origins: ReadonlySet<Node>, method: string): boolean {
  return source.calls.some((call) => {
    const callee = unwrap(call.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === method &&
      source.origins(callee.object).some((origin) => origins.has(origin))
    );
  });
}
