import type { RuleDefinition } from '@sfn-lint/core';
import noDuplicateKey from './no-duplicate-key.js';

/** Every rule, sorted by id. Keep the list sorted: a test checks it. */
export const rules: readonly RuleDefinition[] = [noDuplicateKey];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((rule) => [rule.id, rule]));
