import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from '@sfn-lint/eslint-plugin';
import { applyFixes, lintText, reservedRules } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cdkTypesFor, requireCdkTypes } from '../packages/eslint-plugin/src/test-support/cdk-types.js';
import { cliFindings, eslintFindings } from './cli-json.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'fixtures');
const app = join(fixtures, 'cdk-app');

/** ESLint with nothing but the plugin's recommended config, as a user's eslint.config.js would spread it. */
function eslintWith(cwd: string, config = plugin.configs.recommended, options: ESLint.Options = {}): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...config] as never, ...options });
}

/** Every invalid case and example of the rules' fixtures: ASL files with known problems. */
function aslFixtures(): string[] {
  const files = readdirSync(join(fixtures, 'examples')).map((name) => join(fixtures, 'examples', name));
  for (const entry of readdirSync(fixtures, { withFileTypes: true })) {
    if (!entry.isDirectory() || ['examples', 'templates', 'cdk-app'].includes(entry.name)) continue;
    for (const kind of ['invalid', 'valid']) {
      try {
        files.push(...readdirSync(join(fixtures, entry.name, kind)).map((name) => join(fixtures, entry.name, kind, name)));
      } catch {
        // A rule may have only one kind of case.
      }
    }
  }
  return files.filter((file) => /\.asl\.(json|ya?ml)$/.test(file)).sort();
}

describe('configs', () => {
  it('cover ASL files and TypeScript sources, each with its own files and parser, in one array', () => {
    for (const config of [plugin.configs.recommended, plugin.configs.all]) {
      expect(config.map((c) => c.files)).toEqual([['**/*.asl.json', '**/*.asl.yaml', '**/*.asl.yml'], ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']]);
      for (const c of config) expect(c.languageOptions?.parser).toBeDefined();
    }
  });

  it('are made from the rules\' metadata', () => {
    const recommended = Object.assign({}, ...plugin.configs.recommended.map((c) => c.rules));
    const all = Object.assign({}, ...plugin.configs.all.map((c) => c.rules));
    const ids = [...rules, ...reservedRules].map((rule) => rule.id);
    expect(Object.keys(all).sort()).toEqual([...ids, 'cdk-definition-file', 'cdk-no-wildcard-policy', 'cdk-state-machine-logging', 'cdk-task-retry', 'cdk-task-token-timeout'].map((id) => `sfn-lint/${id}`).sort());
    expect(Object.keys(plugin.rules).sort()).toEqual(Object.keys(all).map((id) => id.slice('sfn-lint/'.length)).sort());
    for (const rule of [...rules, ...reservedRules]) {
      expect(recommended[`sfn-lint/${rule.id}`], rule.id).toBe(rule.meta.recommended ? (rule.meta.severity === 'error' ? 'error' : 'warn') : undefined);
    }
    expect(recommended['sfn-lint/require-tracing']).toBeUndefined();
    expect(all['sfn-lint/require-tracing']).toBe('warn');
    expect(recommended['sfn-lint/cdk-no-wildcard-policy']).toBe('error');
    expect(recommended['sfn-lint/cdk-task-retry']).toBe('warn');
  });

  it('give every rule a docs URL that points at its generated page', () => {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const url = (rule.meta as { docs?: { url?: string } }).docs?.url;
      expect(url, id).toBe(`https://github.com/sfn-lint/sfn-lint/blob/main/docs/rules/${id}.md`);
    }
  });
});

describe('ASL files through ESLint', () => {
  it('give the CLI\'s diagnostics: the same rules, positions, severities and messages', async () => {
    const files = aslFixtures();
    expect(files.length).toBeGreaterThan(30);
    const cli = cliFindings(files, root);
    const results = await eslintWith(root).lintFiles(files);
    expect(results.length).toBe(files.length);
    let compared = 0;
    for (const result of results) {
      expect(eslintFindings(result), result.filePath).toEqual(cli.get(result.filePath) ?? []);
      compared += result.messages.length;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('fix what the engine fixes, as sfn-lint --fix would', async () => {
    const file = readdirSync(join(fixtures, 'lambda-transient-retry', 'invalid')).map((name) => join(fixtures, 'lambda-transient-retry', 'invalid', name))[0];
    const text = readFileSync(file, 'utf8');
    const [result] = await eslintWith(root, plugin.configs.recommended, { fix: true }).lintText(text, { filePath: file });
    const expected = applyFixes(text, lintText(file, text, { rules, assumeDefinition: true }).diagnostics.filter((d) => d.ruleId === 'lambda-transient-retry').flatMap((d) => (d.fix ? [d.fix] : [])));
    expect(result.output).toBeDefined();
    expect(result.output).toBe(expected.text);
    expect(result.messages.filter((m) => m.ruleId === 'sfn-lint/lambda-transient-retry')).toEqual([]);
  });

  it('honour eslint-disable comments in YAML, and sfn-lint\'s own Comment directives', async () => {
    const yaml = `StartAt: A
States:
  A:
    Type: Pass
    End: true
  # eslint-disable-next-line sfn-lint/no-unreachable-state -- wired in by the next release
  Orphan:
    Type: Pass
    End: true
  Other:
    Type: Pass
    End: true
`;
    const [result] = await eslintWith(root).lintText(yaml, { filePath: join(root, 'flow.asl.yaml') });
    expect(result.messages.map((m) => `${m.ruleId} ${m.line}`)).toEqual(['sfn-lint/no-unreachable-state 10']);
    expect(result.suppressedMessages.map((m) => `${m.ruleId} ${m.line}`)).toEqual(['sfn-lint/no-unreachable-state 7']);

    const json = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true }, B: { Type: 'Pass', End: true, Comment: 'sfn-lint-disable no-unreachable-state -- kept for later' } } }, null, 2);
    const [fromJson] = await eslintWith(root).lintText(json, { filePath: join(root, 'flow.asl.json') });
    expect(fromJson.messages).toEqual([]);
  });

  it('turn rules off and on through the config, and pass settings and options to the engine', async () => {
    const file = join(fixtures, 'examples', 'order-workflow.asl.json');
    const off = await eslintWith(root, [...plugin.configs.recommended, { files: ['**/*.asl.json'], rules: { 'sfn-lint/no-missing-state': 'off' } }] as never).lintFiles([file]);
    expect(off[0].messages.map((m) => m.ruleId)).not.toContain('sfn-lint/no-missing-state');
    expect(off[0].messages.length).toBeGreaterThan(0);

    const express = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, TimeoutSeconds: 60, End: true } } });
    const withSettings = [...plugin.configs.recommended, { settings: { 'sfn-lint': { machineType: 'EXPRESS' } } }];
    const [result] = await eslintWith(root, withSettings as never).lintText(express, { filePath: join(root, 'express.asl.json') });
    expect(result.messages.map((m) => m.ruleId)).toContain('sfn-lint/express-unsupported');

    const variables = JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Assign: { debugCount: 1 }, End: true } } });
    const ignoring = [...plugin.configs.recommended, { files: ['**/*.asl.json'], rules: { 'sfn-lint/no-unused-variable': ['warn', { ignore: ['debug*'] }] } }];
    const [plain] = await eslintWith(root).lintText(variables, { filePath: join(root, 'vars.asl.json') });
    const [ignored] = await eslintWith(root, ignoring as never).lintText(variables, { filePath: join(root, 'vars.asl.json') });
    expect(plain.messages.map((m) => m.ruleId)).toContain('sfn-lint/no-unused-variable');
    expect(ignored.messages.map((m) => m.ruleId)).not.toContain('sfn-lint/no-unused-variable');
  });

  it('report text that is not JSON as parse-error, not as an ESLint crash', async () => {
    const [result] = await eslintWith(root).lintText('{ "StartAt": ', { filePath: join(root, 'broken.asl.json') });
    expect(result.fatalErrorCount).toBe(0);
    expect(result.messages.map((m) => m.ruleId)).toContain('sfn-lint/parse-error');
  });
});

