import { defineRule, integrationOf, member, type RuleContext, type State } from '@sfn-lint/core';

/** The machine type from the settings: STANDARD or EXPRESS, undefined when not known. */
export function machineTypeOf(settings: Readonly<Record<string, unknown>>): 'STANDARD' | 'EXPRESS' | undefined {
  const value = settings.machineType;
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper === 'STANDARD' || upper === 'EXPRESS' ? upper : undefined;
}

/** True inside a Distributed Map's processor: those states run as the Map's child executions, not in the machine. */
function inChildExecution(state: State): boolean {
  for (let scope = state.scope; scope.owner; scope = scope.owner.scope) if (scope.distributed) return true;
  return false;
}

const ADVICE = 'Make it a Standard workflow, or call this part from a Standard one.';

function check(context: RuleContext): void {
  if (machineTypeOf(context.settings) !== 'EXPRESS') return;
  for (const state of context.machine.states) {
    // The Distributed Map that holds it is reported already.
    if (inChildExecution(state)) continue;
    if (state.kind === 'Map' && state.distributed) {
      const mode = member(state.processorConfig, 'Mode');
      context.report({
        node: mode ?? state.node,
        at: mode ? 'value' : 'key',
        state,
        message: `Map "${state.name}" runs in DISTRIBUTED mode, which Express workflows do not support. ${ADVICE} An INLINE Map runs in an Express workflow.`,
      });
      continue;
    }
    const integration = integrationOf(state);
    if (!integration) continue;
    const task = integration.state;
    let what: string | undefined;
    if (integration.resource.kind === 'activity') what = 'runs an activity';
    else if (integration.resource.kind === 'unknown' || integration.resource.kind === 'invalid') what = undefined;
    else if (integration.pattern === 'sync' || integration.pattern === 'sync:2') what = `waits for the job to finish (".${integration.pattern}")`;
    else if (integration.pattern === 'callback') what = 'waits for a task token (".waitForTaskToken")';
    if (!what) continue;
    context.report({
      node: task.resource ?? task.node,
      state: task,
      message: `Task "${task.name}" ${what}, which Express workflows do not support. ${ADVICE}`,
    });
  }
}

const example = JSON.stringify(
  {
    Comment: 'Deployed as an EXPRESS state machine.',
    StartAt: 'Run report',
    States: {
      'Run report': {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: {
          StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:report',
          'Input.$': '$',
        },
        End: true,
      },
    },
  },
  null,
  2,
);

const valid = JSON.stringify(
  {
    Comment: 'Deployed as an EXPRESS state machine: the child is started and not waited for.',
    StartAt: 'Start report',
    States: {
      'Start report': {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: {
          StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:report',
          'Name.$': "States.Format('{}-report', $$.Execution.Name)",
          'Input.$': '$',
        },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
        End: true,
      },
    },
  },
  null,
  2,
);

/**
 * The doc examples are linted as EXPRESS machines. A variable, not a literal, so that it
 * type-checks before RuleExample has `settings` (see the note to the lead).
 */
const EXPRESS_EXAMPLES = {
  invalid: [{ title: 'With "machineType": "EXPRESS"', code: example, settings: { machineType: 'EXPRESS' } }],
  valid: [{ title: 'With "machineType": "EXPRESS"', code: valid, settings: { machineType: 'EXPRESS' } }],
};

export default defineRule({
  id: 'express-unsupported',
  meta: {
    description: 'Disallow .sync, .waitForTaskToken, activities and Distributed Maps in Express workflows',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'When the state machine is known to be an Express workflow, reports Tasks that use ".sync" or ".sync:2", ' +
        'Tasks that use ".waitForTaskToken", activity Tasks, and Maps in DISTRIBUTED mode. The machine type comes ' +
        'from the "machineType" setting ("STANDARD" or "EXPRESS"); when it is not known, the rule reports nothing.',
      why:
        'Express workflows run for at most five minutes and do not support these patterns, so Step Functions ' +
        'refuses to create or update such a state machine. States inside a Distributed Map run as its child ' +
        'executions and are not judged here: the Map itself is reported.',
      examples: EXPRESS_EXAMPLES,
      whenNotToUse: 'Nothing to turn off: without a machine type the rule is silent.',
    },
  },
  check,
});
