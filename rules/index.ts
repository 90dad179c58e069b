import type { RuleDefinition } from '@sfn-lint/core';
import expressUnsupported from './express-unsupported.js';
import iamMissingPermission from './iam-missing-permission.js';
import iamNoPassroleWildcard from './iam-no-passrole-wildcard.js';
import iamNoWildcardAction from './iam-no-wildcard-action.js';
import iamNoWildcardResource from './iam-no-wildcard-resource.js';
import iamUnusedPermission from './iam-unused-permission.js';
import idempotentRetry from './idempotent-retry.js';
import lambdaTransientRetry from './lambda-transient-retry.js';
import loopNeedsWait from './loop-needs-wait.js';
import mapConcurrency from './map-concurrency.js';
import noDeadEnd from './no-dead-end.js';
import noDuplicateKey from './no-duplicate-key.js';
import noMissingState from './no-missing-state.js';
import noPathInStaticResult from './no-path-in-static-result.js';
import noShadowedErrorHandler from './no-shadowed-error-handler.js';
import noUndefinedVariable from './no-undefined-variable.js';
import noUnreachableState from './no-unreachable-state.js';
import noUnusedVariable from './no-unused-variable.js';
import requireChoiceDefault from './require-choice-default.js';
import requireLogging from './require-logging.js';
import requirePathSuffix from './require-path-suffix.js';
import requireRetry from './require-retry.js';
import requireTaskToken from './require-task-token.js';
import requireTimeout from './require-timeout.js';
import requireTracing from './require-tracing.js';
import statesAllLast from './states-all-last.js';
import validDefinition from './valid-definition.js';
import validIntrinsic from './valid-intrinsic.js';
import validJsonata from './valid-jsonata.js';
import validPath from './valid-path.js';

/** Every rule, sorted by id. Keep the list sorted: a test checks it. */
export const rules: readonly RuleDefinition[] = [
  expressUnsupported,
  iamMissingPermission,
  iamNoPassroleWildcard,
  iamNoWildcardAction,
  iamNoWildcardResource,
  iamUnusedPermission,
  idempotentRetry,
  lambdaTransientRetry,
  loopNeedsWait,
  mapConcurrency,
  noDeadEnd,
  noDuplicateKey,
  noMissingState,
  noPathInStaticResult,
  noShadowedErrorHandler,
  noUndefinedVariable,
  noUnreachableState,
  noUnusedVariable,
  requireChoiceDefault,
  requireLogging,
  requirePathSuffix,
  requireRetry,
  requireTaskToken,
  requireTimeout,
  requireTracing,
  statesAllLast,
  validDefinition,
  validIntrinsic,
  validJsonata,
  validPath,
];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((rule) => [rule.id, rule]));
