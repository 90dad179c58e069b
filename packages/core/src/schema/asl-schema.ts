/**
 * Builds the JSON Schema (draft-07) of the Amazon States Language from the field tables.
 *
 * There is one schema per state type and query language (`Task_P`, `Task_J`, …) plus the
 * top level and the three nested-workflow roots: the caller dispatches on `Type` and on the
 * effective QueryLanguage itself, so every error lands on the object that has it instead of
 * on the deepest branch of a `oneOf`. Nested states are not part of these schemas; the
 * caller walks into `States`, `Branches` and `ItemProcessor` and validates each state alone.
 *
 * Consumed at build time by scripts/build-schema.mjs (ajv standalone code) and by the tests.
 */
import {
  JSONATA_SOURCE,
  OBJECTS,
  PLACEHOLDER_SOURCE,
  STATE_TYPES,
  TIMESTAMP_SOURCE,
  type FieldSpec,
  type ObjName,
} from './asl-fields.js';

type Schema = boolean | { [key: string]: unknown };
type L = 'P' | 'J';

function fieldExists(spec: FieldSpec, lang: L): boolean {
  return spec.lang === 'B' || spec.lang === lang;
}

const variesMemo = new Map<ObjName, boolean>();
/** Whether an object's schema differs between JSONPath and JSONata. */
export function variesByLanguage(name: ObjName): boolean {
  const known = variesMemo.get(name);
  if (known !== undefined) return known;
  variesMemo.set(name, false); // cycle guard: a recursive reference alone does not vary
  let varies = false;
  for (const spec of Object.values(OBJECTS[name].fields)) {
    if (spec.lang !== 'B' || spec.expr) varies = true;
    const k = spec.kind;
    if ((k.k === 'obj' || k.k === 'objArray') && variesByLanguage(k.ref)) varies = true;
  }
  variesMemo.set(name, varies);
  return varies;
}

export function defName(name: ObjName, lang: L): string {
  return variesByLanguage(name) ? `${name}_${lang}` : name;
}

function ref(name: ObjName, lang: L): Schema {
  return { $ref: defName(name, lang) };
}

const PLACEHOLDER_OR_EXPR = `${JSONATA_SOURCE}|${PLACEHOLDER_SOURCE}`;

/** Anchors a value pattern and lets the alternative (placeholder, expression) match too. */
function orPattern(valuePattern: string, alternative: string): string {
  return `(?:${valuePattern})|${alternative}`;
}

/**
 * The schema of one field. A placeholder (and, where JSONata is allowed, an expression) may
 * stand in for any value: rather than `anyOf`, whose failures report every branch, each
 * schema admits `string` next to its own type and constrains strings with a pattern that
 * accepts the alternative. Keywords apply only to their own type (`minimum` to numbers,
 * `pattern` to strings), so one schema says "an integer from 1 to 60, or a placeholder".
 */
export function fieldSchema(spec: FieldSpec, lang: L): Schema {
  const kind = spec.kind;
  const alt = lang === 'J' && spec.expr ? PLACEHOLDER_OR_EXPR : PLACEHOLDER_SOURCE;
  const orString = (type: string, rest: Record<string, unknown> = {}): Schema => ({
    type: [type, 'string'],
    ...rest,
    pattern: alt,
  });
  switch (kind.k) {
    case 'any':
      return true;
    case 'string':
    case 'stateName':
      return { type: 'string' };
    case 'path':
      return kind.nullable ? { type: ['string', 'null'] } : { type: 'string' };
    case 'int':
      return orString('integer', { minimum: kind.min, ...(kind.max !== undefined ? { maximum: kind.max } : {}) });
    case 'number':
      return orString('number', {
        ...(kind.min !== undefined ? { minimum: kind.min } : {}),
        ...(kind.max !== undefined ? { maximum: kind.max } : {}),
      });
    case 'bool':
    case 'condition':
      return orString('boolean');
    case 'enum':
      return { type: 'string', pattern: orPattern(`^(?:${kind.values.join('|')})$`, alt) };
    case 'timestamp':
      return { type: 'string', pattern: orPattern(TIMESTAMP_SOURCE, alt) };
    case 'assign':
    case 'arguments':
    case 'processor':
      return orString('object');
    case 'states':
      return orString('object', { minProperties: 1 });
    case 'errorNames':
      return orString('array', { minItems: 1, items: { type: 'string' } });
    case 'stringArray':
      return orString('array', { items: { type: 'string' } });
    case 'items':
      return orString('array');
    case 'branches':
      return orString('array', { minItems: 1, items: { type: 'object' } });
    case 'resource':
      // A string ARN, or {"Ref": …} / {"Fn::GetAtt": …} left by a template.
      return {
        type: ['string', 'object'],
        minProperties: 1,
        maxProperties: 1,
        propertyNames: { pattern: '^(?:Ref|Fn::.+)$' },
      };
    case 'obj':
      return orString('object', ref(kind.ref, lang) as Record<string, unknown>);
    case 'objArray':
      return orString('array', {
        ...(kind.nonEmpty ? { minItems: 1 } : {}),
        items: { type: 'object', ...(ref(kind.ref, lang) as Record<string, unknown>) },
      });
  }
}

