import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export type StateKind = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
export const STATE_KINDS: readonly StateKind[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];

/** A field of the model: the document node it came from, if the field is present. */
export type Field = DocNode | undefined;

export type TransitionKind = 'next' | 'default' | 'choice' | 'catch';

/** An edge named in the definition, pointing at a state of the same scope by name. */
export interface Transition {
  readonly kind: TransitionKind;
  /** The target's name; undefined when the field is not a string (a wrong shape). */
  readonly target: string | undefined;
  /** The node holding the target name, for exact ranges. */
  readonly node: DocNode;
  readonly from: State;
  /** The position of the choice rule or catcher for `choice` and `catch` edges. */
  readonly index?: number;
}

/**
 * The object holding `StartAt` and `States`: the machine itself, a Parallel branch or a
 * Map's ItemProcessor (or the deprecated Iterator).
 */
export interface Scope {
  readonly kind: 'machine' | 'branch' | 'processor';
  readonly node: DocNode;
  readonly startAt: Field;
  readonly statesNode: Field;
  /** States in source order. Duplicate keys keep the last, as AWS does. */
  readonly states: readonly State[];
  /** Name lookup that is safe for names such as `__proto__`. */
  readonly byName: ReadonlyMap<string, State>;
  /** The Parallel or Map state that holds this scope. */
  readonly owner?: State;
  readonly branchIndex?: number;
  /** Path of the owner through nested scopes; empty for the machine. */
  readonly path: readonly string[];
  readonly depth: number;
  readonly queryLanguage: QueryLanguage;
  /** True for the processor of a Distributed Map: its children run as separate executions. */
  readonly distributed: boolean;
}

export interface Retrier {
  readonly node: DocNode;
  readonly index: number;
  readonly errorEquals: Field;
  /** The error names that are strings, with their nodes. */
  readonly errors: readonly { readonly name: string; readonly node: DocNode }[];
  readonly intervalSeconds: Field;
  readonly maxAttempts: Field;
  readonly backoffRate: Field;
  readonly maxDelaySeconds: Field;
  readonly jitterStrategy: Field;
  readonly comment: Field;
}

export interface Catcher {
  readonly node: DocNode;
  readonly index: number;
  readonly errorEquals: Field;
  readonly errors: readonly { readonly name: string; readonly node: DocNode }[];
  readonly next: Field;
  readonly resultPath: Field;
  readonly output: Field;
  readonly assign: Field;
  readonly comment: Field;
}

export interface ChoiceRule {
  readonly node: DocNode;
  /** Top-level rules only. */
  readonly next: Field;
  readonly variable: Field;
  readonly condition: Field;
  /** The comparison operator, when exactly one is present (JSONPath). */
  readonly operator?: { readonly name: string; readonly node: DocNode };
  readonly and?: readonly ChoiceRule[];
  readonly or?: readonly ChoiceRule[];
  readonly not?: ChoiceRule;
  readonly assign: Field;
  readonly output: Field;
  readonly comment: Field;
}

interface StateCommon {
  readonly name: string;
  /** The state's value; its `keyRange` is the name. */
  readonly node: DocNode;
  /** The declared `Type` text, even when it is not a known type. */
  readonly type: string | undefined;
  readonly typeNode: Field;
  readonly scope: Scope;
  /** Names of the enclosing states and this one, for example ["Fan out", "Step"]. */
  readonly path: readonly string[];
  /** The effective query language: the state's own, else its scope's. */
  readonly queryLanguage: QueryLanguage;
  readonly queryLanguageNode: Field;
  readonly comment: Field;
  readonly next: Field;
  readonly end: Field;
  readonly inputPath: Field;
  readonly outputPath: Field;
  readonly output: Field;
  readonly assign: Field;
  /** Outgoing edges: Next, Default, Choices[].Next, Catch[].Next. */
  readonly transitions: readonly Transition[];
  /** Nested scopes: Parallel branches and the Map processor. */
  readonly scopes: readonly Scope[];
  readonly retry: readonly Retrier[];
  readonly retryNode: Field;
  readonly catch: readonly Catcher[];
  readonly catchNode: Field;
}

export interface PassState extends StateCommon {
  readonly kind: 'Pass';
  readonly parameters: Field;
  readonly result: Field;
  readonly resultPath: Field;
}

export interface TaskState extends StateCommon {
  readonly kind: 'Task';
  readonly resource: Field;
  readonly parameters: Field;
  readonly arguments: Field;
  readonly resultSelector: Field;
  readonly resultPath: Field;
  readonly timeoutSeconds: Field;
  readonly timeoutSecondsPath: Field;
  readonly heartbeatSeconds: Field;
  readonly heartbeatSecondsPath: Field;
  readonly credentials: Field;
}

export interface ChoiceState extends StateCommon {
  readonly kind: 'Choice';
  readonly choicesNode: Field;
  readonly choices: readonly ChoiceRule[];
  readonly default: Field;
}

export interface WaitState extends StateCommon {
  readonly kind: 'Wait';
  readonly seconds: Field;
  readonly secondsPath: Field;
  readonly timestamp: Field;
  readonly timestampPath: Field;
}

export interface SucceedState extends StateCommon {
  readonly kind: 'Succeed';
}

export interface FailState extends StateCommon {
  readonly kind: 'Fail';
  readonly error: Field;
  readonly errorPath: Field;
  readonly cause: Field;
  readonly causePath: Field;
}

export interface ParallelState extends StateCommon {
  readonly kind: 'Parallel';
  readonly branchesNode: Field;
  readonly parameters: Field;
  readonly arguments: Field;
  readonly resultSelector: Field;
  readonly resultPath: Field;
}

export interface MapState extends StateCommon {
  readonly kind: 'Map';
  /** ItemProcessor, or the deprecated Iterator when that is what the file uses. */
  readonly processorNode: Field;
  readonly processorConfig: Field;
  /** True when ProcessorConfig.Mode is DISTRIBUTED. */
  readonly distributed: boolean;
  readonly itemsPath: Field;
  readonly items: Field;
  readonly itemSelector: Field;
  readonly parameters: Field;
  readonly resultSelector: Field;
  readonly resultPath: Field;
  readonly maxConcurrency: Field;
  readonly maxConcurrencyPath: Field;
  readonly itemReader: Field;
  readonly itemBatcher: Field;
  readonly resultWriter: Field;
  readonly toleratedFailurePercentage: Field;
  readonly toleratedFailurePercentagePath: Field;
  readonly toleratedFailureCount: Field;
  readonly toleratedFailureCountPath: Field;
  readonly label: Field;
}

/** A state whose `Type` is missing or not one of the eight. */
export interface UnknownState extends StateCommon {
  readonly kind: 'Unknown';
}

export type State =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState
  | UnknownState;

/** One state machine definition read from a document. */
export interface Machine {
  readonly document: SourceDocument;
  readonly root: DocNode;
  /** A name for messages: the file's machine, or a template's logical id later on. */
  readonly name?: string;
  readonly scope: Scope;
  /** Every scope, the machine's first, then nested ones in source order. */
  readonly scopes: readonly Scope[];
  /** Every state of every scope, in source order. */
  readonly states: readonly State[];
  readonly comment: Field;
  readonly version: Field;
  readonly timeoutSeconds: Field;
  readonly queryLanguage: QueryLanguage;
  readonly queryLanguageNode: Field;
  /** Problems the builder met that stop further nesting, for example scopes nested too deep. */
  readonly limits: readonly { readonly node: DocNode; readonly message: string }[];
}
