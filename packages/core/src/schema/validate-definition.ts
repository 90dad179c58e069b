/**
 * Structural validation of a state machine definition (the `valid-definition` rule), on the
 * plain parsed value. Precompiled ajv validators check each object against the schema of
 * its own kind (a Task state in JSONata, a retrier, …); this module walks the definition,
 * dispatches on `Type` and the effective QueryLanguage, turns every schema error into one
 * sentence at the most specific node, and adds the checks a schema cannot express well
 * (exactly one of several fields, unique names, Choice rule shapes).
 *
 * Out of scope (other rules): transition targets, reachability, States.ALL placement,
 * JSONPath and intrinsic syntax, JSONata syntax.
 */
import {
  BOOLEAN_COMBINATORS,
  COMPARISON_OPERATORS,
  ERROR_HANDLING_TYPES,
  LANGUAGE_REPLACEMENTS,
  OBJECTS,
  STATE_TYPES,
  type FieldSpec,
  type Kind,
  type ObjName,
  type StateType,
} from './asl-fields.js';
import {
  elementMessage,
  isJsonataExpression,
  isObject,
  isPlaceholder,
  preview,
  quotedList,
  suggest,
  valueMessage,
} from './describe.js';
import * as generated from './validators.generated.js';
import { hasKeptValue, rootValue, toValue } from '../document/node-access.js';
import type { DocNode } from '../document/node.js';
import { codePointLength, codePointPrefix } from '../text/code-points.js';

export interface DefinitionIssue {
  /** JSON path from the definition root to the offending value, e.g. ['States','A','Retry',0,'BackoffRate'] */
  path: (string | number)[];
  /** 'value': point at the value at `path`; 'key': point at the property NAME that `path` ends with (use for "field X is not allowed", "X and Y are mutually exclusive" on the second key, etc.) */
  at: 'value' | 'key';
  /** One sentence a person understands, naming the field/state, saying what is wrong and what to do. Never a vague "X is invalid". */
  message: string;
}

type Path = (string | number)[];
/** Effective query language; `?` when a placeholder hides it. */
type Lang = 'P' | 'J' | '?';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
const VALIDATORS = generated as unknown as Record<string, ValidateFn>;

/** Deeper nesting of Parallel/Map workflows is not walked (AWS refuses far less). */
const MAX_DEPTH = 400;
const MAX_STATE_NAME = 80;
const MAX_LABEL = 40;
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Fields AWS never reads as JSONata, and payload fields inside which every string is. */
const NOT_EXPRESSIONS = new Set([
  'Type',
  'QueryLanguage',
  'Comment',
  'Next',
  'Default',
  'Resource',
  'ErrorEquals',
  'Retry',
  'Credentials',
  'ItemProcessor',
  'Iterator',
  'Branches',
  'CSVHeaders',
]);
const PAYLOADS = new Set(['Output', 'Assign', 'Arguments', 'ItemSelector', 'BatchInput', 'Items']);

const hasOwn = Object.prototype.hasOwnProperty;
const own = (obj: object, key: string): boolean => hasOwn.call(obj, key);
const get = (obj: Record<string, unknown>, key: string): unknown => (own(obj, key) ? obj[key] : undefined);

/** The validator of each state type, by query language: looked up once per state. */
const JSONPATH_VALIDATOR: Readonly<Record<StateType, string>> = Object.fromEntries(STATE_TYPES.map((type) => [type, `${type}_P`])) as Record<StateType, string>;
const JSONATA_VALIDATOR: Readonly<Record<StateType, string>> = Object.fromEntries(STATE_TYPES.map((type) => [type, `${type}_J`])) as Record<StateType, string>;
const COMBINATOR_LISTS = ['And', 'Or'] as const;
const BOOLEAN_COMBINATOR_NAMES: ReadonlySet<string> = new Set(BOOLEAN_COMBINATORS);

function fieldSpec(obj: ObjName, field: string): FieldSpec | undefined {
  const fields = OBJECTS[obj].fields;
  return own(fields, field) ? fields[field] : undefined;
}

function existsIn(spec: FieldSpec, lang: Lang): boolean {
  return spec.lang === 'B' || lang === '?' || (lang === 'P' ? spec.lang === 'P' : spec.lang === 'J');
}

