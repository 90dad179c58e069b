/**
 * Types of the service-integration catalog. The data lives in `catalog.ts`; the parser of
 * Task `Resource` values in `resource.ts`; the per-state view in `integration.ts`.
 *
 * Source keys (`source` fields) are those of ../shared/domain/asl-semantics.md §0, plus
 * the ones listed at the top of `catalog.ts`. `guess: true` marks an inference that no
 * source states; rules must choose the reading that gives no false alarm there.
 */
import type { DocNode } from '../document/node.js';

/**
 * How Step Functions waits for a call: `request-response` (no suffix), `sync` (`.sync`),
 * `sync:2` (`.sync:2`, JSON output; Step Functions StartExecution only) and `callback`
 * (`.waitForTaskToken`). Activities are reported as `callback` too: the task waits for a
 * worker to send the token back, although the token reaches it through GetActivityTask.
 */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'callback';

export const INTEGRATION_PATTERNS: readonly IntegrationPattern[] = ['request-response', 'sync', 'sync:2', 'callback'];

/** The Resource suffix that selects each pattern. */
export const PATTERN_SUFFIX: Readonly<Record<IntegrationPattern, string>> = {
  'request-response': '',
  sync: '.sync',
  'sync:2': '.sync:2',
  callback: '.waitForTaskToken',
};

/** A key of asl-semantics.md §0 or of the source table in catalog.ts. */
export type SourceKey = string;

// ---------------------------------------------------------------------------------------
// Parsed Resource values

interface ResourceCommon {
  /** The Resource node, when the value came from a document. */
  readonly node: DocNode | undefined;
  /** The Resource as text: the string itself, or the template of a Fn::Sub / Fn::Join. */
  readonly text: string | undefined;
}

interface ArnParts {
  /** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, …; undefined when it is a placeholder. */
  readonly partition: string | undefined;
  /** Empty for `arn:aws:states:::…`; kept when a file names one. */
  readonly region: string;
  readonly account: string;
  /** True when some part of the ARN is a `${…}` substitution. */
  readonly hasPlaceholders: boolean;
}

/** `arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`. */
export interface OptimizedResource extends ResourceCommon, ArnParts {
  readonly kind: 'optimized';
  /** The service segment as written in the ARN: `lambda`, `elasticmapreduce`, `emr-containers`. */
  readonly service: string;
  readonly action: string;
  readonly pattern: IntegrationPattern;
}

/** `arn:<partition>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]`. */
export interface SdkResource extends ResourceCommon, ArnParts {
  readonly kind: 'sdk';
  /** The SDK service name, lower case: `s3`, `sfn`, `dynamodb`. */
  readonly service: string;
  /** The SDK action, camelCase: `getObject`. */
  readonly action: string;
  readonly pattern: IntegrationPattern;
}

/** `arn:<partition>:states:::http:invoke`. */
export interface HttpResource extends ResourceCommon, ArnParts {
  readonly kind: 'http';
  readonly service: 'http';
  readonly action: 'invoke';
  readonly pattern: IntegrationPattern;
}

/** A legacy Lambda function ARN: `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
export interface LambdaFunctionResource extends ResourceCommon, ArnParts {
  readonly kind: 'lambda-function';
  readonly service: 'lambda';
  readonly action: 'invoke';
  readonly pattern: 'request-response';
  readonly functionName: string;
  /** A version, an alias or `$LATEST`. */
  readonly qualifier: string | undefined;
}

/** `arn:<partition>:states:<region>:<account>:activity:<name>`. */
export interface ActivityResource extends ResourceCommon, ArnParts {
  readonly kind: 'activity';
  readonly service: 'states';
  readonly action: undefined;
  readonly pattern: 'callback';
  readonly activityName: string;
}

/** What a CloudFormation reference names: `Ref X`, `Fn::GetAtt X.Arn`, `${X}` or `${X.Arn}`. */
export interface ResourceReference {
  /** The logical id or the substitution variable. */
  readonly name: string;
  readonly attribute?: string;
  readonly via: 'Ref' | 'Fn::GetAtt' | 'Fn::ImportValue' | 'substitution';
}

export type UnknownCause =
  /** No Resource at all. */
  | 'missing'
  /** A `${…}` substitution or a placeholder node. */
  | 'placeholder'
  /** A CloudFormation intrinsic object (`Ref`, `Fn::GetAtt`, a Fn::Sub that is not a full ARN, …). */
  | 'intrinsic'
  /** A `{% %}` expression: Step Functions does not evaluate Resource. */
  | 'jsonata'
  /** Text that is none of the known forms (`foo:bar`, `<INSERT ARN HERE>`, another service's ARN). */
  | 'unrecognised';

