import { describeScope, defineRule, type DocNode, type Machine, type Scope, type State, type Transition } from '@sfn-lint/core';

/**
 * Did-you-mean compares a missing name with every state of its scope. On a huge machine
 * with many broken names that is quadratic, so the comparisons per machine are capped;
 * past the cap the message simply has no suggestion.
 */
const SUGGESTION_BUDGET = 200_000;

const quote = (text: string): string => JSON.stringify(text);

/** Where a scope's states live, for "… is not a state <where>". */
/** Where a scope's states live, for "… is not a state <where>". */
const inScope = (scope: Scope): string => (scope.owner ? `in ${describeScope(scope)}` : 'at the top level');

function fieldOf(transition: Transition): string {
  switch (transition.kind) {
    case 'next':
      return '"Next"';
    case 'default':
      return '"Default"';
    case 'choice':
      return `"Choices[${transition.index}].Next"`;
    case 'catch':
      return `"Catch[${transition.index}].Next"`;
  }
}

/** The scope that holds `scope`, or undefined for the machine. */
const parentOf = (scope: Scope): Scope | undefined => scope.owner?.scope;

/** The state of `ancestor` whose nested scopes hold `scope`, if `scope` lies inside `ancestor`. */
function ownerWithin(scope: Scope, ancestor: Scope): State | undefined {
  for (let current: Scope | undefined = scope; current?.owner; current = parentOf(current)) {
    if (current.owner.scope === ancestor) return current.owner;
  }
  return undefined;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment),
 * or limit + 1 as soon as it must exceed the limit.
 */
function distanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

class Suggester {
  private budget = SUGGESTION_BUDGET;
  private readonly cache = new Map<Scope, Map<string, string | undefined>>();