export function objectSchema(name: ObjName, lang: L): Schema {
  const spec = OBJECTS[name];
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [field, fieldSpec] of Object.entries(spec.fields)) {
    if (!fieldExists(fieldSpec, lang)) {
      // Closed objects report it as an additional property; open ones need it spelled out.
      if (spec.openEnded) properties[field] = false;
      continue;
    }
    properties[field] = fieldSchema(fieldSpec, lang);
    if (fieldSpec.required) required.push(field);
  }
  // The 39 Choice operators share a handful of schemas: matching them by pattern keeps the
  // generated code small. Elsewhere plain properties are faster (a hash lookup per key
  // instead of a regular expression per key and pattern), and states are the hot path.
  const groups = new Map<string, string[]>();
  const grouped = name === 'choiceRule' || name === 'nestedChoiceRule';
  for (const [field, schema] of grouped ? Object.entries(properties) : []) {
    if (schema === true || schema === false || required.includes(field)) continue;
    const key = JSON.stringify(schema);
    const group = groups.get(key);
    if (group) group.push(field);
    else groups.set(key, [field]);
  }
  const patternProperties: Record<string, Schema> = {};
  for (const [key, fields] of groups) {
    if (fields.length < 3) continue;
    patternProperties[`^(?:${fields.map(escapeRegExp).join('|')})$`] = JSON.parse(key) as Schema;
    for (const field of fields) delete properties[field];
  }
  // No `type`: the caller (a field schema, or the walker for states) checks for an object,
  // so that a placeholder string can stand in for the whole object.
  return {
    properties,
    ...(Object.keys(patternProperties).length ? { patternProperties } : {}),
    ...(required.length ? { required } : {}),
    additionalProperties: spec.openEnded ? true : false,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every referenced (non-top-level) object definition. */
const SUB_OBJECTS: readonly ObjName[] = [
  'processorConfig',
  'retrier',
  'catcher',
  'choiceRule',
  'nestedChoiceRule',
  'credentials',
  'itemReader',
  'readerConfig',
  'itemBatcher',
  'resultWriter',
  'writerConfig',
];

export interface AslSchemas {
  /** Shared object schemas, each with its `$id` (the name that `$ref` uses). */
  readonly defs: readonly { [key: string]: unknown }[];
  /** Export name → top-level schema (each carries its own `$id`, equal to the name). */
  readonly validators: Readonly<Record<string, { [key: string]: unknown }>>;
}

/** The validator export for a state type in a query language, e.g. `Task_J`. */
export function stateValidatorName(type: string, lang: L): string {
  return `${type}_${lang}`;
}

export function buildAslSchemas(): AslSchemas {
  const defs = new Map<string, { [key: string]: unknown }>();
  for (const name of SUB_OBJECTS) {
    for (const lang of ['P', 'J'] as const) {
      const id = defName(name, lang);
      defs.set(id, { $id: id, ...(objectSchema(name, lang) as object) });
    }
  }
  const validators: Record<string, { [key: string]: unknown }> = {};
  const top = (id: string, schema: Schema) => {
    validators[id] = { $id: id, ...(schema as object) };
  };
  top('Root', objectSchema('root', 'P'));
  top('Branch', objectSchema('branch', 'P'));
  top('ItemProcessor', objectSchema('itemProcessor', 'P'));
  top('Iterator', objectSchema('iterator', 'P'));
  for (const type of STATE_TYPES) {
    for (const lang of ['P', 'J'] as const) top(stateValidatorName(type, lang), objectSchema(type, lang));
  }
  return {
    defs: [...defs.values()],
    validators,
  };
}
