/**
 * The field tables of the Amazon States Language: which fields each object may carry, in
 * which query language, and what value each one takes. Both the JSON Schema (asl-schema.ts)
 * and the messages of validate-definition.ts are derived from these tables, so a field is
 * described in exactly one place.
 *
 * Sources: states-language.net, the AWS developer guide (state-*.html, input-output-*.html),
 * AWS's amazon-states-language-service schema, and behaviour of ValidateStateMachineDefinition
 * measured by others (floci-io/floci#2735, #2968, #3733). Where AWS's behaviour is unknown,
 * the tables accept rather than reject.
 */

/** `P`: JSONPath states only; `J`: JSONata states only; `B`: both. */
export type Lang = 'P' | 'J' | 'B';
export type QueryLanguage = 'JSONPath' | 'JSONata';

export type Kind =
  | { readonly k: 'any' }
  | { readonly k: 'string' }
  | { readonly k: 'stateName' }
  | { readonly k: 'int'; readonly min: number; readonly max?: number; readonly unit?: string }
  | { readonly k: 'number'; readonly min?: number; readonly max?: number }
  | { readonly k: 'bool' }
  | { readonly k: 'enum'; readonly values: readonly string[] }
  | { readonly k: 'timestamp' }
  | { readonly k: 'path'; readonly nullable: boolean }
  | { readonly k: 'assign' }
  | { readonly k: 'errorNames' }
  | { readonly k: 'stringArray' }
  | { readonly k: 'resource' }
  | { readonly k: 'condition' }
  | { readonly k: 'items' }
  | { readonly k: 'arguments' }
  | { readonly k: 'states' }
  | { readonly k: 'branches' }
  | { readonly k: 'processor' }
  | { readonly k: 'obj'; readonly ref: ObjName }
  | { readonly k: 'objArray'; readonly ref: ObjName; readonly nonEmpty: boolean };

export interface FieldSpec {
  readonly kind: Kind;
  readonly lang: Lang;
  /** In a JSONata state, a `{% … %}` expression may stand in for the value. */
  readonly expr?: boolean;
  /** Required (in the languages the field exists in). */
  readonly required?: boolean;
}

export type ObjName =
  | 'root'
  | 'branch'
  | 'itemProcessor'
  | 'iterator'
  | 'processorConfig'
  | 'Pass'
  | 'Task'
  | 'Choice'
  | 'Wait'
  | 'Succeed'
  | 'Fail'
  | 'Parallel'
  | 'Map'
  | 'retrier'
  | 'catcher'
  | 'choiceRule'
  | 'nestedChoiceRule'
  | 'credentials'
  | 'itemReader'
  | 'readerConfig'
  | 'itemBatcher'
  | 'resultWriter'
  | 'writerConfig';

export interface ObjSpec {
  /** Noun phrase for messages: `Field "X" is not allowed in ${label}.` */
  readonly label: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Unknown fields are accepted (objects AWS keeps extending). */
  readonly openEnded?: boolean;
  /** Extra advice when a particular unknown field appears. */
  readonly hints?: Readonly<Record<string, string>>;
}

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export const MAX_SECONDS = 99999999;

/** A string that a deployment tool substitutes later: `${Name}` (SAM, Terraform, Fn::Sub). */
export const PLACEHOLDER_SOURCE = '\\$\\{[^}]*\\}';
/** A JSONata expression: the whole string is `{% … %}`. */
export const JSONATA_SOURCE = '^\\{%[\\s\\S]*%\\}$';
/** RFC 3339 date-time with uppercase T and Z, as Step Functions requires. */
export const TIMESTAMP_SOURCE =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

const ANY: Kind = { k: 'any' };
const STR: Kind = { k: 'string' };
const NAME: Kind = { k: 'stateName' };
const BOOL: Kind = { k: 'bool' };
const PATH: Kind = { k: 'path', nullable: false };
const PATH_OR_NULL: Kind = { k: 'path', nullable: true };
const SECONDS_POS: Kind = { k: 'int', min: 1, max: MAX_SECONDS };
const QL: Kind = { k: 'enum', values: ['JSONPath', 'JSONata'] };

const f = (kind: Kind, lang: Lang = 'B', extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind, lang, ...extra });

/** The 39 comparison operators of a JSONPath Choice rule, with the value each compares to. */
export const COMPARISON_OPERATORS: Readonly<Record<string, Kind>> = (() => {
  const ops: Record<string, Kind> = {};
  const rel = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
  for (const r of rel) {
    ops[`String${r}`] = STR;
    ops[`Numeric${r}`] = { k: 'number' };
    ops[`Timestamp${r}`] = { k: 'timestamp' };
  }
  ops.BooleanEquals = BOOL;
  for (const name of Object.keys(ops)) ops[`${name}Path`] = PATH;
  ops.StringMatches = STR;
  for (const is of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) ops[is] = BOOL;
  return ops;
})();

