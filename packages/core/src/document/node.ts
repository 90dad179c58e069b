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
 *
 * Every field is set in the constructor, in one order, and none has an initialiser: a
 * class field initialiser is a hidden function call per node, which unoptimised code
 * (all of a parse that runs once) pays in full.
 */
export class TreeNode implements DocNode {
  declare kind: NodeKind;
  declare value: string | number | boolean | null | undefined;
  declare start: number;
  declare end: number;
  declare key: string | undefined;
  declare keyStart: number;
  declare keyEnd: number;
  declare parent: TreeNode | undefined;
  declare children: TreeNode[] | undefined;

  /** Without `children`, an object or array starts with an empty list and a scalar with none. */
  constructor(
    kind: NodeKind,
    value: string | number | boolean | null | undefined,
    start: number,
    end: number,
    parent?: TreeNode,
    key?: string,
    keyStart = -1,
    keyEnd = -1,
    children?: TreeNode[],
  ) {
    this.kind = kind;
    this.value = value;
    this.start = start;
    this.end = end;
    this.key = key;
    this.keyStart = keyStart;
    this.keyEnd = keyEnd;
    this.parent = parent;
    this.children = children ?? (kind === 'object' || kind === 'array' ? [] : undefined);
  }

  get range(): Range {
    return { start: this.start, end: this.end };
  }

  get keyRange(): Range | undefined {
    return this.keyStart < 0 ? undefined : { start: this.keyStart, end: this.keyEnd };
  }

  /**
   * The position among the parent's items when the parent is an array. Worked out when
   * asked, not stored: few nodes are ever asked, and a field more on each of a large
   * definition's nodes is memory every parse fills and the garbage collector copies.
   */
  get index(): number | undefined {
    const parent = this.parent;
    if (parent === undefined || parent.kind !== 'array') return undefined;
    const items = parent.children!;
    // Items lie in source order, so a search by offset finds the node; an item copied
    // from a YAML anchor keeps the anchor's offsets, which the identity check catches.
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = items[middle];
      if (item === this) return middle;
      if (item.start < this.start) low = middle + 1;
      else high = middle - 1;
    }
    const found = items.indexOf(this);
    return found < 0 ? undefined : found;
  }
}
