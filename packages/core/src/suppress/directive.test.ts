import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { checkRules, readDirective } from './directive.js';

const identity = (start: number, end: number) => ({ start, end });

/** The text a range covers. */
function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

describe('readDirective', () => {
  it('reads the keyword, each rule id with its range, and the reason after --', () => {
    const text = '# sfn-lint-disable-next-line require-retry, no-dead-end -- billing retries itself\nnext';
    const written = readDirective(text, 2, identity);
    expect(written.keyword).toBe('disable-next-line');
    expect(written.rules.map((rule) => [rule.id, rule.range])).toEqual([
      ['require-retry', { start: 29, end: 42 }],
      ['no-dead-end', { start: 44, end: 55 }],
    ]);
    expect(written.rules.map((rule) => slice(text, rule.range))).toEqual(['require-retry', 'no-dead-end']);
    expect(written.reason).toBe('billing retries itself');
    expect(slice(text, written.range)).toBe('sfn-lint-disable-next-line require-retry, no-dead-end -- billing retries itself');
  });

  it('takes rule ids separated by spaces or commas alike, and none at all', () => {
    expect(readDirective('sfn-lint-disable a b,c', 0, identity).rules.map((rule) => rule.id)).toEqual(['a', 'b', 'c']);
    const none = readDirective('sfn-lint-disable', 0, identity);
    expect([none.rules, none.reason, none.range]).toEqual([[], undefined, { start: 0, end: 16 }]);
    const reasonOnly = readDirective('sfn-lint-disable -- all of it, on purpose  ', 0, identity);
    expect([reasonOnly.rules, reasonOnly.reason, reasonOnly.range]).toEqual([[], 'all of it, on purpose', { start: 0, end: 41 }]);
  });

  it('ends at the end of its line, and keeps dashes inside rule ids', () => {
    const written = readDirective('sfn-lint-disable no-dead-end\r\nsecond line -- not a reason', 0, identity);
    expect(written.rules.map((rule) => rule.id)).toEqual(['no-dead-end']);
    expect(written.reason).toBeUndefined();
    expect(written.range).toEqual({ start: 0, end: 28 });
  });

  it('places ranges through the mapping it is given', () => {
    const whole = { start: 100, end: 140 };
    const written = readDirective('sfn-lint-disable require-retry', 0, () => whole);
    expect(written.rules[0].range).toBe(whole);
    expect(written.range).toBe(whole);
  });

  it('reads a misspelt keyword as written, for the caller to report', () => {
    expect(readDirective('sfn-lint-disable-nextline x', 0, identity).keyword).toBe('disable-nextline');
  });
});

describe('checkRules', () => {
  const document = parseDocument('a.asl.yaml', '');
  const known = new Set(['require-retry', 'no-dead-end', 'unchecked-definition']);
  const named = (...ids: string[]) => ids.map((id, i) => ({ id, range: { start: i * 10, end: i * 10 + id.length } }));

  it('keeps known rule ids', () => {
    expect(checkRules(document, named('require-retry', 'unchecked-definition'), known)).toEqual({
      rules: named('require-retry', 'unchecked-definition'),
      problems: [],
    });
  });

  it('reports an unknown id at its range, with the closest known one', () => {
    const { rules, problems } = checkRules(document, named('require-retry', 'no-ded-end'), known);
    expect(rules.map((rule) => rule.id)).toEqual(['require-retry']);
    expect(problems).toEqual([
      { document, range: { start: 10, end: 20 }, message: '"no-ded-end" is not a rule id, so the directive suppresses nothing for it. Did you mean "no-dead-end"?' },
    ]);
  });

  it('tells a reason written without -- from a rule id', () => {
    const { problems } = checkRules(document, named('require-retry', 'because'), known);
    expect(problems[0].message).toBe('"because" is not a rule id, so the directive suppresses nothing for it. Separate rule ids with commas, and put a reason after " -- ".');
  });

  it('refuses parse-error, internal-error and the directive reports themselves', () => {
    const { rules, problems } = checkRules(document, named('parse-error', 'internal-error', 'invalid-directive', 'unused-disable-directive'), new Set([...known, 'parse-error']));
    expect(rules).toEqual([]);
    expect(problems.map((problem) => problem.message)).toEqual([
      '"parse-error" cannot be suppressed: fix what it reports instead.',
      '"internal-error" cannot be suppressed: fix what it reports instead.',
      '"invalid-directive" cannot be suppressed: fix what it reports instead.',
      '"unused-disable-directive" cannot be suppressed: fix what it reports instead.',
    ]);
  });
});
