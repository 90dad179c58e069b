import { TreeNode } from './node.js';
import type { ProblemList } from './problem-list.js';

// eslint-disable-next-line no-control-regex -- strict JSON forbids raw control characters in strings
const CONTROL_CHARACTER = /[\u0000-\u001f]/;
/** A whole JSON number token. */
export const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The text of each tree this parser built, by root: see `strictJsonText`. */
const texts = new WeakMap<TreeNode, string>();

/**
 * The whole text of the strict JSON document a node belongs to, or undefined for a node
 * of any other tree. Every container of such a tree spans a JSON text of its own, so
 * JSON.parse can read its value directly.
 */
export function strictJsonText(node: TreeNode): string | undefined {
  let root = node;
  while (root.parent) root = root.parent;
  return texts.get(root);
}

/**
 * Drops the record of a tree's text: for a tree whose ranges were moved onto another text
 * (a DefinitionString rebuilt and mapped back onto its template), where JSON.parse of a
 * node's span would read the wrong characters.
 */
export function forgetStrictJsonText(root: TreeNode): void {
  texts.delete(root);
}

/** Records the text of a tree whose ranges were moved onto a new text in place (an edited string value). */
export function rememberStrictJsonText(root: TreeNode, text: string): void {
  texts.set(root, text);
}

/** Stands for the members of a container until it closes and gets its right-sized list. */
const OPEN: TreeNode[] = Object.freeze([]) as unknown as TreeNode[];

/**
 * Builds the node tree for strict JSON, the form nearly every definition is written in,
 * and returns undefined at the first thing strict JSON does not allow: the tolerant
 * parser then reads the text again and reports it.
 *
 * The parser runs once per file, so it runs mostly as unoptimised code: each step is
 * written to do as little as possible per character. It reads a value, then closes
 * containers until one goes on with a comma; object keys are read right after `{` or
 * `,`. Members are gathered on one shared list and each container gets a right-sized
 * copy of its own when it closes, so no list grows and leaves garbage behind.
 */
