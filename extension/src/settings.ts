import type { CustomizedSeverity, RuleCustomization, RunMode, SfnLintSettings, TraceLevel } from './protocol.js';
import { SETTINGS_SECTION } from './protocol.js';

export const DEFAULT_SETTINGS: SfnLintSettings = {
  enable: true,
  run: 'onType',
  validate: [],
  rules: { customizations: [] },
  trace: { server: 'off' },
};

const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];
const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];
const SEVERITIES: readonly CustomizedSeverity[] = ['default', 'upgrade', 'downgrade', 'error', 'warn', 'info', 'off'];
/** Spellings the config files accept, so a customization may use them too. */
const SEVERITY_ALIASES: Record<string, CustomizedSeverity> = { warning: 'warn', information: 'info' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function customization(entry: unknown): RuleCustomization | undefined {
  if (!isRecord(entry) || typeof entry.rule !== 'string' || typeof entry.severity !== 'string') return undefined;
  const rule = entry.rule.trim();
  const spelled = entry.severity.trim().toLowerCase();
  const severity = SEVERITY_ALIASES[spelled] ?? SEVERITIES.find((known) => known === spelled);
  return rule !== '' && rule !== '!' && severity ? { rule, severity } : undefined;
}

/**
 * The `sfnLint` settings as VS Code holds them (hand-edited settings.json can hold anything)
 * → settings the server can use as they are: a value of the wrong type or out of range
 * gives way to its default, and a malformed customization or glob is dropped.
 */
export function normalizeSettings(raw: unknown): SfnLintSettings {
  const settings = isRecord(raw) ? raw : {};
  const rules = isRecord(settings.rules) ? settings.rules : {};
  const trace = isRecord(settings.trace) ? settings.trace : {};
  const validate = Array.isArray(settings.validate)
    ? [...new Set(settings.validate.filter((glob): glob is string => typeof glob === 'string').map((glob) => glob.trim()))].filter((glob) => glob !== '')
    : [];
  const customizations = Array.isArray(rules.customizations)
    ? rules.customizations.map(customization).filter((entry): entry is RuleCustomization => entry !== undefined)
    : [];
  return {
    enable: typeof settings.enable === 'boolean' ? settings.enable : DEFAULT_SETTINGS.enable,
    run: oneOf(settings.run, RUN_MODES, DEFAULT_SETTINGS.run),
    validate,
    rules: { customizations },
    trace: { server: oneOf(trace.server, TRACE_LEVELS, DEFAULT_SETTINGS.trace.server) },
  };
}

/**
 * The answer to the server's `workspace/configuration` request, with each `sfnLint` item
 * normalized; items of other sections pass through as VS Code gave them.
 */
export function normalizeConfigurationResult(items: readonly { section?: string }[], results: readonly unknown[]): unknown[] {
  return items.map((item, index) => (item.section === SETTINGS_SECTION ? normalizeSettings(results[index]) : results[index]));
}
