/**
 * Where each state assigns and reads workflow variables, in both query languages.
 */
import type { DocNode } from '../document/node.js';
import { members } from '../document/node-access.js';
import { jsonataStrings, type JsonataString } from '../jsonata/fields.js';
import { prepareJsonata } from '../jsonata/parse.js';
import type { ChoiceRule, Field, Machine, State } from '../model/types.js';
import { hasSubstitution, jsonPathFields, type PathField } from '../paths/fields.js';
import { isIntrinsicCall } from '../paths/intrinsic.js';
import { jsonataReferences } from './jsonata-references.js';
import { pathVariable, templateReferences } from './jsonpath-references.js';

/** Which Assign sets the variable: the state's own, a Choice rule's or a catcher's. */
export type AssignHolder = 'state' | 'choice-rule' | 'catcher';

export interface VariableAssignment {
  readonly name: string;
  readonly state: State;
  /** The member of the Assign object; its `keyRange` is the name as written. */
  readonly node: DocNode;
  readonly holder: AssignHolder;
  /** The Choice rule's or catcher's position, for those holders. */
  readonly index?: number;
}

/** An Assign whose names cannot be known: a `${…}` key, or a value that is not an object. */
export interface UnknownAssignment {
  readonly state: State;
  readonly node: DocNode;
  readonly holder: AssignHolder;
  readonly index?: number;
}

export interface VariableRead {
  /** The name without `$`. */
  readonly name: string;
  readonly state: State;
  /** The string that holds the read. */
  readonly node: DocNode;
  /** The field for messages, relative to the state: `"Arguments.Payload"`, `"total.$" in Parameters`. */
  readonly field: string;
  /** Offsets of `$name` in the string's value. */
  readonly start: number;
  readonly end: number;
  /**
   * True when an unassigned variable here fails the state: a JSONPath path or intrinsic
   * argument, or a JSONata read whose undefined value reaches the field's result. False
   * for reads the expression tolerates (`$exists($x)`, `[$x]`, …), a JSONPath `IsPresent`
   * test, and a `$name` seen in text that does not parse or sits beside a placeholder:
   * those only tell that the variable may be read.
   */
  readonly certain: boolean;
}

export interface StateVariables {
  readonly state: State;
  readonly assignments: readonly VariableAssignment[];
  readonly unknownAssignments: readonly UnknownAssignment[];
  readonly reads: readonly VariableRead[];
  /** Names the state may read without a definite read (bound in an expression, used as a function, in a filter). */
  readonly mentions: readonly string[];
  /** True when a `${…}` placeholder stands where the state reads a path or an expression. */
  readonly unknownReads: boolean;
  /**
   * For a Choice state: the variables each top-level rule's condition reads, by rule. A
   * rule that matched has seen them, so along its edge they count as defined: the usual
   * `$exists($x)` or `IsPresent` test before a read is not reported.
   */
  readonly tested: ReadonlyMap<number, readonly string[]>;
}

/** Step Functions drops the `.$` of a JSONPath Assign key: `"total.$"` sets `$total`. */
function variableName(key: string): string {
  return key.endsWith('.$') ? key.slice(0, -2) : key;
}

/**
 * What one state assigns and reads, gathered field by field. Lists are made on their first
 * entry: most states of a large definition touch no variable, and thousands of empty lists
 * would only feed the garbage collector.
 */
interface Builder {
  state: State;
  tested?: Map<number, string[]>;
  assignments?: VariableAssignment[];
  unknownAssignments?: UnknownAssignment[];
  reads?: VariableRead[];
  mentions?: string[];
  unknownReads: boolean;
}

const NONE: readonly never[] = Object.freeze([]);
const NO_TESTS: ReadonlyMap<number, readonly string[]> = new Map();

function assignments(builder: Builder, assign: Field, holder: AssignHolder, index?: number): void {
  if (!assign) return;
  const { state } = builder;
  if (assign.kind !== 'object') {
    if (assign.kind === 'string' || assign.kind === 'placeholder') (builder.unknownAssignments ??= []).push({ state, node: assign, holder, index });
    return;
  }
  for (const child of members(assign)) {
    const key = child.key as string;
    if (hasSubstitution(key)) (builder.unknownAssignments ??= []).push({ state, node: child, holder, index });
    else (builder.assignments ??= []).push({ name: variableName(key), state, node: child, holder, index });
  }
}

