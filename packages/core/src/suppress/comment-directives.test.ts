import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import { commentDirectives } from './comment-directives.js';

const known = new Set(['require-retry', 'no-dead-end', 'no-unreachable-state']);

function read(file: string, text: string, machine?: string) {
  const document = parseDocument(file, text);
  const definition = buildMachine(document, document.roots[0]);
  return { document, definition, ...commentDirectives(definition, machine, known) };
}

describe('commentDirectives', () => {
  it('reads the top-level Comment for the whole definition and a state Comment for that state, nested ones included', () => {
    const text = [
      '{',
      '  "Comment": "Orders. sfn-lint-disable no-dead-end -- the loop ends by timeout",',
      '  "StartAt": "Fan",',
      '  "States": {',
      '    "Fan": {',
      '      "Type": "Parallel",',
      '      "End": true,',
      '      "Branches": [{ "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,',
      '        "Comment": "sfn-lint-disable require-retry, no-unreachable-state" } } }]',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const { definition, directives, problems } = read('machine.asl.json', text);
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.reach, d.rules === 'all' ? 'all' : d.rules.map((r) => text.slice(r.range.start, r.range.end)), d.reason, d.label])).toEqual([
      [{ kind: 'definition', machine: undefined, root: definition.root.range }, ['no-dead-end'], 'the loop ends by timeout', 'The sfn-lint-disable in the top-level Comment'],
      [
        { kind: 'definition', machine: undefined, root: definition.root.range, statePath: ['Fan', 'Call'] },
        ['require-retry', 'no-unreachable-state'],
        undefined,
        'The sfn-lint-disable in the Comment of state "Call"',
      ],
    ]);
    expect(text.slice(directives[0].range.start, directives[0].range.end)).toBe('sfn-lint-disable no-dead-end -- the loop ends by timeout');
  });

  it('covers every rule when it names none, and carries the template machine label', () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: sfn-lint-disable -- generated\n    End: true\n';
    const { directives } = read('machine.asl.yaml', text, 'Flow');
    expect(directives.map((d) => [d.reach, d.rules, d.reason])).toEqual([
      [{ kind: 'definition', machine: 'Flow', root: { start: 0, end: text.length } , statePath: ['A'] }, 'all', 'generated'],
    ]);
  });

  it('points at the whole Comment when escapes move the characters', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Comment": "\\"x\\" sfn-lint-disable no-ded-end"}}}';
    const { directives, problems } = read('machine.asl.json', text);
    expect(directives).toEqual([]);
    expect(problems.map((p) => [text.slice(p.range.start, p.range.end), p.message])).toEqual([
      ['"\\"x\\" sfn-lint-disable no-ded-end"', '"no-ded-end" is not a rule id, so the directive suppresses nothing for it. Did you mean "no-dead-end"?'],
    ]);
  });

  it('accepts only sfn-lint-disable in a Comment, and no directive glued to a word', () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: "sfn-lint-disable-next-line require-retry"\n    End: true\n  B:\n    Type: Pass\n    Comment: see my-sfn-lint-disable notes\n    End: true\n';
    const { directives, problems } = read('machine.asl.yaml', text);
    expect(directives).toEqual([]);
    expect(problems.map((p) => [text.slice(p.range.start, p.range.end), p.message])).toEqual([
      [
        'sfn-lint-disable-next-line require-retry',
        'A Comment takes only "sfn-lint-disable rule-id -- reason", which covers its state (or, at the top level, the whole definition); "sfn-lint-disable-next-line" does nothing here.',
      ],
    ]);
  });
});