  /** A state of the scope whose name differs only in case, or by at most two edits. */
  closest(target: string, scope: Scope): string | undefined {
    let known = this.cache.get(scope);
    if (!known) this.cache.set(scope, (known = new Map()));
    if (known.has(target)) return known.get(target);
    const lower = target.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const state of scope.states) {
      if (this.budget-- <= 0) break;
      const name = state.name;
      if (name.toLowerCase() === lower) {
        best = name;
        break;
      }
      // Two edits turn any short name into any other; allow fewer on short names.
      const limit = Math.min(2, Math.floor(Math.min(name.length, target.length) / 3));
      if (limit === 0) continue;
      const distance = distanceWithin(target, name, Math.min(limit, bestDistance - 1));
      if (distance <= limit && distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    known.set(target, best);
    return best;
  }
}

/** Every state of the machine by name, for names that live in another scope. */
function statesByName(machine: Machine): Map<string, State[]> {
  const byName = new Map<string, State[]>();
  for (const state of machine.states) {
    const list = byName.get(state.name);
    if (list) list.push(state);
    else byName.set(state.name, [state]);
  }
  return byName;
}

export default defineRule({
  id: 'no-missing-state',
  meta: {
    description: 'Require StartAt, Next, Default, Choices[].Next and Catch[].Next to name a state of the same scope',
    category: 'graph',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a `StartAt`, `Next`, `Default`, `Choices[].Next` or `Catch[].Next` that names no state of its own scope ' +
        '(the top level, a Parallel branch or a Map ItemProcessor), with a suggestion when a state has a similar name. ' +
        'A name that exists in another scope gets its own message: transitions never cross into or out of a branch or ' +
        'an ItemProcessor.',
      why:
        'AWS rejects the definition (MISSING_TRANSITION_TARGET), so the deployment fails. A typo in a state name or a ' +
        'jump out of a Parallel branch is easy to write and only shows up when you deploy.',
      examples: {
        invalid: [
          {
            title: 'A misspelled target',
            code: '{\n  "StartAt": "Validate",\n  "States": {\n    "Validate": { "Type": "Pass", "Next": "Proces" },\n    "Process": { "Type": "Succeed" }\n  }\n}',
          },
          {
            title: 'A Parallel branch transitions out of itself',
            code:
              '{\n  "StartAt": "Fan out",\n  "States": {\n    "Fan out": {\n      "Type": "Parallel",\n      "Branches": [\n' +
              '        {\n          "StartAt": "Work",\n          "States": {\n            "Work": { "Type": "Pass", "Next": "Done" }\n' +
              '          }\n        }\n      ],\n      "Next": "Done"\n    },\n    "Done": { "Type": "Succeed" }\n  }\n}',
          },
        ],
        valid: [
          {
            code: '{\n  "StartAt": "Validate",\n  "States": {\n    "Validate": { "Type": "Pass", "Next": "Process" },\n    "Process": { "Type": "Succeed" }\n  }\n}',
          },
          {
            title: 'The branch ends; the Parallel state moves on',
            code:
              '{\n  "StartAt": "Fan out",\n  "States": {\n    "Fan out": {\n      "Type": "Parallel",\n      "Branches": [\n' +
              '        {\n          "StartAt": "Work",\n          "States": {\n            "Work": { "Type": "Pass", "End": true }\n' +
              '          }\n        }\n      ],\n      "Next": "Done"\n    },\n    "Done": { "Type": "Succeed" }\n  }\n}',
          },
        ],
      },
      whenNotToUse:
        'When the definition is a template whose state names are filled in by a generator before deployment.',
    },
  },
  check(context) {
    const { machine } = context;
    const suggester = new Suggester();
    let elsewhere: Map<string, State[]> | undefined;

    const report = (scope: Scope, field: string, target: string, node: DocNode, from: State | undefined): void => {
      const subject = from ? `${field} of state ${quote(from.name)}` : field;
      elsewhere ??= statesByName(machine);
      const others = (elsewhere.get(target) ?? []).filter((state) => state.scope !== scope);
      const inner = others.map((state) => ownerWithin(state.scope, scope)).find((owner) => owner !== undefined);
      const go = from ? 'Transition to' : 'Start at';
      let message: string;
      if (inner) {
        const into = inner.kind === 'Parallel' ? 'a branch' : 'an iteration';
        message =
          `${subject} names ${quote(target)}, a state inside ${inner.kind} state ${quote(inner.name)}: ` +
          `no transition can enter ${into} from outside. ${go} ${quote(inner.name)} instead.`;
      } else if (others.length > 0 && scope.owner) {
        const owner = scope.owner;
        message =
          scope.kind === 'branch'
            ? `${subject} names ${quote(target)}, a state outside this Parallel branch: a branch cannot transition out ` +
              `of itself. End the branch ("End": true) and continue after the Parallel state ${quote(owner.name)}.`
            : `${subject} names ${quote(target)}, a state outside this Map's ${scope.node.key ?? 'ItemProcessor'}: an ` +
              `iteration cannot transition out of itself. End the iteration ("End": true) and continue after the Map ` +
              `state ${quote(owner.name)}.`;
      } else {
        const suggestion = suggester.closest(target, scope);
        message =
          `${subject} names ${quote(target)}, which is not a state ${inScope(scope)}, so AWS rejects the definition. ` +
          (suggestion !== undefined
            ? `Did you mean ${quote(suggestion)}?`
            : `Name an existing state, or add a state called ${quote(target)}.`);
      }
      context.report({ node, message, state: from });
    };

    for (const scope of machine.scopes) {
      // Without a States object every name is missing; valid-definition reports the cause.
      if (scope.statesNode?.kind !== 'object') continue;
      const startAt = scope.startAt;
      if (startAt?.kind === 'string' && !scope.byName.has(startAt.value as string)) {
        report(scope, '"StartAt"', startAt.value as string, startAt, undefined);
      }
      for (const state of scope.states) {
        for (const transition of state.transitions) {
          if (transition.target === undefined || scope.byName.has(transition.target)) continue;
          report(scope, fieldOf(transition), transition.target, transition.node, state);
        }
      }
    }
  },
});
