/** A half-open span of UTF-16 offsets into the original file text. Offsets are 0-based. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export type NodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'placeholder';

/**
 * One value of a JSON or YAML document. The same shape serves both formats so that
 * the model and the rules never need to know which one they read.
 *
 * `placeholder` is a value that a deployment tool substitutes later: a bare
 * `${name}` where JSON expects a number (Terraform templatefile), for example.
 */
export interface DocNode {
  readonly kind: NodeKind;
  /** Scalar value; for `placeholder` the raw text; undefined for objects and arrays. */
  readonly value: string | number | boolean | null | undefined;
  /** Range of the value itself. */
  readonly range: Range;
  /** The property name when this node is the value of an object member. */
  readonly key?: string;
  /** Range of the property name when this node is the value of an object member. */
  readonly keyRange?: Range;
  /** Index when this node is an array item. */
  readonly index?: number;
  readonly parent?: DocNode;
  /** Object members in source order (duplicates included) or array items. */
  readonly children?: readonly DocNode[];
}

/** A problem found while reading text: a syntax error, a duplicate key, an alias bomb. */
export interface ParseProblem {
  readonly code: 'parse-error' | 'no-duplicate-key';
  readonly message: string;
  readonly range: Range;
  /** For duplicate keys: the earlier occurrence. */
  readonly related?: { readonly range: Range; readonly message: string }[];
}

/**
 * The one concrete node class. Ranges are stored as plain numbers and handed out as
 * objects on request: a 1 MB definition has about 100,000 nodes, and three objects per
 * node made garbage collection the main cost of parsing.
 */
export class TreeNode implements DocNode {
  key: string | undefined = undefined;
  keyStart = -1;
  keyEnd = -1;
  index: number | undefined = undefined;
  parent: TreeNode | undefined = undefined;
  children: TreeNode[] | undefined;

  constructor(
    public kind: NodeKind,
    public value: string | number | boolean | null | undefined,
    public start: number,
    public end: number,
  ) {
    this.children = kind === 'object' || kind === 'array' ? [] : undefined;
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  get keyRange(): Range | undefined {
    return this.keyStart < 0 ? undefined : { start: this.keyStart, end: this.keyEnd };
  }
}