/** A Resource sfn-lint cannot resolve, typed as far as the text allows. */
export interface UnknownResource extends ResourceCommon {
  readonly kind: 'unknown';
  readonly cause: UnknownCause;
  /** One sentence for messages. */
  readonly reason: string;
  /** What the value most likely is, from the names it uses ([G] heuristic). */
  readonly probably?: 'lambda-function' | 'activity';
  readonly reference?: ResourceReference;
  readonly service: undefined;
  readonly action: undefined;
  readonly pattern: undefined;
}

/** A Resource of a known form that Step Functions rejects, with the reason. */
export interface InvalidResource extends ResourceCommon {
  readonly kind: 'invalid';
  readonly reason: string;
  readonly service: string | undefined;
  readonly action: string | undefined;
  readonly pattern: IntegrationPattern | undefined;
}

export type ResolvedResource =
  | OptimizedResource
  | SdkResource
  | HttpResource
  | LambdaFunctionResource
  | ActivityResource
  | UnknownResource
  | InvalidResource;

// ---------------------------------------------------------------------------------------
// Catalog entries

/**
 * How a parameter names its resource, and so how its ARN is built from a static value.
 * Templates use `{partition}`, `{region}`, `{account}` and `{value}`.
 */
export type ParameterForm =
  /** A full ARN (StateMachineArn, TopicArn). */
  | { readonly kind: 'arn' }
  /** A name or id placed into an ARN template (TableName → `…:table/{value}`). */
  | { readonly kind: 'name'; readonly arn: string }
  /** A name, or already an ARN (EventBusName, Cluster, JobQueue). */
  | { readonly kind: 'name-or-arn'; readonly arn: string }
  /** Lambda FunctionName: a name, `name:qualifier`, a partial ARN `account:function:name` or an ARN. */
  | { readonly kind: 'lambda-function' }
  /** An ECS task definition: `family`, `family:revision` or an ARN. */
  | { readonly kind: 'ecs-task-definition' }
  /** An SQS queue URL: `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
  | { readonly kind: 'sqs-queue-url' }
  /** An API Gateway endpoint host: `<api-id>.execute-api.<region>.amazonaws.com`. */
  | { readonly kind: 'api-endpoint' }
  /** Something without an ARN of its own (a phone number, an HTTPS URL, a job id). */
  | { readonly kind: 'opaque' };

/** A request parameter that names what the call acts on, or a role that it passes. */
export interface ParameterSpec {
  /**
   * Dotted path inside Parameters (JSONPath) or Arguments (JSONata). `[]` steps into every
   * item of an array: `Entries.[].EventBusName`.
   */
  readonly path: string;
  readonly form: ParameterForm;
  /** Required by the API (an absent required target is the schema's business, not ours). */
  readonly required?: boolean;
  /** The value the service uses when the parameter is absent (`default` event bus, `primary` work group). */
  readonly default?: string;
  /** For roles: the service that the role is passed to, for the `iam:PassedToService` condition. */
  readonly passedToService?: string;
}

export type IamPurpose =
  /** The call itself. */
  | 'call'
  /** `.sync` polling of the job's state (Describe/Get/List). Without it an execution can get stuck. */
  | 'poll'
  /** Stopping the job when the execution stops (Stop/Terminate/Cancel). */
  | 'cancel'
  /** `.sync` managed EventBridge rule (PutTargets/PutRule/DescribeRule); only speeds completion. */
  | 'events-rule'
  /** `iam:PassRole` for a role the call hands to the service. */
  | 'pass-role'
  /** Data or metadata the service reads or writes on the caller's behalf (Athena's S3 and Glue). */
  | 'data'
  /** Anything else, such as tag listing. */
  | 'other';

export interface IamCondition {
  readonly operator: 'StringEquals' | 'StringLike';
  readonly key: string;
  readonly value: string;
}

/**
 * One action the execution role needs, and on which resources.
 *
 * Each resource is a template: `*`, or an ARN with `{partition}`, `{region}`, `{account}`
 * and parameter references `{arn:Path}` (the ARN a declared parameter names), `{value:Path}`
 * (its literal value) and `{name:Path}` (the last segment of that value, e.g. the state
 * machine name of a StateMachineArn). `null` means sfn-lint cannot tell which resource
 * (generic SDK calls): any resource the role grants the action on should be accepted.
 */
export interface IamNeed {
  readonly action: string;
  readonly resources: readonly string[] | null;
  /** The resources AWS's generated policy uses when a referenced parameter is not static; `*` if absent. */
  readonly dynamic?: readonly string[];
  /** The patterns that need it; every pattern of the entry when absent. */
  readonly patterns?: readonly IntegrationPattern[];
  readonly purpose: IamPurpose;
  readonly condition?: IamCondition;
  /** AWS documents this action only with `Resource: "*"` for the integration: never ask to scope it. */
  readonly onlyStar?: boolean;
  /** Needed only in some setups; says when (e.g. "when the task definition names a task role"). */
  readonly when?: string;
  readonly source: SourceKey;
  readonly guess?: boolean;
}

