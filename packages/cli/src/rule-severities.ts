import { closeNames, type RuleDefinition, type SeveritySetting } from '@sfn-lint/core';
import type { RuleSetting } from './args.js';
import { UsageError } from './usage-error.js';

/**
 * `--rule` settings as severities by rule id, which win over config files; an unknown rule
 * id is a usage error.
 */
export function ruleSeverities(settings: readonly RuleSetting[], rules: readonly RuleDefinition[]): Record<string, SeveritySetting> {
  const ids = rules.map((rule) => rule.id);
  const severities: Record<string, SeveritySetting> = {};
  for (const { id, severity } of settings) {
    if (!ids.includes(id)) throw new UsageError(unknownRuleMessage(id, ids));
    severities[id] = severity;
  }
  return severities;
}

function unknownRuleMessage(id: string, ids: readonly string[]): string {
  const close = closeNames(id, ids);
  if (close.length === 1) return `Unknown rule "${id}". Did you mean ${close[0]}?`;
  if (close.length > 1) return `Unknown rule "${id}". Did you mean one of: ${close.join(', ')}?`;
  return `Unknown rule "${id}". The rules are: ${ids.join(', ')}.`;
}
