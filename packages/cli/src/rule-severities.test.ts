import type { RuleDefinition } from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';
import { ruleSeverities } from './rule-severities.js';

const ids = ['no-dead-end', 'no-duplicate-key', 'no-missing-state', 'no-unreachable-state', 'require-choice-default'];
const rules = ids.map((id) => ({ id, meta: { recommended: true } }) as RuleDefinition);

describe('ruleSeverities', () => {
  it('maps settings to severities', () => {
    expect(ruleSeverities([{ id: 'no-dead-end', severity: 'off' }, { id: 'no-duplicate-key', severity: 'warning' }], rules)).toEqual({
      'no-dead-end': 'off',
      'no-duplicate-key': 'warning',
    });
  });

  it('leaves the rules it does not name to the config and the defaults', () => {
    const withOptional = [...rules, { id: 'require-tracing', meta: { recommended: false } } as RuleDefinition];
    expect(ruleSeverities([], withOptional)).toEqual({});
    expect(ruleSeverities([{ id: 'require-tracing', severity: 'warning' }], withOptional)).toEqual({ 'require-tracing': 'warning' });
  });

  it('names close ids for an unknown one', () => {
    expect(() => ruleSeverities([{ id: 'no-dupe-key', severity: 'off' }], rules)).toThrow('Unknown rule "no-dupe-key". Did you mean no-duplicate-key?');
    expect(() => ruleSeverities([{ id: 'zzz', severity: 'off' }], rules)).toThrow(`The rules are: ${ids.join(', ')}.`);
  });
});
