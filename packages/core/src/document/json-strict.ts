import type { ParseProblem } from './node.js';
import { TreeNode } from './node.js';

const enum Expect {
  Value,
  /** After `{` or `,` in an object: a key, or `}` right after `{`. */
  Key,
  Colon,
  /** After a value: `,` or the closing bracket. */
  CommaOrEnd,
}

// eslint-disable-next-line no-control-regex -- strict JSON forbids raw control characters in strings
const CONTROL_CHARACTER = /[\u0000-\u001f]/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Builds the node tree for strict JSON, the form nearly every definition is written in,
 * and returns undefined at the first thing strict JSON does not allow: the tolerant
 * parser then reads the text again and reports it. This path checks the grammar with a
 * small state machine instead of a general scanner, and is several times faster on a
 * 1 MB machine.
 *
 */
export function buildStrictJsonTree(text: string, problems: ParseProblem[]): TreeNode | undefined {
  const length = text.length;
  const interned = new Map<string, string>();
  const stack: TreeNode[] = [];
  let root: TreeNode | undefined;
  let pendingKey: string | undefined;
  let pendingKeyStart = -1;
  let pendingKeyEnd = -1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const attach = (node: TreeNode): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = node;
      return;
    }
    node.parent = parent;
    const children = parent.children!;
    if (parent.kind === 'object') {
      node.key = pendingKey;
      node.keyStart = pendingKeyStart;
      node.keyEnd = pendingKeyEnd;
      pendingKey = undefined;
    } else {
      node.index = children.length;
    }
    children.push(node);
  };

  let expect = Expect.Value;
  // Set after `[`/`{` so that an immediate close is allowed, and after `,` so that it is not.
  let justOpened = false;

  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    switch (expect) {
      case Expect.Colon:
        if (c !== 0x3a) return undefined;
        expect = Expect.Value;
        i++;
        continue;
      case Expect.CommaOrEnd:
        if (c === 0x2c && top) {
          expect = top.kind === 'object' ? Expect.Key : Expect.Value;
          justOpened = false;
          i++;
          continue;
        }
        if (c === 0x7d || c === 0x5d) break;
        return undefined;
      case Expect.Key:
        if (c === 0x7d && justOpened) break;
        if (c !== 0x22) return undefined;
        break;
      case Expect.Value:
        if (c === 0x5d && justOpened && top?.kind === 'array') break;
        if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) return undefined;
        if (!top && root) return undefined;
        break;
    }
    switch (c) {
      case 0x7b /* { */:
      case 0x5b /* [ */: {
        const node = new TreeNode(c === 0x7b ? 'object' : 'array', undefined, i, i + 1);
        attach(node);
        stack.push(node);
        expect = c === 0x7b ? Expect.Key : Expect.Value;
        justOpened = true;
        i++;
        break;
      }
      case 0x7d /* } */:
      case 0x5d /* ] */: {
        if (!top || top.kind !== (c === 0x7d ? 'object' : 'array')) return undefined;
        stack.pop();
        top.end = i + 1;
        // An array that grew by push keeps spare capacity; a right-sized copy keeps the
        // retained tree small, which is what the garbage collector pays for.
        if (top.children!.length > 0) top.children = top.children!.slice();
        if (top.kind === 'object') reportDuplicateKeys(top, problems);
        expect = Expect.CommaOrEnd;
        justOpened = false;
        i++;
        break;
      }
      case 0x22 /* " */: {
        // indexOf and a regular expression keep the per-character work in native code;
        // strings are most of a definition's text.
        let end = text.indexOf('"', i + 1) + 1;
        if (end === 0) return undefined;
        let value = text.slice(i + 1, end - 1);
        if (value.includes('\\')) {
          end = stringEnd(text, i);
          if (end < 0) return undefined;
          try {
            value = JSON.parse(text.slice(i, end)) as string;
          } catch {
            return undefined;
          }
        } else if (CONTROL_CHARACTER.test(value)) {
          return undefined;
        }
        // Definitions repeat the same keys and many values ("Task", ARNs, error names)
        // thousands of times: one shared copy of each keeps the retained tree small.
        let shared = interned.get(value);
        if (shared === undefined) {
          shared = value;
          if (value.length <= 64) interned.set(value, value);
        }
        if (expect === Expect.Key) {
          pendingKey = shared;
          pendingKeyStart = i;
          pendingKeyEnd = end;
          expect = Expect.Colon;
        } else {
          attach(new TreeNode('string', shared, i, end));
          expect = Expect.CommaOrEnd;
        }
        i = end;
        break;
      }
      case 0x74 /* t */:
        if (!text.startsWith('true', i)) return undefined;
        attach(new TreeNode('boolean', true, i, i + 4));
        expect = Expect.CommaOrEnd;
        i += 4;
        break;
      case 0x66 /* f */:
        if (!text.startsWith('false', i)) return undefined;
        attach(new TreeNode('boolean', false, i, i + 5));
        expect = Expect.CommaOrEnd;
        i += 5;
        break;
      case 0x6e /* n */:
        if (!text.startsWith('null', i)) return undefined;
        attach(new TreeNode('null', null, i, i + 4));
        expect = Expect.CommaOrEnd;
        i += 4;
        break;
      default: {
        let end = i;
        while (end < length && isNumberChar(text.charCodeAt(end))) end++;
        const raw = text.slice(i, end);
        if (end === i || !NUMBER.test(raw)) return undefined;
        attach(new TreeNode('number', Number(raw), i, end));
        expect = Expect.CommaOrEnd;
        i = end;
      }
    }
  }
  if (stack.length > 0 || !root) return undefined;
  return root;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 || c === 0x45;
}

/**
 * Offset just past the closing quote of the string that opens at `start`, or -1 when
 * the string is not closed or holds a raw control character, which strict JSON forbids.
 */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) j++;
    else if (c < 0x20) return -1;
  }
  return -1;
}

/** Duplicate keys, reported the same way by the strict and the tolerant parser. */
export function reportDuplicateKeys(node: TreeNode, problems: ParseProblem[]): void {
  const children = node.children!;
  if (children.length < 2) return;
  // Most objects are small: a pairwise check allocates nothing.
  const first = children.length > 12 ? new Map<string, TreeNode>() : undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const key = child.key as string;
    let earlier: TreeNode | undefined;
    if (first) {
      earlier = first.get(key);
      if (earlier === undefined) first.set(key, child);
    } else {
      for (let j = 0; j < i; j++) {
        if (children[j].key === key) {
          earlier = children[j];
          break;
        }
      }
    }
    if (earlier === undefined) continue;
    problems.push({
      code: 'no-duplicate-key',
      message: `Duplicate key "${key}": AWS silently keeps only the last one. Remove or rename one of them.`,
      range: child.keyRange!,
      related: [{ range: earlier.keyRange!, message: `"${key}" is first defined here.` }],
    });
  }
}
