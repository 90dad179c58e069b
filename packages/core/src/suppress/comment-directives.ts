import type { DocNode, Range } from '../document/node.js';
import type { Machine } from '../model/types.js';
import { checkRules, DIRECTIVE_PREFIX, readDirective, type Directive, type DirectiveProblem } from './directive.js';

/**
 * The `sfn-lint-disable` directives in a definition's `Comment` fields, the one place JSON
 * ASL can hold them and AWS still accepts the file. In a state's Comment a directive covers
 * that state and the states nested in it; in the top-level Comment, the whole definition.
 * It may follow other text ("Calls billing. sfn-lint-disable require-retry -- …") and runs
 * to the end of its line.
 *
 * `machine` is the label of the template machine the definition belongs to, if any.
 */
export function commentDirectives(definition: Machine, machine: string | undefined, known: ReadonlySet<string>): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  const document = definition.document;
  const sources: { node: DocNode | undefined; statePath?: readonly string[]; owner: string }[] = [
    { node: definition.comment, owner: 'the top-level Comment' },
    ...definition.states.map((state) => ({ node: state.comment, statePath: state.path, owner: `the Comment of state "${state.name}"` })),
  ];
  for (const { node, statePath, owner } of sources) {
    if (node?.kind !== 'string' || !(node.value as string).includes(DIRECTIVE_PREFIX)) continue;
    const value = node.value as string;
    const at = /(?<=^|\s)sfn-lint-[A-Za-z]/m.exec(value)?.index;
    if (at === undefined) continue;
    const written = readDirective(value, at, placer(document.text, node));
    const label = `The ${DIRECTIVE_PREFIX}${written.keyword} in ${owner}`;
    if (written.keyword !== 'disable') {
      problems.push({
        document,
        range: written.range,
        message: `A Comment takes only "sfn-lint-disable rule-id -- reason", which covers its state (or, at the top level, the whole definition); "${DIRECTIVE_PREFIX}${written.keyword}" does nothing here.`,
      });
      continue;
    }
    const checked = checkRules(document, written.rules, known);
    problems.push(...checked.problems);
    if (written.rules.length > 0 && checked.rules.length === 0) continue;
    directives.push({
      document,
      reach: { kind: 'definition', machine, root: definition.root.range, ...(statePath ? { statePath } : {}) },
      rules: written.rules.length === 0 ? 'all' : checked.rules,
      reason: written.reason,
      range: written.range,
      label,
    });
  }
  return { directives, problems };
}

/**
 * Maps a span of a string's value to the document. Exact where the text holds the value
 * as it is (plain, or quoted without escapes); otherwise the whole string, since escapes,
 * folding and DefinitionString quoting move characters.
 */
function placer(text: string, node: DocNode): (start: number, end: number) => Range {
  const value = node.value as string;
  const { start, end } = node.range;
  const raw = text.slice(start, end);
  const base = raw === value ? start : raw.length === value.length + 2 && raw.slice(1, -1) === value ? start + 1 : undefined;
  return base === undefined ? () => node.range : (from, to) => ({ start: base + from, end: base + to });
}
