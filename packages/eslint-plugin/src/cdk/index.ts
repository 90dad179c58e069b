import cdkDefinitionFile from './rules/cdk-definition-file.js';
import cdkNoWildcardPolicy from './rules/cdk-no-wildcard-policy.js';
import cdkStateMachineLogging from './rules/cdk-state-machine-logging.js';
import cdkTaskRetry from './rules/cdk-task-retry.js';
import cdkTaskTokenTimeout from './rules/cdk-task-token-timeout.js';

/** The rules on CDK source, by id, sorted. */
export const cdkRules = {
  'cdk-definition-file': cdkDefinitionFile,
  'cdk-no-wildcard-policy': cdkNoWildcardPolicy,
  'cdk-state-machine-logging': cdkStateMachineLogging,
  'cdk-task-retry': cdkTaskRetry,
  'cdk-task-token-timeout': cdkTaskTokenTimeout,
};

export type CdkRuleId = keyof typeof cdkRules;
