import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { readTemplate } from '../template/read-template.js';
import { templateMachines } from '../template/state-machines.js';
import { metadataDirectives } from './metadata-directives.js';

const known = new Set(['require-retry', 'require-logging', 'iam-no-wildcard-action']);

function read(metadata: readonly string[]) {
  const text = [
    'Resources:',
    '  Flow:',
    '    Type: AWS::StepFunctions::StateMachine',
    ...metadata.map((line) => `    ${line}`),
    '    Properties:',
    '      Definition: { StartAt: A, States: { A: { Type: Succeed } } }',
    '',
  ].join('\n');
  const document = parseDocument('template.yaml', text);
  const [machine] = templateMachines(readTemplate(document, document.roots[0]));
  return { text, document, ...metadataDirectives(machine, known) };
}

describe('metadataDirectives', () => {
  it('reads the ignore list and the reason of a state machine resource', () => {
    const { text, directives, problems } = read(['Metadata:', '  sfn-lint:', '    ignore: [require-logging, iam-no-wildcard-action]', '    reason: a sandbox stack']);
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.reach, d.rules === 'all' ? 'all' : d.rules.map((r) => text.slice(r.range.start, r.range.end)), d.reason, d.label])).toEqual([
      [{ kind: 'template', machine: 'Flow' }, ['require-logging', 'iam-no-wildcard-action'], 'a sandbox stack', 'The sfn-lint Metadata of "Flow"'],
    ]);
    expect(text.slice(directives[0].range.start, directives[0].range.end)).toBe('sfn-lint:\n        ignore: [require-logging, iam-no-wildcard-action]\n        reason: a sandbox stack');
  });

  it('takes a single rule id as well as a list, and no reason', () => {
    const { directives } = read(['Metadata:', '  sfn-lint: { ignore: require-retry }']);
    expect(directives.map((d) => [d.rules === 'all' ? 'all' : d.rules.map((r) => r.id), d.reason])).toEqual([[['require-retry'], undefined]]);
  });

  it('reads nothing without sfn-lint Metadata', () => {
    expect(read([]).directives).toEqual([]);
    expect(read(['Metadata:', '  cfn-lint: { config: { ignore_checks: [E3601] } }']).directives).toEqual([]);
  });

  it('reports each part of a Metadata of the wrong shape where it is written', () => {
    const check = (metadata: string[]) => {
      const { text, directives, problems } = read(metadata);
      return { directives: directives.length, problems: problems.map((p) => [text.slice(p.range.start, p.range.end), p.message]) };
    };
    expect(check(['Metadata:', '  sfn-lint: [require-retry]'])).toEqual({
      directives: 0,
      problems: [['[require-retry]', 'The sfn-lint Metadata of "Flow" must be an object, { ignore: [rule-id, …], reason: "…" }.']],
    });
    expect(check(['Metadata:', '  sfn-lint: { ignores: [require-retry] }'])).toEqual({
      directives: 0,
      problems: [
        ['[require-retry]', '"ignores" is not a key of the sfn-lint Metadata, { ignore: [rule-id, …], reason: "…" }.'],
        ['{ ignores: [require-retry] }', 'The sfn-lint Metadata of "Flow" has no ignore list, so it suppresses nothing: { ignore: [rule-id, …], reason: "…" }.'],
      ],
    });
    expect(check(['Metadata:', '  sfn-lint: { ignore: [require-retry, 3, requre-logging], reason: [x] }'])).toEqual({
      directives: 1,
      problems: [
        ['[x]', 'The reason of the sfn-lint Metadata must be a string.'],
        ['3', 'The ignore list of the sfn-lint Metadata holds rule ids, as strings.'],
        ['requre-logging', '"requre-logging" is not a rule id, so the directive suppresses nothing for it. Did you mean "require-logging"?'],
      ],
    });
  });
});
