import { defineRule, describeScope, listNames, type Edge, type RelatedReport, type Scope } from '@sfn-lint/core';

/** Past this many, the other unreachable states that lead in are counted rather than listed. */
const LISTED = 3;
const RELATED = 10;

const quote = (text: string): string => JSON.stringify(text);



export default defineRule({
  id: 'no-unreachable-state',
  meta: {
    description: 'Disallow states that cannot be reached from StartAt',
    category: 'graph',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports each state that no path from its scope\'s `StartAt` reaches, following `Next`, `Default`, ' +
        '`Choices[].Next` and `Catch[].Next`. It is a real search, so a cycle of states that nothing outside the cycle ' +
        'enters is reported too, which tools that only look for an incoming transition miss.',
      why:
        'AWS rejects a definition with a state that cannot be reached. Even where a state slips through, it is dead ' +
        'code: usually a forgotten `Next`, or a state left behind after a refactoring.',
      examples: {
        invalid: [
          {
            title: 'Nothing transitions to "Notify"',
            code: '{\n  "StartAt": "Process",\n  "States": {\n    "Process": { "Type": "Pass", "Next": "Done" },\n    "Notify": { "Type": "Pass", "Next": "Done" },\n    "Done": { "Type": "Succeed" }\n  }\n}',
          },
          {
            title: 'A cycle that nothing enters',
            code:
              '{\n  "StartAt": "Done",\n  "States": {\n    "Done": { "Type": "Succeed" },\n    "Ping": { "Type": "Pass", "Next": "Pong" },\n' +
              '    "Pong": { "Type": "Pass", "Next": "Ping" }\n  }\n}',
          },
        ],
        valid: [
          {
            code: '{\n  "StartAt": "Process",\n  "States": {\n    "Process": { "Type": "Pass", "Next": "Notify" },\n    "Notify": { "Type": "Pass", "Next": "Done" },\n    "Done": { "Type": "Succeed" }\n  }\n}',
          },
        ],
      },
    },
  },
  check(context) {
    for (const scope of context.machine.scopes) {
      const graph = context.graph(scope);
      // When StartAt names no state, no-missing-state reports that and nothing is reachable.
      if (graph.start < 0) continue;
      const reachable = graph.reachable();
      let incoming: Edge[][] | undefined;
      const start = graph.states[graph.start];
      const from = `StartAt ${quote(start.name)}${scope.owner ? ` of ${describeScope(scope)}` : ''}`;

      graph.states.forEach((state, index) => {
        if (reachable[index]) return;
        if (!incoming) {
          incoming = graph.states.map(() => []);
          for (const edge of graph.edges) incoming[edge.to].push(edge);
        }
        // Every state leading here is itself unreachable, or this one would be reachable.
        const edges = incoming[index];
        const sources = [...new Set(edges.map((edge) => edge.from))].filter((source) => source !== index);
        let why: string;
        if (edges.length === 0) why = 'nothing transitions to it';
        else if (sources.length === 0) why = 'only the state itself transitions to it';
        else why = `only unreachable states (${listNames(sources.map((source) => graph.states[source].name), LISTED)}) transition to it`;
        const related: RelatedReport[] = edges
          .filter((edge) => edge.from !== index)
          .slice(0, RELATED)
          .map((edge) => ({
            node: edge.transition.node,
            message: `${quote(edge.transition.from.name)} transitions here, but cannot be reached itself.`,
          }));
        context.report({
          node: state.node,
          at: 'key',
          state,
          message: `State ${quote(state.name)} cannot be reached from ${from}: ${why}. Remove it or add a transition to it from a reachable state.`,
          related,
        });
      });
    }
  },
});
