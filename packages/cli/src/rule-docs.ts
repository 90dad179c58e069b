import { closeNames, renderRuleMarkdown, reservedRules } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { UsageError } from './usage-error.js';

/** A rule's page, rendered by the same function as docs/rules/<id>.md, so the text is identical. */
export function ruleDocumentation(id: string): string {
  const all = [...rules, ...reservedRules];
  const rule = all.find((candidate) => candidate.id === id);
  if (!rule) {
    const close = closeNames(id, all.map((candidate) => candidate.id));
    throw new UsageError(`Unknown rule "${id}".${close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : ' Run "sfn-lint --help" for where the rules are listed.'}`);
  }
  return renderRuleMarkdown(rule);
}
