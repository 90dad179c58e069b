import { describe, expect, it } from 'vitest';
import { formatKeyPath } from './key-path.js';
import { parseConfig } from './parse.js';
import { testCheck } from './test-support/rules.js';

/** The problems of a config text as `key path: message` lines, with the text each one points at. */
function problems(text: string, file = 'sfn-lint.config.yaml'): string[] {
  const parsed = parseConfig(file, text, testCheck);
  return parsed.problems.map((p) => `${formatKeyPath(p.path) || '(file)'}: ${p.message} @${JSON.stringify(text.slice(p.range.start, p.range.end))}`);
}

describe('parseConfig', () => {
  it('reads rules, ignores, overrides and settings, with warn as warning', () => {
    const parsed = parseConfig(
      '/p/sfn-lint.config.yaml',
      [
        'rules:',
        '  no-dead-end: warn',
        '  require-tracing: [error]',
        '  no-unused-variable: [info, { ignorePattern: "^_" }]',
        'ignores: [generated/**]',
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules: { no-dead-end: off }',
        '    settings: { machineType: EXPRESS }',
        '  - states: ["Fan out/*"]',
        '    rules: { no-duplicate-key: warning }',
        'settings:',
        '  lambdaIdempotent: false',
      ].join('\n'),
      testCheck,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toEqual({
      file: '/p/sfn-lint.config.yaml',
      rules: {
        'no-dead-end': { severity: 'warning' },
        'require-tracing': { severity: 'error' },
        'no-unused-variable': { severity: 'info', options: { ignorePattern: '^_' } },
      },
      ignores: ['generated/**'],
      overrides: [
        { files: ['legacy/**'], rules: { 'no-dead-end': { severity: 'off' } }, settings: { machineType: 'EXPRESS' } },
        { states: ['Fan out/*'], rules: { 'no-duplicate-key': { severity: 'warning' } }, settings: {} },
      ],
      settings: { lambdaIdempotent: false },
    });
  });

  it('reads JSON, with comments, and an empty YAML file as an empty config', () => {
    const json = parseConfig('c.json', '{\n  // why: generated files\n  "$schema": "./schema.json", "ignores": ["gen"]\n}', testCheck);
    expect(json.problems).toEqual([]);
    expect(json.config?.ignores).toEqual(['gen']);
    expect(parseConfig('c.yaml', '# nothing yet\n', testCheck).config).toEqual({ file: 'c.yaml', rules: {}, ignores: [], overrides: [], settings: {} });
  });

  it('names an unknown rule and the ids it may have meant', () => {
    expect(problems('rules:\n  no-dupe-key: off\n')).toEqual(['rules.no-dupe-key: unknown rule "no-dupe-key". Did you mean no-duplicate-key? @"no-dupe-key"']);
    expect(problems('rules:\n  zzz: off\n')).toEqual([
      'rules.zzz: unknown rule "zzz": the rules are no-dead-end, no-duplicate-key, no-unused-variable, require-tracing. @"zzz"',
    ]);
    expect(problems('overrides:\n  - files: [a]\n    rules: { no-dead: off }\n')).toEqual([
      'overrides[0].rules.no-dead: unknown rule "no-dead". Did you mean no-dead-end? @"no-dead"',
    ]);
  });

  it('names a bad severity', () => {
    expect(problems('rules:\n  no-dead-end: warnn\n')).toEqual(['rules.no-dead-end: unknown severity "warnn". Did you mean warn? @"warnn"']);
    expect(problems('rules:\n  no-dead-end: [fatal]\n')).toEqual(['rules.no-dead-end[0]: unknown severity "fatal": use off, info, warn, warning or error. @"fatal"']);
    expect(problems('{ "rules": { "no-dead-end": 2 } }', 'c.json')).toEqual([
      'rules.no-dead-end: must be a severity (off, info, warn, warning or error) or [severity], not 2. @"2"',
    ]);
    expect(problems('rules:\n  no-unused-variable: {}\n')).toEqual([
      'rules.no-unused-variable: must be a severity (off, info, warn, warning or error) or [severity, options], not an object. @"{}"',
    ]);
    expect(problems('rules:\n  no-dead-end: []\n')).toEqual(['rules.no-dead-end: give a severity: [severity] or [severity, options]. @"[]"']);
  });

  it('checks options against the rule', () => {
    expect(problems('rules:\n  no-dead-end: [warn, {}]\n')).toEqual(['rules.no-dead-end: no-dead-end takes no options: give only a severity. @"[warn, {}]"']);
    expect(problems('rules:\n  no-unused-variable: [warn, { ignorePatern: x }]\n')).toEqual([
      'rules.no-unused-variable[1].ignorePatern: unknown option "ignorePatern" of no-unused-variable. Did you mean ignorePattern? @"ignorePatern"',
    ]);
    expect(problems('rules:\n  no-unused-variable: [warn, { ignorePattern: 1 }]\n')).toEqual([
      'rules.no-unused-variable[1].ignorePattern: must be a string, not 1. @"1"',
    ]);
    expect(problems('rules:\n  no-unused-variable: [warn, {}, {}]\n')).toEqual([
      'rules.no-unused-variable: takes [severity, options], with one options object. @"[warn, {}, {}]"',
    ]);
  });

  it('names unknown keys and settings, and wrong types', () => {
    expect(problems('rule: {}\n')).toEqual(['rule: unknown key "rule". Did you mean rules? @"rule"']);
    expect(problems('extends: x\n')).toEqual(['extends: unknown key "extends": the keys are $schema, rules, ignores, overrides and settings. @"extends"']);
    expect(problems('settings:\n  machinetype: EXPRESS\n  retries: 3\n')).toEqual([
      'settings.machinetype: unknown setting "machinetype". Did you mean machineType? @"machinetype"',
      'settings.retries: unknown setting "retries": the settings are machineType and lambdaIdempotent. @"retries"',
    ]);
    expect(problems('settings:\n  machineType: express\n')).toEqual(['settings.machineType: must be STANDARD or EXPRESS, not "express". Did you mean EXPRESS? @"express"']);
    expect(problems('settings:\n  lambdaIdempotent: "no"\n')).toEqual(['settings.lambdaIdempotent: must be true or false, not "no". @"\\"no\\""']);
    expect(problems('ignores: generated\n')).toEqual(['ignores: must be an array of globs, not "generated". @"generated"']);
    expect(problems('ignores: ["a", ""]\n')).toEqual(['ignores[1]: must not be empty. @"\\"\\""']);
    expect(problems('overrides:\n  - states: [" "]\n')).toEqual(['overrides[0].states[0]: must not be empty. @"\\" \\""']);
    expect(problems('- rules\n')).toEqual(['(file): must be an object, not an array. @"- rules\\n"']);
  });

  it('checks overrides', () => {
    expect(problems('overrides:\n  - file: [a]\n    rules: {}\n')).toEqual(['overrides[0].file: unknown key "file". Did you mean files? @"file"']);
    expect(problems('overrides:\n  - files: []\n')).toEqual(['overrides[0].files: must not be empty. @"[]"']);
    expect(problems('overrides: { files: [a] }\n')).toEqual(['overrides: must be an array, not an object. @"{ files: [a] }"']);
    expect(problems('overrides:\n  - states: [A]\n    rules: { no-unused-variable: [warn, { ignorePattern: x }] }\n    settings: { machineType: EXPRESS }\n')).toEqual([
      'overrides[0].rules.no-unused-variable: options cannot differ between states: give only a severity here, and the options in an override without "states". @"[warn, { ignorePattern: x }]"',
      'overrides[0].settings: settings cannot differ between states: give them in an override without "states". @"settings"',
    ]);
    expect(problems('overrides:\n  - states: [A]\n    rules: { no-dead-end: [warn, {}] }\n')).toEqual([
      'overrides[0].rules.no-dead-end: no-dead-end takes no options: give only a severity. @"[warn, {}]"',
    ]);
  });

  it('reports syntax errors, duplicate keys and a second document at their text', () => {
    expect(problems('{ "rules": { "no-dead-end": "off", } }', 'c.json')).toEqual([
      '(file): Trailing comma: JSON does not allow a comma before "}". Remove it. @","',
    ]);
    expect(problems('rules:\n  no-dead-end: off\n  no-dead-end: warn\n')).toEqual([
      'rules.no-dead-end: duplicate key "no-dead-end": only the last one would count. Remove or rename one of them. @"no-dead-end"',
    ]);
    expect(problems('rules: {}\n---\nignores: [a]\n')).toEqual(['(file): A config file holds one YAML document; this is a second one. @"ignores: [a]\\n"']);
  });

  it('is data: YAML tags and anchors are values, never code', () => {
    expect(problems('rules: !!js/function "function () {}"\n')).toEqual(['rules: must be an object, not "function () {}". @"\\"function () {}\\""']);
  });
});
