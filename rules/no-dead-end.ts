import { defineRule, describeScope, listNames, type RelatedReport, type State } from '@sfn-lint/core';

/** A loop's states named in the message; the rest are counted. */
const LISTED = 5;
/** A loop's other states given as related locations; a huge loop would flood an editor. */
const RELATED = 50;

const quote = (text: string): string => JSON.stringify(text);



export default defineRule({
  id: 'no-dead-end',
  meta: {
    description: 'Disallow loops from which no Succeed, Fail or End state can be reached',
    category: 'graph',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports each loop of reachable states from which no path leads to a way out of the scope: a `Succeed` or ' +
        '`Fail` state, or a state with `"End": true`. The loop is reported once, on its first state in source order, ' +
        'with its other states as related locations. A Choice without `Default` whose rules all stay in the loop has ' +
        'no way out either: the `States.NoChoiceMatched` failure it may raise is not a planned exit.',
      why:
        'An execution that enters such a loop never finishes on its own: it keeps going until it hits the ' +
        '25,000-event history limit, its timeout, or the one-year maximum, paying for every state transition on the way.',
      examples: {
        invalid: [
          {
            title: 'A polling loop whose Choice never leaves',
            code:
              '{\n  "StartAt": "Check",\n  "States": {\n    "Check": { "Type": "Pass", "Next": "Ready?" },\n' +
              '    "Ready?": {\n      "Type": "Choice",\n      "Choices": [{ "Variable": "$.ready", "BooleanEquals": false, "Next": "Wait" }],\n' +
              '      "Default": "Wait"\n    },\n    "Wait": { "Type": "Wait", "Seconds": 10, "Next": "Check" }\n  }\n}',
          },
        ],
        valid: [
          {
            code:
              '{\n  "StartAt": "Check",\n  "States": {\n    "Check": { "Type": "Pass", "Next": "Ready?" },\n' +
              '    "Ready?": {\n      "Type": "Choice",\n      "Choices": [{ "Variable": "$.ready", "BooleanEquals": false, "Next": "Wait" }],\n' +
              '      "Default": "Done"\n    },\n    "Wait": { "Type": "Wait", "Seconds": 10, "Next": "Check" },\n' +
              '    "Done": { "Type": "Succeed" }\n  }\n}',
          },
        ],
      },
    },
  },
  check(context) {
    for (const scope of context.machine.scopes) {
      const graph = context.graph(scope);
      if (graph.start < 0) continue;
      const reachable = graph.reachable();
      const terminates = graph.canTerminate();
      // Only a reachable state that cannot terminate can be in a loop with no way out.
      if (!reachable.some((reached, index) => reached && !terminates[index])) continue;
      for (const component of graph.sccs()) {
        // A strongly connected component shares reachability and termination, so its first
        // state speaks for all. States that only lead into a loop are fixed with it.
        const first = component[0];
        if (!reachable[first] || terminates[first]) continue;
        const isCycle = component.length > 1 || graph.out[first].some((edge) => edge.to === first);
        if (!isCycle) continue;
        const states = component.map((index) => graph.states[index]);
        const [head, ...others] = states;
        const where = scope.owner ? ` in ${describeScope(scope)}` : '';
        const what =
          states.length === 1
            ? `State ${quote(head.name)}${where} loops to itself with no way out`
            : `States ${listNames(states.map((state) => state.name), LISTED)}${where} form a loop with no way out`;
        const choice = states.find((state) => state.kind === 'Choice');
        const remedy = choice
          ? `Give the Choice ${quote(choice.name)} a rule or Default that leaves the loop.`
          : 'Add a Choice that leaves the loop, or end it with a Succeed or Fail state.';
        const related: RelatedReport[] = others
          .slice(0, RELATED)
          .map((state) => ({ node: state.node, at: 'key', message: `${quote(state.name)} is part of the loop.` }));
        context.report({
          node: head.node,
          at: 'key',
          state: head,
          message:
            `${what}: no path from it leads to a Succeed, Fail or End state, so an execution that enters it never ` +
            `finishes on its own. ${remedy}`,
          related,
        });
      }
    }
  },
});
