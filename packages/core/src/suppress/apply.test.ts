import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import { suppressFindings, unusedDirectives, type DirectiveUsage } from './apply.js';
import type { Directive, Reach } from './directive.js';

// Ten lines of ten characters: line n starts at offset 10 * n.
const document = parseDocument('machine.asl.yaml', 'x: 123456\n'.repeat(10));
const other = parseDocument('other.asl.yaml', 'x: 123456\n'.repeat(10));

function finding(ruleId: string, start: number, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId, severity: 'error', message: `${ruleId} at ${start}`, file: document.file, range: { start, end: start + 3 }, ...extra };
}

function directive(reach: Reach, rules: readonly string[] | 'all', start = 0, label = 'This directive'): Directive {
  return {
    document,
    reach,
    rules: rules === 'all' ? 'all' : rules.map((id, i) => ({ id, range: { start: start + 20 + i * 5, end: start + 24 + i * 5 } })),
    range: { start, end: start + 9 },
    label,
  };
}

function run(diagnostics: Diagnostic[], directives: Directive[], usage: DirectiveUsage = new Map()) {
  const { kept, suppressed } = suppressFindings(document, diagnostics, directives, usage);
  return { kept: kept.map((d) => d.message), suppressed, usage };
}

describe('suppressFindings', () => {
  it('suppresses, on the directive line, the findings that start there and are of a named rule', () => {
    const line = directive({ kind: 'line', line: 3 }, ['require-retry']);
    const usage: DirectiveUsage = new Map();
    const result = run([finding('require-retry', 29), finding('require-retry', 30), finding('require-retry', 39), finding('no-dead-end', 35), finding('require-retry', 40)], [line], usage);
    expect(result.kept).toEqual(['require-retry at 29', 'no-dead-end at 35', 'require-retry at 40']);
    expect(result.suppressed).toBe(2);
    expect([...usage.get(line)!]).toEqual(['require-retry']);
  });

  it('follows disable and enable comments in order: the last one before a finding that names its rule decides', () => {
    const directives = [
      directive({ kind: 'from', disable: true }, 'all', 20),
      directive({ kind: 'from', disable: false }, ['no-dead-end'], 50),
      directive({ kind: 'from', disable: true }, ['no-dead-end'], 70),
      directive({ kind: 'from', disable: false }, 'all', 90),
    ];
    const diagnostics = [
      finding('require-retry', 10),
      finding('no-dead-end', 19),
      finding('require-retry', 20),
      finding('no-dead-end', 40),
      finding('no-dead-end', 60),
      finding('require-retry', 60),
      finding('no-dead-end', 80),
      finding('require-retry', 95),
      finding('no-dead-end', 95),
    ];
    const usage: DirectiveUsage = new Map();
    expect(run(diagnostics, directives, usage).kept).toEqual(['require-retry at 10', 'no-dead-end at 19', 'no-dead-end at 60', 'require-retry at 95', 'no-dead-end at 95']);
    expect([...usage.get(directives[0])!]).toEqual(['require-retry', 'no-dead-end']);
    expect([...usage.get(directives[2])!]).toEqual(['no-dead-end']);
    expect(usage.has(directives[1]) || usage.has(directives[3])).toBe(false);
  });

  it('applies a definition Comment to findings inside its definition, of its machine, on its state or a nested one', () => {
    const root = { start: 10, end: 90 };
    const machineWide = directive({ kind: 'definition', machine: 'Flow', root }, ['no-dead-end']);
    const onFan = directive({ kind: 'definition', machine: 'Flow', root, statePath: ['Fan'] }, ['require-retry']);
    const diagnostics = [
      finding('no-dead-end', 20, { machine: 'Flow' }),
      finding('no-dead-end', 21, { machine: 'Audit' }),
      finding('no-dead-end', 5),
      finding('no-dead-end', 30),
      finding('require-retry', 40, { machine: 'Flow', statePath: ['Fan', 'Call'] }),
      finding('require-retry', 41, { machine: 'Flow', statePath: ['Fan'] }),
      finding('require-retry', 42, { machine: 'Flow', statePath: ['Fanout'] }),
      finding('require-retry', 43, { machine: 'Flow' }),
    ];
    expect(run(diagnostics, [machineWide, onFan]).kept).toEqual(['no-dead-end at 21', 'no-dead-end at 5', 'require-retry at 42', 'require-retry at 43']);
  });

  it("applies a template's Metadata to a machine's findings in any document, and to a shared role's only when every machine ignores the rule", () => {
    const flow = { ...directive({ kind: 'template', machine: 'Flow' }, ['require-logging', 'iam-no-wildcard-action']), document: other };
    const audit = { ...directive({ kind: 'template', machine: 'Audit' }, ['iam-no-wildcard-action']), document: other };
    const diagnostics = [
      finding('require-logging', 10, { machine: 'Flow' }),
      finding('require-logging', 11, { machine: 'Audit' }),
      finding('iam-no-wildcard-action', 20, { machines: ['Flow'] }),
      finding('iam-no-wildcard-action', 21, { machines: ['Flow', 'Audit'] }),
      finding('require-logging', 22, { machines: ['Flow', 'Audit'] }),
      finding('require-logging', 23),
    ];
    const usage: DirectiveUsage = new Map();
    expect(run(diagnostics, [flow, audit], usage).kept).toEqual(['require-logging at 11', 'require-logging at 22', 'require-logging at 23']);
    expect([...usage.get(flow)!]).toEqual(['require-logging', 'iam-no-wildcard-action']);
    expect([...usage.get(audit)!]).toEqual(['iam-no-wildcard-action']);
  });

  it("never suppresses parse errors, internal errors or the directive reports, and ignores another document's comments", () => {
    const all = directive({ kind: 'line', line: 1 }, 'all');
    const elsewhere = { ...directive({ kind: 'line', line: 2 }, 'all'), document: other };
    const diagnostics = ['parse-error', 'internal-error', 'invalid-directive', 'unused-disable-directive', 'no-dead-end'].map((id) => finding(id, 12));
    expect(run([...diagnostics, finding('no-dead-end', 25)], [all, elsewhere]).kept).toEqual([
      'parse-error at 12',
      'internal-error at 12',
      'invalid-directive at 12',
      'unused-disable-directive at 12',
      'no-dead-end at 25',
    ]);
  });
});

