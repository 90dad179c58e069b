import type { SeveritySetting } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { DocNode, Range } from '../document/node.js';
import { nodeAt, toValue } from '../document/node-access.js';
import type { RuleDefinition } from '../rule.js';
import { pointerToPath } from './key-path.js';
import type { Config, ConfigOverride, ConfigProblem, ConfiguredRule, ConfiguredRules } from './types.js';
import { describeSchemaError, type SchemaError } from './validation-messages.js';

/** A precompiled validator of the config schema (ajv standalone code), with its errors after a failed call. */
export interface ConfigValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaError[] | null;
}

export interface ConfigCheck {
  /** Built from `configSchema(rules)`. */
  readonly validate: ConfigValidator;
  /** The rules the validator knows, for suggestions and option names. */
  readonly rules: readonly RuleDefinition[];
}

export type ParsedConfig =
  | { readonly config: Config; readonly problems: readonly [] }
  | { readonly config: undefined; readonly problems: readonly ConfigProblem[] };

/**
 * Reads a config file's text (JSON or YAML, by the file's extension) into a `Config`, or
 * the problems that stop it, each at the key it concerns. A config is data: nothing in it
 * is run. JSON configs may hold comments, as tsconfig.json does.
 */
export function parseConfig(file: string, text: string, check: ConfigCheck): ParsedConfig {
  const document = parseDocument(file, text);
  const problems: ConfigProblem[] = [];
  for (const problem of document.problems) {
    // Duplicate keys are reported below, with their key path.
    if (problem.code !== 'parse-error') continue;
    if (document.format === 'json' && /^\/[/*]/.test(text.slice(problem.range.start, problem.range.end))) continue;
    problems.push({ file, path: [], message: problem.message, range: problem.range });
  }
  const [root, second] = document.roots;
  if (second) problems.push({ file, path: [], message: 'A config file holds one YAML document; this is a second one.', range: second.range });
  if (root) problems.push(...duplicateKeys(file, root));
  if (problems.length > 0) return { config: undefined, problems: sorted(problems) };

  // A YAML file with nothing but comments is an empty config.
  const value = root ? toValue(root) : {};
  if (!check.validate(value)) return { config: undefined, problems: sorted(schemaProblems(file, root, value, check)) };
  return { config: toConfig(file, value as RawConfig), problems: [] };
}

function duplicateKeys(file: string, root: DocNode): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const stack: { node: DocNode; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const seen = new Set<string>();
    for (const child of node.children ?? []) {
      const step = node.kind === 'array' ? (child.index as number) : (child.key as string);
      if (node.kind === 'object') {
        if (seen.has(step as string)) {
          problems.push({ file, path: [...path, step], message: `duplicate key "${step}": only the last one would count. Remove or rename one of them.`, range: child.keyRange ?? child.range });
        }
        seen.add(step as string);
      }
      if (child.children) stack.push({ node: child, path: [...path, step] });
    }
  }
  return problems;
}

function schemaProblems(file: string, root: DocNode | undefined, value: unknown, check: ConfigCheck): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  for (const error of check.validate.errors ?? []) {
    const described = describeSchemaError(error, pointerToPath(error.instancePath, value), value, check.rules);
    if (!described) continue;
    // One problem per key: a value that fails several ways needs one fix.
    const key = JSON.stringify(described.path);
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push({ file, path: described.path, message: described.message, range: rangeAt(root, described.path, described.atKey) });
  }
  return problems;
}

/** The range of the value (or key) at a path, or of the nearest enclosing one that exists. */
function rangeAt(root: DocNode | undefined, path: readonly (string | number)[], atKey: boolean): Range {
  for (let length = path.length; length >= 0; length--) {
    const node = nodeAt(root, path.slice(0, length));
    if (node) return (atKey && length === path.length && node.keyRange) || node.range;
  }
  return { start: 0, end: 0 };
}

function sorted(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

type RawSetting = string | [string] | [string, Record<string, unknown>];

interface RawConfig {
  rules?: Record<string, RawSetting>;
  ignores?: string[];
  overrides?: { files?: string[]; states?: string[]; rules?: Record<string, RawSetting>; settings?: Record<string, unknown> }[];
  settings?: Record<string, unknown>;
}

function severityOf(name: string): SeveritySetting {
  return name === 'warn' ? 'warning' : (name as SeveritySetting);
}

function configuredRules(raw: Record<string, RawSetting> | undefined): ConfiguredRules {
  const rules: Record<string, ConfiguredRule> = {};
  for (const [id, setting] of Object.entries(raw ?? {})) {
    const [severity, options] = typeof setting === 'string' ? [setting] : setting;
    rules[id] = options === undefined ? { severity: severityOf(severity) } : { severity: severityOf(severity), options };
  }
  return rules;
}

/** The validated value as a `Config`: severities normalised, absent parts empty. */
function toConfig(file: string, raw: RawConfig): Config {
  const overrides = (raw.overrides ?? []).map(
    (override): ConfigOverride => ({
      ...(override.files ? { files: override.files } : {}),
      ...(override.states ? { states: override.states } : {}),
      rules: configuredRules(override.rules),
      settings: override.settings ?? {},
    }),
  );
  return { file, rules: configuredRules(raw.rules), ignores: raw.ignores ?? [], overrides, settings: raw.settings ?? {} };
}
