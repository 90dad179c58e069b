import { closeNames, type RuleDefinition, type SeveritySetting } from '@sfn-lint/core';
import type { RuleSetting } from './args.js';
import { UsageError } from './usage-error.js';

/**
 * `--rule` settings as `LintOptions.severities`; an unknown rule id is a usage error. Rules
 * outside the recommended set are off unless a setting turns them on.
 */
export function ruleSeverities(settings: readonly RuleSetting[], rules: readonly RuleDefinition[]): Record<string, SeveritySetting> {
  const ids = rules.map((rule) => rule.id);
  const severities: Record<string, SeveritySetting> = {};
  for (const rule of rules) if (!rule.meta.recommended) severities[rule.id] = 'off';
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