export const BOOLEAN_COMBINATORS = ['And', 'Or', 'Not'] as const;

const common = {
  Type: f(ANY),
  Comment: f(STR),
  QueryLanguage: f(QL),
};
const io = { InputPath: f(PATH_OR_NULL, 'P'), OutputPath: f(PATH_OR_NULL, 'P'), Output: f(ANY, 'J') };
const transition = { Next: f(NAME), End: f(BOOL) };
const assign = { Assign: f({ k: 'assign' }, 'B', { expr: true }) };
const errorHandling = {
  Retry: f({ k: 'objArray', ref: 'retrier', nonEmpty: false }),
  Catch: f({ k: 'objArray', ref: 'catcher', nonEmpty: false }),
};
const resultProcessing = {
  Parameters: f(ANY, 'P'),
  ResultSelector: f(ANY, 'P'),
  ResultPath: f(PATH_OR_NULL, 'P'),
};
const scopeRoot = {
  StartAt: f(NAME, 'B', { required: true }),
  States: f({ k: 'states' }, 'B', { required: true }),
  Comment: f(STR),
};
const NESTED_QL_HINT =
  '"QueryLanguage" can be set on the state machine or on a state, not on a nested workflow.';

const operatorFields: Record<string, FieldSpec> = {};
for (const [op, kind] of Object.entries(COMPARISON_OPERATORS)) operatorFields[op] = f(kind, 'P');

/** What a JSONPath Choice rule tests, at the top level and nested alike. */
const comparisonFields: Record<string, FieldSpec> = {
  Variable: f(PATH, 'P'),
  And: f({ k: 'objArray', ref: 'nestedChoiceRule', nonEmpty: true }, 'P'),
  Or: f({ k: 'objArray', ref: 'nestedChoiceRule', nonEmpty: true }, 'P'),
  Not: f({ k: 'obj', ref: 'nestedChoiceRule' }, 'P'),
  ...operatorFields,
};

