import type { SourceDocument } from '../document/document.js';
import type { Range } from '../document/node.js';
import { closestName } from '../text/closest-name.js';

/** A rule id as a directive names it, and where. */
export interface NamedRule {
  readonly id: string;
  readonly range: Range;
}

/** Which findings a directive can reach; the rule ids it names narrow them further. */
export type Reach =
  /** `sfn-lint-disable-line`, `sfn-lint-disable-next-line`: findings that start on one line (0-based). */
  | { readonly kind: 'line'; readonly line: number }
  /**
   * `sfn-lint-disable` and `sfn-lint-enable` comments: findings after the comment, for each
   * rule until a later comment names the rule (or every rule) again.
   */
  | { readonly kind: 'from'; readonly disable: boolean }
  /**
   * A definition's `Comment`: findings inside the definition, or, with a state path, those
   * on that state and the states nested in it. `machine` is the template machine's label.
   */
  | { readonly kind: 'definition'; readonly machine: string | undefined; readonly root: Range; readonly statePath?: readonly string[] }
  /** A template resource's `Metadata`: every finding about that state machine, wherever its definition is. */
  | { readonly kind: 'template'; readonly machine: string };

/** One suppression as written in a document, its rule ids checked. */
export interface Directive {
  /** The document it is written in; invalid and unused directives are reported there. */
  readonly document: SourceDocument;
  readonly reach: Reach;
  /** The known rules it names, or `all` when it names none. */
  readonly rules: readonly NamedRule[] | 'all';
  readonly reason?: string;
  readonly range: Range;
  /** What messages call it, as a sentence's subject: `This sfn-lint-disable-next-line comment`, `The sfn-lint Metadata of "Flow"`. */
  readonly label: string;
}

/** A directive that cannot do what it says: an unknown keyword, an unknown rule id, a wrong shape. */
export interface DirectiveProblem {
  readonly document: SourceDocument;
  readonly message: string;
  readonly range: Range;
}

/** `sfn-lint-<keyword> rule-id, rule-id -- reason`, read but not yet checked. */
export interface WrittenDirective {
  /** What follows `sfn-lint-`: `disable`, `enable`, `disable-line`, `disable-next-line`, or a misspelling. */
  readonly keyword: string;
  readonly rules: readonly NamedRule[];
  readonly reason?: string;
  /** From `sfn-lint-` to the end of the line. */
  readonly range: Range;
}

export const DIRECTIVE_PREFIX = 'sfn-lint-';

/**
 * Findings a directive may not hide: a file that does not parse, a rule that failed, and
 * the reports about directives themselves.
 */
export const UNSUPPRESSIBLE_RULES: ReadonlySet<string> = new Set(['internal-error', 'invalid-directive', 'parse-error', 'unused-disable-directive']);

/**
 * Reads the directive that starts at `at` in `text` (where `sfn-lint-` is) and runs to the
 * end of that line: a keyword, rule ids separated by commas or spaces, then `--` and a
 * reason. `place` maps a span of `text` to a range of the document.
 */
export function readDirective(text: string, at: number, place: (start: number, end: number) => Range): WrittenDirective {
  const lineEnd = text.slice(at).search(/[\r\n]/);
  const end = lineEnd < 0 ? text.length : at + lineEnd;
  const line = text.slice(at, end);
  const keyword = /^sfn-lint-([A-Za-z]+(?:-[A-Za-z]+)*)/.exec(line)![1];
  const afterKeyword = DIRECTIVE_PREFIX.length + keyword.length;
  const dashes = /(?:^|\s)--(?:\s|$)/.exec(line.slice(afterKeyword));
  const idsEnd = dashes ? afterKeyword + dashes.index : line.length;
  const rules: NamedRule[] = [];
  for (const match of line.slice(afterKeyword, idsEnd).matchAll(/[^\s,]+/g)) {
    const start = at + afterKeyword + match.index;
    rules.push({ id: match[0], range: place(start, start + match[0].length) });
  }
  const reason = dashes ? line.slice(afterKeyword + dashes.index + dashes[0].length).trim() : '';
  return { keyword, rules, ...(reason ? { reason } : {}), range: place(at, end - (line.length - line.trimEnd().length)) };
}

/** The named rules that a directive can suppress, and a problem for each one it cannot. */
export function checkRules(
  document: SourceDocument,
  named: readonly NamedRule[],
  known: ReadonlySet<string>,
): { rules: NamedRule[]; problems: DirectiveProblem[] } {
  const rules: NamedRule[] = [];
  const problems: DirectiveProblem[] = [];
  for (const rule of named) {
    if (UNSUPPRESSIBLE_RULES.has(rule.id)) {
      problems.push({ document, range: rule.range, message: `"${rule.id}" cannot be suppressed: fix what it reports instead.` });
    } else if (!known.has(rule.id)) {
      const close = closestName(rule.id, known);
      const hint = close ? ` Did you mean "${close}"?` : ' Separate rule ids with commas, and put a reason after " -- ".';
      problems.push({ document, range: rule.range, message: `"${rule.id}" is not a rule id, so the directive suppresses nothing for it.${hint}` });
    } else {
      rules.push(rule);
    }
  }
  return { rules, problems };
}
