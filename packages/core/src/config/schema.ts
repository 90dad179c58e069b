import type { JsonSchema, RuleDefinition } from '../rule.js';
import { SETTINGS } from './settings.js';

/** Where the schema is published, for `"$schema"` in a config file. */
export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/sfn-lint/sfn-lint/main/schema/sfn-lint.config.schema.json';

/** The severities a config may give; `warn` is short for `warning`. */
export const SEVERITY_NAMES = ['off', 'info', 'warn', 'warning', 'error'] as const;

/**
 * A list of globs; an empty list or glob would match nothing, which is never what was meant.
 * (A pattern rather than minLength, whose Unicode-aware check needs an ajv runtime module.)
 */
const GLOBS: JsonSchema = { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 1 };

/** A severity, or `[severity, options]` when the options schema is given, else `[severity]`. */
function ruleSetting(options: JsonSchema | undefined): JsonSchema {
  const items = options ? [{ $ref: '#/definitions/severity' }, options] : [{ $ref: '#/definitions/severity' }];
  return {
    if: { type: 'array' },
    then: { type: 'array', items, minItems: 1, additionalItems: false },
    else: { $ref: '#/definitions/severity' },
  };
}

function ruleDescription(rule: RuleDefinition): string {
  const standing = rule.meta.recommended ? `default ${rule.meta.severity}` : 'off unless turned on';
  return `${rule.meta.description} (${standing}). ${rule.docsUrl}`;
}

/**
 * The JSON Schema (draft-07) of sfn-lint config files, with every rule id of the registry
 * and each rule's options. `scripts/build-config-schema.mjs` writes it to
 * `schema/sfn-lint.config.schema.json` for editors and precompiles the validator that
 * checks configs when they load.
 */
export function configSchema(rules: readonly RuleDefinition[]): JsonSchema {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleProperties = Object.fromEntries(
    sorted.map((rule) => [
      rule.id,
      rule.meta.options ? { description: ruleDescription(rule), ...ruleSetting(rule.meta.options) } : { description: ruleDescription(rule), $ref: '#/definitions/ruleSetting' },
    ]),
  );
  const settingProperties = Object.fromEntries(Object.entries(SETTINGS).map(([name, spec]) => [name, { description: spec.description, ...spec.schema }]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    $comment: 'Generated from the rule registry by scripts/build-config-schema.mjs. Do not edit.',
    title: 'sfn-lint configuration',
    description: 'sfn-lint.config.json, sfn-lint.config.yaml or sfn-lint.config.yml: the nearest one in a file\'s folder or above applies to it.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The schema of this file, for editors.' },
      rules: { description: 'Severities and options per rule id.', $ref: '#/definitions/rules' },
      ignores: { description: 'Globs of files not to lint, relative to this file\'s folder. A glob that matches a folder ignores everything in it.', ...GLOBS },
      overrides: {
        description: 'Rules and settings for some files, or for findings about some states. Later entries win.',
        type: 'array',
        items: { $ref: '#/definitions/override' },
      },
      settings: { description: 'Settings that rules read.', $ref: '#/definitions/settings' },
    },
    additionalProperties: false,
    definitions: {
      severity: { description: 'off, info, warn (or warning) or error.', enum: [...SEVERITY_NAMES] },
      ruleSetting: ruleSetting(undefined),
      // The same shape as ruleSetting under another name, so that a rule's options given in an
      // override by states are reported as such.
      stateRuleSetting: ruleSetting(undefined),
      rules: { type: 'object', properties: ruleProperties, additionalProperties: false },
      settings: { type: 'object', properties: settingProperties, additionalProperties: false },
      override: {
        type: 'object',
        properties: {
          files: { description: 'Globs of files, relative to this file\'s folder; every file when absent.', ...GLOBS },
          states: {
            description:
              'Globs of state paths, the names of enclosing Parallel and Map states first, joined with "/" ("Fan out/Step"). A glob ' +
              'that matches a state matches the states nested in it too. The override then only sets severities for findings ' +
              'about those states.',
            ...GLOBS,
          },
          rules: { $ref: '#/definitions/rules' },
          settings: { $ref: '#/definitions/settings' },
        },
        additionalProperties: false,
        // Rules run once per file: options and settings cannot differ between its states.
        if: { type: 'object', properties: { states: true }, required: ['states'] },
        then: {
          type: 'object',
          properties: {
            rules: { type: 'object', additionalProperties: { $ref: '#/definitions/stateRuleSetting' } },
            settings: false,
          },
        },
      },
    },
  };
}
