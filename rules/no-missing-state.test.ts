import { describe, expect, it } from 'vitest';
import { runRule, testRule } from './test-support/rule-tester.js';
import rule from './no-missing-state.js';

const json = (definition: unknown): string => JSON.stringify(definition, null, 2);

/** A chain S0 → S1 → … → S(n-1); the last state's Next is `last` or End. */
function chain(count: number, last?: string): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    states[`S${i}`] = i < count - 1 ? { Type: 'Pass', Next: `S${i + 1}` } : last ? { Type: 'Pass', Next: last } : { Type: 'Succeed' };
  }
  return JSON.stringify({ StartAt: 'S0', States: states });
}

const parallel = (branchStates: Record<string, unknown>, next = 'Done') =>
  json({
    StartAt: 'Fan out',
    States: {
      'Fan out': { Type: 'Parallel', Branches: [{ StartAt: 'Work', States: branchStates }], Next: next },
      Done: { Type: 'Succeed' },
    },
  });

testRule(rule, {
  valid: [
    {
      name: 'every kind of transition names a state',
      code: json({
        StartAt: 'Call',
        States: {
          Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Route' },
          Route: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Failed' },
          Done: { Type: 'Succeed' },
          Failed: { Type: 'Fail' },
        },
      }),
    },
    { name: 'a branch that ends itself', code: parallel({ Work: { Type: 'Pass', End: true } }) },
    {
      name: 'Map ItemProcessor and Iterator',
      code: json({
        StartAt: 'Each',
        States: {
          Each: { Type: 'Map', ItemProcessor: { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } } }, Next: 'Old' },
          Old: { Type: 'Map', Iterator: { StartAt: 'Step2', States: { Step2: { Type: 'Pass', End: true } } }, End: true },
        },
      }),
    },
    { name: 'no StartAt in a scope with States is valid-definition\'s', code: json({ States: { A: { Type: 'Succeed' } } }) },
    { name: 'a non-string Next is valid-definition\'s', code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 3 }, B: { Type: 'Pass', Next: ['B'] } } }) },
    { name: 'StartAt without States is valid-definition\'s', code: json({ StartAt: 'A' }) },
    {
      name: 'odd names',
      code: json({
        StartAt: '__proto__',
        States: {
          ['__proto__']: { Type: 'Pass', Next: 'constructor' },
          constructor: { Type: 'Pass', Next: 'Schritt ✓ 日本' },
          'Schritt ✓ 日本': { Type: 'Pass', Next: 'hasOwnProperty' },
          hasOwnProperty: { Type: 'Succeed' },
        },
      }),
    },
    { name: 'YAML', filename: 'x.asl.yaml', code: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: "Yes"\n  Yes:\n    Type: Succeed\n' },
    { name: 'a 10,000-state chain', code: chain(10_000) },
  ],
  invalid: [
    {
      name: 'a typo gets a suggestion',
      code: '{\n  "StartAt": "Validate",\n  "States": {\n    "Validate": { "Type": "Pass", "Next": "Proces" },\n    "Process": { "Type": "Succeed" }\n  }\n}',
      errors: [
        {
          state: 'Validate',
          statePath: ['Validate'],
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 51,
          message: '"Next" of state "Validate" names "Proces", which is not a state at the top level, so AWS rejects the definition. Did you mean "Process"?',
        },
      ],
    },
    {
      name: 'a case difference gets a suggestion',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'done' }, Done: { Type: 'Succeed' } } }),
      errors: [{ state: 'A', line: 6, column: 15, endLine: 6, endColumn: 21, message: 'Did you mean "Done"?' }],
    },
    {
      name: 'no close name: no suggestion',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Succeed' } } }),
      errors: [{ state: 'A', line: 6, column: 15, endLine: 6, endColumn: 24, message: 'Name an existing state, or add a state called "Nowhere".' }],
    },
    {
      name: 'short names get no edit-distance suggestion',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'C' }, B: { Type: 'Succeed' } } }),
      errors: [{ state: 'A', line: 6, column: 15, endLine: 6, endColumn: 18, message: 'add a state called "C"' }],
    },
    {
      name: 'StartAt that names no state',
      code: json({ StartAt: 'Begin', States: { Start: { Type: 'Succeed' } } }),
      errors: [{ state: undefined, line: 2, column: 14, endLine: 2, endColumn: 21, message: '"StartAt" names "Begin", which is not a state at the top level' }],
    },
    {
      name: 'Default, Choices[].Next and Catch[].Next',
      code: json({
        StartAt: 'Call',
        States: {
          Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Faild' }], Next: 'Route' },
          Route: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }, { Variable: '$.ok', BooleanEquals: false, Next: 'Retry' }], Default: 'Fallback' },
          Done: { Type: 'Succeed' },
          Failed: { Type: 'Fail' },
        },
      }),
      errors: [
        { state: 'Call', line: 12, column: 19, endLine: 12, endColumn: 26, message: '"Catch[0].Next" of state "Call" names "Faild"' },
        { state: 'Route', line: 28, column: 19, endLine: 28, endColumn: 26, message: '"Choices[1].Next" of state "Route" names "Retry"' },
        { state: 'Route', line: 31, column: 18, endLine: 31, endColumn: 28, message: '"Default" of state "Route" names "Fallback"' },
      ],
    },
    {
      name: 'a Parallel branch transitions out of itself',
      code: parallel({ Work: { Type: 'Pass', Next: 'Done' } }),
      errors: [
        {
          state: 'Work',
          statePath: ['Fan out', 'Work'],
          line: 12,
          column: 23,
          endLine: 12,
          endColumn: 29,
          message:
            '"Next" of state "Work" names "Done", a state outside this Parallel branch: a branch cannot transition out of itself. End the branch ("End": true) and continue after the Parallel state "Fan out".',
        },
      ],
    },
    {
      name: 'a branch names a state of a sibling branch',
      code: json({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } },
              { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
            ],
            End: true,
          },
        },
      }),
      errors: [{ state: 'A', statePath: ['P', 'A'], line: 12, column: 23, endLine: 12, endColumn: 26, message: 'a state outside this Parallel branch' }],
    },
    {
      name: 'a Map ItemProcessor transitions out of itself',
      code: json({
        StartAt: 'Each',
        States: {
          Each: { Type: 'Map', ItemProcessor: { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Done' } } }, Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      }),
      errors: [
        {
          state: 'Step',
          statePath: ['Each', 'Step'],
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 27,
          message: 'names "Done", a state outside this Map\'s ItemProcessor: an iteration cannot transition out of itself. End the iteration ("End": true) and continue after the Map state "Each".',
        },
      ],
    },
    {
      name: 'a Map Iterator (deprecated) transitions out of itself',
      code: json({
        StartAt: 'Each',
        States: {
          Each: { Type: 'Map', Iterator: { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Done' } } }, Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      }),
      errors: [{ state: 'Step', statePath: ['Each', 'Step'], line: 11, column: 21, endLine: 11, endColumn: 27, message: 'outside this Map\'s Iterator' }],
    },
    {
      name: 'a transition into a nested scope, and a StartAt in one',
      code: json({
        StartAt: 'Work',
        States: {
          Before: { Type: 'Pass', Next: 'Work' },
          'Fan out': { Type: 'Parallel', Branches: [{ StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } }], End: true },
        },
      }),
      errors: [
        { state: undefined, line: 2, column: 14, endLine: 2, endColumn: 20, message: '"StartAt" names "Work", a state inside Parallel state "Fan out": no transition can enter a branch from outside. Start at "Fan out" instead.' },
        { state: 'Before', line: 6, column: 15, endLine: 6, endColumn: 21, message: 'a state inside Parallel state "Fan out": no transition can enter a branch from outside. Transition to "Fan out" instead.' },
      ],
    },
    {
      name: 'a transition two scopes deep points at the outer owner',
      code: json({
        StartAt: 'Outer',
        States: {
          Outer: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Inner',
              States: { Inner: { Type: 'Parallel', Branches: [{ StartAt: 'Deep', States: { Deep: { Type: 'Succeed' } } }], End: true } },
            },
            Next: 'Deep',
          },
          Deep2: { Type: 'Succeed' },
        },
      }),
      errors: [{ state: 'Outer', line: 25, column: 15, endLine: 25, endColumn: 21, message: 'names "Deep", a state inside Map state "Outer": no transition can enter an iteration from outside. Transition to "Outer" instead.' }],
    },
    {
      name: 'a branch StartAt naming a top-level state',
      code: parallel({ Work: { Type: 'Pass', End: true } }).replace('"StartAt": "Work"', '"StartAt": "Done"'),
      errors: [{ state: 'Fan out', statePath: ['Fan out'], line: 8, column: 22, endLine: 8, endColumn: 28, message: '"StartAt" names "Done", a state outside this Parallel branch' }],
    },
    {
      name: 'a missing name inside a branch mentions the branch',
      code: parallel({ Work: { Type: 'Pass', Next: 'Wrok2' }, Work2: { Type: 'Pass', End: true } }),
      errors: [{ state: 'Work', statePath: ['Fan out', 'Work'], line: 12, column: 23, endLine: 12, endColumn: 30, message: 'which is not a state in branch 1 of Parallel state "Fan out", so AWS rejects the definition. Did you mean "Work2"?' }],
    },
    {
      name: 'YAML',
      filename: 'x.asl.yaml',
      code: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Bee\n  Be:\n    Type: Succeed\n',
      errors: [{ state: 'A', line: 5, column: 11, endLine: 5, endColumn: 14, message: '"Next" of state "A" names "Bee"' }],
    },
    {
      name: 'names of Object.prototype members are not states',
      code: json({ StartAt: 'toString', States: { ['__proto__']: { Type: 'Pass', Next: 'constructor' }, 'Schritt ✓': { Type: 'Pass', Next: 'schritt ✓' } } }),
      errors: [
        { state: undefined, line: 2, column: 14, endLine: 2, endColumn: 24, message: '"StartAt" names "toString"' },
        { state: '__proto__', line: 6, column: 15, endLine: 6, endColumn: 28, message: 'names "constructor", which is not a state' },
        { state: 'Schritt ✓', line: 10, column: 15, endLine: 10, endColumn: 26, message: 'Did you mean "Schritt ✓"?' },
      ],
    },
  ],
});

describe('no-missing-state on large machines', () => {
  it('handles a 10,000-state chain with a broken end', () => {
    const code = chain(10_000, 'S1000O');
    const found = runRule(rule, code);
    expect(found).toHaveLength(1);
    expect(found[0].column).toBe(code.indexOf('"S1000O"') + 1);
    expect(found[0].message).toContain('Did you mean "S1000"?');
  });

  it('stays fast when every transition is broken', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) states[`State number ${i}`] = { Type: 'Pass', Next: `State nunber ${i}` };
    const started = performance.now();
    const found = runRule(rule, JSON.stringify({ StartAt: 'State number 0', States: states }));
    expect(found).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