describe('unusedDirectives', () => {
  it('reports each rule id nothing needed at its own range, the whole directive when it names none, and never an enable', () => {
    const usedOne = directive({ kind: 'line', line: 1 }, ['require-retry', 'no-dead-end'], 0, 'This sfn-lint-disable-next-line comment');
    const unusedAll = directive({ kind: 'from', disable: true }, 'all', 40, 'This sfn-lint-disable comment');
    const enable = directive({ kind: 'from', disable: false }, ['no-dead-end'], 60);
    const single = directive({ kind: 'template', machine: 'Flow' }, ['require-logging'], 80, 'The sfn-lint Metadata of "Flow"');
    const usage: DirectiveUsage = new Map([[usedOne, new Set(['require-retry'])]]);
    const problems = unusedDirectives([usedOne, unusedAll, enable, single], usage, () => true);
    expect(problems.map((p) => [p.range, p.message])).toEqual([
      [{ start: 25, end: 29 }, 'This sfn-lint-disable-next-line comment suppresses no "no-dead-end" finding. Remove "no-dead-end" from it.'],
      [{ start: 40, end: 49 }, 'This sfn-lint-disable comment suppresses nothing. Remove it.'],
      [{ start: 100, end: 104 }, 'The sfn-lint Metadata of "Flow" suppresses no "require-logging" finding. Remove it.'],
    ]);
  });

  it('leaves alone the rule ids of rules that are off in this run', () => {
    const metadata = directive({ kind: 'template', machine: 'Flow' }, ['require-tracing']);
    expect(unusedDirectives([metadata], new Map(), (id) => id !== 'require-tracing')).toEqual([]);
  });
});
