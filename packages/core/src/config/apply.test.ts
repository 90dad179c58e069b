import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { applyStateOverrides, lintOptionsFor } from './apply.js';
import { printableConfig } from './print.js';
import type { EffectiveConfig } from './types.js';
import { testRules } from './test-support/rules.js';

function effective(extra: Partial<EffectiveConfig>): EffectiveConfig {
  return { file: undefined, ignored: false, rules: {}, settings: {}, stateOverrides: [], ...extra };
}

function diagnostic(ruleId: string, statePath?: string[]): Diagnostic {
  return { ruleId, severity: 'error', message: `${ruleId} at ${statePath?.join('/') ?? '-'}`, file: 'a.asl.json', range: { start: 0, end: 0 }, statePath };
}

function result(diagnostics: Diagnostic[]): LintResult {
  return { file: 'a.asl.json', document: parseDocument('a.asl.json', '{}'), machines: [], diagnostics };
}

describe('lintOptionsFor', () => {
  it('gives the configured severities and options, and turns off rules outside the recommended set', () => {
    const options = lintOptionsFor(
      effective({ rules: { 'no-dead-end': { severity: 'warning' }, 'no-unused-variable': { severity: 'info', options: { ignorePattern: '^_' } } }, settings: { machineType: 'EXPRESS' } }),
      testRules,
    );
    expect(options).toEqual({
      severities: { 'no-dead-end': 'warning', 'no-unused-variable': 'info', 'require-tracing': 'off' },
      ruleOptions: { 'no-unused-variable': { ignorePattern: '^_' } },
      settings: { machineType: 'EXPRESS' },
    });
  });

  it('runs a rule that is off for the file but on for some states', () => {
    const options = lintOptionsFor(effective({ stateOverrides: [{ states: ['A'], rules: { 'require-tracing': 'off' } }, { states: ['B'], rules: { 'require-tracing': 'info' } }] }), testRules);
    expect(options.severities).toEqual({ 'require-tracing': 'info' });
  });
});

describe('applyStateOverrides', () => {
  const findings = [
    diagnostic('no-dead-end', ['Fan out']),
    diagnostic('no-dead-end', ['Fan out', 'Step']),
    diagnostic('no-dead-end', ['Other']),
    diagnostic('no-dead-end'),
    diagnostic('require-tracing', ['Poll']),
    diagnostic('require-tracing', ['Other']),
    diagnostic('parse-error'),
  ];

  it('sets the severity of findings about matching states, the last matching override winning', () => {
    const applied = applyStateOverrides(
      result(findings),
      effective({
        stateOverrides: [
          { states: ['Fan out'], rules: { 'no-dead-end': 'off' } },
          { states: ['Fan out/Step'], rules: { 'no-dead-end': 'info' } },
          { states: ['Poll*'], rules: { 'require-tracing': 'warning' } },
        ],
      }),
      testRules,
    );
    expect(applied.diagnostics.map((d) => `${d.message} ${d.severity}`)).toEqual([
      'no-dead-end at Fan out/Step info',
      'no-dead-end at Other error',
      'no-dead-end at - error',
      'require-tracing at Poll warning',
      'parse-error at - error',
    ]);
  });

  it('applies to the definition files a template includes', () => {
    const withIncluded = { ...result([]), included: [result([diagnostic('no-dead-end', ['A'])])] };
    const applied = applyStateOverrides(withIncluded, effective({ stateOverrides: [{ states: ['A'], rules: { 'no-dead-end': 'off' } }] }), testRules);
    expect(applied.included?.[0].diagnostics).toEqual([]);
  });

  it('leaves a result alone without overrides by state', () => {
    const plain = result(findings);
    expect(applyStateOverrides(plain, effective({}), testRules)).toBe(plain);
  });
});

describe('printableConfig', () => {
  it('lists every rule with its severity for the file, options, settings and overrides by state', () => {
    expect(
      printableConfig(
        effective({
          rules: { 'no-dead-end': { severity: 'warning' }, 'no-unused-variable': { severity: 'info', options: { ignorePattern: '^_' } } },
          settings: { lambdaIdempotent: false },
          stateOverrides: [{ states: ['Fan out'], rules: { 'no-duplicate-key': 'off' } }],
        }),
        testRules,
      ),
    ).toEqual({
      ignored: false,
      rules: { 'no-dead-end': 'warning', 'no-duplicate-key': 'error', 'no-unused-variable': ['info', { ignorePattern: '^_' }], 'require-tracing': 'off' },
      settings: { lambdaIdempotent: false },
      overrides: [{ states: ['Fan out'], rules: { 'no-duplicate-key': 'off' } }],
    });
  });
});
