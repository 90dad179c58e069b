import type { SourceDocument } from '../document/document.js';
import { reservedRules } from '../docs/reserved-rules.js';
import type { Machine } from '../model/types.js';
import type { RuleDefinition } from '../rule.js';
import type { TemplateMachine } from '../template/types.js';
import { commentDirectives } from './comment-directives.js';
import { UNSUPPRESSIBLE_RULES, type Directive, type DirectiveProblem } from './directive.js';
import { metadataDirectives } from './metadata-directives.js';
import { yamlDirectives } from './yaml-directives.js';

/** Where one lint run's directives are written. */
export interface DirectiveSources {
  /** The file linted and the definition files its templates include: their YAML comments. */
  readonly documents: readonly SourceDocument[];
  /** Every definition checked, with its template machine's label: their Comment fields. */
  readonly definitions: readonly { readonly machine: Machine; readonly label: string | undefined }[];
  /** The template state machines: their Metadata. */
  readonly templateMachines: readonly TemplateMachine[];
}

/** Every directive of one lint run, and the problems of those that cannot work as written. */
export function readDirectives(sources: DirectiveSources, rules: readonly RuleDefinition[]): { directives: Directive[]; problems: DirectiveProblem[] } {
  const known = suppressibleRuleIds(rules);
  const found = [
    ...sources.documents.map((document) => yamlDirectives(document, known)),
    ...sources.definitions.map(({ machine, label }) => commentDirectives(machine, label, known)),
    ...sources.templateMachines.map((machine) => metadataDirectives(machine, known)),
  ];
  return { directives: found.flatMap((f) => f.directives), problems: found.flatMap((f) => f.problems) };
}

/**
 * The rule ids a directive may name: the rules of this run, and the engine's own notes
 * (such as `unchecked-definition`) except those that must stay visible.
 */
function suppressibleRuleIds(rules: readonly RuleDefinition[]): Set<string> {
  const ids = new Set([...rules, ...reservedRules].map((rule) => rule.id));
  for (const id of UNSUPPRESSIBLE_RULES) ids.delete(id);
  return ids;
}
