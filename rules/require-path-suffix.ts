import {
  defineRule,
  literalByName,
  literalContainer,
  member,
  pathLike,
  renameKey,
  type DocNode,
  type PathLike,
  type Field,
  type State,
} from '@sfn-lint/core';

/** A value for a message: quoted, and cut short when long. */
function quote(text: string): string {
  return JSON.stringify(text.length <= 60 ? text : `${text.slice(0, 59)}…`);
}

/** How a key reads in a dotted label. */
function step(key: string): string {
  return /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

interface Payload {
  readonly node: Field;
  readonly label: string;
  /** Assign: the top-level keys are variable names. */
  readonly assign?: boolean;
}

/**
 * The payload templates of a JSONPath-mode state, where `.$` keys are evaluated: only those
 * the state has, so the labels of absent ones are never built.
 */
function payloads(state: State): Payload[] {
  const list: Payload[] = [];
  const add = (node: Field, label: string, assign?: boolean): void => {
    if (node) list.push(assign ? { node, label, assign } : { node, label });
  };
  if (state.kind !== 'Succeed' && state.kind !== 'Fail' && state.kind !== 'Unknown') add(state.assign, 'Assign', true);
  switch (state.kind) {
    case 'Pass':
      add(state.parameters, 'Parameters');
      break;
    case 'Task':
    case 'Parallel':
      add(state.parameters, 'Parameters');
      add(state.resultSelector, 'ResultSelector');
      break;
    case 'Map':
      add(state.itemSelector, 'ItemSelector');
      add(state.parameters, 'Parameters');
      add(member(state.itemReader, 'Parameters'), 'ItemReader.Parameters');
      add(member(state.itemBatcher, 'BatchInput'), 'ItemBatcher.BatchInput');
      add(member(state.resultWriter, 'Parameters'), 'ResultWriter.Parameters');
      add(state.resultSelector, 'ResultSelector');
      break;
    case 'Choice':
      state.choices.forEach((rule, i) => {
        if (rule.assign) add(rule.assign, `Choices[${i}].Assign`, true);
      });
      break;
    default:
      break;
  }
  if (state.kind === 'Task' || state.kind === 'Parallel' || state.kind === 'Map') {
    for (const catcher of state.catch) if (catcher.assign) add(catcher.assign, `Catch[${catcher.index}].Assign`, true);
  }
  return list;
}

interface Finding {
  readonly node: DocNode;
  readonly label: string;
  readonly variable: boolean;
  readonly kind: PathLike;
}

/** A container met on the walk, and how it is reached from the payload: its label is built only for a finding. */
interface Visit {
  readonly node: DocNode;
  readonly up: Visit | undefined;
  /** The key or index under `up`; for the payload itself, its label. */
  readonly at: string | number;
}

function labelOf(visit: Visit): string {
  const steps: string[] = [];
  let current: Visit | undefined = visit;
  for (; current?.up; current = current.up) steps.push(typeof current.at === 'number' ? `[${current.at}]` : step(current.at));
  return (current?.at as string) + steps.reverse().join('');
}

/**
 * Members of a payload whose key lacks `.$` and whose string value looks like a path or
 * an intrinsic call, at any depth, objects inside arrays included. Array items that are
 * strings have no key to rename and are literal by design; values under `.$` keys are
 * evaluated already.
 */
function findings(payload: Payload): readonly Finding[] {
  const root = payload.node;
  if (!root || (root.kind !== 'object' && root.kind !== 'array')) return NO_FINDINGS;
  let found: Finding[] | undefined;
  const stack: Visit[] = [{ node: root, up: undefined, at: payload.label }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const node = visit.node;
    const children = node.children ?? [];
    if (node.kind === 'array') {
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], up: visit, at: i });
      continue;
    }
    if (node.kind !== 'object') continue;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      const key = child.key as string;
      if (key.endsWith('.$')) continue;
      if (child.kind === 'object' || child.kind === 'array') {
        if (!literalContainer(key)) stack.push({ node: child, up: visit, at: key });
        continue;
      }
      if (child.kind !== 'string') continue;
      // Cheapest test first: most payload strings are not paths at all.
      const kind = pathLike(child.value as string);
      if (!kind || literalByName(key, child.value as string) || member(node, `${key}.$`) !== undefined) continue;
      (found ??= []).push({ node: child, label: labelOf(visit), variable: payload.assign === true && node === root, kind });
    }
  }
  if (!found) return NO_FINDINGS;
  return found.length > 1 ? found.sort((a, b) => a.node.range.start - b.node.range.start) : found;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const RETRY = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];

