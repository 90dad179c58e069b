import { describe, expect, it } from 'vitest';
import { runRule, testRule } from './test-support/rule-tester.js';
import rule from './loop-needs-wait.js';

const json = (definition: unknown): string => JSON.stringify(definition, null, 2);
const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:status';

/** Poll: `task` → "Done?" → back to "Poll" (through `pause` when given) or on to "Finish". */
function poll(task: Record<string, unknown>, pause?: Record<string, unknown>): string {
  const states: Record<string, unknown> = {
    Poll: { ...task, Next: 'Done?' },
    'Done?': { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Finish' }], Default: pause ? 'Pause' : 'Poll' },
    Finish: { Type: 'Succeed' },
  };
  if (pause) states.Pause = { ...pause, Next: 'Poll' };
  return json({ StartAt: 'Poll', States: states });
}

/** A ring S0 → … → S(n-1), whose last state may leave to Done or go round again. */
function ring(count: number): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count - 1; i++) states[`S${i}`] = { Type: 'Pass', Next: `S${i + 1}` };
  states[`S${count - 1}`] = { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }], Default: 'S0' };
  states.Done = { Type: 'Succeed' };
  return JSON.stringify({ StartAt: 'S0', States: states });
}

testRule(rule, {
  valid: [
    { name: 'a polling loop with a Wait', code: poll({ Type: 'Task', Resource: lambda }, { Type: 'Wait', Seconds: 30 }) },
    { name: 'a loop paced by a .sync task', code: poll({ Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync' }) },
    { name: 'a loop paced by a .sync:2 task', code: poll({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2' }) },
    { name: 'a loop paced by a callback', code: poll({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }) },
    { name: 'a loop paced by an activity', code: poll({ Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve' }) },
    {
      name: 'a loop with no way out is no-dead-end\'s',
      code: json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }),
    },
    {
      name: 'an unreachable loop is no-unreachable-state\'s',
      code: json({
        StartAt: 'Done',
        States: { Done: { Type: 'Succeed' }, A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'Done' }], Default: 'A' } },
      }),
    },
    { name: 'StartAt names no state', code: json({ StartAt: 'Nope', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'B' }], Default: 'A' }, B: { Type: 'Succeed' } } }) },
    {
      name: 'YAML with a Wait',
      filename: 'x.asl.yaml',
      code: 'StartAt: Poll\nStates:\n  Poll:\n    Type: Pass\n    Next: Done?\n  Done?:\n    Type: Choice\n    Choices:\n      - Variable: $.done\n        BooleanEquals: true\n        Next: Finish\n    Default: Pause\n  Pause:\n    Type: Wait\n    Seconds: 5\n    Next: Poll\n  Finish:\n    Type: Succeed\n',
    },
  ],
  invalid: [
    {
      name: 'a busy polling loop',
      code: poll({ Type: 'Task', Resource: lambda }),
      errors: [
        {
          state: 'Poll',
          statePath: ['Poll'],
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 11,
          severity: 'warning',
          message:
            'States "Poll", "Done?" form a loop that can repeat without passing a Wait state: every turn costs state transitions, and a Standard execution fails once its history reaches 25,000 events. Add a Wait state to the loop, or move long iterations into a Map state or child executions.',
          related: 1,
        },
      ],
    },
    {
      name: 'a Wait on one path only: the other path still loops without it',
      code: json({
        StartAt: 'Poll',
        States: {
          Poll: { Type: 'Task', Resource: lambda, Next: 'Done?' },
          'Done?': {
            Type: 'Choice',
            Choices: [
              { Variable: '$.done', BooleanEquals: true, Next: 'Finish' },
              { Variable: '$.hurry', BooleanEquals: true, Next: 'Poll' },
            ],
            Default: 'Pause',
          },
          Pause: { Type: 'Wait', Seconds: 30, Next: 'Poll' },
          Finish: { Type: 'Succeed' },
        },
      }),
      errors: [{ state: 'Poll', line: 4, column: 5, endLine: 4, endColumn: 11, message: 'States "Poll", "Done?" form a loop', related: 1 }],
    },
    {
      name: 'a busy loop inside a loop paced by a .sync task',
      code: json({
        StartAt: 'Run',
        States: {
          Run: { Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Next: 'Check' },
          Check: { Type: 'Task', Resource: lambda, Next: 'What now?' },
          'What now?': {
            Type: 'Choice',
            Choices: [
              { Variable: '$.again', BooleanEquals: true, Next: 'Run' },
              { Variable: '$.recheck', BooleanEquals: true, Next: 'Check' },
            ],
            Default: 'Finish',
          },
          Finish: { Type: 'Succeed' },
        },
      }),
      errors: [{ state: 'Check', line: 9, column: 5, endLine: 9, endColumn: 12, message: 'States "Check", "What now?" form a loop' }],
    },
    {
      name: 'a Catch that leads back to its own Task',
      code: json({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: lambda, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Call' }], End: true } },
      }),
      errors: [
        {
          state: 'Call',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 11,
          message: 'State "Call" loops to itself without passing a Wait state: every turn costs state transitions, and a Standard execution fails once its history reaches 25,000 events. Retry the task with a Retry',
          related: 0,
        },
      ],
    },
    {
      name: 'pagination inside a Map ItemProcessor',
      code: json({
        StartAt: 'Each account',
        States: {
          'Each account': {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'List page',
              States: {
                'List page': { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2', Next: 'More?' },
                'More?': { Type: 'Choice', Choices: [{ Variable: '$.NextContinuationToken', IsPresent: true, Next: 'List page' }], Default: 'Page done' },
                'Page done': { Type: 'Succeed' },
              },
            },
            End: true,
          },
        },
      }),
      errors: [
        {
          state: 'List page',
          statePath: ['Each account', 'List page'],
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 22,
          message: 'States "List page", "More?" in the ItemProcessor of Map state "Each account" form a loop',
          related: 1,
        },
      ],
    },
    {
      name: 'two loops, two warnings',
      code: json({
        StartAt: 'A',
        States: {
          A: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'A' }], Default: 'B' },
          B: { Type: 'Choice', Choices: [{ Variable: '$.b', BooleanEquals: true, Next: 'B' }], Default: 'C' },
          C: { Type: 'Succeed' },
        },
      }),
      errors: [
        { state: 'A', line: 4, column: 5, endLine: 4, endColumn: 8, message: 'State "A" loops to itself' },
        { state: 'B', line: 15, column: 5, endLine: 15, endColumn: 8, message: 'State "B" loops to itself' },
      ],
    },
    {
      name: 'YAML',
      filename: 'x.asl.yaml',
      code: 'StartAt: Poll\nStates:\n  Poll:\n    Type: Pass\n    Next: Done?\n  Done?:\n    Type: Choice\n    Choices:\n      - Variable: $.done\n        BooleanEquals: true\n        Next: Finish\n    Default: Poll\n  Finish:\n    Type: Succeed\n',
      errors: [{ state: 'Poll', line: 3, column: 3, endLine: 3, endColumn: 7, message: 'States "Poll", "Done?" form a loop', related: 1 }],
    },
    {
      name: 'odd names',
      code: json({
        StartAt: 'constructor',
        States: {
          constructor: { Type: 'Pass', Next: '__proto__' },
          ['__proto__']: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: '終わり' }], Default: 'constructor' },
          終わり: { Type: 'Succeed' },
        },
      }),
      errors: [{ state: 'constructor', line: 4, column: 5, endLine: 4, endColumn: 18, message: 'States "constructor", "__proto__" form a loop' }],
    },
  ],
});

describe('loop-needs-wait on large machines', () => {
  it('reports a 10,000-state ring once', () => {
    const found = runRule(rule, ring(10_000));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('States "S0", "S1", "S2", "S3", "S4" and 9995 more form a loop');
    expect(found[0].related).toBe(50);
  });
});
