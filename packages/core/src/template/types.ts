import type { SourceDocument } from '../document/document.js';
import type { DocNode, Range } from '../document/node.js';

/**
 * Where a template came from. `cdk` is CloudFormation that the CDK synthesized (resources
 * carry `aws:cdk:path`); `sam` has the `AWS::Serverless` transform.
 */
export type TemplateFlavor = 'cloudformation' | 'sam' | 'cdk' | 'serverless';

/** One entry of a template's `Resources`. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string | undefined;
  /** The resource's object node (its value under `Resources`). */
  readonly node: DocNode;
  readonly properties: DocNode | undefined;
  /** The CDK construct path from `Metadata.aws:cdk:path`, when synthesized by the CDK. */
  readonly cdkPath?: string;
}

/** A CloudFormation, SAM, CDK or Serverless Framework template, read for what sfn-lint needs. */
export interface Template {
  readonly document: SourceDocument;
  readonly root: DocNode;
  readonly flavor: TemplateFlavor;
  /** By logical id; safe for ids such as `__proto__`. */
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** Logical ids of `Parameters`. */
  readonly parameters: ReadonlySet<string>;
}

/**
 * A value of a template written as `Fn::Sub` text: literal characters, with every
 * reference as `${LogicalId}` (Ref), `${LogicalId.Attribute}` (Fn::GetAtt) or a pseudo
 * parameter such as `${AWS::Region}`. Both a definition's needs and a role's grants are
 * compared in this form, and `sfn-lint policy` prints it back inside `Fn::Sub`.
 *
 * Undefined where the value cannot be written that way (Fn::If, Fn::Select of a list
 * parameter, an import): sfn-lint then treats it as unknown.
 */
export type SymbolicText = string;

/** How a definition is embedded in its state machine resource. */
export type DefinitionSource =
  /** `Definition` (CloudFormation or SAM) or a Serverless `definition`: an object in the template itself. */
  | 'object'
  /** `DefinitionString`: a JSON string, plain or built with Fn::Sub or Fn::Join. */
  | 'string'
  /** SAM `DefinitionUri` or Serverless `${file(…)}`: a separate file, linted in place. */
  | 'file'
  /** `DefinitionS3Location`, or a `DefinitionUri` in S3: not checked. */
  | 's3'
  /** No definition property at all. */
  | 'none';

/** One state machine resource of a template. */
export interface TemplateMachine {
  readonly template: Template;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  /** What messages call the machine: its logical id, or its CDK path. */
  readonly label: string;
  readonly source: DefinitionSource;
  /** The property holding the definition (Definition, DefinitionString, DefinitionUri …). */
  readonly definitionProperty: DocNode | undefined;
  /** For `object` and `string`: the definition's root, with ranges in the template's text. */
  readonly definition: DocNode | undefined;
  /** For `file`: the path as written, and resolved against the template's folder by the caller. */
  readonly definitionFile?: string;
  /** Problems met while rebuilding a `DefinitionString` (syntax errors, unresolvable parts). */
  readonly problems: readonly { readonly message: string; readonly range: Range; readonly severity: 'error' | 'info' }[];
  /** `DefinitionSubstitutions`: variable name to its value as symbolic text (undefined when unknown). */
  readonly substitutions: ReadonlyMap<string, SymbolicText | undefined>;
  /** `STANDARD` or `EXPRESS` when the template says so literally. */
  readonly machineType: 'STANDARD' | 'EXPRESS' | undefined;
  readonly typeNode: DocNode | undefined;
  /** `RoleArn` (CloudFormation) or `Role` (SAM); for Serverless the `role` setting. */
  readonly roleNode: DocNode | undefined;
  /** SAM `Policies`. */
  readonly policiesNode: DocNode | undefined;
  /** `LoggingConfiguration` (CloudFormation), `Logging` (SAM) or `loggingConfig` (Serverless). */
  readonly loggingNode: DocNode | undefined;
  /** `TracingConfiguration`, `Tracing` or `tracingConfig`. */
  readonly tracingNode: DocNode | undefined;
}
