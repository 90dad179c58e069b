export { suppressFindings, unusedDirectives, type DirectiveUsage } from './apply.js';
export { readDirectives, type DirectiveSources } from './collect.js';
export { UNSUPPRESSIBLE_RULES, type Directive, type DirectiveProblem, type NamedRule, type Reach } from './directive.js';
