import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { yamlDirectives } from './yaml-directives.js';

const known = new Set(['require-retry', 'no-dead-end', 'no-unreachable-state']);

function read(text: string, file = 'machine.asl.yaml') {
  const document = parseDocument(file, text);
  return { document, ...yamlDirectives(document, known) };
}

describe('yamlDirectives', () => {
  it('aims disable-next-line at the next line that is neither blank nor a comment', () => {
    const text = [
      'StartAt: A', // 0
      'States:', // 1
      '  # sfn-lint-disable-next-line require-retry -- billing retries itself', // 2
      '', // 3
      '  # an ordinary comment', // 4
      '  A:', // 5
      '    Type: Pass # sfn-lint-disable-line', // 6
      '    End: true', // 7
      '',
    ].join('\n');
    const { directives, problems } = read(text);
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.reach, d.rules === 'all' ? 'all' : d.rules.map((r) => r.id), d.reason, d.label])).toEqual([
      [{ kind: 'line', line: 5 }, ['require-retry'], 'billing retries itself', 'This sfn-lint-disable-next-line comment'],
      [{ kind: 'line', line: 6 }, 'all', undefined, 'This sfn-lint-disable-line comment'],
    ]);
    expect(text.slice(directives[0].range.start, directives[0].range.end)).toBe('sfn-lint-disable-next-line require-retry -- billing retries itself');
    const rule = (directives[0].rules as { range: { start: number; end: number } }[])[0].range;
    expect(rule).toEqual({ start: 50, end: 63 });
  });

  it('does not aim disable-next-line at a # line inside a block scalar, and reaches nothing at the end of the file', () => {
    const text = 'A:\n  # sfn-lint-disable-next-line no-dead-end\n  Comment: |\n    # text of the block\n# sfn-lint-disable-next-line require-retry\n\n# trailing\n';
    const { directives } = read(text);
    expect(directives.map((d) => d.reach)).toEqual([
      { kind: 'line', line: 2 },
      { kind: 'line', line: -1 },
    ]);
  });

  it('reads disable and enable as ranges, with or without rule ids', () => {
    const text = '# sfn-lint-disable\na: 1\n# sfn-lint-enable no-dead-end\nb: 2\n# sfn-lint-enable\n';
    const { directives } = read(text);
    expect(directives.map((d) => [d.reach, d.rules === 'all' ? 'all' : d.rules.map((r) => r.id), d.range.start])).toEqual([
      [{ kind: 'from', disable: true }, 'all', 2],
      [{ kind: 'from', disable: false }, ['no-dead-end'], 26],
      [{ kind: 'from', disable: false }, 'all', 61],
    ]);
  });

  it('ignores directives in strings and block scalars, and comments that do not open with one', () => {
    const text = [
      'a: "# sfn-lint-disable-line"',
      'b: |',
      '  # sfn-lint-disable',
      '# see sfn-lint-disable in the README',
      '#sfn-lint-disable-line no-dead-end',
      '',
    ].join('\n');
    const { directives } = read(text);
    expect(directives.map((d) => d.reach)).toEqual([{ kind: 'line', line: 4 }]);
  });

  it('reports an unknown keyword, and unknown rule ids while keeping the known ones', () => {
    const text = '# sfn-lint-disable-nextline require-retry\n# sfn-lint-disable-next-line require-retry, no-such-rule\n# sfn-lint-disable-line parse-error\na: 1\n';
    const { directives, problems } = read(text);
    expect(problems.map((p) => [text.slice(p.range.start, p.range.end), p.message])).toEqual([
      [
        'sfn-lint-disable-nextline',
        '"sfn-lint-disable-nextline" is not an sfn-lint directive: did you mean "sfn-lint-disable-next-line"? The directives are sfn-lint-disable, sfn-lint-enable, sfn-lint-disable-line, sfn-lint-disable-next-line.',
      ],
      ['no-such-rule', '"no-such-rule" is not a rule id, so the directive suppresses nothing for it. Separate rule ids with commas, and put a reason after " -- ".'],
      ['parse-error', '"parse-error" cannot be suppressed: fix what it reports instead.'],
    ]);
    // The directive that named only a rule it cannot suppress is dropped rather than read as "every rule".
    expect(directives.map((d) => [d.reach, d.rules === 'all' ? 'all' : d.rules.map((r) => r.id)])).toEqual([[{ kind: 'line', line: 3 }, ['require-retry']]]);
  });

  it('reads nothing from JSON, and keeps line numbers right with CRLF line ends', () => {
    expect(read('{"a": 1}', 'machine.asl.json').directives).toEqual([]);
    const { directives } = read('a: 1\r\n# sfn-lint-disable-next-line no-dead-end\r\n\r\nb: 2\r\n');
    expect(directives.map((d) => d.reach)).toEqual([{ kind: 'line', line: 3 }]);
  });
});