export function buildStrictJsonTree(text: string, problems: ProblemList): TreeNode | undefined {
  const length = text.length;
  const codes = codeUnits(text);
  const interned = new Map<string, string>();
  /** Members read so far of every open container; each container's are one run at the end. */
  const pending: TreeNode[] = [];
  let pendingTop = 0;
  /** Where each open container's run in `pending` starts, innermost last. */
  const firsts: number[] = [];
  let parent: TreeNode | undefined;
  let inObject = false;
  let key: string | undefined;
  let keyStart = -1;
  let keyEnd = -1;
  /** The value of the string readString read last. */
  let stringRead = '';
  let root: TreeNode | undefined;
  let i = codes[0] === 0xfeff ? 1 : 0;
  let c = 0;

  for (;;) {
    // A value. After a colon it follows one space, cheaper to step over here than in spaceEnd.
    if ((c = codes[i]) === 0x20 && (c = codes[i + 1]) !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) i++;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(i = spaceEnd(text, i))];
    // An object member gets the key just read.
    let memberKey: string | undefined;
    let memberKeyStart = -1;
    let memberKeyEnd = -1;
    if (inObject) {
      memberKey = key;
      memberKeyStart = keyStart;
      memberKeyEnd = keyEnd;
    }
    let node: TreeNode;
    if (c === 0x22 /* " */) {
      const end = readString(i, false);
      if (end < 0) return undefined;
      node = new TreeNode('string', stringRead, i, end, parent, memberKey, memberKeyStart, memberKeyEnd, undefined);
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const object = c === 0x7b;
      const container = new TreeNode(object ? 'object' : 'array', undefined, i, i + 1, parent, memberKey, memberKeyStart, memberKeyEnd, OPEN);
      if (parent === undefined) root = container;
      else pending[pendingTop++] = container;
      firsts.push(pendingTop);
      parent = container;
      inObject = object;
      i++;
      if ((c = codes[i]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(i = spaceEnd(text, i))];
      if (c !== (object ? 0x7d : 0x5d)) {
        if (object) {
          i = readKey(i);
          if (i < 0) return undefined;
        }
        continue;
      }
      // Empty: closed below with the others.
      node = container;
    } else if (c === 0x74 /* t */) {
      if (!text.startsWith('true', i)) return undefined;
      node = new TreeNode('boolean', true, i, i + 4, parent, memberKey, memberKeyStart, memberKeyEnd, undefined);
      i += 4;
    } else if (c === 0x66 /* f */) {
      if (!text.startsWith('false', i)) return undefined;
      node = new TreeNode('boolean', false, i, i + 5, parent, memberKey, memberKeyStart, memberKeyEnd, undefined);
      i += 5;
    } else if (c === 0x6e /* n */) {
      if (!text.startsWith('null', i)) return undefined;
      node = new TreeNode('null', null, i, i + 4, parent, memberKey, memberKeyStart, memberKeyEnd, undefined);
      i += 4;
    } else {
      let end = i;
      while (end < length && isNumberChar(codes[end])) end++;
      const raw = text.slice(i, end);
      if (end === i || !JSON_NUMBER.test(raw)) return undefined;
      node = new TreeNode('number', Number(raw), i, end, parent, memberKey, memberKeyStart, memberKeyEnd, undefined);
      i = end;
    }
    if (node !== parent) {
      if (parent === undefined) root = node;
      else pending[pendingTop++] = node;
    }

    // After a value: close containers until one goes on with a comma.
    for (;;) {
      if (parent === undefined) {
        if ((c = codes[i]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(i = spaceEnd(text, i))];
        if (i < length || root === undefined) return undefined;
        texts.set(root, text);
        return root;
      }
      if ((c = codes[i]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(i = spaceEnd(text, i))];
      if (c === 0x2c /* , */) {
        i++;
        if (inObject) {
          if ((c = codes[i]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(i = spaceEnd(text, i))];
          i = readKey(i);
          if (i < 0) return undefined;
        }
        break;
      }
      if (c !== (inObject ? 0x7d /* } */ : 0x5d /* ] */)) return undefined;
      const first = firsts.pop()!;
      parent.end = ++i;
      parent.children = pending.slice(first, pendingTop);
      pendingTop = first;
      if (inObject) reportDuplicateKeys(parent, problems);
      parent = parent.parent;
      inObject = parent?.kind === 'object';
    }
  }

  /**
   * Reads the string token at `at` into `stringRead`; returns the offset after it, or -1.
   * Keys and short values are shared with earlier equal ones (see `shared`). A longer
   * value is kept as V8 keeps a slice of at least 13 characters: a 20-byte reference into
   * the text, whatever its length, so a shared copy would save little, and most such
   * values (state names, paths, function names) are unique and would only grow the map.
   */
  function readString(at: number, isKey: boolean): number {
    let end = plainStringEnd(text, at);
    let value: string | undefined;
    if (end >= 0) {
      value = text.slice(at + 1, end - 1);
    } else {
      end = stringEnd(text, at);
      value = end < 0 ? undefined : stringValue(text, at, end);
      if (value === undefined) return -1;
    }
    stringRead = isKey || value.length <= SHORT_STRING ? shared(value, interned) : value;
    return end;
  }

  /** Reads `"key" :` at `at`, sets the pending key, and returns the offset after the colon, or -1. */
  function readKey(at: number): number {
    if (codes[at] !== 0x22) return -1;
    const end = readString(at, true);
    if (end < 0) return -1;
    key = stringRead;
    keyStart = at;
    keyEnd = end;
    let j = end;
    if ((c = codes[j]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = codes[(j = spaceEnd(text, j))];
    return c === 0x3a /* : */ ? j + 1 : -1;
  }
}

const SPACE = /[ \t\n\r]*/y;

/**
 * The end of the whitespace that starts at `at`. Pretty-printed definitions are about
 * 40 % indentation; a sticky regular expression skips each run in native code, where a
 * loop in code that runs once pays for every character.
 */
function spaceEnd(text: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.test(text);
  return SPACE.lastIndex;
}

/** A character beyond Latin-1, which one byte cannot hold. */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/** Memory a caller is done with, which the next parse may hold its code units in: see `offerSpareBuffer`. */
let spare: Uint8Array | undefined;

/**
 * Offers memory the caller no longer needs (the bytes a file's text was decoded from) for
 * later parses to write their code units into: a 1 MB definition's code units otherwise
 * take 256 fresh pages, each a page fault, which costs 2 to 14 µs on a small virtual
 * machine. The buffer must be the caller's alone (a Node Buffer of its own memory, not a
 * slice of Buffer's shared pool), and is overwritten. The largest one offered is kept.
 */
export function offerSpareBuffer(buffer: Uint8Array): void {
  if (spare === undefined || buffer.length > spare.length) spare = buffer;
}

/**
 * The text's UTF-16 code units, at the offsets charCodeAt would read them: indexing a
 * typed array costs code that runs once a fraction of a charCodeAt call. Node's Buffer
 * copies the text in native code, one byte per unit when every unit fits in one (nearly
 * every definition: half the memory; V8 answers the test at once for a text it stores one
 * byte per character), into the spare buffer when one is large enough (a parse is done
 * with its code units when it returns, so the next one may have the same memory);
 * elsewhere a loop does.
 */
function codeUnits(text: string): Uint8Array | Uint16Array {
  const nodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'utf16le' | 'latin1'): Uint8Array } }).Buffer;
  if (nodeBuffer !== undefined) {
    if (!BEYOND_LATIN1.test(text)) {
      const into = spare as (Uint8Array & { latin1Write?(text: string, offset: number): number }) | undefined;
      if (into !== undefined && into.length >= text.length && typeof into.latin1Write === 'function') {
        into.latin1Write(text, 0);
        return into.subarray(0, text.length);
      }
      return nodeBuffer.from(text, 'latin1');
    }
    const bytes = nodeBuffer.from(text, 'utf16le');
    if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
  }
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** A string token with no escape and no control character: most of them. */
const PLAIN_STRING = /"[^"\\\u0000-\u001f]*"/y;

/** Offset just past the plain string token (see PLAIN_STRING) that opens at `start`, or -1. */
function plainStringEnd(text: string, start: number): number {
  PLAIN_STRING.lastIndex = start;
  return PLAIN_STRING.test(text) ? PLAIN_STRING.lastIndex : -1;
}

/**
 * Offset just past the closing quote of the string that opens at `start`, or -1 when it
 * is not closed. indexOf keeps the search in native code; strings are most of a
 * definition's text.
 */
export function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  if (quote < 0) return -1;
  if (text.charCodeAt(quote - 1) !== 0x5c) return quote + 1;
  // A backslash before the quote: walk the escapes to find the real end.
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) j++;
  }
  return -1;
}

