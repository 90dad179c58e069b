import type { RuleDefinition } from '@sfn-lint/core';
import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { aslParser } from './asl/parser.js';
import { engineRules } from './asl/lint-cache.js';
import { cdkRules } from './cdk/index.js';

type Severity = 'error' | 'warn';
type Config = TSESLint.FlatConfig.Config;

export const PLUGIN_NAME = 'sfn-lint';
export const ASL_FILES = ['**/*.asl.json', '**/*.asl.yaml', '**/*.asl.yml'];
export const CDK_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
/** Synthesised output and its assets are generated, not written: never lint them as source. */
const CDK_IGNORES = ['**/cdk.out/**', '**/*.d.ts'];

/** ESLint's severity for an sfn-lint rule: ESLint has no info, so info findings are warnings. */
export function aslSeverity(rule: Pick<RuleDefinition, 'meta'>): Severity {
  return rule.meta.severity === 'error' ? 'error' : 'warn';
}

/** ESLint's severity for a CDK rule: problems are errors, suggestions warnings. */
export function cdkSeverity(rule: { meta: { type: string } }): Severity {
  return rule.meta.type === 'problem' ? 'error' : 'warn';
}

/**
 * One flat-config array for ASL files and CDK sources, each with its own files and parser,
 * made from the rules' metadata: `recommended` turns on what the rules recommend, `all`
 * every rule.
 */
export function makeConfig(plugin: TSESLint.FlatConfig.Plugin, name: 'recommended' | 'all'): Config[] {
  const wanted = (recommended: boolean) => name === 'all' || recommended;
  const asl = Object.fromEntries(engineRules.filter((rule) => wanted(rule.meta.recommended)).map((rule) => [`${PLUGIN_NAME}/${rule.id}`, aslSeverity(rule)]));
  const cdk = Object.fromEntries(
    Object.entries(cdkRules)
      .filter(([, rule]) => wanted(rule.meta.docs?.recommended ?? false))
      .map(([id, rule]) => [`${PLUGIN_NAME}/${id}`, cdkSeverity(rule)]),
  );
  return [
    {
      name: `${PLUGIN_NAME}/${name}/asl`,
      files: ASL_FILES,
      plugins: { [PLUGIN_NAME]: plugin },
      languageOptions: { parser: aslParser as TSESLint.FlatConfig.Parser },
      rules: asl,
    },
    {
      name: `${PLUGIN_NAME}/${name}/cdk`,
      files: CDK_FILES,
      ignores: CDK_IGNORES,
      plugins: { [PLUGIN_NAME]: plugin },
      languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
      rules: cdk,
    },
  ];
}
