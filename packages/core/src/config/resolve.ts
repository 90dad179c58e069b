import type { SeveritySetting } from '../diagnostic.js';
import { matchesPathOrParent } from './path-globs.js';
import type { Config, ConfiguredRule, ConfiguredRules, EffectiveConfig, StateOverride } from './types.js';

export interface ResolveOptions {
  /** Severities from the command line (`--rule`): they win over the config, its overrides by state included. */
  readonly commandLine?: Readonly<Record<string, SeveritySetting>>;
}

/** Later settings win; a severity given alone keeps the options set before it, as in ESLint. */
function mergeRules(base: ConfiguredRules, later: ConfiguredRules): Record<string, ConfiguredRule> {
  const merged: Record<string, ConfiguredRule> = { ...base };
  for (const [id, setting] of Object.entries(later)) {
    const options = setting.options ?? base[id]?.options;
    merged[id] = options ? { severity: setting.severity, options } : { severity: setting.severity };
  }
  return merged;
}

/**
 * What applies to one file: the config's rules and settings, then each override whose
 * `files` match in order, then the command line. `path` is the file's path relative to
 * the config file's folder, separated by `/`. Without a config, only the command line.
 */
export function resolveConfig(config: Config | undefined, path: string, options: ResolveOptions = {}): EffectiveConfig {
  const commandLine = options.commandLine ?? {};
  let rules: Record<string, ConfiguredRule> = { ...config?.rules };
  let settings: Record<string, unknown> = { ...config?.settings };
  const stateOverrides: StateOverride[] = [];
  for (const override of config?.overrides ?? []) {
    if (override.files && !matchesPathOrParent(override.files, path)) continue;
    if (override.states) {
      const severities = Object.entries(override.rules)
        .filter(([id]) => commandLine[id] === undefined)
        .map(([id, setting]) => [id, setting.severity] as const);
      if (severities.length > 0) stateOverrides.push({ states: override.states, rules: Object.fromEntries(severities) });
      continue;
    }
    rules = mergeRules(rules, override.rules);
    settings = { ...settings, ...override.settings };
  }
  rules = mergeRules(rules, Object.fromEntries(Object.entries(commandLine).map(([id, severity]) => [id, { severity }])));
  return {
    file: config?.file,
    ignored: config !== undefined && matchesPathOrParent(config.ignores, path),
    rules,
    settings,
    stateOverrides,
  };
}
