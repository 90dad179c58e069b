import { analyseVariables, defineRule, globRegExp, type VariableAssignment } from '@sfn-lint/core';

/** Where the assignment sits, for messages. */
function holderOf(assignment: VariableAssignment): string {
  switch (assignment.holder) {
    case 'choice-rule':
      return `the Assign of Choices[${assignment.index}]`;
    case 'catcher':
      return `the Assign of Catch[${assignment.index}]`;
    default:
      return 'its Assign';
  }
}

/** The scope whose states could read the variable, for messages. */
function scopeOf(assignment: VariableAssignment): string {
  // A catcher's Assign on a Map or Parallel writes to the scope the state is in, like the state's own.
  const owner = assignment.state.scope.owner;
  if (!owner) return 'the workflow';
  return assignment.state.scope.kind === 'branch' ? `its branch of "${owner.name}"` : `the iterations of "${owner.name}"`;
}

function message(assignment: VariableAssignment): string {
  const variable = `"$${assignment.name}"`;
  return (
    `"${assignment.state.name}" assigns ${variable} in ${holderOf(assignment)}, but no state in ${scopeOf(assignment)} reads it. ` +
    'Each assignment is stored with the execution and counts toward the 10 MiB limit on variables. Remove it, or read ' +
    `${variable} where it was meant to be used (check the spelling there).`
  );
}

/** The `ignore` option as matchers of whole names; the config schema has checked its shape. */
function ignoredNames(options: Readonly<Record<string, unknown>>): RegExp[] {
  const globs = Array.isArray(options.ignore) ? options.ignore.filter((glob): glob is string => typeof glob === 'string') : [];
  return globs.map(globRegExp);
}

const example = (definition: unknown): string => JSON.stringify(definition, null, 2);
const retry = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];

export default defineRule({
  id: 'no-unused-variable',
  meta: {
    description: 'Disallow assigning a workflow variable that no state reads',
    category: 'definition',
    severity: 'warning',
    recommended: true,
    options: {
      type: 'object',
      properties: {
        ignore: {
          description:
            'Names of variables not to report, as globs (`*` stands for any characters): variables assigned on purpose ' +
            'only to show in the execution history, for example.',
          type: 'array',
          items: { type: 'string' },
          examples: [['debug*']],
        },
      },
      additionalProperties: false,
    },
    docs: {
      whatItDoes:
        'Reports each Assign entry (of a state, a Choice rule or a catcher) whose variable no state reads anywhere in the ' +
        'scope the assignment writes to or in the Parallel branches and Map iterations nested in it, which can read outer ' +
        'variables. A read anywhere counts, whatever the order of the states, as do names that a JSONata expression binds ' +
        'or uses as a function and `$name`s in text that does not parse, so the rule errs towards silence. A scope where ' +
        'a `${…}` placeholder stands for a path or an expression is not judged.',
      why:
        'A variable that is never read is usually a leftover or a misspelling of the name that is read elsewhere, which ' +
        'then may be undefined. Every assignment also costs: each value is stored with the execution (up to 256 KiB per ' +
        'variable, 10 MiB per execution) and shown in the execution history.',
      examples: {
        invalid: [
          {
            title: 'The result is kept as "$orderTotal", but the next state reads "$total"',
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Price order',
              States: {
                'Price order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: { FunctionName: 'price-order', Payload: '{% $states.input %}' },
                  Retry: retry,
                  Assign: { orderTotal: '{% $states.result.Payload.total %}', total: '{% $states.result.Payload.total %}' },
                  Next: 'Report',
                },
                Report: { Type: 'Pass', Output: { total: '{% $total %}' }, End: true },
              },
            }),
          },
        ],
        valid: [
          {
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Price order',
              States: {
                'Price order': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: { FunctionName: 'price-order', Payload: '{% $states.input %}' },
                  Retry: retry,
                  Assign: { total: '{% $states.result.Payload.total %}' },
                  Next: 'Report',
                },
                Report: { Type: 'Pass', Output: { total: '{% $total %}' }, End: true },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Turn it off for workflows that assign variables only to show them in the execution history or to inspect them ' +
        'with the TestState API, or name those variables in the option `ignore`.',
    },
  },
  check(context) {
    const ignored = ignoredNames(context.options);
    const analysis = analyseVariables(context.machine, (scope) => context.graph(scope));
    for (const assignment of analysis.unused) {
      if (ignored.some((pattern) => pattern.test(assignment.name))) continue;
      context.report({ node: assignment.node, at: 'key', state: assignment.state, message: message(assignment) });
    }
  },
});
