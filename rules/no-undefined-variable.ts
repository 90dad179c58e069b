import {
  analyseVariables,
  defineRule,
  type DocNode,
  type OuterAssignment,
  type Range,
  type RelatedReport,
  type RuleContext,
  type State,
  type UndefinedRead,
  type VariableAssignment,
} from '@sfn-lint/core';

/** The range of `$name` inside a string node, when the source spells the string without escapes. */
function readRange(text: string, node: DocNode, start: number, end: number): Range | undefined {
  const value = node.value as string;
  const { start: from, end: to } = node.range;
  let first: number | undefined;
  if (to - from === value.length && text.startsWith(value, from)) first = from;
  else if (to - from === value.length + 2 && text.startsWith(value, from + 1)) first = from + 1;
  return first === undefined ? undefined : { start: first + start, end: first + end };
}

const quote = (name: string): string => `"${name}"`;

/** Where a path shows the variable missing: `on the path "Start" → "Check" → "Use"`, shortened in the middle when long. */
function onPath(path: readonly State[]): string {
  if (path.length === 1) return `when the execution starts at ${quote(path[0].name)}`;
  const names = path.map((state) => quote(state.name));
  if (names.length > 6) names.splice(2, names.length - 5, '…');
  return `on the path ${names.join(' → ')}`;
}

/** A hint when the path leaves a state by its catcher, whose Assign replaced the state's. */
function catchHint(finding: UndefinedRead): string {
  const path = finding.path ?? [];
  if (path.length < 2) return '';
  const from = path[path.length - 2];
  const to = path[path.length - 1];
  const viaCatch = from.catch.some((c) => c.next?.value === to.name) && from.next?.value !== to.name;
  const stateAssigns = finding.assignments.some((a) => a.state === from && a.holder === 'state');
  return viaCatch && stateAssigns ? ` (along a Catch edge the catcher's Assign applies instead of the state's)` : '';
}

/** "a branch of "Fan out"" or "the iterations of "Each"", for the scope a state is in. */
function scopeOf(state: State): string {
  const owner = state.scope.owner;
  if (!owner) return 'the top level of the workflow';
  return state.scope.kind === 'branch' ? `a branch of ${quote(owner.name)}` : `the iterations of the Map ${quote(owner.name)}`;
}

/** The Parallel or Map state, in the reader's scope, that holds the state nested in it. */
function holderIn(nested: State, reader: State): State | undefined {
  for (let owner = nested.scope.owner; owner; owner = owner.scope.owner) if (owner.scope === reader.scope) return owner;
  return undefined;
}

/** What the runtime does, by the query language of the reading state. */
function consequence(state: State): string {
  return state.queryLanguage === 'JSONata'
    ? 'Reading an undefined variable fails the state with States.QueryEvaluationError'
    : 'Reading an undefined variable fails the state at run time';
}

function related(assignments: readonly VariableAssignment[], name: string): RelatedReport[] {
  return assignments.map((a) => ({ node: a.node, at: 'key' as const, message: `"$${name}" is assigned here, in ${quote(a.state.name)}.` }));
}

function message(finding: UndefinedRead): string {
  const { read, reason } = finding;
  const variable = `"$${read.name}"`;
  const state = quote(read.state.name);
  const head = `${state} reads ${variable} in ${read.field}`;
  const why = consequence(read.state);
  switch (reason) {
    case 'maybe':
      return (
        `${head}, but ${variable} may be undefined there: nothing assigns it ${onPath(finding.path ?? [read.state])}${catchHint(finding)}. ` +
        `${why}. Assign ${variable} on every path that leads to ${state}, for example a default value in a state that every path passes.`
      );
    case 'not-yet':
      return (
        `${head}, but no path to ${state} assigns ${variable} first: nothing sets it ${onPath(finding.path ?? [read.state])}${catchHint(finding)}. ` +
        `${why}. Assign ${variable} in a state that runs before ${state}.`
      );
    case 'own-assign':
      return (
        `${head}, but only ${state} itself assigns ${variable}, and an Assign takes effect from the next state: every field of ` +
        `the state reads the values it had on entry. ${why}. Read ${variable} in a later state, or use the value it is computed from.`
      );
    case 'inner-scope': {
      const where = finding.assignments[0];
      return (
        `${head}, but ${variable} is assigned only inside ${scopeOf(where.state)}, and the variables of a branch or ` +
        `iteration end with it. ${why}. Return the value in that scope's Output and read it from the result of ` +
        `${quote(holderIn(where.state, read.state)?.name ?? where.state.name)}.`
      );
    }
    case 'other-scope': {
      const where = finding.assignments[0];
      return (
        `${head}, but ${variable} is assigned only in ${scopeOf(where.state)} (in ${quote(where.state.name)}), which ${state} cannot see: ` +
        `branches and iterations do not share variables. ${why}. Assign it before the Parallel or Map starts, or pass the value in the input.`
      );
    }
    case 'distributed': {
      const map = quote(finding.distributedMap?.name ?? 'the Distributed Map');
      return (
        `${head}, a variable of the workflow outside the Distributed Map ${map}: its child executions cannot read the parent's ` +
        `variables. ${why}. Pass the value to each item through the ItemSelector of ${map} and read it from the state input.`
      );
    }
    case 'never-assigned':
      return (
        `${head}, but no state assigns ${variable}.${finding.suggestion ? ` Did you mean "$${finding.suggestion}"?` : ''} ` +
        `${why}. Assign it in an earlier state's Assign, or correct the name.`
      );
  }
}