const TOKEN = /\$([\p{L}_][\p{L}\p{N}_]*)/gu;

/** Every `$name` of a JSONPath path after the first (filters may read variables). */
function pathMentions(builder: Builder, text: string, skip: number): void {
  if (text.indexOf('$', Math.max(1, skip)) < 0) return;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index < skip || (match.index > 0 && text[match.index - 1] === '$')) continue;
    (builder.mentions ??= []).push(match[1]);
  }
}

const VARIABLE_SIGN = /\$[\p{L}_]/u;

function jsonPathReads(builder: Builder, field: PathField, ruleOf: RuleOf | undefined): void {
  const { node } = field;
  if (node.kind === 'placeholder') {
    builder.unknownReads = true;
    return;
  }
  if (node.kind !== 'string' || field.kind === 'reference') return;
  const text = node.value as string;
  const substituted = hasSubstitution(text);
  if (substituted) builder.unknownReads = true;
  // Most path strings name no variable; only a `$` before a letter or `_` can start one.
  else if (!VARIABLE_SIGN.test(text)) return;
  const rule = ruleOf?.get(node);
  const add = (name: string, start: number, end: number, certain: boolean): void => {
    // `IsPresent` is how a JSONPath Choice asks whether the variable exists.
    (builder.reads ??= []).push({ name, state: builder.state, node, field: field.label, start, end, certain: certain && !substituted && !rule?.isPresent });
    if (rule) testedBy(builder, rule.rule).push(name);
  };
  if (field.kind === 'template' || (field.kind === 'message' && isIntrinsicCall(text))) {
    const found = templateReferences(text);
    for (const read of found.reads) add(read.name, read.start, read.end, found.parsed);
    if (!isIntrinsicCall(text)) pathMentions(builder, text, found.reads[0]?.end ?? 0);
    return;
  }
  const read = pathVariable(text);
  if (read) add(read.name, read.start, read.end, true);
  pathMentions(builder, text, read?.end ?? 0);
}

function testedBy(builder: Builder, rule: number): string[] {
  const tested = (builder.tested ??= new Map());
  let list = tested.get(rule);
  if (!list) tested.set(rule, (list = []));
  return list;
}

/** JSONPath Choice nodes: the top-level rule each belongs to, and whether its rule tests IsPresent. */
type RuleOf = Map<DocNode, { rule: number; isPresent: boolean }>;

/** The path nodes of each top-level rule of a JSONPath Choice state, nested rules included. */
function choiceRuleNodes(state: State, map: RuleOf): void {
  if (state.kind !== 'Choice') return;
  const choices = state.choices;
  for (let rule = 0; rule < choices.length; rule++) {
    const stack: ChoiceRule[] = [choices[rule]];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const isPresent = current.operator?.name === 'IsPresent';
      if (current.variable) map.set(current.variable, { rule, isPresent });
      if (current.operator) map.set(current.operator.node, { rule, isPresent: false });
      if (current.and) for (const nested of current.and) stack.push(nested);
      if (current.or) for (const nested of current.or) stack.push(nested);
      if (current.not) stack.push(current.not);
    }
  }
}

function jsonataReads(builder: Builder, found: JsonataString): void {
  const references = jsonataReferences(found.body);
  if (references.placeholder) builder.unknownReads = true;
  for (const read of references.reads) {
    (builder.reads ??= []).push({
      name: read.name,
      state: builder.state,
      node: found.node,
      field: `"${found.label}"`,
      // Offsets into the value, past the `{%`.
      start: read.start + 2,
      end: read.end + 2,
      certain: references.parsed && read.strict,
    });
  }
  for (const name of references.mentions) (builder.mentions ??= []).push(name);
  // A Choice rule's Condition tests what it reads.
  if (found.site.holder === 'choice-rule' && found.site.field === 'Condition' && found.index !== undefined) {
    const tested = testedBy(builder, found.index);
    for (const read of references.reads) tested.push(read.name);
    for (const name of references.mentions) tested.push(name);
  }
}

