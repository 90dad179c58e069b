import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { formatStylish } from './stylish.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, findings: [Severity, number, number, string, string][], text = TEXT): LintResult {
  const diagnostics: Diagnostic[] = findings.map(([severity, start, end, ruleId, message]) => ({ ruleId, severity, message, file, range: { start, end } }));
  return { file, document: parseDocument(file, text), machines: [], diagnostics };
}

describe('formatStylish', () => {
  it('prints nothing when there are no problems', () => {
    expect(formatStylish([result('/work/a.asl.json', [])], { cwd: '/work' })).toBe('');
    expect(formatStylish([])).toBe('');
  });

  it('prints each file with aligned rows and a summary, like ESLint', () => {
    const long = '{"StartAt":"A",' + '\n'.repeat(12) + '"States":{}}';
    const output = formatStylish(
      [
        result('/work/a.asl.json', [
          ['error', 5, 12, 'no-duplicate-key', 'Duplicate key "StartAt".'],
          ['warning', 52, 56, 'no-dead-end', 'State "A" never ends.'],
        ]),
        result('/work/b.asl.json', []),
        result('/elsewhere/c.asl.json', [['info', long.length - 2, long.length, 'some-info', 'Consider this']], long),
      ],
      { cwd: '/work' },
    );
    expect(output).toBe(
      [
        '',
        'a.asl.json',
        '  2:4   error    Duplicate key "StartAt"  no-duplicate-key',
        '  4:19  warning  State "A" never ends     no-dead-end',
        '',
        '/elsewhere/c.asl.json',
        '  13:11  info  Consider this  some-info',
        '',
        '\u2716 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('right-aligns lines and left-aligns columns', () => {
    const text = 'x\n'.repeat(12);
    const output = formatStylish([
      result('a.json', [
        ['error', 2, 3, 'r', 'm'],
        ['error', 22, 23, 'r', 'm'],
      ], text),
    ]);
    expect(output.split('\n').slice(2, 4)).toEqual(['   2:1  error  m  r', '  12:1  error  m  r']);
  });

  it('pluralises the summary', () => {
    expect(formatStylish([result('a.json', [['warning', 0, 1, 'r', 'm']])])).toContain('\u2716 1 problem (0 errors, 1 warning)\n');
  });

  it('colours with ANSI codes only when asked', () => {
    const results = [result('/work/a.asl.json', [['error', 5, 12, 'no-duplicate-key', 'Duplicate key.']])];
    expect(formatStylish(results, { cwd: '/work' })).not.toContain('\u001b[');
    const coloured = formatStylish(results, { cwd: '/work', color: true });
    expect(coloured).toContain('\u001b[4ma.asl.json\u001b[24m');
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[2mno-duplicate-key\u001b[22m');
    expect(coloured).toContain('\u001b[31m\u001b[1m\u2716 1 problem (1 error, 0 warnings)\u001b[22m\u001b[39m');
    // Colour codes do not count towards the alignment.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(results, { cwd: '/work' }));
  });

  it('shows a stdin name as it is', () => {
    expect(formatStylish([result('<stdin>', [['error', 0, 1, 'parse-error', 'Bad.']])], { cwd: '/work' })).toContain('\n<stdin>\n');
  });
});
