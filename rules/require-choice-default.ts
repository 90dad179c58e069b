import { defineRule, members, CHOICE_OPERATORS, type ChoiceRule, type ChoiceState, type DocNode } from '@sfn-lint/core';

/**
 * A rule reduced to a literal: a canonical text for what it tests and whether it is negated.
 * Two literals with the same key and opposite polarity cover every input between them.
 * `undefined` stands for a rule we cannot reason about; it never pairs with anything.
 */
interface Literal {
  readonly key: string;
  readonly positive: boolean;
}

const ALWAYS = 'jsonata:true';

/** Operators whose boolean value makes the rule the exact negation of the other value. */
const BOOLEAN_TESTS = new Set(['BooleanEquals', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']);

/** Collapses whitespace outside string literals, and drops it next to punctuation. */
function normaliseJsonata(text: string): string {
  let out = '';
  let pendingSpace = false;
  const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      if (pendingSpace && isWord(out[out.length - 1])) out += ' ';
      pendingSpace = false;
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if (/\s/.test(c)) {
      pendingSpace = true;
      continue;
    }
    // A space matters only between two word characters: `a and b`, not `$f( x )`.
    if (pendingSpace && isWord(out[out.length - 1]) && isWord(c)) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

/** The index of the parenthesis that closes the one at `open`, skipping string literals. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A JSONata condition as a literal: `$not(...)` and outer parentheses peeled off. */
function jsonataLiteral(expression: string): Literal | undefined {
  let text = normaliseJsonata(expression.trim());
  let positive = true;
  for (;;) {
    if (text.startsWith('(') && closingParen(text, 0) === text.length - 1) {
      text = text.slice(1, -1);
    } else if (text.startsWith('$not(') && closingParen(text, 4) === text.length - 1) {
      text = text.slice(5, -1);
      positive = !positive;
    } else break;
  }
  if (text === '') return undefined;
  if (text === 'true') return { key: ALWAYS, positive };
  if (text === 'false') return { key: ALWAYS, positive: !positive };
  return { key: `jsonata:${text}`, positive };
}

function conditionLiteral(condition: DocNode): Literal | undefined {
  if (condition.kind === 'boolean') return { key: ALWAYS, positive: condition.value === true };
  if (condition.kind !== 'string') return undefined;
  const match = /^\{%([\s\S]*)%\}$/.exec(condition.value as string);
  return match ? jsonataLiteral(match[1]) : undefined;
}

/** How many of the shapes a rule can take it has: exactly one makes it judgeable. */
function shapeCount(rule: ChoiceRule): number {
  let count = [rule.and, rule.or, rule.not, rule.condition].filter((part) => part !== undefined).length;
  for (const child of members(rule.node)) if (CHOICE_OPERATORS.has(child.key as string)) count++;
  return count;
}

function literalOf(rule: ChoiceRule): Literal | undefined {
  if (rule.node.kind !== 'object' || shapeCount(rule) !== 1) return undefined;
  if (rule.not) {
    const inner = literalOf(rule.not);
    return inner && { key: inner.key, positive: !inner.positive };
  }
  if (rule.condition) return conditionLiteral(rule.condition);
  if (rule.and || rule.or) {
    const parts = (rule.and ?? rule.or)!.map(literalOf);
    if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
    const text = parts.map((part) => `${part!.positive ? '' : '!'}${part!.key}`).join(',');
    return { key: `${rule.and ? 'and' : 'or'}(${text})`, positive: true };
  }
  const variable = rule.variable;
  const operator = rule.operator;
  if (variable?.kind !== 'string' || !operator) return undefined;
  const value = operator.node;
  const subject = `jsonpath:${JSON.stringify(variable.value)}:${operator.name}`;
  if (BOOLEAN_TESTS.has(operator.name) && value.kind === 'boolean') return { key: subject, positive: value.value === true };
  // Comparisons take scalars; an object or array value is a shape error we do not judge.
  if (value.kind === 'object' || value.kind === 'array') return undefined;
  return { key: `${subject}:${value.kind}:${JSON.stringify(value.value)}`, positive: true };
}

/** The literals a rule matches on: a top-level `Or` matches whenever any of its parts does. */
function disjuncts(rule: ChoiceRule, out: (Literal | undefined)[]): void {
  if (rule.or && rule.node.kind === 'object' && shapeCount(rule) === 1) {
    for (const part of rule.or) disjuncts(part, out);
    return;
  }
  out.push(literalOf(rule));
}

/**
 * True when some input always matches a rule: a rule that is always true, or a rule and
 * its negation. Conservative: anything else counts as not exhaustive.
 */
function isExhaustive(state: ChoiceState): boolean {
  const literals: (Literal | undefined)[] = [];
  for (const rule of state.choices) disjuncts(rule, literals);
  const seen = new Map<string, Set<boolean>>();
  for (const literal of literals) {
    if (!literal) continue;
    if (literal.key === ALWAYS && literal.positive) return true;
    const polarities = seen.get(literal.key) ?? new Set<boolean>();
    polarities.add(literal.positive);
    if (polarities.size === 2) return true;
    seen.set(literal.key, polarities);
  }
  return false;
}

/** A rule holding a substitution placeholder (`${Flag}`) might become anything once deployed. */
function hasPlaceholder(rule: ChoiceRule): boolean {
  if (rule.condition?.kind === 'placeholder' || rule.operator?.node.kind === 'placeholder') return true;
  if (rule.condition?.kind === 'string' && /\$\{[^}]*\}/.test(rule.condition.value as string)) return true;
  return [...(rule.and ?? []), ...(rule.or ?? []), ...(rule.not ? [rule.not] : [])].some(hasPlaceholder);
}

export default defineRule({
  id: 'require-choice-default',
  meta: {
    description: 'Require a Default on Choice states whose rules do not cover every input',
    category: 'graph',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a Choice state without a "Default" transition, unless its rules are provably exhaustive: a ' +
        '"BooleanEquals" true and false on the same variable, a rule and its "Not", an "Is…" test true and false, or a ' +
        'JSONata condition that is always true or paired with its "$not(…)".',
      why:
        'When no rule matches and there is no Default, the execution fails with States.NoChoiceMatched. Inputs nobody ' +
        'planned for (a new status value, a missing field) then stop the whole workflow instead of taking a ' +
        'deliberate path.',
      examples: {
        invalid: [
          {
            code: JSON.stringify(
              {
                StartAt: 'Check status',
                States: {
                  'Check status': {
                    Type: 'Choice',
                    Choices: [{ Variable: '$.status', StringEquals: 'DONE', Next: 'Done' }],
                  },
                  Done: { Type: 'Succeed' },
                },
              },
              null,
              2,
            ),
          },
        ],
        valid: [
          {
            title: 'A Default transition',
            code: JSON.stringify(
              {
                StartAt: 'Check status',
                States: {
                  'Check status': {
                    Type: 'Choice',
                    Choices: [{ Variable: '$.status', StringEquals: 'DONE', Next: 'Done' }],
                    Default: 'Wait',
                  },
                  Wait: { Type: 'Wait', Seconds: 30, Next: 'Check status' },
                  Done: { Type: 'Succeed' },
                },
              },
              null,
              2,
            ),
          },
          {
            title: 'Exhaustive rules',
            code: JSON.stringify(
              {
                StartAt: 'Approved?',
                States: {
                  'Approved?': {
                    Type: 'Choice',
                    Choices: [
                      { Variable: '$.approved', BooleanEquals: true, Next: 'Ship' },
                      { Variable: '$.approved', BooleanEquals: false, Next: 'Reject' },
                    ],
                  },
                  Ship: { Type: 'Succeed' },
                  Reject: { Type: 'Fail', Error: 'Rejected' },
                },
              },
              null,
              2,
            ),
          },
        ],
      },
      whenNotToUse:
        'When failing with States.NoChoiceMatched is the behaviour you want and a Catch on an enclosing Parallel or ' +
        'Map handles it.',
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      if (state.kind !== 'Choice' || state.default !== undefined) continue;
      // Missing, empty or non-array Choices, and rules that are not objects, are shape errors
      // that valid-definition reports; a placeholder rule may be anything.
      if (state.choicesNode?.kind !== 'array' || state.choices.length === 0) continue;
      if (state.choices.some((rule) => rule.node.kind !== 'object' || hasPlaceholder(rule))) continue;
      if (isExhaustive(state)) continue;
      context.report({
        node: state.node,
        at: 'key',
        state,
        message:
          `Choice state "${state.name}" has no "Default": when no rule matches, the execution fails with ` +
          'States.NoChoiceMatched. Add a "Default" transition.',
      });
    }
  },
});
