import { numberValue } from '../document/node-access.js';
import type { Retrier, State } from '../model/types.js';
import { LAMBDA_TRANSIENT_ERRORS } from './catalog.js';
import type { Integration } from './integration.js';

/** The errors AWS recommends retrying on every Lambda invoke, in AWS's order [DG-BP], from the catalog. */
export const LAMBDA_RETRY_ERRORS: readonly string[] = LAMBDA_TRANSIENT_ERRORS.filter((error) => error.kind === 'transient').map((error) => error.name);

/**
 * True for a Task that invokes a Lambda function: `lambda:invoke` (and its
 * `.waitForTaskToken`), a function ARN, `aws-sdk:lambda:invoke`, and a placeholder whose
 * name says it is a function (`${WorkerFunctionArn}`). The error names are documented for
 * the first; the others are assumed to raise the same ones [G].
 */
export function isLambdaInvoke(integration: Integration): boolean {
  const key = integration.probableEntry?.key;
  if (key !== 'lambda:invoke' && key !== 'aws-sdk:lambda:invoke') return false;
  const pattern = integration.pattern;
  return pattern === undefined || pattern === 'request-response' || pattern === 'callback';
}

/** AWS's recommended retrier for the given errors [DG-BP]. */
export function recommendedRetrier(errors: readonly string[]): Record<string, unknown> {
  return { ErrorEquals: [...errors], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 };
}

/** A retrier's MaxAttempts: 3 when absent, undefined when it is not a number (a placeholder). */
export function attemptsOf(retrier: Retrier): number | undefined {
  if (!retrier.maxAttempts) return 3;
  return numberValue(retrier.maxAttempts);
}

/** True when a retrier's entry and error list can be read; otherwise it might match anything. */
export function readable(retrier: Retrier): boolean {
  return retrier.node.kind === 'object' && retrier.errorEquals?.kind === 'array' && retrier.errors.length === retrier.errorEquals.children?.length;
}

/** Errors whose request the service rejected before acting: retrying them repeats nothing. */
const THROTTLING = /\.(?:TooManyRequestsException|ThrottlingException|ThrottledException|ProvisionedThroughputExceededException|RequestLimitExceeded)$/;

/**
 * The first retrier that retries for certain (MaxAttempts above 0, 3 when absent) and
 * matches more than throttling errors; undefined when there is none, or the Retry cannot
 * be read.
 */
export function effectiveRetrier(state: State): Retrier | undefined {
  if (state.retryNode?.kind !== 'array') return undefined;
  for (const retrier of state.retry) {
    if (!readable(retrier)) continue;
    const attempts = attemptsOf(retrier);
    if (attempts === undefined || attempts <= 0) continue;
    if (retrier.errors.length > 0 && retrier.errors.every((error) => THROTTLING.test(error.name))) continue;
    return retrier;
  }
  return undefined;
}