/** The findings the sample CDK app is written to have, as `file line rule`. */
const expectedAppFindings = [
  'definitions/ingest.asl.json 17 sfn-lint/require-retry',
  'definitions/ingest.asl.json 23 sfn-lint/states-all-last',
  'definitions/ingest.asl.json 23 sfn-lint/no-missing-state',
  'definitions/order-flow.asl.json 7 sfn-lint/no-missing-state',
  'definitions/order-flow.asl.json 9 sfn-lint/no-unreachable-state',
  'lib/approval-stack.ts 21 sfn-lint/cdk-task-token-timeout',
  'lib/approval-stack.ts 36 sfn-lint/cdk-state-machine-logging',
  'lib/ingest-stack.ts 5 sfn-lint/cdk-no-wildcard-policy',
  'lib/ingest-stack.ts 15 sfn-lint/cdk-no-wildcard-policy',
  'lib/ingest-stack.ts 22 sfn-lint/cdk-definition-file',
  'lib/order-stack.ts 25 sfn-lint/cdk-task-retry',
  'lib/order-stack.ts 30 sfn-lint/cdk-state-machine-logging',
  'lib/order-stack.ts 37 sfn-lint/cdk-task-retry',
];

function appFindings(results: readonly ESLint.LintResult[]): string[] {
  expect(results.flatMap((r) => r.messages.filter((m) => m.fatal)).map((m) => m.message)).toEqual([]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(app.length + 1)} ${m.line} ${m.ruleId}`));
}

describe('the sample CDK app', () => {
  it('has the expected findings without type information', async () => {
    const results = await eslintWith(app).lintFiles(['.']);
    expect(results.map((r) => r.filePath.slice(app.length + 1)).sort()).toEqual([
      'bin/app.ts',
      'definitions/ingest.asl.json',
      'definitions/order-flow.asl.json',
      'definitions/refund-flow.asl.json',
      // ESLint lints JavaScript files by default, with no rule on them here.
      'eslint.config.mjs',
      'lib/approval-stack.ts',
      'lib/ingest-stack.ts',
      'lib/order-stack.ts',
      'lib/reporting-stack.ts',
    ]);
    expect(appFindings(results)).toEqual(expectedAppFindings);
    const summary = results.find((r) => r.filePath.endsWith('ingest-stack.ts'))!.messages.find((m) => m.ruleId === 'sfn-lint/cdk-definition-file')!;
    expect(summary.message).toMatch(/^definitions\/ingest\.asl\.json has 3 problems \(2 errors, 1 warning\): definitions\/ingest\.asl\.json:17:19 require-retry: /);
  });

  it.skipIf(!cdkTypesFor('tests/eslint-plugin.test.ts'))('has the same findings through its own eslint.config.mjs, with the project\'s types', async () => {
    requireCdkTypes();
    const results = await new ESLint({ cwd: app }).lintFiles(['.']);
    expect(appFindings(results)).toEqual(expectedAppFindings);
  }, 300_000);
});
