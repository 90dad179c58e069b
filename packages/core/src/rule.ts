import type { Fix, Severity } from './diagnostic.js';
import { docsUrlFor } from './diagnostic.js';
import type { SourceDocument } from './document/document.js';
import type { DocNode, Range } from './document/node.js';
import type { ScopeGraph } from './graph/scope-graph.js';
import type { Machine, Scope, State } from './model/types.js';
import type { Template, TemplateMachine } from './template/types.js';

/** A JSON Schema (draft-07) object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type RuleCategory = 'definition' | 'graph' | 'error-handling' | 'document' | 'template' | 'iam';

/** A whole definition (or document) used as a docs example; doc examples run as tests. */
export interface RuleExample {
  readonly title?: string;
  readonly language?: 'json' | 'yaml';
  readonly code: string;
  /** Settings the example needs, such as the machine type for express-unsupported. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface RuleDocs {
  /** What the rule reports, in a sentence or two. */
  readonly whatItDoes: string;
  /** Why it matters to someone running this workflow. */
  readonly why: string;
  readonly examples: { readonly invalid: readonly RuleExample[]; readonly valid: readonly RuleExample[] };
  readonly whenNotToUse?: string;
}

export interface RuleMeta {
  /** One line, shown in the rule table. */
  readonly description: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly recommended: boolean;
  readonly fixable?: boolean;
  /**
   * The JSON Schema of the rule's options object, `[severity, options]` in a config file.
   * A rule without one takes no options. Configs are checked against it when they load.
   */
  readonly options?: JsonSchema;
  readonly docs: RuleDocs;
}

export interface RelatedReport {
  readonly node?: DocNode;
  readonly range?: Range;
  /** Point at the property name of `node` rather than its value. */
  readonly at?: 'key' | 'value';
  readonly message: string;
}

export interface Report {
  /** The node the finding is about; give `range` instead for a span that is not a node. */
  readonly node?: DocNode;
  readonly range?: Range;
  readonly at?: 'key' | 'value';
  readonly message: string;
  /** The state the finding is about; found from `node` when left out. */
  readonly state?: State;
  readonly related?: readonly RelatedReport[];
  readonly fix?: Fix;
  /** The state machine the finding is about, for template-level findings (its label). */
  readonly machine?: string;
  /** The state machines a template-level finding concerns when it is about something they share, such as their role (labels). */
  readonly machines?: readonly string[];
  /**
   * A severity for this finding when the rule grades its findings (`*` is an error, `s3:*`
   * a warning). Ignored when the user set the rule's severity.
   */
  readonly severity?: Severity;
}

export interface DocumentContext {
  readonly document: SourceDocument;
  readonly settings: Readonly<Record<string, unknown>>;
  /** This rule's options from the configuration, valid against `meta.options`; empty when none were given. */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: Report): void;
}

export interface RuleContext extends DocumentContext {
  readonly machine: Machine;
  /** The template state machine this definition belongs to; undefined for a standalone definition. */
  readonly embedding?: TemplateMachine;
  /** The graph of one scope, built once and shared by every rule. */
  graph(scope: Scope): ScopeGraph;
}

/** A CloudFormation, SAM, CDK or Serverless template and its state machines. */
export interface TemplateContext extends DocumentContext {
  readonly template: Template;
  readonly machines: readonly TemplateMachine[];
  /** The definition of a machine as a model, when it could be read (embedded, rebuilt or from its file). */
  definitionOf(machine: TemplateMachine): Machine | undefined;
}

export interface RuleDefinition {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly docsUrl: string;
  /** Runs once per state machine. */
  readonly check?: (context: RuleContext) => void;
  /** Runs once per document, for findings about the text itself. */
  readonly checkDocument?: (context: DocumentContext) => void;
  /** Runs once per template, for findings about its resources (roles, logging). */
  readonly checkTemplate?: (context: TemplateContext) => void;
}

export interface RuleInput {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly check?: (context: RuleContext) => void;
  readonly checkDocument?: (context: DocumentContext) => void;
  readonly checkTemplate?: (context: TemplateContext) => void;
}

/** Declares a rule; fills in its documentation URL from its id. */
export function defineRule(input: RuleInput): RuleDefinition {
  return { ...input, docsUrl: docsUrlFor(input.id) };
}
