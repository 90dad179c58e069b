import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.js';
import { matchesPathOrParent } from './path-globs.js';
import { resolveConfig } from './resolve.js';
import { testCheck } from './test-support/rules.js';
import type { Config } from './types.js';

function config(text: string): Config {
  const parsed = parseConfig('/p/sfn-lint.config.yaml', text, testCheck);
  if (!parsed.config) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const CONFIG = config(`
rules:
  no-dead-end: warn
  no-unused-variable: [info, { ignorePattern: "^_" }]
ignores: [generated, "**/*.draft.asl.json"]
settings: { lambdaIdempotent: false }
overrides:
  - files: ["legacy/**"]
    rules: { no-dead-end: off, no-unused-variable: error }
    settings: { machineType: EXPRESS }
  - files: ["legacy/keep/*"]
    rules: { no-dead-end: error }
  - states: ["Fan out"]
    rules: { no-duplicate-key: off, no-dead-end: info }
  - files: ["other/**"]
    states: ["Poll*"]
    rules: { require-tracing: warn }
`);

describe('matchesPathOrParent', () => {
  it('matches a path or a folder it is in', () => {
    expect(matchesPathOrParent(['legacy'], 'legacy/a/b.json')).toBe(true);
    expect(matchesPathOrParent(['./legacy/'], 'legacy/a.json')).toBe(true);
    expect(matchesPathOrParent(['legacy/*'], 'legacy/a/b.json')).toBe(true);
    expect(matchesPathOrParent(['*.json'], 'a.json')).toBe(true);
    expect(matchesPathOrParent(['*.json'], 'd/a.json')).toBe(false);
    expect(matchesPathOrParent(['**/*.json'], 'd/a.json')).toBe(true);
    expect(matchesPathOrParent(['leg'], 'legacy/a.json')).toBe(false);
    expect(matchesPathOrParent(['Fan out'], 'Fan out/Step')).toBe(true);
    expect(matchesPathOrParent(['Fan out/*'], 'Fan out')).toBe(false);
    expect(matchesPathOrParent([], 'a')).toBe(false);
  });
});

describe('resolveConfig', () => {
  it('applies the config, then the overrides whose files match, in order', () => {
    expect(resolveConfig(CONFIG, 'defs/a.asl.json')).toEqual({
      file: '/p/sfn-lint.config.yaml',
      ignored: false,
      rules: { 'no-dead-end': { severity: 'warning' }, 'no-unused-variable': { severity: 'info', options: { ignorePattern: '^_' } } },
      settings: { lambdaIdempotent: false },
      stateOverrides: [{ states: ['Fan out'], rules: { 'no-duplicate-key': 'off', 'no-dead-end': 'info' } }],
    });
    const legacy = resolveConfig(CONFIG, 'legacy/keep/a.asl.json');
    // A severity alone keeps the options set before it.
    expect(legacy.rules).toEqual({ 'no-dead-end': { severity: 'error' }, 'no-unused-variable': { severity: 'error', options: { ignorePattern: '^_' } } });
    expect(legacy.settings).toEqual({ lambdaIdempotent: false, machineType: 'EXPRESS' });
    expect(resolveConfig(CONFIG, 'legacy/a.asl.json').rules['no-dead-end']).toEqual({ severity: 'off' });
    expect(resolveConfig(CONFIG, 'other/a.asl.json').stateOverrides.map((o) => o.states)).toEqual([['Fan out'], ['Poll*']]);
  });

  it('tells ignored files', () => {
    expect(resolveConfig(CONFIG, 'generated/a/b.asl.json').ignored).toBe(true);
    expect(resolveConfig(CONFIG, 'x/y.draft.asl.json').ignored).toBe(true);
    expect(resolveConfig(CONFIG, 'x/generated.asl.json').ignored).toBe(false);
  });

  it('lets the command line win, over overrides by state too', () => {
    const effective = resolveConfig(CONFIG, 'legacy/a.asl.json', { commandLine: { 'no-dead-end': 'warning', 'no-unused-variable': 'off' } });
    expect(effective.rules).toEqual({ 'no-dead-end': { severity: 'warning' }, 'no-unused-variable': { severity: 'off', options: { ignorePattern: '^_' } } });
    expect(effective.stateOverrides).toEqual([{ states: ['Fan out'], rules: { 'no-duplicate-key': 'off' } }]);
  });

  it('without a config, holds only the command line', () => {
    expect(resolveConfig(undefined, 'a.asl.json', { commandLine: { 'no-dead-end': 'off' } })).toEqual({
      file: undefined,
      ignored: false,
      rules: { 'no-dead-end': { severity: 'off' } },
      settings: {},
      stateOverrides: [],
    });
  });
});