/**
 * - `read-only`: no side effect; a retry is always safe.
 * - `idempotent`: repeating the call leaves the same state (delete, stop, put of a fixed item).
 * - `guarded`: safe only when one of `guards` is set to a deterministic value.
 * - `unsafe`: a retry repeats the effect and no API token prevents it.
 * - `unknown`: it depends on code or on an API sfn-lint cannot see (Lambda, HTTP).
 */
export type RetrySafety = 'read-only' | 'idempotent' | 'guarded' | 'unsafe' | 'unknown';

/** A parameter that makes a retried call safe when it holds a deterministic value. */
export interface IdempotencyGuard {
  readonly path: string;
  /**
   * - `token`: an API idempotency token (ClientToken, ClientRequestToken, IdempotencyToken).
   * - `deduplication-id`: FIFO MessageDeduplicationId.
   * - `name`: a name the service keeps unique, so a second call fails or returns the first.
   * - `condition`: a condition that turns a repeat into a failed check (DynamoDB ConditionExpression).
   */
  readonly kind: 'token' | 'deduplication-id' | 'name' | 'condition';
  /** How long the service remembers the token, when documented. */
  readonly window?: string;
  /** When the guard applies at all (e.g. "FIFO queues only"). */
  readonly applies?: string;
  readonly source: SourceKey;
  readonly guess?: boolean;
}

/** An error name worth retrying. */
export interface TransientError {
  readonly name: string;
  readonly kind: 'transient' | 'throttling';
  readonly source: SourceKey;
  readonly guess?: boolean;
}

/** What sfn-lint knows about one integration API. */
export interface CatalogEntry {
  /** `<service>:<action>` as in the Resource ARN (`lambda:invoke`), or `aws-sdk:<service>:<action>`. */
  readonly key: string;
  readonly kind: 'optimized' | 'sdk' | 'http';
  /** The service segment of the Resource ARN (`elasticmapreduce`, not `emr`). */
  readonly service: string;
  readonly action: string;
  /** The patterns AWS documents for this API. */
  readonly patterns: readonly IntegrationPattern[];
  /** Where the resource is used: a Task, or a Distributed Map's ItemReader / ResultWriter. */
  readonly use: 'task' | 'item-reader' | 'result-writer';
  /** The prefix of the error names the integration raises: `Lambda`, `DynamoDB`, `SQS`. */
  readonly errorPrefix: string;
  /** The parameters that name the resource acted on, the main one first. */
  readonly targets: readonly ParameterSpec[];
  /** Role parameters that the call passes to the service (`iam:PassRole`). */
  readonly roles: readonly ParameterSpec[];
  readonly iam: readonly IamNeed[];
  /** Why `iam` is empty or partial for a pattern, when it is. */
  readonly iamNote?: string;
  /** True when the call changes something outside the workflow. */
  readonly sideEffects: boolean;
  readonly retrySafety: RetrySafety;
  readonly guards: readonly IdempotencyGuard[];
  readonly transientErrors: readonly TransientError[];
  readonly sources: readonly SourceKey[];
  /** True for entries whose existence or patterns are inferred rather than documented. */
  readonly guess?: boolean;
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------
// Parameter values

/** How a dynamic value is computed. */
export type DynamicVia = 'path' | 'context' | 'variable' | 'intrinsic' | 'jsonata';

/** A parameter's value in one Task state. */
export type ParameterValue =
  /** A literal string (or number, kept as text): the value and its node. */
  | { readonly kind: 'static'; readonly path: string; readonly value: string; readonly node: DocNode }
  /** Computed at run time: a `.$` key, a `{% %}` expression. `node` is the value's node. */
  | { readonly kind: 'dynamic'; readonly path: string; readonly via: DynamicVia; readonly text: string | undefined; readonly node: DocNode }
  /** Filled in at deployment: `${X}`, a placeholder node, `Ref`/`Fn::GetAtt`/`Fn::Sub` objects. */
  | {
      readonly kind: 'placeholder';
      readonly path: string;
      readonly text: string | undefined;
      readonly reference: ResourceReference | undefined;
      readonly node: DocNode;
    }
  /** Not present. `default` is the value the service uses then, if any. */
  | { readonly kind: 'absent'; readonly path: string; readonly default?: string; readonly node?: undefined }
  /** Present but of a type that cannot name anything (an object, a boolean). */
  | { readonly kind: 'other'; readonly path: string; readonly node: DocNode };

/** A declared parameter and its value(s): several when the path steps through an array. */
export interface ResolvedParameter {
  readonly spec: ParameterSpec;
  readonly values: readonly ParameterValue[];
}

export interface ResolvedGuard {
  readonly guard: IdempotencyGuard;
  readonly values: readonly ParameterValue[];
}