export const OBJECTS: Readonly<Record<ObjName, ObjSpec>> = {
  root: {
    label: 'the top level of the state machine',
    fields: {
      ...scopeRoot,
      Version: f(STR),
      TimeoutSeconds: f(SECONDS_POS),
      QueryLanguage: f(QL),
    },
  },
  branch: {
    label: 'a Parallel branch',
    fields: scopeRoot,
    hints: { QueryLanguage: NESTED_QL_HINT },
  },
  itemProcessor: {
    label: 'an ItemProcessor',
    fields: { ...scopeRoot, ProcessorConfig: f({ k: 'obj', ref: 'processorConfig' }) },
    hints: { QueryLanguage: NESTED_QL_HINT },
  },
  iterator: {
    label: 'an Iterator',
    fields: scopeRoot,
    hints: {
      QueryLanguage: NESTED_QL_HINT,
      ProcessorConfig: 'Rename "Iterator" to "ItemProcessor" to use "ProcessorConfig".',
    },
  },
  processorConfig: {
    label: '"ProcessorConfig"',
    fields: {
      Mode: f({ k: 'enum', values: ['INLINE', 'DISTRIBUTED'] }),
      ExecutionType: f({ k: 'enum', values: ['STANDARD', 'EXPRESS'] }),
    },
  },
  Pass: {
    label: 'a Pass state',
    fields: {
      ...common,
      ...io,
      ...assign,
      ...transition,
      Parameters: f(ANY, 'P'),
      ResultPath: f(PATH_OR_NULL, 'P'),
      Result: f(ANY, 'P'),
    },
  },
  Task: {
    label: 'a Task state',
    fields: {
      ...common,
      ...io,
      ...assign,
      ...transition,
      ...resultProcessing,
      Arguments: f({ k: 'arguments' }, 'J', { expr: true }),
      Resource: f({ k: 'resource' }, 'B', { required: true }),
      TimeoutSeconds: f(SECONDS_POS, 'B', { expr: true }),
      TimeoutSecondsPath: f(PATH, 'P'),
      HeartbeatSeconds: f(SECONDS_POS, 'B', { expr: true }),
      HeartbeatSecondsPath: f(PATH, 'P'),
      Credentials: f({ k: 'obj', ref: 'credentials' }),
      ...errorHandling,
    },
  },
  Choice: {
    label: 'a Choice state',
    fields: {
      ...common,
      ...io,
      ...assign,
      Choices: f({ k: 'objArray', ref: 'choiceRule', nonEmpty: true }, 'B', { required: true }),
      Default: f(NAME),
    },
    hints: {
      Next: 'Put "Next" in each Choice rule and name the fallback state in "Default".',
      End: 'A Choice state cannot end the execution: send its rules to a Succeed or Fail state.',
    },
  },
  Wait: {
    label: 'a Wait state',
    fields: {
      ...common,
      ...io,
      ...assign,
      ...transition,
      Seconds: f({ k: 'int', min: 0, max: MAX_SECONDS }, 'B', { expr: true }),
      Timestamp: f({ k: 'timestamp' }, 'B', { expr: true }),
      SecondsPath: f(PATH, 'P'),
      TimestampPath: f(PATH, 'P'),
    },
  },
  Succeed: {
    label: 'a Succeed state',
    fields: { ...common, ...io },
  },
  Fail: {
    label: 'a Fail state',
    fields: {
      ...common,
      Error: f(STR),
      Cause: f(STR),
      ErrorPath: f(PATH, 'P'),
      CausePath: f(PATH, 'P'),
    },
  },
  Parallel: {
    label: 'a Parallel state',
    fields: {
      ...common,
      ...io,
      ...assign,
      ...transition,
      ...resultProcessing,
      Arguments: f({ k: 'arguments' }, 'J', { expr: true }),
      Branches: f({ k: 'branches' }, 'B', { required: true }),
      ...errorHandling,
    },
  },
  Map: {
    label: 'a Map state',
    fields: {
      ...common,
      ...io,
      ...assign,
      ...transition,
      ...resultProcessing,
      ItemProcessor: f({ k: 'processor' }),
      Iterator: f({ k: 'processor' }),
      ItemsPath: f(PATH, 'P'),
      Items: f({ k: 'items' }, 'J', { expr: true }),
      ItemSelector: f(ANY),
      MaxConcurrency: f({ k: 'int', min: 0 }, 'B', { expr: true }),
      MaxConcurrencyPath: f(PATH, 'P'),
      ItemReader: f({ k: 'obj', ref: 'itemReader' }),
      ItemBatcher: f({ k: 'obj', ref: 'itemBatcher' }),
      ResultWriter: f({ k: 'obj', ref: 'resultWriter' }),
      ToleratedFailurePercentage: f({ k: 'number', min: 0, max: 100 }, 'B', { expr: true }),
      ToleratedFailurePercentagePath: f(PATH, 'P'),
      ToleratedFailureCount: f({ k: 'int', min: 0 }, 'B', { expr: true }),
      ToleratedFailureCountPath: f(PATH, 'P'),
      Label: f(STR),
      ...errorHandling,
    },
    hints: {
      Arguments: 'A Map state passes input to each iteration through "ItemSelector".',
    },
  },
  retrier: {
    label: 'a retrier',
    fields: {
      ErrorEquals: f({ k: 'errorNames' }, 'B', { required: true }),
      IntervalSeconds: f({ k: 'int', min: 1, max: MAX_SECONDS }),
      MaxAttempts: f({ k: 'int', min: 0, max: MAX_SECONDS }),
      BackoffRate: f({ k: 'number', min: 1, max: MAX_SECONDS }),
      MaxDelaySeconds: f({ k: 'int', min: 1, max: 31622400 }),
      JitterStrategy: f({ k: 'enum', values: ['FULL', 'NONE'] }),
      Comment: f(STR),
    },
  },
  catcher: {
    label: 'a catcher',
    fields: {
      ErrorEquals: f({ k: 'errorNames' }, 'B', { required: true }),
      Next: f(NAME, 'B', { required: true }),
      ResultPath: f(PATH_OR_NULL, 'P'),
      Output: f(ANY, 'J'),
      ...assign,
      Comment: f(STR),
    },
  },
  choiceRule: {
    label: 'a Choice rule',
    fields: {
      Next: f(NAME, 'B', { required: true }),
      Comment: f(STR),
      ...assign,
      Output: f(ANY, 'J'),
      Condition: f({ k: 'condition' }, 'J', { required: true, expr: true }),
      ...comparisonFields,
    },
  },
  nestedChoiceRule: {
    label: 'a nested Choice rule',
    fields: {
      Comment: f(STR),
      ...comparisonFields,
    },
    hints: {
      Next: 'Only the top-level rules in "Choices" have "Next".',
      Assign: 'Only the top-level rules in "Choices" have "Assign".',
    },
  },
  credentials: {
    label: '"Credentials"',
    fields: { RoleArn: f(STR), 'RoleArn.$': f(PATH, 'P') },
  },
  itemReader: {
    label: '"ItemReader"',
    fields: {
      Resource: f({ k: 'resource' }, 'B', { required: true }),
      ReaderConfig: f({ k: 'obj', ref: 'readerConfig' }),
      Parameters: f(ANY, 'P'),
      Arguments: f({ k: 'arguments' }, 'J', { expr: true }),
    },
  },
  readerConfig: {
    label: '"ReaderConfig"',
    // AWS keeps adding reader options (CSVDelimiter, ManifestType…): unknown ones pass.
    openEnded: true,
    fields: {
      InputType: f({ k: 'enum', values: ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'] }),
      CSVHeaderLocation: f({ k: 'enum', values: ['FIRST_ROW', 'GIVEN'] }),
      CSVHeaders: f({ k: 'stringArray' }),
      CSVDelimiter: f({ k: 'enum', values: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] }),
      MaxItems: f({ k: 'int', min: 0, max: 100000000 }, 'B', { expr: true }),
      MaxItemsPath: f(PATH, 'P'),
      ManifestType: f(STR),
    },
  },
  itemBatcher: {
    label: '"ItemBatcher"',
    fields: {
      MaxItemsPerBatch: f({ k: 'int', min: 1 }, 'B', { expr: true }),
      MaxItemsPerBatchPath: f(PATH, 'P'),
      MaxInputBytesPerBatch: f({ k: 'int', min: 1, max: 262144, unit: 'bytes (256 KiB)' }, 'B', { expr: true }),
      MaxInputBytesPerBatchPath: f(PATH, 'P'),
      BatchInput: f(ANY),
    },
  },
  resultWriter: {
    label: '"ResultWriter"',
    fields: {
      Resource: f({ k: 'resource' }),
      Parameters: f(ANY, 'P'),
      Arguments: f({ k: 'arguments' }, 'J', { expr: true }),
      WriterConfig: f({ k: 'obj', ref: 'writerConfig' }),
    },
  },
  writerConfig: {
    label: '"WriterConfig"',
    fields: {
      OutputType: f({ k: 'enum', values: ['JSON', 'JSONL'] }),
      Transformation: f({ k: 'enum', values: ['NONE', 'COMPACT', 'FLATTEN'] }),
    },
  },
};

/**
 * What to use instead of a field of the other query language, keyed by field name
 * (`Object:Field` for a field that is replaced differently in one object).
 */
export const LANGUAGE_REPLACEMENTS: Readonly<Record<string, string>> = {
  // JSONPath fields in a JSONata state
  Parameters: 'use "Arguments"',
  'Map:Parameters': 'use "ItemSelector"',
  'Pass:Parameters': 'use "Output"',
  ResultSelector: 'use "Output" (the result is $states.result)',
  ResultPath: 'use "Output" or "Assign" (the result is $states.result)',
  'catcher:ResultPath': 'use "Output" or "Assign" (the error is $states.errorOutput)',
  Result: 'use "Output"',
  InputPath: 'read from $states.input in your expressions instead',
  OutputPath: 'use "Output"',
  ItemsPath: 'use "Items"',
  Variable: 'write the test as "Condition": "{% … %}"',
  TimeoutSecondsPath: 'set "TimeoutSeconds" to a JSONata expression',
  HeartbeatSecondsPath: 'set "HeartbeatSeconds" to a JSONata expression',
  SecondsPath: 'set "Seconds" to a JSONata expression',
  TimestampPath: 'set "Timestamp" to a JSONata expression',
  MaxConcurrencyPath: 'set "MaxConcurrency" to a JSONata expression',
  ToleratedFailurePercentagePath: 'set "ToleratedFailurePercentage" to a JSONata expression',
  ToleratedFailureCountPath: 'set "ToleratedFailureCount" to a JSONata expression',
  ErrorPath: 'set "Error" to a JSONata expression',
  CausePath: 'set "Cause" to a JSONata expression',
  MaxItemsPath: 'set "MaxItems" to a JSONata expression',
  MaxItemsPerBatchPath: 'set "MaxItemsPerBatch" to a JSONata expression',
  MaxInputBytesPerBatchPath: 'set "MaxInputBytesPerBatch" to a JSONata expression',
  'RoleArn.$': 'set "RoleArn" to a JSONata expression',
  And: 'write the test as "Condition": "{% … and … %}"',
  Or: 'write the test as "Condition": "{% … or … %}"',
  Not: 'write the test as "Condition": "{% $not(…) %}"',
  // JSONata fields in a JSONPath state
  Arguments: 'use "Parameters"',
  Output: 'use "OutputPath" or "ResultSelector"',
  'catcher:Output': 'use "ResultPath"',
  'choiceRule:Output': 'remove it',
  Items: 'use "ItemsPath"',
  Condition: 'use "Variable" with a comparison operator such as "StringEquals"',
};

/** The state types that can have "Retry" and "Catch". */
export const ERROR_HANDLING_TYPES = 'Task, Parallel and Map';
