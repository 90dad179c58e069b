/**
 * Every place of a JSONPath-mode state where Step Functions reads a path or an intrinsic
 * function, so that rules (and the language server) see one list instead of walking the
 * definition themselves.
 */
import type { DocNode } from '../document/node.js';
import { items, member, members, startOf } from '../document/node-access.js';
import type { ChoiceRule, Field, Machine, State } from '../model/types.js';

/**
 * - `path`: a JSONPath, context path or variable (InputPath, ItemsPath, `*Path` fields,
 *   Choice `Variable` and `…Path` comparisons).
 * - `reference`: a reference path that names one node of the output (ResultPath).
 * - `template`: the value of a `.$` key in a payload template: a path or an intrinsic call.
 * - `message`: a Fail state's ErrorPath or CausePath: a path or a string-returning intrinsic.
 */
export type PathFieldKind = 'path' | 'reference' | 'template' | 'message';

export interface PathField {
  readonly state: State;
  /** The value node: a string when well formed, anything else when not. */
  readonly node: DocNode;
  readonly kind: PathFieldKind;
  /** The field for messages, relative to the state: `"InputPath"`, `"model.$" in Parameters.Payload`. */
  readonly label: string;
  /** null is allowed: it means `{}` for InputPath and OutputPath, and "discard" for ResultPath. */
  readonly nullable: boolean;
}

/**
 * True when the text holds a `${Name}` placeholder that a deployment tool (SAM, Terraform,
 * Fn::Sub) substitutes later: such a value is not final, so it is not judged. Written
 * without a regular expression to stay linear on long strings.
 */
export function hasSubstitution(text: string): boolean {
  const open = text.indexOf('${');
  return open >= 0 && text.indexOf('}', open + 2) >= 0;
}

const fieldsCache = new WeakMap<Machine, readonly PathField[]>();

/**
 * The path and intrinsic fields of every JSONPath-mode state, in source order per state.
 * JSONata-mode states are left out: their JSONPath fields are errors of another kind.
 * Fields that a state type does not allow are left out too. Computed once per machine:
 * several rules walk the same fields.
 */
export function jsonPathFields(machine: Machine): readonly PathField[] {
  let fields = fieldsCache.get(machine);
  if (!fields) {
    fields = collectFields(machine);
    fieldsCache.set(machine, fields);
  }
  return fields;
}

function collectFields(machine: Machine): PathField[] {
  const fields: PathField[] = [];
  for (const state of machine.states) {
    if (state.queryLanguage !== 'JSONPath' || state.kind === 'Unknown') continue;
    collectState(state, fields);
  }
  return fields;
}

/** A field of the state itself, when present; `label` is the quoted field name. */
function field(out: PathField[], state: State, node: Field, label: string, kind: PathFieldKind = 'path', nullable = false): void {
  if (node) out.push({ state, node, kind, label, nullable });
}

/** A path member of an object field of the state, when present. */
function nestedField(out: PathField[], state: State, container: Field, containerLabel: string, key: string): void {
  const node = member(container, key);
  if (node) out.push({ state, node, kind: 'path', label: `"${key}" in ${containerLabel}`, nullable: false });
}

function collectState(state: State, out: PathField[]): void {
  if (state.kind !== 'Fail') {
    field(out, state, state.inputPath, '"InputPath"', 'path', true);
    field(out, state, state.outputPath, '"OutputPath"', 'path', true);
  }
  if (state.kind !== 'Succeed' && state.kind !== 'Fail') templates(state, state.assign, 'Assign', out);

  switch (state.kind) {
    case 'Pass':
      templates(state, state.parameters, 'Parameters', out);
      field(out, state, state.resultPath, '"ResultPath"', 'reference', true);
      break;
    case 'Task':
      field(out, state, state.timeoutSecondsPath, '"TimeoutSecondsPath"');
      field(out, state, state.heartbeatSecondsPath, '"HeartbeatSecondsPath"');
      templates(state, state.parameters, 'Parameters', out);
      templates(state, state.credentials, 'Credentials', out);
      templates(state, state.resultSelector, 'ResultSelector', out);
      field(out, state, state.resultPath, '"ResultPath"', 'reference', true);
      break;
    case 'Parallel':
      templates(state, state.parameters, 'Parameters', out);
      templates(state, state.resultSelector, 'ResultSelector', out);
      field(out, state, state.resultPath, '"ResultPath"', 'reference', true);
      break;
    case 'Map': {
      field(out, state, state.itemsPath, '"ItemsPath"');
      field(out, state, state.maxConcurrencyPath, '"MaxConcurrencyPath"');
      field(out, state, state.toleratedFailurePercentagePath, '"ToleratedFailurePercentagePath"');
      field(out, state, state.toleratedFailureCountPath, '"ToleratedFailureCountPath"');
      templates(state, state.itemSelector, 'ItemSelector', out);
      templates(state, state.parameters, 'Parameters', out);
      templates(state, member(state.itemReader, 'Parameters'), 'ItemReader.Parameters', out);
      nestedField(out, state, member(state.itemReader, 'ReaderConfig'), 'ItemReader.ReaderConfig', 'MaxItemsPath');
      nestedField(out, state, state.itemBatcher, 'ItemBatcher', 'MaxItemsPerBatchPath');
      nestedField(out, state, state.itemBatcher, 'ItemBatcher', 'MaxInputBytesPerBatchPath');
      templates(state, member(state.itemBatcher, 'BatchInput'), 'ItemBatcher.BatchInput', out);
      templates(state, member(state.resultWriter, 'Parameters'), 'ResultWriter.Parameters', out);
      templates(state, state.resultSelector, 'ResultSelector', out);
      field(out, state, state.resultPath, '"ResultPath"', 'reference', true);
      break;
    }
    case 'Wait':
      field(out, state, state.secondsPath, '"SecondsPath"');
      field(out, state, state.timestampPath, '"TimestampPath"');
      break;
    case 'Fail':
      field(out, state, state.errorPath, '"ErrorPath"', 'message');
      field(out, state, state.causePath, '"CausePath"', 'message');
      break;
    case 'Choice':
      choiceRules(state, out);
      break;
    default:
      break;
  }

  if (state.kind === 'Task' || state.kind === 'Parallel' || state.kind === 'Map') {
    for (const catcher of state.catch) {
      if (catcher.resultPath) out.push({ state, node: catcher.resultPath, kind: 'reference', label: `"ResultPath" in Catch[${catcher.index}]`, nullable: true });
      if (catcher.assign) templates(state, catcher.assign, `Catch[${catcher.index}].Assign`, out);
    }
  }
}

