export * from './types.js';
export { CATALOG, CATALOG_ENTRIES, LAMBDA_TRANSIENT_ERRORS, catalogEntry } from './catalog.js';
export { hasPlaceholder, intrinsicKey, isJsonataText, parseResource, parseResourceText, splitArn } from './resource.js';
export {
  SDK_ACTION_EXCEPTIONS,
  SDK_IAM_SERVICE_PREFIX,
  isIdempotentSdkAction,
  isReadOnlySdkAction,
  pascalCase,
  sdkErrorPrefix,
  sdkIamActions,
  sdkIamPrefix,
  type SdkActionException,
  type SdkIamActions,
} from './sdk-iam.js';
export { SDK_PATTERNS, sdkEntry } from './sdk-entry.js';
export {
  arnOf,
  classifyValue,
  fillTemplate,
  nameOf,
  parameterValues,
  resolveParameters,
  symbolicArnOf,
  symbolicNameOf,
  type ArnContext,
  type AttributeCheck,
} from './parameters.js';
export {
  describeResource,
  entryOf,
  hasStaticTarget,
  iamForPattern,
  integrationOf,
  mapIoIntegrations,
  resolveIam,
  type IamContext,
  targetSpec,
  type Integration,
  type ResolvedIamNeed,
  type ResourceIntegration,
} from './integration.js';
export { LAMBDA_RETRY_ERRORS, attemptsOf, effectiveRetrier, isLambdaInvoke, readable, recommendedRetrier } from './retry.js';
export { changingValue, hazardOf, repeatingUpdate, tokenState, type Hazard, type HazardOptions, type TokenState } from './idempotency.js';
