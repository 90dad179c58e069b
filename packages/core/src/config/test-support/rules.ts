// Rules and a validator for the config tests: two plain rules, one outside the recommended
// set, and one that takes options.
import Ajv from 'ajv';
import { defineRule, type RuleDefinition, type RuleMeta } from '../../rule.js';
import type { ConfigCheck, ConfigValidator } from '../parse.js';
import { configSchema } from '../schema.js';

function meta(extra: Partial<RuleMeta>): RuleMeta {
  return {
    description: 'A rule for the config tests',
    category: 'graph',
    severity: 'error',
    recommended: true,
    docs: { whatItDoes: 'Nothing.', why: 'Tests.', examples: { invalid: [], valid: [] } },
    ...extra,
  };
}

export const testRules: readonly RuleDefinition[] = [
  defineRule({ id: 'no-dead-end', meta: meta({}) }),
  defineRule({ id: 'no-duplicate-key', meta: meta({}) }),
  defineRule({
    id: 'no-unused-variable',
    meta: meta({
      severity: 'warning',
      options: { type: 'object', properties: { ignorePattern: { type: 'string' } }, additionalProperties: false },
    }),
  }),
  defineRule({ id: 'require-tracing', meta: meta({ severity: 'warning', recommended: false }) }),
];

const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, allowUnionTypes: true });

export const testCheck: ConfigCheck = { validate: ajv.compile(configSchema(testRules)) as ConfigValidator, rules: testRules };
