import type { RuleDefinition } from '../rule.js';
import { closeNames, closestName } from '../text/closest-name.js';
import { valueAt } from './key-path.js';
import { SEVERITY_NAMES } from './schema.js';
import { SETTINGS } from './settings.js';

/** One error of an ajv validator, as its standalone code reports it. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** What a schema error means at a key, in the words a person fixing the file needs. */
export interface KeyMessage {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Point at the key itself rather than its value (an unknown key). */
  readonly atKey: boolean;
}

const TOP_KEYS = ['$schema', 'rules', 'ignores', 'overrides', 'settings'];
const OVERRIDE_KEYS = ['files', 'states', 'rules', 'settings'];
const SEVERITIES = SEVERITY_NAMES.join(', ').replace(/, (?=[^,]*$)/, ' or ');

/** `a, b and c` (or `a, b or c`). */
function list(names: readonly string[], last: 'and' | 'or'): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

/** The rule a path is about, when it is `rules.<id>…` at the top or in an override. */
function ruleAt(path: readonly (string | number)[]): { id: string; rest: readonly (string | number)[] } | undefined {
  if (path[0] === 'rules' && typeof path[1] === 'string') return { id: path[1], rest: path.slice(2) };
  if (path[0] === 'overrides' && path[2] === 'rules' && typeof path[3] === 'string') return { id: path[3], rest: path.slice(4) };
  return undefined;
}

function isRulesObject(path: readonly (string | number)[]): boolean {
  return (path.length === 1 && path[0] === 'rules') || (path.length === 3 && path[0] === 'overrides' && path[2] === 'rules');
}

function isSettingsObject(path: readonly (string | number)[]): boolean {
  return (path.length === 1 && path[0] === 'settings') || (path.length === 3 && path[0] === 'overrides' && path[2] === 'settings');
}

function suggestion(close: readonly string[]): string {
  if (close.length === 0) return '';
  return close.length === 1 ? ` Did you mean ${close[0]}?` : ` Did you mean one of: ${close.join(', ')}?`;
}

function unknownKey(what: string, key: string, known: readonly string[], close = closestName(key, known)): string {
  if (close) return `unknown ${what} "${key}". Did you mean ${close}?`;
  return `unknown ${what} "${key}": the ${what === 'key' ? 'keys' : `${what}s`} are ${list([...known], 'and')}.`;
}

function optionNames(rule: RuleDefinition | undefined): string[] {
  const properties = rule?.meta.options?.properties;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}

function describeUnknownKey(container: readonly (string | number)[], key: string, rules: readonly RuleDefinition[]): string {
  if (container.length === 0) return unknownKey('key', key, TOP_KEYS);
  if (container.length === 2 && container[0] === 'overrides') return unknownKey('key', key, OVERRIDE_KEYS);
  if (isRulesObject(container)) {
    const ids = rules.map((rule) => rule.id);
    const close = closeNames(key, ids);
    return close.length > 0 ? `unknown rule "${key}".${suggestion(close)}` : `unknown rule "${key}": the rules are ${ids.join(', ')}.`;
  }
  if (isSettingsObject(container)) return unknownKey('setting', key, Object.keys(SETTINGS));
  const rule = ruleAt(container);
  if (rule && rule.rest.length === 1 && rule.rest[0] === 1) {
    const options = optionNames(rules.find((candidate) => candidate.id === rule.id));
    const close = closestName(key, options);
    return `unknown option "${key}" of ${rule.id}.${close ? ` Did you mean ${close}?` : ` The options are ${list(options, 'and')}.`}`;
  }
  return `unknown key "${key}".`;
}