function isStateType(name: ObjName): name is StateType {
  return (STATE_TYPES as readonly string[]).includes(name);
}

/** `Retry[0]`, `Choices[1].And[0]`, `ItemReader.ReaderConfig` */
function relPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** The state an object belongs to, for messages. */
interface Owner {
  readonly name: string;
  readonly type: StateType;
  readonly path: Path;
  readonly lang: Lang;
  /** The state declares QueryLanguage itself (else it inherits the machine's). */
  readonly declared: boolean;
}

class Validation {
  readonly issues: DefinitionIssue[] = [];
  private readonly seen = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly labels = new Map<string, string>();
  machineLang: Lang = 'P';
  machineDeclared = false;

  /**
   * @param nodeStates The top-level `States` object whose values are still document
   *   nodes, each converted to its plain value only when its state is validated.
   */
  constructor(private readonly nodeStates?: Record<string, unknown>) {}

  report(path: Path, at: 'value' | 'key', message: string, onePerLocation = false): void {
    const where = `${at}\u0000${path.join('\u0000')}`;
    const key = onePerLocation ? where : `${where}\u0001${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ path, at, message });
  }

  /** Reports a value problem unless the same location already has one. */
  reportValue(path: Path, message: string): void {
    this.report(path, 'value', message, true);
  }

  // ── walking ───────────────────────────────────────────────────────────────

  root(def: unknown): void {
    if (!isObject(def)) {
      this.report([], 'value', `The state machine definition must be a JSON object with "StartAt" and "States", not ${preview(def)}.`);
      return;
    }
    const ql = get(def, 'QueryLanguage');
    this.machineLang = declaredLang(ql) ?? 'P';
    this.machineDeclared = ql !== undefined;
    this.run('Root', def, [], 'root', 'P', undefined);
    const states = get(def, 'States');
    if (isObject(states)) this.scope(states, ['States'], 'at the top level', 0);
  }

  private scope(states: Record<string, unknown>, path: Path, where: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const names = Object.keys(states);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const statePath = path.concat(name);
      this.stateName(name, statePath, where);
      const state = states === this.nodeStates ? toValue(states[name] as DocNode) : states[name];
      this.state(state, name, statePath, depth);
    }
  }

  private stateName(name: string, path: Path, where: string): void {
    // UTF-16 length bounds the number of code points from above: count only long names.
    const length = name.length > MAX_STATE_NAME ? codePointLength(name) : name.length;
    if (length === 0) {
      this.report(path, 'key', 'State name is empty: give the state a name of 1 to 80 characters.');
    } else if (length > MAX_STATE_NAME) {
      this.report(
        path,
        'key',
        `State name "${codePointPrefix(name, 30)}…" is ${length} characters long; state names can have at most ${MAX_STATE_NAME}.`,
      );
    }
    const first = this.names.get(name);
    if (first !== undefined) {
      this.report(
        path,
        'key',
        `State name "${name}" is already used by a state ${first}: state names must be unique across the whole state machine, including Parallel branches and Map processors.`,
      );
    } else {
      this.names.set(name, where);
    }
  }

  private state(state: unknown, name: string, path: Path, depth: number): void {
    if (isPlaceholder(state)) return;
    if (!isObject(state)) {
      this.report(path, 'value', `State "${name}" must be an object with a "Type" field, not ${preview(state)}.`);
      return;
    }
    const type = get(state, 'Type');
    if (type === undefined) {
      this.report(path, 'key', `State "${name}" has no "Type": add one of ${STATE_TYPES.join(', ')}.`);
      return;
    }
    if (isPlaceholder(type)) return;
    if (typeof type !== 'string' || !(STATE_TYPES as readonly string[]).includes(type)) {
      const near = typeof type === 'string' ? suggest(type, STATE_TYPES) : undefined;
      this.report(
        [...path, 'Type'],
        'value',
        `${preview(type)} is not a state type: use one of ${STATE_TYPES.join(', ')}.${near ? ` Did you mean "${near}"?` : ''}`,
      );
      return;
    }
    const stateType = type as StateType;
    const owner = this.owner(state, name, stateType, path);
    if (owner.lang === 'J') this.expressions(state, path, false);
    this.run((owner.lang === 'J' ? JSONATA_VALIDATOR : JSONPATH_VALIDATOR)[stateType], state, path, stateType, owner.lang, owner);

    switch (stateType) {
      case 'Pass':
      case 'Wait':
        this.transition(state, owner);
        if (stateType === 'Wait') this.wait(state, owner);
        break;
      case 'Task':
        this.transition(state, owner);
        this.task(state, owner);
        break;
      case 'Choice':
        this.choice(state, owner);
        break;
      case 'Fail':
        this.exclusive(state, path, 'Error', 'ErrorPath', owner);
        this.exclusive(state, path, 'Cause', 'CausePath', owner);
        break;
      case 'Parallel':
        this.transition(state, owner);
        this.parallel(state, owner, depth);
        break;
      case 'Map':
        this.transition(state, owner);
        this.map(state, owner, depth);
        break;
      case 'Succeed':
        break;
    }
  }

  private owner(state: Record<string, unknown>, name: string, type: StateType, path: Path): Owner {
    const ql = get(state, 'QueryLanguage');
    if (ql === undefined) return { name, type, path, lang: this.machineLang, declared: false };
    let lang = declaredLang(ql) ?? this.machineLang;
    if (ql === 'JSONPath' && this.machineLang === 'J') {
      this.report(
        [...path, 'QueryLanguage'],
        'value',
        `State "${name}" sets "QueryLanguage": "JSONPath", but the state machine's QueryLanguage is JSONata, and a JSONata state machine cannot contain JSONPath states: remove the field and write the state in JSONata.`,
      );
      lang = '?';
    }
    return { name, type, path, lang, declared: true };
  }

  // ── schema errors ─────────────────────────────────────────────────────────

  private run(validator: string, data: unknown, base: Path, obj: ObjName, lang: Lang, owner: Owner | undefined): void {
    const fn = VALIDATORS[validator];
    let valid: boolean;
    try {
      valid = fn(data);
    } catch {
      return; // a pathological value (stack overflow in a 10,000-deep rule): nothing to add
    }
    if (valid) return;
    for (const error of fn.errors ?? []) this.schemaError(error, data, base, obj, lang, owner);
  }

  private schemaError(error: AjvError, data: unknown, base: Path, root: ObjName, lang: Lang, owner: Owner | undefined): void {
    // Walk the instance path through the field tables.
    const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
    const path: Path = [...base];
    let value: unknown = data;
    let obj: ObjName | undefined = root;
    /** The object that holds `field` (when the walk ended on a field). */
    let parent: ObjName | undefined;
    let field: { name: string; spec: FieldSpec; value: unknown } | undefined;
    let element: { field: string; kind: Kind; value: unknown } | undefined;
    let arrayKind: Kind | undefined;
    for (const raw of segments) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(value)) {
        const index = Number(seg);
        path.push(index);
        value = value[index];
        if (!arrayKind || !field) break;
        element = { field: field.name, kind: arrayKind, value };
        obj = arrayKind.k === 'objArray' ? arrayKind.ref : undefined;
        arrayKind = undefined;
        continue;
      }
      if (!obj || !isObject(value)) break;
      path.push(seg);
      value = get(value, seg);
      const spec = fieldSpec(obj, seg);
      parent = obj;
      element = undefined;
      if (!spec) {
        field = undefined;
        obj = undefined;
        break;
      }
      field = { name: seg, spec, value };
      const kind = spec.kind;
      obj = kind.k === 'obj' ? kind.ref : undefined;
      arrayKind =
        kind.k === 'objArray' || kind.k === 'errorNames' || kind.k === 'stringArray' || kind.k === 'branches'
          ? kind
          : undefined;
    }
    const stateOf = owner?.name;
    switch (error.keyword) {
      case 'additionalProperties': {
        const name = String(error.params.additionalProperty);
        if (obj) this.unknownField(obj, name, [...path, name], lang, owner, relOf(path, owner));
        return;
      }
      case 'false schema':
        if (parent && field) this.unknownField(parent, field.name, path, lang, owner, relOf(path.slice(0, -1), owner));
        return;
      case 'required': {
        if (!obj) return;
        const missing = String(error.params.missingProperty);
        this.missingField(obj, missing, path, owner);
        return;
      }
    }
    if (element) {
      this.reportValue(path, elementMessage(element.field, element.kind, element.value));
      return;
    }
    if (field && path.length > base.length) {
      const exprAllowed = lang === 'J' && field.spec.expr === true;
      this.reportValue(path, valueMessage(field.name, field.spec, field.value, exprAllowed));
      return;
    }
    // A type error on a whole object the walker validated itself should not happen; say so plainly.
    if (path.length === base.length) {
      this.reportValue(path, `${stateOf ? `State "${stateOf}"` : 'This value'} does not have the shape of ${OBJECTS[root].label}.`);
    }
  }

  private unknownField(obj: ObjName, name: string, path: Path, lang: Lang, owner: Owner | undefined, where: string): void {
    const spec = fieldSpec(obj, name);
    const inObject = isStateType(obj) ? '' : ` in ${OBJECTS[obj].label}`;
    if (spec && !existsIn(spec, lang)) {
      if (lang === '?' || !owner) return;
      const replacement =
        LANGUAGE_REPLACEMENTS[`${obj}:${name}`] ??
        (own(COMPARISON_OPERATORS, name) ? LANGUAGE_REPLACEMENTS.Variable : LANGUAGE_REPLACEMENTS[name]);
      const language = lang === 'J' ? 'JSONata' : owner.declared || this.machineDeclared ? 'JSONPath' : 'JSONPath (the default)';
      const orSwitch =
        lang === 'P' && this.machineLang === 'P'
          ? `, or set "QueryLanguage": "JSONata" on the ${owner.declared ? 'state' : 'state or the state machine'}`
          : '';
      this.report(
        path,
        'key',
        `The QueryLanguage of state "${owner.name}" is ${language}, so "${name}" is not allowed${inObject}: ${replacement ?? 'remove it'}${orSwitch}.`,
      );
      return;
    }
    const hints = OBJECTS[obj].hints;
    let hint = hints && own(hints, name) ? hints[name] : undefined;
    if (!hint && isStateType(obj) && name !== 'Next' && name !== 'End') {
      const elsewhere = STATE_TYPES.filter((t) => {
        const s = fieldSpec(t, name);
        return s !== undefined && existsIn(s, lang);
      });
      if (elsewhere.length > 0) {
        const list = elsewhere.join(', ').replace(/, ([^,]*)$/, ' and $1');
        hint =
          name === 'Retry' || name === 'Catch'
            ? `Only ${ERROR_HANDLING_TYPES} states can have "${name}".`
            : `"${name}" belongs in ${list} states.`;
      }
    }
    if (!hint) {
      const candidates = Object.entries(OBJECTS[obj].fields)
        .filter(([, s]) => existsIn(s, lang))
        .map(([n]) => n);
      const near = suggest(name, candidates);
      if (near) hint = `Did you mean "${near}"?`;
    }
    let container = OBJECTS[obj].label;
    if (!isStateType(obj) && where) {
      const objectPath = path.slice(0, -1);
      container =
        typeof objectPath[objectPath.length - 1] === 'string' ? `"${where.replace(/ of state /, '" of state ')}` : `${container} (${where})`;
    }
    this.report(path, 'key', `Field "${name}" is not allowed in ${container}.${hint ? ` ${hint}` : ''}`);
  }

  private missingField(obj: ObjName, name: string, path: Path, owner: Owner | undefined): void {
    const at: 'key' | 'value' = path.length > 0 && typeof path[path.length - 1] === 'string' ? 'key' : 'value';
    const subject = subjectOf(obj, path, owner);
    const advice = MISSING_ADVICE[`${obj}:${name}`] ?? MISSING_ADVICE[name];
    this.report(path, at, `${subject} has no "${name}"${advice ? `: ${advice}` : ''}.`);
  }

  // ── per-type checks ───────────────────────────────────────────────────────

  private transition(state: Record<string, unknown>, owner: Owner): void {
    const next = get(state, 'Next');
    const end = get(state, 'End');
    if (isPlaceholder(end) || isPlaceholder(next)) return;
    const hasNext = next !== undefined;
    if (!hasNext && end === undefined) {
      this.report(owner.path, 'key', `State "${owner.name}" needs "Next" (the state to run after it) or "End": true.`);
    } else if (!hasNext && end === false) {
      this.report([...owner.path, 'End'], 'value', `State "${owner.name}" has "End": false and no "Next": set "End": true or add "Next".`);
    } else if (hasNext && end === true) {
      const second = laterKey(state, 'Next', 'End');
      this.report([...owner.path, second], 'key', `State "${owner.name}" has both "Next" and "End": true: keep only one.`);
    }
  }

  /** Two fields that cannot both be set: the issue goes on the one written second. */
  private exclusive(obj: Record<string, unknown>, path: Path, a: string, b: string, owner: Owner, advice?: string): boolean {
    if (!own(obj, a) || !own(obj, b)) return false;
    const second = laterKey(obj, a, b);
    const where = path.length > owner.path.length ? `"${relPath(path.slice(owner.path.length))}" of state` : 'state';
    this.report(
      [...path, second],
      'key',
      `"${a}" and "${b}" cannot both be set in ${where} "${owner.name}": ${advice ?? 'keep one'}.`,
    );
    return true;
  }

  private task(state: Record<string, unknown>, owner: Owner): void {
    const path = owner.path;
    this.exclusive(state, path, 'TimeoutSeconds', 'TimeoutSecondsPath', owner);
    this.exclusive(state, path, 'HeartbeatSeconds', 'HeartbeatSecondsPath', owner);
    const timeout = get(state, 'TimeoutSeconds');
    const heartbeat = get(state, 'HeartbeatSeconds');
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout && timeout >= 1) {
      this.reportValue(
        [...path, 'HeartbeatSeconds'],
        `"HeartbeatSeconds" (${heartbeat}) must be less than "TimeoutSeconds" (${timeout}) in state "${owner.name}".`,
      );
    }
    const credentials = get(state, 'Credentials');
    if (isObject(credentials) && !isIntrinsic(credentials) && !own(credentials, 'RoleArn') && !own(credentials, 'RoleArn.$')) {
      this.report(
        [...path, 'Credentials'],
        'key',
        `"Credentials" of state "${owner.name}" has no "RoleArn": add the ARN of the IAM role to assume.`,
      );
    }
  }

  private wait(state: Record<string, unknown>, owner: Owner): void {
    const all = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];
    const present = Object.keys(state).filter((k) => all.includes(k));
    const allowed = owner.lang === 'J' ? ['Seconds', 'Timestamp'] : all;
    if (present.length === 0) {
      this.report(
        owner.path,
        'key',
        `Wait state "${owner.name}" needs ${quotedList(allowed)} to say how long to wait.`,
      );
    } else if (present.length > 1) {
      this.report(
        [...owner.path, present[1]],
        'key',
        `Wait state "${owner.name}" can have only one of ${quotedList(allowed, 'and')}: remove "${present[1]}".`,
      );
    }
  }

  private choice(state: Record<string, unknown>, owner: Owner): void {
    if (owner.lang !== 'P') return;
    const choices = get(state, 'Choices');
    if (!Array.isArray(choices)) return;
    const base = owner.path.concat('Choices');
    for (let i = 0; i < choices.length; i++) this.rule(choices[i], base.concat(i), owner, 0);
  }

  /** A JSONPath Choice rule tests exactly one thing: a comparison with Variable, or And/Or/Not. */
  private rule(rule: unknown, path: Path, owner: Owner, depth: number): void {
    if (!isObject(rule) || depth > MAX_DEPTH) return;
    const keys = Object.keys(rule);
    const tests: string[] = [];
    let operator: string | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (own(COMPARISON_OPERATORS, key)) {
        tests.push(key);
        operator ??= key;
      } else if (BOOLEAN_COMBINATOR_NAMES.has(key)) {
        tests.push(key);
      }
    }
    // Only messages name the rule, and most rules have none.
    const subject = (): string => `${relPath(path.slice(owner.path.length))} of Choice state "${owner.name}"`;
    if (tests.length === 0) {
      if (own(rule, 'Condition')) return; // a JSONata rule: reported as a QueryLanguage mismatch
      this.report(
        path,
        'value',
        `${subject()} has no test: add "Variable" and a comparison operator such as "StringEquals", or combine rules with "And", "Or" or "Not".`,
      );
    } else if (tests.length > 1) {
      this.report(
        [...path, tests[1]],
        'key',
        `${subject()} has more than one test ("${tests[0]}" and "${tests[1]}"): a rule holds exactly one; combine tests with "And".`,
      );
    }
    if (operator && !own(rule, 'Variable')) {
      this.report(
        [...path, operator],
        'key',
        `${subject()} uses "${operator}" but has no "Variable": add the path of the value to compare, such as "$.status".`,
      );
    }
    for (const combinator of COMBINATOR_LISTS) {
      const list = get(rule, combinator);
      if (!Array.isArray(list)) continue;
      const base = path.concat(combinator);
      for (let i = 0; i < list.length; i++) this.rule(list[i], base.concat(i), owner, depth + 1);
    }
    const not = get(rule, 'Not');
    if (isObject(not)) this.rule(not, path.concat('Not'), owner, depth + 1);
  }

  private parallel(state: Record<string, unknown>, owner: Owner, depth: number): void {
    const branches = get(state, 'Branches');
    if (!Array.isArray(branches)) return;
    branches.forEach((branch, i) => {
      if (!isObject(branch)) return;
      const path = [...owner.path, 'Branches', i];
      this.run('Branch', branch, path, 'branch', owner.lang, owner);
      const states = get(branch, 'States');
      if (isObject(states)) {
        this.scope(states, [...path, 'States'], `in Branches[${i}] of Parallel state "${owner.name}"`, depth + 1);
      }
    });
  }

  private map(state: Record<string, unknown>, owner: Owner, depth: number): void {
    const path = owner.path;
    const name = owner.name;
    const hasProcessor = own(state, 'ItemProcessor');
    const hasIterator = own(state, 'Iterator');
    if (!hasProcessor && !hasIterator) {
      this.report(path, 'key', `Map state "${name}" has no "ItemProcessor": add the states to run for each item ("StartAt" and "States").`);
    } else if (hasProcessor && hasIterator) {
      this.report(
        [...path, laterKey(state, 'ItemProcessor', 'Iterator')],
        'key',
        `Map state "${name}" has both "ItemProcessor" and "Iterator": keep "ItemProcessor" ("Iterator" is its deprecated name).`,
      );
    }
    this.exclusive(state, path, 'ItemSelector', 'Parameters', owner, 'keep "ItemSelector" ("Parameters" is its deprecated name)');
    this.exclusive(state, path, 'MaxConcurrency', 'MaxConcurrencyPath', owner);
    this.exclusive(state, path, 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', owner);
    this.exclusive(state, path, 'ToleratedFailureCount', 'ToleratedFailureCountPath', owner);

    const processorField = hasProcessor ? 'ItemProcessor' : 'Iterator';
    const processor = get(state, processorField);
    if (isObject(processor)) {
      const processorPath = [...path, processorField];
      this.run(processorField, processor, processorPath, hasProcessor ? 'itemProcessor' : 'iterator', owner.lang, owner);
      const config = get(processor, 'ProcessorConfig');
      if (hasProcessor && isObject(config) && get(config, 'Mode') === 'DISTRIBUTED' && !own(config, 'ExecutionType')) {
        this.report(
          [...processorPath, 'ProcessorConfig'],
          'key',
          `"ProcessorConfig" of Map state "${name}" sets "Mode": "DISTRIBUTED" but has no "ExecutionType": add "ExecutionType": "STANDARD" or "EXPRESS".`,
        );
      }
      const states = get(processor, 'States');
      if (isObject(states)) {
        this.scope(states, [...processorPath, 'States'], `in the ${processorField} of Map state "${name}"`, depth + 1);
      }
    }

    const reader = get(state, 'ItemReader');
    if (isObject(reader)) {
      const readerConfig = get(reader, 'ReaderConfig');
      if (isObject(readerConfig)) {
        this.exclusive(readerConfig, [...path, 'ItemReader', 'ReaderConfig'], 'MaxItems', 'MaxItemsPath', owner);
      }
    }

    const batcher = get(state, 'ItemBatcher');
    if (isObject(batcher)) {
      const batcherPath = [...path, 'ItemBatcher'];
      this.exclusive(batcher, batcherPath, 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', owner);
      this.exclusive(batcher, batcherPath, 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath', owner);
      const limits = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
      if (!limits.some((l) => own(batcher, l))) {
        this.report(
          batcherPath,
          'key',
          `"ItemBatcher" of Map state "${name}" sets no batch size: add "MaxItemsPerBatch" or "MaxInputBytesPerBatch"${owner.lang === 'J' ? '' : ' (or their "…Path" forms)'}.`,
        );
      }
    }

    const writer = get(state, 'ResultWriter');
    if (isObject(writer)) this.resultWriter(writer, [...path, 'ResultWriter'], owner);

    const label = get(state, 'Label');
    if (typeof label === 'string' && !isPlaceholder(label)) {
      const length = [...label].length;
      const bad = LABEL_FORBIDDEN.exec(label);
      if (length > MAX_LABEL) {
        this.reportValue([...path, 'Label'], `"Label" of Map state "${name}" is ${length} characters long; a label can have at most ${MAX_LABEL}.`);
      } else if (bad) {
        this.reportValue(
          [...path, 'Label'],
          `"Label" of Map state "${name}" contains ${JSON.stringify(bad[0])}: a label cannot contain whitespace, brackets, wildcards, control characters or any of " # % \\ ^ | ~ \` $ & , ; : /.`,
        );
      }
      const first = this.labels.get(label);
      if (first !== undefined) {
        this.reportValue([...path, 'Label'], `Label "${label}" is already used by Map state "${first}": Map labels must be unique in the state machine.`);
      } else {
        this.labels.set(label, name);
      }
    }
  }

  private resultWriter(writer: Record<string, unknown>, path: Path, owner: Owner): void {
    const name = owner.name;
    const destination = owner.lang === 'J' ? 'Arguments' : 'Parameters';
    const keys = Object.keys(writer);
    if (keys.length === 0) {
      this.report(
        path,
        'key',
        `"ResultWriter" of Map state "${name}" is empty: add "WriterConfig", or "Resource" and "${destination}" to export the results to Amazon S3.`,
      );
      return;
    }
    const hasResource = own(writer, 'Resource');
    const destinationField = own(writer, 'Parameters') ? 'Parameters' : own(writer, 'Arguments') ? 'Arguments' : undefined;
    if (hasResource && !destinationField) {
      this.report(
        [...path, 'Resource'],
        'key',
        `"ResultWriter" of Map state "${name}" has "Resource" but no "${destination}": add the Amazon S3 "Bucket" and "Prefix" to export the results to.`,
      );
    } else if (destinationField && !hasResource) {
      this.report(
        [...path, destinationField],
        'key',
        `"ResultWriter" of Map state "${name}" has "${destinationField}" but no "Resource": add "Resource": "arn:aws:states:::s3:putObject".`,
      );
    }
    const config = get(writer, 'WriterConfig');
    if (isObject(config) && !own(config, 'OutputType') && !own(config, 'Transformation')) {
      this.report(
        [...path, 'WriterConfig'],
        'key',
        `"WriterConfig" of Map state "${name}" is empty: add "OutputType" ("JSON" or "JSONL") and "Transformation" ("NONE", "COMPACT" or "FLATTEN").`,
      );
    }
  }

  // ── JSONata strings ───────────────────────────────────────────────────────

  /**
   * In a JSONata state, a string is an expression only when the whole string is `{% … %}`.
   * Reports strings that look meant as one but are not: unclosed, padded, or embedded.
   */
  private expressions(root: Record<string, unknown>, base: Path, inPayload: boolean): void {
    const stack: [unknown, Path, boolean][] = [[root, base, inPayload]];
    while (stack.length > 0) {
      const [value, path, payload] = stack.pop()!;
      if (typeof value === 'string') {
        const problem = expressionProblem(value);
        if (problem) this.reportValue(path, problem);
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i], payload]);
      } else if (isObject(value)) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          if (!payload && NOT_EXPRESSIONS.has(key)) continue;
          stack.push([value[key], [...path, key], payload || PAYLOADS.has(key)]);
        }
      }
    }
  }
}

