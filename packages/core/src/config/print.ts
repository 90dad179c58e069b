import type { RuleDefinition } from '../rule.js';
import type { EffectiveConfig } from './types.js';

export type PrintedRule = string | [string, Readonly<Record<string, unknown>>];

export interface PrintedConfig {
  readonly ignored: boolean;
  /** Every rule, with the severity it has for the file. */
  readonly rules: Readonly<Record<string, PrintedRule>>;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The overrides by state that apply to the file. */
  readonly overrides: readonly { readonly states: readonly string[]; readonly rules: Readonly<Record<string, string>> }[];
}

/** The effective configuration of a file as `--print-config` shows it: every rule, defaults included. */
export function printableConfig(effective: EffectiveConfig, rules: readonly RuleDefinition[]): PrintedConfig {
  const printed: Record<string, PrintedRule> = {};
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const configured = effective.rules[rule.id];
    const severity = configured?.severity ?? (rule.meta.recommended ? rule.meta.severity : 'off');
    printed[rule.id] = configured?.options ? [severity, configured.options] : severity;
  }
  return {
    ignored: effective.ignored,
    rules: printed,
    settings: effective.settings,
    overrides: effective.stateOverrides.map((override) => ({ states: override.states, rules: override.rules })),
  };
}
