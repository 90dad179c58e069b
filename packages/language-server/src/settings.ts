import type { Severity } from '@sfn-lint/core';

/** When diagnostics are refreshed: on every change, or when the file is saved. */
export type RunMode = 'onType' | 'onSave';

/** A severity override for the rules whose id matches a glob, as vscode-eslint's `rules.customizations`. */
export interface RuleCustomization {
  readonly rule: string;
  readonly severity: 'off' | 'info' | 'warn' | 'error' | 'downgrade' | 'upgrade' | 'default';
}

/** The `sfnLint` section of the editor's settings. */
export interface ServerSettings {
  readonly enable: boolean;
  readonly run: RunMode;
  /** Globs of further files to lint as definitions whatever they hold, besides `*.asl.*`. */
  readonly validate: readonly string[];
  readonly customizations: readonly RuleCustomization[];
  readonly trace: 'off' | 'messages' | 'verbose';
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, run: 'onType', validate: [], customizations: [], trace: 'off' };

const CUSTOM_SEVERITIES = new Set<string>(['off', 'info', 'warn', 'error', 'downgrade', 'upgrade', 'default']);

/** Reads the settings the client sent, keeping the default for whatever is missing or of the wrong type. */
export function readSettings(raw: unknown): ServerSettings {
  const section = isObject(raw) ? raw : {};
  const rules = isObject(section.rules) ? section.rules : {};
  const trace = isObject(section.trace) ? section.trace.server : undefined;
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : DEFAULT_SETTINGS.enable,
    run: section.run === 'onSave' ? 'onSave' : 'onType',
    validate: Array.isArray(section.validate) ? section.validate.filter((glob): glob is string => typeof glob === 'string') : [],
    customizations: Array.isArray(rules.customizations)
      ? rules.customizations.filter(
          (entry): entry is RuleCustomization => isObject(entry) && typeof entry.rule === 'string' && typeof entry.severity === 'string' && CUSTOM_SEVERITIES.has(entry.severity),
        )
      : [],
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ORDER: readonly Severity[] = ['info', 'warning', 'error'];
const patterns = new Map<string, RegExp>();

/** Whether a customization's glob (`*` for any run of characters, a leading `!` to negate) matches a rule id. */
function matches(glob: string, ruleId: string): boolean {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  let regex = patterns.get(body);
  if (!regex) {
    regex = new RegExp(`^${body.split('*').map((part) => part.replace(/[\\^$.+?()[\]{}|]/g, '\\$&')).join('.*')}$`);
    patterns.set(body, regex);
  }
  return regex.test(ruleId) !== negated;
}

/** The severity a finding is shown with after the customizations, the last matching one winning; undefined to hide it. */
export function customizedSeverity(severity: Severity, ruleId: string, customizations: readonly RuleCustomization[]): Severity | undefined {
  let result: Severity | undefined = severity;
  for (const { rule, severity: custom } of customizations) {
    if (!matches(rule, ruleId)) continue;
    if (custom === 'off') result = undefined;
    else if (custom === 'default') result = severity;
    else if (custom === 'info' || custom === 'error') result = custom;
    else if (custom === 'warn') result = 'warning';
    else if (custom === 'downgrade') result = ORDER[Math.max(0, ORDER.indexOf(severity) - 1)];
    else result = ORDER[Math.min(ORDER.length - 1, ORDER.indexOf(severity) + 1)];
  }
  return result;
}
