import { defineRule, items, type Catcher, type DocNode, type Retrier, type RuleContext, type State } from '@sfn-lint/core';

type Entry = Retrier | Catcher;
type Noun = 'retrier' | 'catcher';

interface Shadow {
  /** The earlier entry that takes the error first. */
  readonly entry: Entry;
  /** The name in that entry that matches. */
  readonly by: { readonly name: string; readonly node: DocNode };
}

const TASK_FAILED = 'States.TaskFailed';

/**
 * The first earlier entry that takes every error called `name`. `States.TaskFailed` is a
 * wildcard only on Task states, and only for errors outside the `States.` namespace
 * (service and custom errors): AWS leaves `States.Timeout` out of it, and which of the
 * other `States.` errors it takes is not documented, so they are never counted.
 */
function shadowOf(name: string, earlier: readonly Entry[], state: State): Shadow | undefined {
  for (const entry of earlier) {
    const exact = entry.errors.find((error) => error.name === name);
    if (exact) return { entry, by: exact };
    if (state.kind === 'Task' && !name.startsWith('States.')) {
      const wildcard = entry.errors.find((error) => error.name === TASK_FAILED);
      if (wildcard) return { entry, by: wildcard };
    }
  }
  return undefined;
}

const label = (noun: Noun, entry: Entry): string => `${noun} ${entry.index + 1}`;
const verb = (noun: Noun): string => (noun === 'catcher' ? 'caught' : 'handled');

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function checkList(context: RuleContext, state: State, entries: readonly Entry[], noun: Noun): void {
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position];
    // States.ALL anywhere but alone and last is states-all-last's finding; what follows it
    // is dead for that reason, so say nothing more here.
    if (entry.errors.some((error) => error.name === 'States.ALL')) return;
    if (entry.node.kind !== 'object' || entry.errorEquals?.kind !== 'array') continue;
    const earlier = entries.slice(0, position).filter((other) => other.node.kind === 'object');

    const first = new Map<string, DocNode>();
    const duplicates: { name: string; node: DocNode }[] = [];
    for (const error of entry.errors) {
      if (first.has(error.name)) duplicates.push(error);
      else first.set(error.name, error.node);
    }
    const shadows = new Map<string, Shadow>();
    for (const name of first.keys()) {
      const shadow = shadowOf(name, earlier, state);
      if (shadow) shadows.set(name, shadow);
    }

    // Non-string items (placeholders, wrong shapes) might name anything: the entry may be live.
    const allStrings = items(entry.errorEquals).length === entry.errors.length;
    if (allStrings && first.size > 0 && shadows.size === first.size) {
      reportDeadEntry(context, state, entry, noun, shadows);
      continue;
    }
    for (const [name, shadow] of shadows) {
      const by = label(noun, shadow.entry);
      const through = shadow.by.name === name ? '' : ` ("${shadow.by.name}")`;
      context.report({
        node: first.get(name),
        state,
        message:
          `"${name}" in ${label(noun, entry)} of "${state.name}" never matches: ${by}${through} already ` +
          `${noun === 'catcher' ? 'catches' : 'handles'} it. Remove it from ${label(noun, entry)}.`,
        related: [{ node: shadow.by.node, message: `${capitalise(by)} matches "${name}" first.` }],
      });
    }
    for (const duplicate of duplicates) {
      if (shadows.has(duplicate.name)) continue;
      context.report({
        node: duplicate.node,
        state,
        message: `"${duplicate.name}" appears twice in the ErrorEquals of ${label(noun, entry)} of "${state.name}". Remove the duplicate.`,
        related: [{ node: first.get(duplicate.name), message: `"${duplicate.name}" is first named here.` }],
      });
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function reportDeadEntry(context: RuleContext, state: State, entry: Entry, noun: Noun, shadows: ReadonlyMap<string, Shadow>): void {
  // Group the names by the earlier entry that takes them, in list order, for the message,
  // and by the name that takes them, for the related locations.
  const byEntry = new Map<Entry, { names: string[]; by: Set<string> }>();
  const byNode = new Map<DocNode, { entry: Entry; names: string[] }>();
  for (const [name, shadow] of shadows) {
    const group = byEntry.get(shadow.entry) ?? { names: [], by: new Set<string>() };
    group.names.push(name);
    group.by.add(shadow.by.name);
    byEntry.set(shadow.entry, group);
    const at = byNode.get(shadow.by.node) ?? { entry: shadow.entry, names: [] };
    at.names.push(name);
    byNode.set(shadow.by.node, at);
  }
  const groups = [...byEntry].sort(([a], [b]) => a.index - b.index);
  const quoted = (names: Iterable<string>): string => listText([...names].map((name) => `"${name}"`));
  const clauses = groups.map(([other, group], i) => {
    const be = group.names.length === 1 ? 'is' : 'are';
    const lead = i === 0 ? ` ${be} already ${verb(noun)}` : '';
    return `${quoted(group.names)}${lead} by ${label(noun, other)} (${quoted(group.by)})`;
  });
  context.report({
    node: entry.errorEquals,
    state,
    message:
      `${capitalise(label(noun, entry))} of "${state.name}" is never used: ${clauses.join('; ')}. ` +
      `Remove it or move it before ${label(noun, groups[0][0])}.`,
    related: [...byNode].map(([node, at]) => ({
      node,
      message: `${capitalise(label(noun, at.entry))} matches ${quoted(at.names)} first.`,
    })),
  });
}

export default defineRule({
  id: 'no-shadowed-error-handler',
  meta: {
    description: 'Disallow retriers and catchers that earlier ones in the same list make unreachable',
    category: 'error-handling',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a retrier or catcher whose every error is already matched by an earlier entry of the same Retry or ' +
        'Catch, an error name that an earlier entry already matches, and an error named twice in one ErrorEquals. An ' +
        'earlier entry matches a name when it names it too, or, on a Task state, when it holds "States.TaskFailed" ' +
        'and the name is a service or custom error (one that does not start with "States.").',
      why:
        'Step Functions uses the first retrier and the first catcher that match an error. A later entry for the same ' +
        'error is never used: its retry policy never runs and its fallback state is never reached, although the ' +
        'definition reads as if it did.',
      examples: {
        invalid: [
          {
            code: JSON.stringify(
              {
                StartAt: 'Charge card',
                States: {
                  'Charge card': {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Parameters: { FunctionName: 'charge-card', 'Payload.$': '$' },
                    Catch: [
                      { ErrorEquals: ['States.TaskFailed'], Next: 'Failed' },
                      { ErrorEquals: ['Lambda.ServiceException'], Next: 'Try later' },
                    ],
                    End: true,
                  },
                  'Try later': { Type: 'Fail', Error: 'Unavailable' },
                  Failed: { Type: 'Fail', Error: 'Failed' },
                },
              },
              null,
              2,
            ),
          },
        ],
        valid: [
          {
            code: JSON.stringify(
              {
                StartAt: 'Charge card',
                States: {
                  'Charge card': {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Parameters: { FunctionName: 'charge-card', 'Payload.$': '$' },
                    Retry: [{ ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
                    Catch: [
                      { ErrorEquals: ['Lambda.ServiceException'], Next: 'Try later' },
                      { ErrorEquals: ['States.TaskFailed'], Next: 'Failed' },
                    ],
                    End: true,
                  },
                  'Try later': { Type: 'Fail', Error: 'Unavailable' },
                  Failed: { Type: 'Fail', Error: 'Failed' },
                },
              },
              null,
              2,
            ),
          },
        ],
      },
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      checkList(context, state, state.retry, 'retrier');
      checkList(context, state, state.catch, 'catcher');
    }
  },
});
