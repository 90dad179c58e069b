import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { formatCompact } from './compact.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, diagnostics: Omit<Diagnostic, 'file'>[], text = TEXT): LintResult {
  return { file, document: parseDocument(file, text), machines: [], diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}

describe('formatCompact', () => {
  it('prints one line per problem with 1-based positions, relative to cwd', () => {
    const output = formatCompact(
      [
        result('/work/defs/a.asl.json', [
          { ruleId: 'no-duplicate-key', severity: 'error', message: 'Duplicate key "StartAt".', range: { start: 4, end: 13 } },
          { ruleId: 'no-dead-end', severity: 'warning', message: 'State "A" never ends.', range: { start: 52, end: 77 } },
        ]),
        result('/work/b.asl.json', []),
        result('/elsewhere/c.asl.json', [{ ruleId: 'some-info', severity: 'info', message: 'Consider this', range: { start: 0, end: 0 } }]),
      ],
      { cwd: '/work' },
    );
    expect(output).toBe(
      [
        'defs/a.asl.json:2:3: error Duplicate key "StartAt". [no-duplicate-key]',
        'defs/a.asl.json:4:19: warning State "A" never ends. [no-dead-end]',
        '/elsewhere/c.asl.json:1:1: info Consider this [some-info]',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(formatCompact([result('/work/a.asl.json', [])], { cwd: '/work' })).toBe('');
    expect(formatCompact([])).toBe('');
  });

  it("keeps each problem on one line and names a template's state machine", () => {
    const output = formatCompact([
      result('t.yaml', [{ ruleId: 'r', severity: 'error', message: 'First line\nsecond line\r\nthird.', range: { start: 0, end: 1 }, machine: 'OrderFlow' }]),
    ]);
    expect(output).toBe('t.yaml:1:1: error OrderFlow: First line second line third. [r]\n');
  });
});
