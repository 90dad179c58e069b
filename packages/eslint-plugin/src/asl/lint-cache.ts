import type { LintResult, RuleDefinition, SeveritySetting } from '@sfn-lint/core';
import { lintText, reservedRules } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { readRelated } from '../related-files.js';

/** Every id the engine can report: the rules, and the engine's own (parse-error, internal-error…). */
export const engineRules: readonly RuleDefinition[] = [...rules, ...reservedRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Each rule on at its own severity, those outside the recommended set too: which of them
 * report is ESLint's configuration's business, and a rule's findings do not depend on
 * which other rules run.
 */
const allOn: Readonly<Record<string, SeveritySetting>> = Object.fromEntries(rules.map((rule) => [rule.id, rule.meta.severity]));

/** What one engine run depends on besides the text. */
export interface LintKey {
  readonly file: string;
  readonly text: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Options of one rule, when that rule's ESLint options are not the default. */
  readonly ruleOptions?: { readonly id: string; readonly options: Readonly<Record<string, unknown>> };
}

// Keyed by ESLint's SourceCode object: the thirty-odd adapter rules of one file share one run.
const results = new WeakMap<object, Map<string, LintResult>>();

/** The engine's result for a file, computed once per SourceCode and options. */
export function cachedLint(sourceCode: object, key: LintKey): LintResult {
  let perOptions = results.get(sourceCode);
  if (!perOptions) results.set(sourceCode, (perOptions = new Map()));
  const optionsKey = key.ruleOptions ? JSON.stringify(key.ruleOptions) : '';
  let result = perOptions.get(optionsKey);
  if (!result) {
    result = lintText(key.file, key.text, {
      rules,
      severities: allOn,
      settings: key.settings,
      ruleOptions: key.ruleOptions ? { [key.ruleOptions.id]: key.ruleOptions.options } : undefined,
      assumeDefinition: true,
      readRelated,
      // Reported only under unused-disable-directive, which is off unless configured.
      reportUnusedDisableDirectives: true,
    });
    perOptions.set(optionsKey, result);
  }
  return result;
}