const MISSING_ADVICE: Readonly<Record<string, string>> = {
  Resource: 'add the ARN of the work to run, such as "arn:aws:states:::lambda:invoke"',
  'itemReader:Resource': 'add "arn:aws:states:::s3:getObject" or "arn:aws:states:::s3:listObjectsV2"',
  Choices: 'add a non-empty array of Choice rules',
  Branches: 'add an array of branches, each with "StartAt" and "States"',
  StartAt: 'add the name of the first state to run',
  States: 'add an object that maps state names to states',
  ErrorEquals: 'add the error names it handles, such as ["States.ALL"]',
  'catcher:Next': 'add the name of the state to run when it catches an error',
  'choiceRule:Next': 'add the name of the state to run when the rule matches',
  Condition: 'add a JSONata test such as "{% $states.input.ok %}"',
};

/** Who a message is about: `Task state "A"`, `Retry[0] of state "A"`, `The state machine`. */
function subjectOf(obj: ObjName, path: Path, owner: Owner | undefined): string {
  if (obj === 'root') return 'The state machine';
  if (isStateType(obj)) return `${obj} state "${owner?.name ?? String(path[path.length - 1])}"`;
  if (!owner) return relPath(path);
  const rel = relPath(path.slice(owner.path.length));
  return `${typeof path[path.length - 1] === 'string' ? `"${rel}"` : rel} of state "${owner.name}"`;
}

