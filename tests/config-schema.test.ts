import { readFileSync } from 'node:fs';
import { CONFIG_SCHEMA_URL, configSchema, parseConfig, type ConfigValidator } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { SCHEMA_FILE, schemaText, VALIDATOR_FILE, validatorSource } from '../scripts/build-config-schema.mjs';
import { validateConfig } from '../packages/core/src/config/config-validator.generated.js';

const schema = configSchema(rules);

describe('config schema', () => {
  it('is current in schema/ (run `node scripts/build-config-schema.mjs` when this fails)', () => {
    expect(readFileSync(SCHEMA_FILE as string, 'utf8')).toBe((schemaText as (s: unknown) => string)(schema));
  });

  it('is current in the precompiled validator (run `node scripts/build-config-schema.mjs` when this fails)', () => {
    expect(readFileSync(VALIDATOR_FILE as string, 'utf8') === (validatorSource as (s: unknown) => string)(schema)).toBe(true);
  });

  it('names every rule of the registry, and is published where it says', () => {
    const ruleNames = Object.keys((schema.definitions as { rules: { properties: object } }).rules.properties);
    expect(ruleNames).toEqual(rules.map((rule) => rule.id));
    expect(schema.$id).toBe(CONFIG_SCHEMA_URL);
    expect(CONFIG_SCHEMA_URL.endsWith('/schema/sfn-lint.config.schema.json')).toBe(true);
  });

  it('checks configs through the precompiled validator', () => {
    const check = { validate: validateConfig as ConfigValidator, rules };
    expect(parseConfig('c.yaml', 'rules:\n  require-tracing: warn\n', check).problems).toEqual([]);
    expect(parseConfig('c.yaml', 'rules:\n  no-dupe-key: off\n', check).problems.map((p) => p.message)).toEqual([
      'unknown rule "no-dupe-key". Did you mean no-duplicate-key?',
    ]);
  });
});
