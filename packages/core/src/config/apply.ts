import type { Diagnostic, SeveritySetting } from '../diagnostic.js';
import type { LintOptions, LintResult } from '../engine/lint.js';
import type { RuleDefinition } from '../rule.js';
import { matchesPathOrParent } from './path-globs.js';
import type { EffectiveConfig } from './types.js';

/** A rule's severity for the file as a whole: the configured one, else its default (rules outside the recommended set are off). */
function fileSeverity(effective: EffectiveConfig, rule: RuleDefinition): SeveritySetting | undefined {
  return effective.rules[rule.id]?.severity ?? (rule.meta.recommended ? undefined : 'off');
}

/**
 * The severities, rule options and settings of `LintOptions` for a file. Rules not named
 * keep their default severity, which lets a rule grade its findings. A rule that is off
 * for the file but on for some of its states runs; `applyStateOverrides` then keeps only
 * its findings about those states.
 */
export function lintOptionsFor(effective: EffectiveConfig, rules: readonly RuleDefinition[]): Pick<LintOptions, 'severities' | 'ruleOptions' | 'settings'> {
  const severities: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const rule of rules) {
    let severity = fileSeverity(effective, rule);
    if (severity === 'off') {
      const onForStates = effective.stateOverrides.map((override) => override.rules[rule.id]).find((setting) => setting !== undefined && setting !== 'off');
      if (onForStates) severity = onForStates;
    }
    if (severity !== undefined) severities[rule.id] = severity;
    const options = effective.rules[rule.id]?.options;
    if (options) ruleOptions[rule.id] = options;
  }
  return { severities, ruleOptions, settings: effective.settings };
}

/**
 * The result with the overrides by state applied: each finding about a state takes the
 * severity of the last override whose `states` match its path, or is dropped when that is
 * `off`. Findings about no state, or about states no override matches, keep the file's
 * severity; those of a rule that is off for the file are dropped.
 */
export function applyStateOverrides(result: LintResult, effective: EffectiveConfig, rules: readonly RuleDefinition[]): LintResult {
  if (effective.stateOverrides.length === 0) return result;
  const offForFile = new Set(rules.filter((rule) => fileSeverity(effective, rule) === 'off').map((rule) => rule.id));
  const apply = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
    diagnostics.flatMap((diagnostic) => {
      let severity: SeveritySetting | undefined;
      if (diagnostic.statePath) {
        const path = diagnostic.statePath.join('/');
        for (const override of effective.stateOverrides) {
          const setting = override.rules[diagnostic.ruleId];
          if (setting !== undefined && matchesPathOrParent(override.states, path)) severity = setting;
        }
      }
      if (severity === undefined) return offForFile.has(diagnostic.ruleId) ? [] : [diagnostic];
      if (severity === 'off') return [];
      return [severity === diagnostic.severity ? diagnostic : { ...diagnostic, severity }];
    });
  return {
    ...result,
    diagnostics: apply(result.diagnostics),
    ...(result.included ? { included: result.included.map((included) => ({ ...included, diagnostics: apply(included.diagnostics) })) } : {}),
  };
}