/**
 * The value of the string token `text[start, end)`;
 * undefined when strict JSON does not allow it (a raw control character, a bad escape).
 */
function stringValue(text: string, start: number, end: number): string | undefined {
  let value = text.slice(start + 1, end - 1);
  if (value.includes('\\')) {
    try {
      value = JSON.parse(text.slice(start, end)) as string;
    } catch {
      return undefined;
    }
  } else if (CONTROL_CHARACTER.test(value)) {
    return undefined;
  }
  return value;
}

/** The longest string V8 copies when sliced: from 13 characters on, a slice refers to the text. */
const SHORT_STRING = 12;

/**
 * The earlier equal string, or this one. Definitions repeat the same keys and short values
 * ("Type", "Next", "Task", "$.order") thousands of times, each a copy of its own when
 * sliced: one shared copy of each keeps the retained tree small.
 */
function shared(value: string, interned: Map<string, string>): string {
  const earlier = interned.get(value);
  if (earlier !== undefined) return earlier;
  if (value.length <= 64) interned.set(value, value);
  return value;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 || c === 0x45;
}

/** Duplicate keys, reported the same way by the strict and the tolerant parser. */
export function reportDuplicateKeys(node: TreeNode, problems: ProblemList): void {
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
    problems.add({
      code: 'no-duplicate-key',
      message: `Duplicate key "${key}": AWS silently keeps only the last one. Remove or rename one of them.`,
      range: child.keyRange!,
      related: [{ range: earlier.keyRange!, message: `"${key}" is first defined here.` }],
    });
  }
}