function outerMessage({ assignment, outer }: OuterAssignment): string {
  const variable = `"$${assignment.name}"`;
  return (
    `${quote(assignment.state.name)} assigns ${variable} inside ${scopeOf(assignment.state)}, but ${variable} is a variable of ` +
    `the enclosing scope (assigned in ${quote(outer.state.name)}): a Parallel branch or Map iteration can read outer variables ` +
    'but not assign them. Use a new name here, and bring the value out through the ' +
    "branch's Output or a catcher's Assign."
  );
}

function check(context: RuleContext): void {
  const analysis = analyseVariables(context.machine, (scope) => context.graph(scope));
  const text = context.document.text;
  for (const finding of analysis.undefinedReads) {
    const { read } = finding;
    const range = readRange(text, read.node, read.start, read.end);
    context.report({
      ...(range ? { range } : { node: read.node }),
      state: read.state,
      message: message(finding),
      related: related(finding.assignments, read.name),
    });
  }
  for (const finding of analysis.outerAssignments) {
    context.report({
      node: finding.assignment.node,
      at: 'key',
      state: finding.assignment.state,
      message: outerMessage(finding),
      related: related([finding.outer], finding.outer.name),
    });
  }
}

const example = (definition: unknown): string => JSON.stringify(definition, null, 2);
const retry = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];

export default defineRule({
  id: 'no-undefined-variable',
  meta: {
    description: 'Disallow reading a workflow variable that may not be assigned on every path to the state',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Follows every path from StartAt through the state graph and reports a read of a workflow variable (`$name` in a ' +
        'JSONata expression; `$name` or `$name.field` in a JSONPath path, `.$` value, intrinsic argument or Choice rule) ' +
        'that some path reaches before any Assign sets it. Every field of a state reads the values the variables had when ' +
        'the state was entered, so a state cannot read what its own Assign sets. Along a Catch edge the catcher\'s Assign ' +
        'applies instead of the state\'s; a Choice rule\'s Assign applies together with the state\'s own, and a variable ' +
        'the rule\'s condition tests (`$exists($x)`, `IsPresent`) counts as defined along that rule\'s edge. It also reports ' +
        'a variable of a Parallel branch or Map iteration read outside it, a variable of another branch, an outer variable ' +
        'read by the child executions of a Distributed Map, and an Assign inside a branch or iteration to a variable of ' +
        'the enclosing scope. Names a JSONata expression binds itself (`:=`, lambda parameters), `$states`, and function ' +
        'names such as `$string` are not workflow variables.',
      why:
        'Step Functions resolves variables only when the state runs. A read of a variable that has not been assigned on ' +
        'the path the execution took fails the state, often after the earlier states have done their work, and only on ' +
        'the paths that skip the assignment, which tests tend to miss. JSONata reads an unassigned variable as undefined, ' +
        'and a field whose expression comes out undefined fails with States.QueryEvaluationError.',
      examples: {
        invalid: [
          {
            title: 'The discount is assigned only when the customer is a VIP',
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Check customer',
              States: {
                'Check customer': {
                  Type: 'Choice',
                  Choices: [{ Condition: '{% $states.input.vip %}', Next: 'VIP discount' }],
                  Default: 'Charge',
                },
                'VIP discount': { Type: 'Pass', Assign: { discount: 10 }, Next: 'Charge' },
                Charge: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: { FunctionName: 'charge', Payload: { total: '{% $states.input.total - $discount %}' } },
                  Retry: retry,
                  End: true,
                },
              },
            }),
          },
          {
            title: 'A branch variable read after the Parallel',
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Look up',
              States: {
                'Look up': {
                  Type: 'Parallel',
                  Branches: [{ StartAt: 'Price', States: { Price: { Type: 'Pass', Assign: { price: 42 }, End: true } } }],
                  Next: 'Report',
                },
                Report: { Type: 'Pass', Output: { price: '{% $price %}' }, End: true },
              },
            }),
          },
        ],
        valid: [
          {
            code: example({
              QueryLanguage: 'JSONata',
              StartAt: 'Check customer',
              States: {
                'Check customer': {
                  Type: 'Choice',
                  Assign: { discount: 0 },
                  Choices: [{ Condition: '{% $states.input.vip %}', Next: 'VIP discount' }],
                  Default: 'Charge',
                },
                'VIP discount': { Type: 'Pass', Assign: { discount: 10 }, Next: 'Charge' },
                Charge: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: { FunctionName: 'charge', Payload: { total: '{% $states.input.total - $discount %}' } },
                  Retry: retry,
                  End: true,
                },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'Keep it on. To stay free of false alarms it reports a JSONata read only where an undefined value reaches the ' +
        'field\'s result (`$x.a`, `$x + 1`, `$string($x)`), not where the expression absorbs it (`$exists($x)`, `[$x]`, ' +
        '`{"a": $x}`, `$x = 1`, `"a" & $x`, the branches of a condition that tests `$x`). Where the graph cannot show that ' +
        'a path is impossible (Choice rules that exclude each other in ways the rule does not evaluate), give the variable ' +
        'a default value in an earlier state, which also documents the intent. An assignment in a Distributed Map\'s child ' +
        'workflow to a name the parent also uses is not reported, since the children run as separate executions. Values ' +
        'that a `${…}` placeholder supplies at deployment are not judged.',
    },
  },
  check,
});