/** `Retry[0] of state "A"` for a path inside a state; empty for the state itself. */
function relOf(path: Path, owner: Owner | undefined): string {
  if (!owner || path.length <= owner.path.length) return '';
  return `${relPath(path.slice(owner.path.length))} of state "${owner.name}"`;
}

function declaredLang(ql: unknown): Lang | undefined {
  if (ql === 'JSONata') return 'J';
  if (ql === 'JSONPath') return 'P';
  if (isPlaceholder(ql)) return '?';
  if (typeof ql === 'string') {
    // Misspelled: reported by the schema; read it as the language it names.
    const lower = ql.toLowerCase();
    if (lower === 'jsonata') return 'J';
    if (lower === 'jsonpath') return 'P';
  }
  return undefined;
}

function laterKey(obj: Record<string, unknown>, a: string, b: string): string {
  const keys = Object.keys(obj);
  return keys.indexOf(a) > keys.indexOf(b) ? a : b;
}

function isIntrinsic(obj: Record<string, unknown>): boolean {
  const keys = Object.keys(obj);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function expressionProblem(value: string): string | undefined {
  if (!value.includes('{%') && !value.includes('%}')) return undefined;
  if (isJsonataExpression(value)) return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith('{%') && trimmed.endsWith('%}') && trimmed.length >= 4) {
    return `Whitespace outside "{% … %}" makes ${preview(value)} a literal string, not a JSONata expression: remove it.`;
  }
  if (trimmed.startsWith('{%')) {
    return `${preview(value)} starts a JSONata expression with "{%" but does not end with "%}": close it.`;
  }
  if (value.includes('{%') && value.includes('%}')) {
    return `${preview(value)} is taken literally: a JSONata expression must be the whole string, as in "{% 'Hello ' & $name %}".`;
  }
  return undefined;
}