/** Assign is not allowed on these; valid-definition reports it, and they end the scope anyway. */
const NO_ASSIGN = new Set(['Succeed', 'Fail']);

/** True when the state neither assigns nor reads a variable, nor may. */
function isEmpty(builder: Builder): boolean {
  return !builder.assignments && !builder.unknownAssignments && !builder.reads && !builder.mentions && !builder.tested && !builder.unknownReads;
}

/** A backslash escape that may spell `$`, `Assign` or a `${` (JSON and YAML `\u`, YAML `\x`, `\U`), or join two lines. */
const SPELLING_ESCAPE = /\\[uxU\r\n]/;

/**
 * False when the machine certainly neither assigns nor reads a variable, nor has a `${…}`
 * where it reads one: its text has no `Assign`, no `$` before a letter or `_` (a variable,
 * and any JSONata expression that names one) and no `${`, nor an escape that could spell
 * them. Most definitions use no variables, and then the walk over every path and payload
 * of a 1 MB definition is spared. A definition rebuilt from a template's pieces (a
 * DefinitionString) is not its document's text, and is always walked.
 */
function mayHoldVariables(machine: Machine): boolean {
  let top = machine.root;
  while (top.parent) top = top.parent;
  if (!machine.document.roots.includes(top)) return true;
  const text = machine.document.text;
  return text.includes('Assign') || text.includes('${') || hasVariableSign(text) || (text.includes('\\') && SPELLING_ESCAPE.test(text));
}

const LETTER = /^\p{L}$/u;

/**
 * VARIABLE_SIGN's test over a whole definition, found by indexOf: a regular expression
 * with Unicode classes scans a megabyte in 1.5 ms, and most `$` begin a path (`$.`, `$$.`).
 */
function hasVariableSign(text: string): boolean {
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if ((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a) || next === 0x5f) return true;
    if (next > 0x7f && LETTER.test(String.fromCodePoint(text.codePointAt(at + 1)!))) return true;
  }
  return false;
}

/**
 * The assignments and reads of the states of a machine that assign or read any variable
 * (most states of most workflows do neither), in the order of `machine.states`. JSONata
 * expressions are parsed in batches and cached.
 */
export function collectVariables(machine: Machine): StateVariables[] {
  if (!mayHoldVariables(machine)) return [];
  const builders = new Map<State, Builder>();
  const pending: { builder: Builder; found: readonly JsonataString[] }[] = [];
  // Nodes of JSONPath Choice rules, of every state: nodes belong to one state each.
  const ruleOf: RuleOf = new Map();
  for (const state of machine.states) {
    const builder: Builder = { state, unknownReads: false };
    if (state.queryLanguage === 'JSONPath') choiceRuleNodes(state, ruleOf);
    builders.set(state, builder);
    if (!NO_ASSIGN.has(state.kind)) {
      assignments(builder, state.assign, 'state');
      if (state.kind === 'Choice') state.choices.forEach((rule, i) => assignments(builder, rule.assign, 'choice-rule', i));
      for (const catcher of state.catch) assignments(builder, catcher.assign, 'catcher', catcher.index);
    }
    if (state.queryLanguage === 'JSONata' && state.kind !== 'Unknown') pending.push({ builder, found: jsonataStrings(state) });
  }
  for (const field of jsonPathFields(machine)) {
    const builder = builders.get(field.state);
    if (builder) jsonPathReads(builder, field, ruleOf.size > 0 ? ruleOf : undefined);
  }
  prepareJsonata(pending.flatMap((p) => p.found.map((f) => f.body)));
  for (const { builder, found } of pending) for (const f of found) jsonataReads(builder, f);
  const result: StateVariables[] = [];
  for (const builder of builders.values()) {
    if (isEmpty(builder)) continue;
    result.push({
      state: builder.state,
      tested: builder.tested ?? NO_TESTS,
      assignments: builder.assignments ?? NONE,
      unknownAssignments: builder.unknownAssignments ?? NONE,
      reads: builder.reads ?? NONE,
      mentions: builder.mentions ?? NONE,
      unknownReads: builder.unknownReads,
    });
  }
  return result;
}
