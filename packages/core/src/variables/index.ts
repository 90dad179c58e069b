export { analyseVariables, type OuterAssignment, type UndefinedRead, type UndefinedReason, type VariableAnalysis } from './analysis.js';
export {
  collectVariables,
  type AssignHolder,
  type StateVariables,
  type UnknownAssignment,
  type VariableAssignment,
  type VariableRead,
} from './collect.js';
export {
  clearJsonataReferenceCache,
  jsonataReferences,
  prepareJsonataReferences,
  type JsonataReferences,
  type VariableReference,
} from './jsonata-references.js';
export { pathVariable, templateReferences, type TemplateReferences } from './jsonpath-references.js';
