import { LAMBDA_RETRY_ERRORS } from '@sfn-lint/core';

const FOUR: readonly string[] = LAMBDA_RETRY_ERRORS;

/** The retrier lambda-transient-retry's fix inserts: some of the four errors, in AWS's order, with 2 s, 6 attempts, ×2. */
export function isInsertedRetrier(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || IntervalSeconds !== 2 || MaxAttempts !== 6 || BackoffRate !== 2 || !Array.isArray(ErrorEquals)) return false;
  const order = ErrorEquals.map((name) => FOUR.indexOf(name as string));
  return order.length > 0 && order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]));
}

/** A path or an intrinsic call, as require-path-suffix's fix gives it a `.$` key. */
const looksEvaluated = (value: unknown): boolean => typeof value === 'string' && /^(\$|States\.)/.test(value);

/**
 * Where the fixed value differs from the original in anything but what the fixes are
 * meant to change: a retrier inserted into `Retry` or a new `Retry` holding one
 * (lambda-transient-retry), and a key `k` whose path or intrinsic value now sits under
 * `k.$` (require-path-suffix). Empty when there is nothing else.
 */
export function differences(before: unknown, after: unknown, path = '$'): string[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (path.endsWith('.Retry') && after.length === before.length + 1) {
      const at = after.findIndex((item, i) => i >= before.length || JSON.stringify(item) !== JSON.stringify(before[i]));
      if (!isInsertedRetrier(after[at])) return [`${path}[${at}] is not the recommended retrier`];
      return differences(before, [...after.slice(0, at), ...after.slice(at + 1)], `${path}(without the new retrier)`);
    }
    if (before.length !== after.length) return [`${path}: ${before.length} items became ${after.length}`];
    return before.flatMap((item, i) => differences(item, after[i], `${path}[${i}]`));
  }
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null && !Array.isArray(before) && !Array.isArray(after)) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    const renamed = (key: string): boolean => !Object.hasOwn(b, key) && Object.hasOwn(b, `${key}.$`) && !Object.hasOwn(a, `${key}.$`) && looksEvaluated(a[key]) && a[key] === b[`${key}.$`];
    const found: string[] = [];
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) continue;
      if (key === 'Retry' && Array.isArray(b[key]) && (b[key] as unknown[]).length === 1 && isInsertedRetrier((b[key] as unknown[])[0])) continue;
      if (key.endsWith('.$') && Object.hasOwn(a, key.slice(0, -2)) && renamed(key.slice(0, -2))) continue;
      found.push(`${path}.${key} was added`);
    }
    for (const key of Object.keys(a)) {
      if (renamed(key)) continue;
      if (!Object.hasOwn(b, key)) found.push(`${path}.${key} was removed`);
      else found.push(...differences(a[key], b[key], `${path}.${key}`));
    }
    return found;
  }
  return Object.is(before, after) ? [] : [`${path}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`];
}