/**
 * Validates a parsed state machine definition and returns one issue per problem, in
 * document order of the states. Never throws.
 */
export function validateDefinition(definition: unknown): DefinitionIssue[] {
  return validate(new Validation(), definition);
}

/**
 * Validates the definition a document node holds, as `validateDefinition` does its plain
 * value. Each top-level state is converted only while it is validated, so its value dies
 * young, in the young generation: the whole value of a 1 MB definition would live through
 * the pass and be copied into the old generation, which on a small virtual machine costs
 * some 9 ms a megabyte. A root whose value is kept for later lints is validated whole.
 */
export function validateDefinitionNode(root: DocNode): DefinitionIssue[] {
  if (root.kind !== 'object' || hasKeptValue(root)) return validateDefinition(rootValue(root));
  const definition: Record<string, unknown> = {};
  let nodeStates: Record<string, unknown> | undefined;
  for (const member of root.children!) {
    let value: unknown;
    if (member.key === 'States' && member.kind === 'object') {
      // Values are the state nodes; the last of duplicate names wins, as in JSON.parse.
      nodeStates = {};
      for (const state of member.children!) setOwn(nodeStates, state.key as string, state);
      value = nodeStates;
    } else {
      value = toValue(member);
    }
    setOwn(definition, member.key as string, value);
  }
  return validate(new Validation(nodeStates), definition);
}

/** Sets an own property, `__proto__` included, as JSON.parse does. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function validate(validation: Validation, definition: unknown): DefinitionIssue[] {
  try {
    validation.root(definition);
  } catch {
    // Never throw: keep what was found before the unexpected value.
  }
  return validation.issues;
}
