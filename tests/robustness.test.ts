import { formatters, lintText } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';

function lint(text: string, file = 'machine.asl.json') {
  const result = lintText(file, text, { rules, assumeDefinition: true });
  expect(result.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => d.message)).toEqual([]);
  return result.diagnostics;
}

function nestedParallel(depth: number): string {
  let inner = '{"Type":"Succeed"}';
  for (let i = 0; i < depth; i++) {
    inner = `{"Type":"Parallel","End":true,"Branches":[{"StartAt":"S${i}","States":{"S${i}":${inner}}}]}`;
  }
  return `{"StartAt":"Top","States":{"Top":${inner}}}`;
}

function nestedChoice(depth: number): string {
  let rule = '{"Variable":"$.x","BooleanEquals":true}';
  for (let i = 0; i < depth; i++) rule = `{"Not":${rule}}`;
  return `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[${rule.slice(0, -1)},"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`;
}

const sample = JSON.stringify(
  {
    StartAt: 'Call',
    States: {
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'f', 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: 'Check',
      },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Failed' },
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail', Error: 'E' },
    },
  },
  null,
  2,
);

describe('bad input never crashes', () => {
  it('every truncation of a definition gives diagnostics, never an exception', () => {
    for (let end = 0; end < sample.length; end += 3) lint(sample.slice(0, end));
  });

  it('wrong types in every field', () => {
    const values = ['null', '1', '"x"', 'true', '[]', '{}', '[1,"a",null]', '{"a":{}}'];
    const fields = ['StartAt', 'States', 'Type', 'Next', 'End', 'Retry', 'Catch', 'Choices', 'Branches', 'ItemProcessor', 'Parameters', 'Default'];
    for (const field of fields) {
      for (const value of values) {
        lint(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"${field}":${value}},"B":{"${field}":${value}}},"${field}":${value}}`);
        lint(`{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"${field}":${value}}],"Retry":[{"${field}":${value}}],"Catch":[{"${field}":${value}}]}}}`);
      }
    }
  });

  it('scopes nested far deeper than AWS allows', () => {
    const diagnostics = lint(nestedParallel(500));
    expect(diagnostics.some((d) => d.message.includes('nested more than'))).toBe(true);
  });

  it('Choice rules nested 5,000 deep', () => {
    lint(nestedChoice(5000));
  });

  it('a 10,000-state chain with a loop back to the start', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) states[`S${i}`] = { Type: 'Pass', Next: `S${(i + 1) % 10_000}` };
    const diagnostics = lint(JSON.stringify({ StartAt: 'S0', States: states }));
    expect(diagnostics.map((d) => d.ruleId)).toContain('no-dead-end');
  });

  it('state names such as __proto__, constructor and unicode', () => {
    const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'État 1 ✓', '状態', '🚀'];
    const states: Record<string, unknown> = {};
    names.forEach((name, i) => {
      states[name] = i + 1 < names.length ? { Type: 'Pass', Next: names[i + 1] } : { Type: 'Succeed' };
    });
    const text = `{"StartAt":"__proto__","States":{${names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(states[n])}`).join(',')}}}`;
    expect(lint(text)).toEqual([]);
    expect(lint(text.replace('"Next":"constructor"', '"Next":"prototype"')).map((d) => d.ruleId)).toContain('no-missing-state');
  });

  it('a 10 MB string and CRLF line ends', () => {
    lint(`{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"${'x'.repeat(10_000_000)}","End":true}}}`);
    const crlf = sample.replace(/\n/g, '\r\n');
    expect(lint(crlf)).toEqual(lint(sample));
  });

  it('thousands of syntax errors or duplicate keys: the first 100 of each, then one count of the rest', () => {
    const duplicates = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":{${Array.from({ length: 600_000 }, () => '"k":1').join(',')}}}}}`;
    const commas = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":[${'1 '.repeat(300_000)}]}}}`;
    for (const [text, ruleId, last] of [
      [duplicates, 'no-duplicate-key', /^599,899 more duplicate keys follow from here and are not listed\. /],
      [commas, 'parse-error', /^299,899 more syntax errors follow from here and are not listed\. /],
    ] as const) {
      const result = lintText('machine.asl.json', text, { rules, assumeDefinition: true });
      const found = result.diagnostics.filter((d) => d.ruleId === ruleId);
      expect(found).toHaveLength(101);
      expect(found[100].message).toMatch(last);
      expect(found[100].range.start).toBeGreaterThan(found[99].range.start);
      // Each report format takes them: spreading a list this long once overflowed the stack.
      for (const format of Object.values(formatters)) expect(typeof format([result], { color: false })).toBe('string');
    }
  });

  it('a Task whose Resource holds millions of references, inside a DefinitionString', () => {
    const definition = `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"States.${'${A}'.repeat(2_500_000)}","End":true}}}`;
    const template = JSON.stringify({
      Resources: { Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: { 'Fn::Sub': [definition, { A: 'x' }] } } } },
    });
    const started = performance.now();
    lint(template, 'template.json');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('YAML that is not a mapping, or is several documents', () => {
    for (const text of ['- a\n- b\n', 'just text', '---\n---\n', 'StartAt: A\nStates:\n  A: {Type: Succeed}\n---\nStartAt: B\n', ': :\n  - ]', '&a [*a]']) {
      lint(text, 'machine.asl.yaml');
    }
  });
});