/** Choice rules, nested And/Or/Not included, without recursion. */
function choiceRules(state: State & { kind: 'Choice' }, out: PathField[]): void {
  const stack: { rule: ChoiceRule; where: string }[] = [];
  for (let i = state.choices.length - 1; i >= 0; i--) stack.push({ rule: state.choices[i], where: `Choices[${i}]` });
  while (stack.length > 0) {
    const { rule, where } = stack.pop()!;
    if (rule.variable) out.push({ state, node: rule.variable, kind: 'path', label: `"Variable" in ${where}`, nullable: false });
    if (rule.operator?.name.endsWith('Path')) {
      out.push({ state, node: rule.operator.node, kind: 'path', label: `"${rule.operator.name}" in ${where}`, nullable: false });
    }
    templates(state, rule.assign, `${where}.Assign`, out);
    const children: { rule: ChoiceRule; where: string }[] = [];
    rule.and?.forEach((child, i) => children.push({ rule: child, where: `${where}.And[${i}]` }));
    rule.or?.forEach((child, i) => children.push({ rule: child, where: `${where}.Or[${i}]` }));
    if (rule.not) children.push({ rule: rule.not, where: `${where}.Not` });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Keeps labels of very deep payloads readable: the start and the end of the path. */
function shorten(label: string): string {
  return label.length <= 160 ? label : `${label.slice(0, 60)}…${label.slice(-80)}`;
}

/** How a key reads in a dotted label: bare when it is a plain name, else quoted in brackets. */
function step(key: string): string {
  return /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * A `.$` member of a payload template. Its label is needed only for a message, and a
 * large definition has thousands of these fields, so it is spelled out on first use from
 * the keys and positions between the payload and the member.
 */
class TemplateField implements PathField {
  readonly kind = 'template';
  readonly nullable = false;
  private spelled: string | undefined = undefined;

  constructor(
    readonly state: State,
    readonly node: DocNode,
    private readonly root: DocNode,
    private readonly rootLabel: string,
  ) {}

  get label(): string {
    if (this.spelled === undefined) {
      const steps: string[] = [];
      for (let container = this.node.parent!; container !== this.root; container = container.parent!) {
        steps.push(container.key !== undefined ? step(container.key) : `[${container.index}]`);
      }
      let label = this.rootLabel;
      for (let i = steps.length - 1; i >= 0; i--) label += steps[i];
      this.spelled = `"${this.node.key}" in ${shorten(label)}`;
    }
    return this.spelled;
  }
}

/**
 * The `.$` keys of a payload template (Parameters, ResultSelector, ItemSelector, Assign,
 * Credentials, …), at any depth, through objects and arrays, in source order. An explicit
 * stack keeps deep payloads from overflowing the call stack.
 */
function templates(state: State, root: Field, rootLabel: string, out: PathField[]): void {
  if (!root || (root.kind !== 'object' && root.kind !== 'array')) return;
  let found: TemplateField[] | undefined;
  const stack: DocNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'array') {
      const children = items(node);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child.kind === 'object' || child.kind === 'array') stack.push(child);
      }
      continue;
    }
    const children = members(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      const key = child.key as string;
      if (key.endsWith('.$')) {
        (found ??= []).push(new TemplateField(state, child, root, rootLabel));
      } else if (child.kind === 'object' || child.kind === 'array') {
        stack.push(child);
      }
    }
  }
  if (!found) return;
  if (found.length > 1) found.sort((a, b) => startOf(a.node) - startOf(b.node));
  for (const field of found) out.push(field);
}
