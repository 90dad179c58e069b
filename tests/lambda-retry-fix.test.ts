import { applyFixes, LAMBDA_RETRY_ERRORS, lintText, parseDocument, toValue, type Diagnostic, type Fix } from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';
import rule from '../rules/lambda-transient-retry.js';
import { corpusFiles, corpusPresent, corpusRelative, readText } from './corpus-files.js';

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the lambda-transient-retry fix test on real files is skipped.');

const FOUR: readonly string[] = LAMBDA_RETRY_ERRORS;

/** The retrier the fix inserts: some of the four errors, in AWS's order, with 2 s, 6 attempts, ×2. */
function isInserted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || IntervalSeconds !== 2 || MaxAttempts !== 6 || BackoffRate !== 2 || !Array.isArray(ErrorEquals)) return false;
  const order = ErrorEquals.map((name) => FOUR.indexOf(name as string));
  return order.length > 0 && order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]));
}

/**
 * Where the fixed value differs from the original in anything but an inserted retrier:
 * a new `Retry` holding one, or an existing `Retry` with one more item. Empty when none.
 */
function differences(before: unknown, after: unknown, path = '$'): string[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (path.endsWith('.Retry') && after.length === before.length + 1) {
      const at = after.findIndex((item, i) => i >= before.length || JSON.stringify(item) !== JSON.stringify(before[i]));
      if (!isInserted(after[at])) return [`${path}[${at}] is not the recommended retrier`];
      return differences(before, [...after.slice(0, at), ...after.slice(at + 1)], `${path}(without the new retrier)`);
    }
    if (before.length !== after.length) return [`${path}: ${before.length} items became ${after.length}`];
    return before.flatMap((item, i) => differences(item, after[i], `${path}[${i}]`));
  }
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null && !Array.isArray(before) && !Array.isArray(after)) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    const found: string[] = [];
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) continue;
      if (key === 'Retry' && Array.isArray(b[key]) && (b[key] as unknown[]).length === 1 && isInserted((b[key] as unknown[])[0])) continue;
      found.push(`${path}.${key} was added`);
    }
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) found.push(`${path}.${key} was removed`);
      else found.push(...differences(a[key], b[key], `${path}.${key}`));
    }
    return found;
  }
  return Object.is(before, after) ? [] : [`${path}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`];
}

const parseErrors = (file: string, text: string): number => parseDocument(file, text).problems.filter((p) => p.code === 'parse-error').length;

describe.skipIf(!corpusPresent)('lambda-transient-retry fix on ../shared/corpus/real', () => {
  it('yields files that parse, lint without the finding and change only Retry arrays', () => {
    const failures: string[] = [];
    let files = 0;
    let fixes = 0;
    for (const file of corpusFiles('real')) {
      const text = readText(file);
      const name = corpusRelative(file);
      const result = lintText(file, text, { rules: [rule] });
      // Inside a DefinitionString the definition is escaped text, so no fix is offered there.
      const escaped = new Set(result.templateMachines?.filter((m) => m.source === 'string').map((m) => m.label));
      const fixable = (d: Diagnostic) => d.ruleId === rule.id && !(d.machine !== undefined && escaped.has(d.machine));
      for (const d of result.diagnostics) if (d.ruleId === rule.id && !fixable(d) && d.fix) failures.push(`${corpusRelative(file)}: a fix inside a DefinitionString`);
      const found = result.diagnostics.filter(fixable);
      if (found.length === 0) continue;
      files++;
      const offered = found.map((d) => d.fix).filter((fix): fix is Fix => fix !== undefined);
      if (offered.length < found.length) failures.push(`${name}: ${found.length - offered.length} finding(s) without a fix`);
      const { text: fixed, skipped } = applyFixes(text, offered);
      fixes += offered.length - skipped.length;
      if (skipped.length > 0) failures.push(`${name}: ${skipped.length} fix(es) overlap another`);

      if (parseErrors(file, fixed) !== parseErrors(file, text)) failures.push(`${name}: the fixed text has new parse errors`);
      const again = lintText(file, fixed, { rules: [rule] }).diagnostics.filter(fixable);
      if (again.length > 0) failures.push(`${name}: still reported: ${again.map((d) => d.state).join(', ')}`);

      const before = parseDocument(file, text).roots.map((root) => toValue(root));
      const after = parseDocument(file, fixed).roots.map((root) => toValue(root));
      if (before.length !== after.length) failures.push(`${name}: ${before.length} documents became ${after.length}`);
      else before.forEach((value, i) => failures.push(...differences(value, after[i]).map((d) => `${name} (document ${i + 1}): ${d}`)));
    }
    console.log(`lambda-transient-retry fix: ${fixes} fixes in ${files} real files`);
    expect(files).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('differences', () => {
  const retrier = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 };
  it('accepts a new Retry or one inserted retrier, and nothing else', () => {
    expect(differences({ A: { Type: 'Task' } }, { A: { Type: 'Task', Retry: [retrier] } })).toEqual([]);
    expect(differences({ Retry: [{ ErrorEquals: ['States.ALL'] }] }, { Retry: [retrier, { ErrorEquals: ['States.ALL'] }] })).toEqual([]);
    expect(differences({ A: 1 }, { A: 2 })).toHaveLength(1);
    expect(differences({ A: {} }, { A: { Retry: [{ ...retrier, MaxAttempts: 3 }] } })).toHaveLength(1);
    expect(differences({ Retry: [] }, { Retry: [{ ...retrier, ErrorEquals: ['States.ALL'] }] })).toHaveLength(1);
    expect(differences({ Catch: [] }, { Catch: [retrier] })).toHaveLength(1);
  });
});
