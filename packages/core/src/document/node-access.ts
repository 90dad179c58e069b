import { strictJsonText } from './json-strict.js';
import type { DocNode } from './node.js';
import { TreeNode } from './node.js';


/**
 * Member lookup for object nodes. AWS keeps the last of duplicate keys, as JSON.parse
 * does, so the last occurrence wins here too. The index is built lazily per object and
 * kept in a WeakMap so nodes stay plain data.
 */
const memberIndex = new WeakMap<DocNode, Map<string, DocNode>>();

export function member(node: DocNode | undefined, key: string): DocNode | undefined {
  if (!node || node.kind !== 'object' || !node.children) return undefined;
  const children = node.children;
  if (children.length <= 8) {
    for (let i = children.length - 1; i >= 0; i--) if (children[i].key === key) return children[i];
    return undefined;
  }
  let index = memberIndex.get(node);
  if (!index) {
    index = new Map();
    for (const child of children) index.set(child.key as string, child);
    memberIndex.set(node, index);
  }
  return index.get(key);
}

/** Forgets the member index of an object whose members were replaced in place. */
export function forgetMemberIndex(node: DocNode): void {
  memberIndex.delete(node);
}

const NO_MEMBERS: readonly DocNode[] = Object.freeze([]);

/**
 * The members of an object, last occurrence of each key, in source order of that
 * occurrence. Without duplicate keys, the usual case, this is the object's own list of
 * children, not a copy.
 */
export function members(node: DocNode | undefined): readonly DocNode[] {
  if (!node || node.kind !== 'object' || !node.children) return NO_MEMBERS;
  const children = node.children;
  if (!hasDuplicateKeys(children)) return children;
  const last = new Map<string, DocNode>();
  for (const child of children) last.set(child.key as string, child);
  return children.filter((child) => last.get(child.key as string) === child);
}

function hasDuplicateKeys(children: readonly DocNode[]): boolean {
  const count = children.length;
  if (count < 2) return false;
  // Most objects are small: comparing pairs allocates nothing.
  if (count <= 12) {
    for (let i = 1; i < count; i++) {
      const key = children[i].key;
      for (let j = 0; j < i; j++) if (children[j].key === key) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const key = children[i].key as string;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Where a node's value starts, without making the range object that `range` hands out. */
export function startOf(node: DocNode): number {
  return node instanceof TreeNode ? node.start : node.range.start;
}

export function items(node: DocNode | undefined): readonly DocNode[] {
  if (!node || node.kind !== 'array' || !node.children) return [];
  return node.children;
}

export function isString(node: DocNode | undefined): node is DocNode & { value: string } {
  return node?.kind === 'string';
}

export function stringValue(node: DocNode | undefined): string | undefined {
  return node?.kind === 'string' ? (node.value as string) : undefined;
}

export function numberValue(node: DocNode | undefined): number | undefined {
  return node?.kind === 'number' ? (node.value as number) : undefined;
}

export function booleanValue(node: DocNode | undefined): boolean | undefined {
  return node?.kind === 'boolean' ? (node.value as boolean) : undefined;
}

/** The JSON path of a node from the document root: keys and indices. */
export function pathOf(node: DocNode): (string | number)[] {
  const path: (string | number)[] = [];
  let current: DocNode | undefined = node;
  while (current?.parent) {
    path.push(current.key !== undefined ? current.key : (current.index as number));
    current = current.parent;
  }
  return path.reverse();
}

/** Follows a JSON path of keys and indices; undefined when any step is missing. */
export function nodeAt(root: DocNode | undefined, path: readonly (string | number)[]): DocNode | undefined {
  let current = root;
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = current.kind === 'array' ? current.children?.[step] : member(current, String(step));
    else current = member(current, step);
  }
  return current;
}

/**
 * Converts a node back to a plain JavaScript value. A key named `__proto__` becomes an
 * ordinary own property, as JSON.parse makes it, instead of changing the prototype.
 * Ordinary objects (not prototype-less ones) keep V8's fast property layout, which the
 * schema validators read several times faster; readers use own-property checks.
 */
export function toValue(node: DocNode): unknown {
  if (node.kind !== 'object' && node.kind !== 'array') return node.value;
  // A node read by the strict JSON parser spans exactly the JSON text of its value, and
  // JSON.parse builds the same value (last duplicate wins, `__proto__` an own property)
  // several times faster than the walk below.
  if (node instanceof TreeNode) {
    const text = strictJsonText(node);
    if (text !== undefined) return JSON.parse(text.slice(node.start, node.end));
  }
  const root: Record<string, unknown> | unknown[] = node.kind === 'object' ? {} : [];
  const stack: { node: DocNode; target: Record<string, unknown> | unknown[] }[] = [{ node, target: root }];
  while (stack.length > 0) {
    const { node: current, target } = stack.pop()!;
    for (const child of current.children ?? []) {
      let value: unknown;
      if (child.kind === 'object' || child.kind === 'array') {
        const created: Record<string, unknown> | unknown[] = child.kind === 'object' ? {} : [];
        stack.push({ node: child, target: created });
        value = created;
      } else {
        value = child.value;
      }
      if (Array.isArray(target)) target.push(value);
      else if (child.key === '__proto__') {
        Object.defineProperty(target, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      } else target[child.key as string] = value;
    }
  }
  return root;
}

const rootValues = new WeakMap<DocNode, unknown>();
const keptRoots = new WeakSet<DocNode>();

/**
 * Keeps the plain value of a root node once it is converted, for a tree that is linted
 * again and again: the language server's, whose keystrokes inside a value update the kept
 * value in place (`updateRootValue`) instead of converting a 1 MB definition again.
 */
export function keepRootValue(root: DocNode): void {
  keptRoots.add(root);
}

/** True when `keepRootValue` asked to keep this root's value. */
export function hasKeptValue(root: DocNode): boolean {
  return keptRoots.has(root);
}

/**
 * The plain value of a document's root node, which callers must not change: the kept one
 * when `keepRootValue` asked for it. A tree linted once (the CLI's, ESLint's) keeps none,
 * so the value of a 1 MB definition dies young, once validated, instead of being copied
 * into the old generation. Other nodes are converted on each call, as `toValue` does.
 */
export function rootValue(node: DocNode): unknown {
  if (node.parent !== undefined) return toValue(node);
  if (rootValues.has(node)) return rootValues.get(node);
  const value = toValue(node);
  if (keptRoots.has(node)) rootValues.set(node, value);
  return value;
}

/** Sets the string or number at a path of a root's shared value, if it was converted; a path it cannot follow drops the value. */
export function updateRootValue(root: DocNode, path: readonly (string | number)[], value: string | number): void {
  if (!rootValues.has(root)) return;
  let target = rootValues.get(root);
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const holder = target as Record<string | number, unknown> | null;
    if (typeof holder !== 'object' || holder === null || step === '__proto__' || !Object.prototype.hasOwnProperty.call(holder, step)) {
      rootValues.delete(root);
      return;
    }
    if (i === path.length - 1) holder[step] = value;
    else target = holder[step];
  }
}

