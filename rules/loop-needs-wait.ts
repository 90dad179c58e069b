import { defineRule, describeScope, listNames, stringValue, type RelatedReport, type State } from '@sfn-lint/core';

/** A loop's states named in the message; the rest are counted. */
const LISTED = 5;
/** A loop's other states given as related locations; a huge loop would flood an editor. */
const RELATED = 50;

const quote = (text: string): string => JSON.stringify(text);


/**
 * A Task that waits for outside work (`.sync`, `.waitForTaskToken`, an activity) paces a
 * loop as a Wait state does: such a loop is not a busy poll.
 */
function pauses(state: State): boolean {
  if (state.kind === 'Wait') return true;
  if (state.kind !== 'Task') return false;
  const resource = stringValue(state.resource);
  return resource !== undefined && (/\.(sync(:\d+)?|waitForTaskToken)$/.test(resource) || /:activity:/.test(resource));
}


export default defineRule({
  id: 'loop-needs-wait',
  meta: {
    description: 'Warn about loops that can repeat without passing a Wait state',
    category: 'graph',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports each loop of reachable states that can go round without passing a `Wait` state, once per loop, on ' +
        'its first state in source order, with its other states as related locations. A Task that waits for outside ' +
        'work (`.sync`, `.waitForTaskToken` or an activity) paces a loop as a Wait state does. A loop with no way ' +
        'out at all is left to `no-dead-end`.',
      why:
        'A loop without a pause polls as fast as Step Functions can run it. Every turn costs state transitions ' +
        '(billed in Standard workflows) and adds history events, and a Standard execution fails once its history ' +
        'reaches 25,000 events. A `Wait` state spaces out the polls; large iterations belong in a Map state or in ' +
        'child executions.',
      examples: {
        invalid: [
          {
            title: 'A busy polling loop',
            code:
              '{\n  "StartAt": "Get status",\n  "States": {\n' +
              '    "Get status": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:status", "Next": "Done?" },\n' +
              '    "Done?": {\n      "Type": "Choice",\n      "Choices": [{ "Variable": "$.done", "BooleanEquals": true, "Next": "Finish" }],\n' +
              '      "Default": "Get status"\n    },\n    "Finish": { "Type": "Succeed" }\n  }\n}',
          },
        ],
        valid: [
          {
            title: 'The loop waits before it polls again',
            code:
              '{\n  "StartAt": "Get status",\n  "States": {\n' +
              '    "Get status": {\n      "Type": "Task",\n      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:status",\n' +
              '      "Retry": [\n        {\n          "ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],\n' +
              '          "IntervalSeconds": 2,\n          "MaxAttempts": 6,\n          "BackoffRate": 2\n        }\n      ],\n      "Next": "Done?"\n    },\n' +
              '    "Done?": {\n      "Type": "Choice",\n      "Choices": [{ "Variable": "$.done", "BooleanEquals": true, "Next": "Finish" }],\n' +
              '      "Default": "Pause"\n    },\n    "Pause": { "Type": "Wait", "Seconds": 30, "Next": "Get status" },\n' +
              '    "Finish": { "Type": "Succeed" }\n  }\n}',
          },
        ],
      },
      whenNotToUse:
        'For a loop that is bounded and short by design, such as paging through a few pages of results, where a ' +
        'pause would only slow the workflow down. Disable the rule for that state.',
    },
  },
  check(context) {
    for (const scope of context.machine.scopes) {
      const graph = context.graph(scope);
      if (graph.start < 0) continue;
      const reachable = graph.reachable();
      const terminates = graph.canTerminate();
      // Asked once per state and once per edge into it: worked out once per state.
      const busy = graph.states.map((state) => !pauses(state));
      for (const cycle of graph.cycles((index) => busy[index])) {
        // The states of a cycle share reachability and termination. A loop with no way out
        // is no-dead-end's, which reports it as an error.
        if (!reachable[cycle[0]] || !terminates[cycle[0]]) continue;
        const states = cycle.map((index) => graph.states[index]);
        const [head, ...others] = states;
        const where = scope.owner ? ` in ${describeScope(scope)}` : '';
        const what =
          states.length === 1
            ? `State ${quote(head.name)}${where} loops to itself without passing a Wait state`
            : `States ${listNames(states.map((state) => state.name), LISTED)}${where} form a loop that can repeat without passing a Wait state`;
        const related: RelatedReport[] = others
          .slice(0, RELATED)
          .map((state) => ({ node: state.node, at: 'key', message: `${quote(state.name)} is part of the loop.` }));
        const catchesItself = graph.out[cycle[0]].some((edge) => edge.to === cycle[0] && edge.transition.kind === 'catch');
        const remedy =
          states.length === 1 && catchesItself
            ? 'Retry the task with a Retry (IntervalSeconds, BackoffRate, MaxAttempts) instead of a Catch that leads back to it.'
            : 'Add a Wait state to the loop, or move long iterations into a Map state or child executions.';
        context.report({
          node: head.node,
          at: 'key',
          state: head,
          message:
            `${what}: every turn costs state transitions, and a Standard execution fails once its history reaches ` +
            `25,000 events. ${remedy}`,
          related,
        });
      }
    }
  },
});