export default defineRule({
  id: 'require-path-suffix',
  meta: {
    description: 'Require the ".$" suffix on keys whose value is a path or an intrinsic function call',
    category: 'definition',
    severity: 'warning',
    recommended: true,
    fixable: true,
    docs: {
      whatItDoes:
        'In a JSONPath-mode state, reports a key without the `.$` suffix whose value looks like a path (`$`, `$.order`, ' +
        '`$[0]`, `$$.Execution.Id`) or an intrinsic function call (`States.Format(…)`), in Parameters, ResultSelector, ' +
        'ItemSelector, Assign (state, Choice rule and catcher), and the ItemReader and ResultWriter Parameters and ' +
        'ItemBatcher BatchInput of a Distributed Map, at any depth, objects inside arrays included. The fix renames the ' +
        'key to `<key>.$`, and `--fix` applies it. This is the check AWS\'s validator calls NO_DOLLAR.',
      why:
        'Step Functions evaluates a value only when its key ends in `.$`. Without the suffix the service, Lambda function ' +
        'or variable receives the text "$.order" instead of the order, and nothing fails until the code that reads it does.',
      examples: {
        invalid: [
          {
            title: 'The payload and the variable get the literal text "$.order" and "$$.Execution.Id".',
            code: pretty({
              StartAt: 'Charge',
              States: {
                Charge: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Parameters: { FunctionName: 'charge', Payload: { order: '$.order', execution: '$$.Execution.Id' } },
                  Assign: { summary: "States.Format('Order {}', $.order.id)" },
                  End: true,
                },
              },
            }),
          },
        ],
        valid: [
          {
            code: pretty({
              StartAt: 'Charge',
              States: {
                Charge: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Parameters: { FunctionName: 'charge', Payload: { 'order.$': '$.order', 'execution.$': '$$.Execution.Id', currency: 'USD', note: 'costs $5' } },
                  Assign: { 'summary.$': "States.Format('Order {}', $.order.id)" },
                  Retry: RETRY,
                  Next: 'Report',
                },
                Report: { Type: 'Pass', Parameters: { 'message.$': '$summary' }, End: true },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'When a service really expects JSONPath text under a key the rule does not know, disable the rule for that ' +
        'state. Keys that name JSONPath for another service are left alone: those ending in "Path", "Paths" or ' +
        '"Filter" (SageMaker\'s InputFilter, EventBridge\'s InputPath, Glue\'s JsonPath), `Variable`, and everything ' +
        'under an InputPathsMap. `${Placeholder}` values, prices such as "$.99" or "$" under a currency key, `$name` ' +
        'variables and strings with spaces are never reported.',
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      if (state.queryLanguage !== 'JSONPath' || state.kind === 'Unknown') continue;
      for (const payload of payloads(state)) {
        for (const finding of findings(payload)) {
          const { node } = finding;
          const key = node.key as string;
          const value = node.value as string;
          const looks = finding.kind === 'path' ? `looks like a path (${quote(value)})` : `looks like an intrinsic function call (${quote(value)})`;
          const effect = finding.variable ? `the variable "${key}" is set to the literal text` : 'it is passed as the literal text';
          const edits = renameKey(context.document, node, `${key}.$`);
          context.report({
            node,
            at: 'key',
            state,
            message: `"${key}" in ${finding.label} of state "${state.name}" ${looks}, but without the ".$" suffix ${effect} ${quote(value)}. Rename the key to "${key}.$".`,
            // Safe: the value is a path or a call by its syntax, and keys that name literal
            // JSONPath for a service are never reported, so the suffix is what was meant.
            fix: edits ? { description: `Rename "${key}" to "${key}.$"`, edits, safe: true } : undefined,
          });
        }
      }
    }
  },
});
