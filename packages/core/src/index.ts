// The public API of @sfn-lint/core, by layer: text → document → model and graph → rules
// (engine, analyses) → diagnostics → formatters and docs.
export type { Diagnostic, Fix, RelatedLocation, Severity, SeveritySetting, TextEdit } from './diagnostic.js';
export { DOCS_BASE_URL, docsUrlFor } from './diagnostic.js';
export type { DocumentFormat, SourceDocument } from './document/document.js';
export { detectFormat, parseDocument } from './document/document.js';
export { parseJson } from './document/json.js';
export { offerSpareBuffer } from './document/json-strict.js';
export { documentAfterValueEdit } from './document/value-edit.js';
export { LineMap, type Position } from './document/line-map.js';
export {
  booleanValue,
  isString,
  items,
  keepRootValue,
  member,
  members,
  nodeAt,
  numberValue,
  pathOf,
  rootValue,
  stringValue,
  toValue,
} from './document/node-access.js';
export type { DocNode, NodeKind, ParseProblem, Range } from './document/node.js';
export { TreeNode } from './document/node.js';
export { parseYaml } from './document/yaml.js';
export { yamlComments, type YamlComment } from './document/yaml-comments.js';
export { buildMachine, looksLikeDefinition, MAX_SCOPE_DEPTH } from './model/build.js';
export { CHOICE_OPERATORS } from './model/choice-operators.js';
export { describeScope } from './model/scope-description.js';
export * from './model/types.js';
export { ScopeGraph, scopeGraph, type Edge } from './graph/scope-graph.js';
export {
  stateGraphMachineNames,
  stateGraphModel,
  type GraphDiagnostic,
  type GraphEdge,
  type GraphMachine,
  type GraphScope,
  type GraphScopeKind,
  type GraphState,
  type GraphStateKind,
  type GraphTerminal,
  type StateGraphModel,
  type StateGraphOptions,
} from './graph/graph-model.js';
export { renderStateGraph, STATE_GRAPH_FORMATS, type StateGraphFormat } from './graph/render-state-graph.js';
export { dotText } from './graph/dot.js';
export { mermaidText } from './graph/mermaid.js';
export * from './rule.js';
export { definitionRoots, lintDocument, lintText, templateRoots, type LintOptions, type LintResult } from './engine/lint.js';
export { holdsStateMachines, isDataFile, isDefinitionFile, mayHoldStateMachines } from './engine/lintable.js';
export {
  readDirectives,
  suppressFindings,
  unusedDirectives,
  UNSUPPRESSIBLE_RULES,
  type Directive,
  type DirectiveProblem,
  type DirectiveSources,
  type DirectiveUsage,
  type NamedRule,
  type Reach,
} from './suppress/index.js';
export * from './config/index.js';
export type * from './template/types.js';
export { looksLikeServerless, looksLikeTemplate, readTemplate } from './template/read-template.js';
export { SAM_STATE_MACHINE_TYPE, STATE_MACHINE_TYPE, templateMachines } from './template/state-machines.js';
export { referencesLogicalId, resourcesReferencing } from './template/references.js';
export { deliversLogs, loggingOf, tracingOf, type LoggingSetting, type TracingSetting } from './template/observability.js';
export { rebuildDefinitionString, type RebuiltDefinition } from './template/definition-string.js';
export { cdkPathOf, getAttParts, intrinsicArgument, intrinsicName, isPseudoParameter, referencesIn, symbolicText, type SymbolicReference } from './template/symbolic.js';
export { validateDefinition, validateDefinitionNode, type DefinitionIssue } from './schema/validate-definition.js';
export { stateFields } from './schema/state-fields.js';
export { hasSubstitution, jsonPathFields, type PathField, type PathFieldKind } from './paths/fields.js';
export * from './paths/intrinsic.js';
export { checkJsonPath, type PathCheckOptions, type PathProblem } from './paths/jsonpath.js';
export { literalByName, literalContainer, pathLike, type PathLike } from './paths/path-like.js';
export {
  analyseJsonata,
  clearJsonataCache,
  jsonataBody,
  jsonataProblems,
  prepareJsonata,
  statesFieldsAt,
  type JsonataAnalysis,
  type JsonataCall,
  type JsonataProblem,
  type JsonataSite,
  type JsonataSpan,
  type JsonataSyntaxError,
  type StatesRead,
} from './jsonata/analyse.js';
export { jsonataStrings, type JsonataString } from './jsonata/fields.js';
export {
  JSONATA_FUNCTIONS,
  STATES_FIELDS,
  STEP_FUNCTIONS_ADDED_FUNCTIONS,
  STEP_FUNCTIONS_JSONATA_FUNCTIONS,
  STEP_FUNCTIONS_REMOVED_FUNCTIONS,
  type StatesField,
} from './jsonata/functions.js';
export * from './variables/index.js';
export * from './integrations/index.js';
export { analyseNeeds, definitionNeeds, type NeededPermission, type NeedPurpose, type NeedsAnalysis, type NeedsOptions, type TemplateView } from './iam/needs.js';
export { needsOptionsOf, templateMachineNeeds } from './iam/template-needs.js';
export { permissionDiff, type Excess, type NeedStanding, type PermissionDiff } from './iam/permission-diff.js';
export { judgeNeed, machinesPhrase, needsOf, roleUses, rolePermissionsOf, type RoleUse } from './iam/machine-iam.js';
export {
  actionApplies,
  actionMatches,
  actionService,
  actionWildcard,
  canonicalResourceText,
  evaluate,
  grantsAll,
  hasConditionKey,
  isStarResource,
  resourceApplies,
  resourceMatches,
  wildcardActions,
  type Decision,
  type EvaluateOptions,
  type Evaluation,
  type MatchResult,
} from './iam/match.js';
export { isKnownFor, rolePermissions, type ManagedPolicyUse, type RolePermissions, type RoleSource } from './iam/role-permissions.js';
export {
  describeOrigin,
  readStatements,
  type PermissionUnknown,
  type PolicyCondition,
  type PolicyEntry,
  type PolicyOrigin,
  type PolicyOriginKind,
  type PolicyStatement,
} from './iam/statements.js';
export { awsManagedPolicyReference, KNOWN_MANAGED_POLICIES, managedPolicyFacts, type ManagedPolicyFacts } from './iam/managed-policies.js';
export { expandSamPolicyTemplate, isSamPolicyTemplate, SAM_POLICY_TEMPLATE_NAMES } from './iam/sam-policy-templates.js';
export { embeddedDefinition, type EmbeddedDefinition, type RelatedReader } from './template/embedded-definition.js';
export {
  leastPrivilegePolicy,
  policyJson,
  policyValue,
  policyYaml,
  type PolicyDocument,
  type PolicyOptions,
  type PolicyStatement as PolicyDocumentStatement,
  type PolicyValue,
} from './iam/least-privilege.js';
export {
  appendArrayItem,
  applyEdits,
  applyFixes,
  fixInPasses,
  insertArrayItem,
  insertMember,
  MAX_FIX_PASSES,
  renameKey,
  replaceString,
  unfixable,
  type AppliedFixes,
  type FixedResult,
  type FixPassesOptions,
  type InsertMemberOptions,
} from './fix/index.js';
export { closeNames, closestName } from './text/closest-name.js';
export { editDistance } from './text/edit-distance.js';
export { compileGlob, globRegExp, isGlob, type Glob } from './text/glob.js';
export { listNames } from './text/name-list.js';
export * from './format/index.js';
export { renderRuleMarkdown, renderRuleTable } from './docs/render-rule.js';
export { reservedRules } from './docs/reserved-rules.js';