function describeEnum(path: readonly (string | number)[], value: unknown, allowed: readonly unknown[], rules: readonly RuleDefinition[]): string {
  const rule = ruleAt(path);
  if (rule && (rule.rest.length === 0 || (rule.rest.length === 1 && rule.rest[0] === 0))) {
    if (typeof value === 'string') {
      const close = closestName(value, SEVERITY_NAMES);
      return close ? `unknown severity "${value}". Did you mean ${close}?` : `unknown severity "${value}": use ${SEVERITIES}.`;
    }
    const takesOptions = rules.find((candidate) => candidate.id === rule.id)?.meta.options !== undefined;
    const form = rule.rest.length === 0 ? ` or [severity${takesOptions ? ', options' : ''}]` : '';
    return `must be a severity (${SEVERITIES})${form}, not ${shown(value)}.`;
  }
  const names = allowed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  const close = typeof value === 'string' ? closestName(value, names) : undefined;
  return `must be ${list(names, 'or')}, not ${shown(value)}.${close ? ` Did you mean ${close}?` : ''}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'null',
};

function isGlobList(path: readonly (string | number)[]): boolean {
  return (path.length === 1 && path[0] === 'ignores') || (path.length === 3 && path[0] === 'overrides' && (path[2] === 'files' || path[2] === 'states'));
}

function describeType(path: readonly (string | number)[], value: unknown, type: unknown): string {
  if (isGlobList(path)) return `must be an array of globs, not ${shown(value)}.`;
  const types = Array.isArray(type) ? type : [type];
  return `must be ${list(types.map((t) => TYPE_WORDS[String(t)] ?? String(t)), 'or')}, not ${shown(value)}.`;
}

function inStateOverride(path: readonly (string | number)[], config: unknown): boolean {
  return path[0] === 'overrides' && typeof path[1] === 'number' && valueAt(config, ['overrides', path[1], 'states']) !== undefined;
}

function describeExtraItems(path: readonly (string | number)[], config: unknown, rules: readonly RuleDefinition[]): string {
  const rule = ruleAt(path);
  if (!rule) return 'has too many items.';
  const definition = rules.find((candidate) => candidate.id === rule.id);
  if (!definition?.meta.options) return `${rule.id} takes no options: give only a severity.`;
  if (inStateOverride(path, config)) return 'options cannot differ between states: give only a severity here, and the options in an override without "states".';
  return `takes [severity, options], with one options object.`;
}

/**
 * The message for one schema error, at the key it concerns; undefined for errors that only
 * restate another (the `if` of a conditional schema). Which key is at fault is read from
 * the error's instance path, not its schema path, which ajv gives relative to a `$ref`.
 */
export function describeSchemaError(
  error: SchemaError,
  path: readonly (string | number)[],
  config: unknown,
  rules: readonly RuleDefinition[],
): KeyMessage | undefined {
  const value = valueAt(config, path);
  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return { path: [...path, key], message: describeUnknownKey(path, key, rules), atKey: true };
    }
    case 'enum':
      return { path, message: describeEnum(path, value, (error.params.allowedValues as unknown[]) ?? [], rules), atKey: false };
    case 'type':
      return { path, message: describeType(path, value, error.params.type), atKey: false };
    case 'minItems':
      return { path, message: ruleAt(path)?.rest.length === 0 ? 'give a severity: [severity] or [severity, options].' : 'must not be empty.', atKey: false };
    case 'pattern':
      // A glob must have a character that is not a space; rule options may have patterns of their own.
      if (isGlobList(path.slice(0, -1))) return { path, message: 'must not be empty.', atKey: false };
      return { path, message: `must match the pattern ${String(error.params.pattern)}.`, atKey: false };
    case 'additionalItems':
    case 'maxItems':
      return { path, message: describeExtraItems(path, config, rules), atKey: false };
    case 'false schema':
      if (path[path.length - 1] === 'settings' && inStateOverride(path, config)) {
        return { path, message: 'settings cannot differ between states: give them in an override without "states".', atKey: true };
      }
      return { path, message: 'is not allowed here.', atKey: true };
    default:
      return { path, message: `${error.message ?? `fails the schema's "${error.keyword}"`}.`, atKey: false };
  }
}
