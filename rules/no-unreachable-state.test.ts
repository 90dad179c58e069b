import { describe, expect, it } from 'vitest';
import { runRule, testRule } from './test-support/rule-tester.js';
import rule from './no-unreachable-state.js';

const json = (definition: unknown): string => JSON.stringify(definition, null, 2);

/** A chain S0 → S1 → … → S(n-1) → Succeed, starting at `start`. */
function chain(count: number, start = 'S0'): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) states[`S${i}`] = i < count - 1 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' };
  return JSON.stringify({ StartAt: start, States: states });
}

testRule(rule, {
  valid: [
    {
      name: 'every edge kind makes a state reachable',
      code: json({
        StartAt: 'Call',
        States: {
          Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Route' },
          Route: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Again' },
          Again: { Type: 'Wait', Seconds: 5, Next: 'Call' },
          Done: { Type: 'Succeed' },
          Failed: { Type: 'Fail' },
        },
      }),
    },
    { name: 'StartAt names no state: no-missing-state reports it', code: json({ StartAt: 'Nope', States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed' } } }) },
    { name: 'no StartAt', code: json({ States: { A: { Type: 'Succeed' } } }) },
    {
      name: 'states of a nested scope are judged in their own scope',
      code: json({
        StartAt: 'Each',
        States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } } }, End: true } },
      }),
    },
    {
      name: 'odd names',
      code: json({
        StartAt: '__proto__',
        States: { ['__proto__']: { Type: 'Pass', Next: 'constructor' }, constructor: { Type: 'Pass', Next: 'ステップ' }, ステップ: { Type: 'Succeed' } },
      }),
    },
    { name: 'YAML', filename: 'x.asl.yaml', code: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n' },
    { name: 'a 10,000-state chain', code: chain(10_000) },
  ],
  invalid: [
    {
      name: 'nothing transitions to a state',
      code: '{\n  "StartAt": "Process",\n  "States": {\n    "Process": { "Type": "Pass", "Next": "Done" },\n    "Notify": { "Type": "Pass", "Next": "Done" },\n    "Done": { "Type": "Succeed" }\n  }\n}',
      errors: [
        {
          state: 'Notify',
          statePath: ['Notify'],
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 13,
          message: 'State "Notify" cannot be reached from StartAt "Process": nothing transitions to it. Remove it or add a transition to it from a reachable state.',
          related: 0,
        },
      ],
    },
    {
      name: 'a cycle that nothing enters',
      code: json({ StartAt: 'Done', States: { Done: { Type: 'Succeed' }, Ping: { Type: 'Pass', Next: 'Pong' }, Pong: { Type: 'Pass', Next: 'Ping' } } }),
      errors: [
        { state: 'Ping', line: 7, column: 5, endLine: 7, endColumn: 11, message: 'State "Ping" cannot be reached from StartAt "Done": only unreachable states ("Pong") transition to it.', related: 1 },
        { state: 'Pong', line: 11, column: 5, endLine: 11, endColumn: 11, message: 'only unreachable states ("Ping") transition to it.', related: 1 },
      ],
    },
    {
      name: 'a state that only transitions to itself',
      code: json({ StartAt: 'A', States: { A: { Type: 'Succeed' }, Loop: { Type: 'Pass', Next: 'Loop' } } }),
      errors: [{ state: 'Loop', line: 7, column: 5, endLine: 7, endColumn: 11, message: 'only the state itself transitions to it', related: 0 }],
    },
    {
      name: 'a Catch target after an unreachable Task, and the Choice Default chain',
      code: json({
        StartAt: 'A',
        States: {
          A: { Type: 'Succeed' },
          Orphan: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }], End: true },
          Handle: { Type: 'Fail' },
        },
      }),
      errors: [
        { state: 'Orphan', line: 7, column: 5, endLine: 7, endColumn: 13, message: 'nothing transitions to it' },
        { state: 'Handle', line: 20, column: 5, endLine: 20, endColumn: 13, message: 'only unreachable states ("Orphan") transition to it' },
      ],
    },
    {
      name: 'inside a Parallel branch and a Map processor',
      code: json({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Succeed' }, B2: { Type: 'Succeed' } } }],
            Next: 'M',
          },
          M: { Type: 'Map', ItemProcessor: { StartAt: 'I1', States: { I1: { Type: 'Succeed' }, I2: { Type: 'Succeed' } } }, End: true },
        },
      }),
      errors: [
        { state: 'B2', statePath: ['P', 'B2'], line: 13, column: 13, endLine: 13, endColumn: 17, message: 'State "B2" cannot be reached from StartAt "B1" of branch 1 of Parallel state "P": nothing transitions to it.' },
        { state: 'I2', statePath: ['M', 'I2'], line: 29, column: 11, endLine: 29, endColumn: 15, message: 'from StartAt "I1" of the ItemProcessor of Map state "M"' },
      ],
    },
    {
      name: 'an unreachable Parallel state is reported, not its branch states',
      code: json({
        StartAt: 'A',
        States: {
          A: { Type: 'Succeed' },
          P: { Type: 'Parallel', Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Succeed' } } }], End: true },
        },
      }),
      errors: [{ state: 'P', line: 7, column: 5, endLine: 7, endColumn: 8 }],
    },
    {
      name: 'YAML',
      filename: 'x.asl.yaml',
      code: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n  B:\n    Type: Pass\n    Next: A\n',
      errors: [{ state: 'B', line: 5, column: 3, endLine: 5, endColumn: 4, message: 'State "B" cannot be reached from StartAt "A"' }],
    },
    {
      name: 'odd names',
      code: json({ StartAt: 'constructor', States: { constructor: { Type: 'Succeed' }, ['__proto__']: { Type: 'Pass', Next: 'Ünïcødé 🚀' }, 'Ünïcødé 🚀': { Type: 'Succeed' } } }),
      errors: [
        { state: '__proto__', line: 7, column: 5, endLine: 7, endColumn: 16, message: 'State "__proto__" cannot be reached' },
        { state: 'Ünïcødé 🚀', line: 11, column: 5, endLine: 11, endColumn: 17, message: 'only unreachable states ("__proto__") transition to it' },
      ],
    },
  ],
});

describe('no-unreachable-state on large machines', () => {
  it('finds every state before StartAt in a 10,000-state chain', () => {
    const found = runRule(rule, chain(10_000, 'S9000'));
    expect(found).toHaveLength(9_000);
    expect(found[0].message).toContain('State "S0" cannot be reached from StartAt "S9000": nothing transitions to it.');
    expect(found[1].message).toContain('only unreachable states ("S0") transition to it');
  });
});
