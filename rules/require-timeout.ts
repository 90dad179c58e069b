import { defineRule, integrationOf, type RuleContext, type State } from '@sfn-lint/core';

/** True when the state runs as (or inside) a Distributed Map child, where the machine's TimeoutSeconds does not apply. */
function inChildExecution(state: State): boolean {
  for (let scope = state.scope; scope.owner; scope = scope.owner.scope) if (scope.distributed) return true;
  return false;
}

function check(context: RuleContext): void {
  const machineTimeout = context.machine.timeoutSeconds;
  for (const state of context.machine.states) {
    const integration = integrationOf(state);
    if (!integration) continue;
    const task = integration.state;
    const resource = integration.resource;
    const activity = resource.kind === 'activity';
    // Placeholders are left alone, even when their name says "Activity": the Resource is unknown.
    if (!activity && (integration.pattern !== 'callback' || resource.kind === 'unknown')) continue;
    if (task.timeoutSeconds || task.timeoutSecondsPath || task.heartbeatSeconds || task.heartbeatSecondsPath) continue;
    const what = activity ? 'waits for an activity worker' : 'waits for a task token (".waitForTaskToken")';
    const until =
      machineTimeout && !inChildExecution(task)
        ? 'until the execution times out (the machine\'s TimeoutSeconds)'
        : 'for up to a year, the longest a Standard execution can run';
    context.report({
      node: task.resource ?? task.node,
      state: task,
      message:
        `Task "${task.name}" ${what} and has neither TimeoutSeconds nor HeartbeatSeconds: if the ${activity ? 'worker' : 'token'} never ` +
        `comes back, it waits ${until}. Set HeartbeatSeconds (and TimeoutSeconds) so that a lost callback fails with ` +
        'States.Timeout or States.HeartbeatTimeout, which a Catch can handle.',
    });
  }
}

const example = (fields: Record<string, unknown>): string =>
  JSON.stringify(
    {
      StartAt: 'Wait for approval',
      States: {
        'Wait for approval': {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
            MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$' },
          },
          ...fields,
          End: true,
        },
      },
    },
    null,
    2,
  );

export default defineRule({
  id: 'require-timeout',
  meta: {
    description: 'Require a timeout or heartbeat on Tasks that wait for a callback',
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a ".waitForTaskToken" Task or an activity Task that has none of TimeoutSeconds, TimeoutSecondsPath, ' +
        'HeartbeatSeconds and HeartbeatSecondsPath. In JSONata states TimeoutSeconds and HeartbeatSeconds may be ' +
        'expressions; any of the four fields counts.',
      why:
        'Such a Task waits until someone sends its token back (SendTaskSuccess or SendTaskFailure). If the worker ' +
        'crashes or the message is lost, nothing ever does, and without a timeout the Task waits as long as the ' +
        'execution may run: a year for a Standard workflow. A HeartbeatSeconds shorter than TimeoutSeconds notices ' +
        'a dead worker early; both raise errors that a Retry or Catch can handle.',
      examples: {
        invalid: [{ code: example({}) }],
        valid: [
          {
            code: example({ TimeoutSeconds: 86400, HeartbeatSeconds: 3600 }),
          },
        ],
      },
      whenNotToUse:
        'Turn it off when the execution\'s own TimeoutSeconds is the limit you want; the rule still reports then, ' +
        'because the Task itself has no bound that a Catch could handle. Resources filled in at deployment ' +
        '(placeholders) are not reported, even when their name says "Activity".',
    },
  },
  check,
});
