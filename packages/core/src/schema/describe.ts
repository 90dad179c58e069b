/**
 * Words for messages: how to show a value, what a field expects, and what is wrong with a
 * value that a schema rejected.
 */
import { codePointLength, codePointPrefix } from '../text/code-points.js';
import { editDistance } from '../text/edit-distance.js';
import {
  JSONATA_SOURCE,
  OBJECTS,
  PLACEHOLDER_SOURCE,
  TIMESTAMP_SOURCE,
  type FieldSpec,
  type Kind,
  type ObjName,
} from './asl-fields.js';

const PLACEHOLDER_RE = new RegExp(PLACEHOLDER_SOURCE);
const JSONATA_RE = new RegExp(JSONATA_SOURCE);
const TIMESTAMP_RE = new RegExp(TIMESTAMP_SOURCE);

/** `${Name}` substitution placeholders (SAM DefinitionSubstitutions, Terraform, Fn::Sub). */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER_RE.test(value);
}

export function isJsonataExpression(value: unknown): boolean {
  return typeof value === 'string' && JSONATA_RE.test(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, quoted rendering of a value for "…, not X." */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    const shown = codePointLength(value, 40) > 40 ? `${codePointPrefix(value, 37)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
  return typeof value;
}

/** `"A", "B" or "C"` */
export function quotedList(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((v) => `"${v}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

const NOUNS: Partial<Record<ObjName, string>> = {
  retrier: 'a retrier',
  catcher: 'a catcher',
  choiceRule: 'a Choice rule',
  nestedChoiceRule: 'a Choice rule',
};

function intPhrase(kind: { min: number; max?: number }): string {
  if (kind.min === 0) return 'a non-negative integer';
  if (kind.min === 1) return 'a positive integer';
  return `an integer of at least ${kind.min}`;
}

/** What a field's value must be, as a noun phrase: "a positive integer". */
export function expectation(kind: Kind): string {
  switch (kind.k) {
    case 'any':
      return 'any JSON value';
    case 'string':
      return 'a string';
    case 'stateName':
      return 'a string (the name of a state)';
    case 'int':
      return intPhrase(kind);
    case 'number':
      return kind.min !== undefined && kind.max !== undefined
        ? `a number from ${kind.min} to ${kind.max}`
        : kind.min !== undefined
          ? `a number of at least ${kind.min === 1 ? '1.0' : kind.min}`
          : 'a number';
    case 'bool':
      return 'true or false';
    case 'enum':
      return quotedList(kind.values);
    case 'timestamp':
      return 'an RFC 3339 timestamp such as "2025-01-31T09:30:00Z" (uppercase "T" and "Z")';
    case 'path':
      return kind.nullable ? 'a JSONPath string or null' : 'a JSONPath string such as "$.value"';
    case 'assign':
      return 'an object that maps variable names to values';
    case 'errorNames':
      return 'a non-empty array of error names, such as ["States.ALL"]';
    case 'stringArray':
      return 'an array of strings';
    case 'resource':
      return 'a string (the ARN of the resource)';
    case 'condition':
      return 'a JSONata expression "{% … %}" that evaluates to true or false';
    case 'items':
      return 'an array';
    case 'arguments':
      return 'an object';
    case 'states':
      return 'an object that maps state names to states';
    case 'branches':
      return 'a non-empty array of branches, each an object with "StartAt" and "States"';
    case 'processor':
      return 'an object with "StartAt" and "States"';
    case 'obj':
      return kind.ref === 'credentials'
        ? 'an object such as {"RoleArn": "arn:aws:iam::123456789012:role/Name"}'
        : 'an object';
    case 'objArray':
      return `${kind.nonEmpty ? 'a non-empty array' : 'an array'} of ${pluralNoun(kind.ref)}`;
  }
}

function pluralNoun(ref: ObjName): string {
  switch (ref) {
    case 'retrier':
      return 'retriers';
    case 'catcher':
      return 'catchers';
    default:
      return 'Choice rules';
  }
}

/** Case-insensitive or near (edit distance ≤ 2) match among candidates. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    if (name.length < 4 || Math.abs(candidate.length - name.length) > 2) continue;
    const d = editDistance(lower, candidate.toLowerCase(), 2);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= 2 ? best : undefined;
}


const EXPR_HINT = ' or a JSONata expression "{% … %}"';

/**
 * The message for a field whose value the schema rejected. `exprAllowed`: the state is
 * JSONata and the field takes an expression.
 */
export function valueMessage(field: string, spec: FieldSpec, value: unknown, exprAllowed: boolean): string {
  const kind = spec.kind;
  const alt = exprAllowed ? EXPR_HINT : '';
  const q = `"${field}"`;
  const not = `, not ${preview(value)}.`;
  let jsonataHint = '';
  if (!exprAllowed && typeof value === 'string' && /^\s*\{%/.test(value) && spec.expr) {
    jsonataHint = ' A JSONata expression is allowed here only in a state whose QueryLanguage is JSONata.';
  }
  switch (kind.k) {
    case 'int':
    case 'number': {
      if (typeof value === 'number') {
        if (kind.k === 'int' && !Number.isInteger(value)) return `${q} must be a whole number${alt}${not}`;
        if (kind.min !== undefined && value < kind.min) {
          if (kind.k === 'int' && kind.min === 1) return `${q} must be a positive integer (at least 1)${not}`;
          return `${q} must be at least ${kind.k === 'number' && kind.min === 1 ? '1.0' : kind.min}${not}`;
        }
        if (kind.max !== undefined && value > kind.max) {
          return `${q} must be at most ${kind.max}${kind.k === 'int' && kind.unit ? ` ${kind.unit}` : ''}${not}`;
        }
      }
      return `${q} must be ${expectation(kind)}${alt}${not}${jsonataHint}`;
    }
    case 'enum': {
      const near = typeof value === 'string' ? suggest(value, kind.values) : undefined;
      return `${q} must be ${kind.values.length > 2 ? 'one of ' : ''}${quotedList(kind.values)}${not}${
        near ? ` Did you mean "${near}"?` : ''
      }`;
    }
    case 'timestamp':
      if (typeof value === 'string' && !TIMESTAMP_RE.test(value) && !isPlaceholder(value)) {
        return `${q} must be ${expectation(kind)}${alt}${not}${jsonataHint}`;
      }
      return `${q} must be ${expectation(kind)}${alt}${not}`;
    case 'states':
      if (isObject(value) && Object.keys(value).length === 0) return `${q} must contain at least one state.`;
      break;
    case 'branches':
      if (Array.isArray(value) && value.length === 0) return `${q} must contain at least one branch.`;
      break;
    case 'errorNames':
      if (Array.isArray(value) && value.length === 0) {
        return `${q} must list at least one error name, such as "States.ALL".`;
      }
      break;
    case 'objArray':
      if (Array.isArray(value) && value.length === 0 && kind.nonEmpty) {
        return `${q} must contain at least one ${kind.ref === 'choiceRule' ? 'Choice rule' : 'rule'}.`;
      }
      break;
    case 'resource':
      if (isObject(value)) {
        return `${q} must be a string (the ARN of the resource), not an object; only a CloudFormation {"Ref": …} or {"Fn::…": …} may stand in for it.`;
      }
      break;
    case 'condition':
      return `${q} must be ${expectation(kind)}${not}`;
    case 'items':
    case 'arguments':
    case 'assign':
      return `${q} must be ${expectation(kind)}${alt}${not}`;
  }
  return `${q} must be ${expectation(kind)}${alt}${not}${jsonataHint}`;
}

/** The message for one entry of an array field that the schema rejected. */
export function elementMessage(field: string, kind: Kind, value: unknown): string {
  let what = 'a string';
  if (kind.k === 'errorNames') what = 'a string (an error name)';
  else if (kind.k === 'branches') what = 'an object with "StartAt" and "States"';
  else if (kind.k === 'objArray') what = `an object (${NOUNS[kind.ref] ?? 'a rule'})`;
  return `Each entry of "${field}" must be ${what}, not ${preview(value)}.`;
}

/** Labels of the objects that make up the subject of a sentence. */
export function objectLabel(name: ObjName): string {
  return OBJECTS[name].label;
}
