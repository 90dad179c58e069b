import { describe, expect, it } from 'vitest';
import { runRule, testRule } from './test-support/rule-tester.js';
import rule from './no-dead-end.js';

const json = (definition: unknown): string => JSON.stringify(definition, null, 2);
const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:f';

/** A ring S0 → … → S(n-1) → S0; with `exit`, S(n-1) is a Choice that may also leave to Done. */
function ring(count: number, exit: boolean): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count - 1; i++) states[`S${i}`] = { Type: 'Pass', Next: `S${i + 1}` };
  states[`S${count - 1}`] = exit
    ? { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }], Default: 'S0' }
    : { Type: 'Pass', Next: 'S0' };
  states.Done = { Type: 'Succeed' };
  return JSON.stringify({ StartAt: 'S0', States: states });
}

testRule(rule, {
  valid: [
    {
      name: 'a polling loop with a way out',
      code: json({
        StartAt: 'Check',
        States: {
          Check: { Type: 'Task', Resource: lambda, Next: 'Ready?' },
          'Ready?': { Type: 'Choice', Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Done' }], Default: 'Pause' },
          Pause: { Type: 'Wait', Seconds: 10, Next: 'Check' },
          Done: { Type: 'Succeed' },
        },
      }),
    },
    {
      name: 'a Catch that leaves the loop is a way out',
      code: json({
        StartAt: 'Work',
        States: {
          Work: { Type: 'Task', Resource: lambda, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Again' },
          Again: { Type: 'Pass', Next: 'Work' },
          Failed: { Type: 'Fail' },
        },
      }),
    },
    {
      name: 'an unreachable loop is no-unreachable-state\'s',
      code: json({ StartAt: 'A', States: { A: { Type: 'Succeed' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', Next: 'B' } } }),
    },
    { name: 'StartAt names no state', code: json({ StartAt: 'Nope', States: { B: { Type: 'Pass', Next: 'B' } } }) },
    {
      name: 'a broken transition in the loop is no-missing-state\'s',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Gone' }], Default: 'A' } } }),
    },
    {
      name: 'a state without Next or End in the loop is valid-definition\'s',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'C' }, C: { Type: 'Pass' } } }),
    },
    {
      name: 'a loop with a way out inside a Map',
      code: json({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Try',
              States: { Try: { Type: 'Task', Resource: lambda, Next: 'Ok?' }, 'Ok?': { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: false, Next: 'Try' }], Default: 'Fine' }, Fine: { Type: 'Succeed' } },
            },
            End: true,
          },
        },
      }),
    },
    { name: 'YAML', filename: 'x.asl.yaml', code: 'StartAt: A\nStates:\n  A:\n    Type: Choice\n    Choices:\n      - Variable: $.n\n        NumericLessThan: 3\n        Next: A\n    Default: B\n  B:\n    Type: Succeed\n' },
    { name: 'a 10,000-state ring with a way out', code: ring(10_000, true) },
  ],
  invalid: [
    {
      name: 'a polling loop whose Choice never leaves',
      code: json({
        StartAt: 'Check',
        States: {
          Check: { Type: 'Task', Resource: lambda, Next: 'Ready?' },
          'Ready?': { Type: 'Choice', Choices: [{ Variable: '$.ready', BooleanEquals: false, Next: 'Pause' }], Default: 'Pause' },
          Pause: { Type: 'Wait', Seconds: 10, Next: 'Check' },
          Done: { Type: 'Succeed' },
        },
      }),
      errors: [
        {
          state: 'Check',
          statePath: ['Check'],
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 12,
          message:
            'States "Check", "Ready?", "Pause" form a loop with no way out: no path from it leads to a Succeed, Fail or End state, so an execution that enters it never finishes on its own. Give the Choice "Ready?" a rule or Default that leaves the loop.',
          related: 2,
        },
      ],
    },
    {
      name: 'a Choice without Default whose rules only loop',
      code: json({
        StartAt: 'Work',
        States: {
          Work: { Type: 'Pass', Next: 'More?' },
          'More?': { Type: 'Choice', Choices: [{ Variable: '$.more', BooleanEquals: true, Next: 'Work' }] },
        },
      }),
      errors: [{ state: 'Work', line: 4, column: 5, endLine: 4, endColumn: 11, message: 'States "Work", "More?" form a loop with no way out', related: 1 }],
    },
    {
      name: 'a state that loops to itself, and the states that lead into it are not reported',
      code: json({ StartAt: 'Start', States: { Start: { Type: 'Pass', Next: 'Spin' }, Spin: { Type: 'Pass', Next: 'Spin' } } }),
      errors: [
        {
          state: 'Spin',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 11,
          message: 'State "Spin" loops to itself with no way out: no path from it leads to a Succeed, Fail or End state, so an execution that enters it never finishes on its own. Add a Choice that leaves the loop, or end it with a Succeed or Fail state.',
          related: 0,
        },
      ],
    },
    {
      name: 'each loop once: a loop that only leads into another dead loop',
      code: json({
        StartAt: 'A',
        States: {
          A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'A' }], Default: 'B' },
          B: { Type: 'Pass', Next: 'C' },
          C: { Type: 'Pass', Next: 'B' },
        },
      }),
      errors: [
        { state: 'A', line: 4, column: 5, endLine: 4, endColumn: 8, message: 'State "A" loops to itself with no way out', related: 0 },
        { state: 'B', line: 15, column: 5, endLine: 15, endColumn: 8, message: 'States "B", "C" form a loop', related: 1 },
      ],
    },
    {
      name: 'a Catch inside the loop that stays in it',
      code: json({
        StartAt: 'Work',
        States: {
          Work: { Type: 'Task', Resource: lambda, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }], Next: 'Recover' },
          Recover: { Type: 'Pass', Next: 'Work' },
        },
      }),
      errors: [{ state: 'Work', line: 4, column: 5, endLine: 4, endColumn: 11, message: 'States "Work", "Recover" form a loop with no way out' }],
    },
    {
      name: 'inside a Parallel branch',
      code: json({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Ping', States: { Ping: { Type: 'Pass', Next: 'Pong' }, Pong: { Type: 'Pass', Next: 'Ping' } } }],
            End: true,
          },
        },
      }),
      errors: [{ state: 'Ping', statePath: ['P', 'Ping'], line: 10, column: 13, endLine: 10, endColumn: 19, message: 'States "Ping", "Pong" in branch 1 of Parallel state "P" form a loop', related: 1 }],
    },
    {
      name: 'YAML',
      filename: 'x.asl.yaml',
      code: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Wait\n    Seconds: 5\n    Next: A\n',
      errors: [{ state: 'A', line: 3, column: 3, endLine: 3, endColumn: 4, message: 'States "A", "B" form a loop with no way out', related: 1 }],
    },
    {
      name: 'odd names',
      code: json({ StartAt: '__proto__', States: { ['__proto__']: { Type: 'Pass', Next: 'constructor' }, constructor: { Type: 'Pass', Next: '__proto__' } } }),
      errors: [{ state: '__proto__', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'States "__proto__", "constructor" form a loop' }],
    },
  ],
});

describe('no-dead-end on large machines', () => {
  it('reports a 10,000-state ring once, with a bounded list of related states', () => {
    const found = runRule(rule, ring(10_000, false));
    expect(found).toHaveLength(1);
    expect(found[0].state).toBe('S0');
    expect(found[0].message).toContain('States "S0", "S1", "S2", "S3", "S4" and 9995 more form a loop with no way out');
    expect(found[0].related).toBe(50);
  });
});
