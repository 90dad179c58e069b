// @sfn-lint/eslint-plugin: sfn-lint's rules on ASL files through ESLint, and rules on the
// CDK TypeScript that builds state machines.
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { aslRules } from './asl/adapter-rules.js';
import { aslParser } from './asl/parser.js';
import { cdkRules } from './cdk/index.js';
import { makeConfig } from './configs.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version },
  rules: { ...aslRules, ...cdkRules } as Record<string, TSESLint.LooseRuleDefinition>,
  configs: {} as { recommended: TSESLint.FlatConfig.Config[]; all: TSESLint.FlatConfig.Config[] },
};
plugin.configs.recommended = makeConfig(plugin as TSESLint.FlatConfig.Plugin, 'recommended');
plugin.configs.all = makeConfig(plugin as TSESLint.FlatConfig.Plugin, 'all');

export default plugin;
export { aslParser, aslRules, cdkRules };
export { SETTINGS_KEY } from './asl/adapter-rules.js';
export { ASL_FILES, CDK_FILES } from './configs.js';
export { cdkRulesForDocs, renderCdkRuleMarkdown, renderCdkRuleTable, type CdkRuleForDocs } from './docs/render-cdk-rule.js';
