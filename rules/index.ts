import type { RuleDefinition } from '@sfn-lint/core';
import loopNeedsWait from './loop-needs-wait.js';
import noDeadEnd from './no-dead-end.js';
import noDuplicateKey from './no-duplicate-key.js';
import noMissingState from './no-missing-state.js';
import noPathInStaticResult from './no-path-in-static-result.js';
import noShadowedErrorHandler from './no-shadowed-error-handler.js';
import noUndefinedVariable from './no-undefined-variable.js';
import noUnreachableState from './no-unreachable-state.js';
import noUnusedVariable from './no-unused-variable.js';
import requireChoiceDefault from './require-choice-default.js';
import requirePathSuffix from './require-path-suffix.js';
import requireTaskToken from './require-task-token.js';
import statesAllLast from './states-all-last.js';
import validDefinition from './valid-definition.js';
import validIntrinsic from './valid-intrinsic.js';
import validJsonata from './valid-jsonata.js';
import validPath from './valid-path.js';

/** Every rule, sorted by id. Keep the list sorted: a test checks it. */
export const rules: readonly RuleDefinition[] = [
  loopNeedsWait,
  noDeadEnd,
  noDuplicateKey,
  noMissingState,
  noPathInStaticResult,
  noShadowedErrorHandler,
  noUndefinedVariable,
  noUnreachableState,
  noUnusedVariable,
  requireChoiceDefault,
  requirePathSuffix,
  requireTaskToken,
  statesAllLast,
  validDefinition,
  validIntrinsic,
  validJsonata,
  validPath,
];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((rule) => [rule.id, rule]));
