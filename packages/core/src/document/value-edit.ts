/**
 * Re-reading a large JSON or YAML definition after an edit inside one string or number
 * value, the usual keystroke in an editor, without parsing it again: the tree is kept,
 * the value's node is replaced, and the nodes after it move by the edit's length.
 */
import type { SourceDocument } from './document.js';
import type { DocNode } from './node.js';
import { JSON_NUMBER, strictJsonText, rememberStrictJsonText } from './json-strict.js';
import { LineMap } from './line-map.js';
import { TreeNode } from './node.js';
import { forgetMemberIndex, member, pathOf, updateRootValue } from './node-access.js';
import { plainYamlTree } from './yaml.js';

/** How a document was made from the one before it by `documentAfterValueEdit`. */
export interface ValueEdit {
  /** The document the edit was made to; its tree now belongs to the new document. */
  readonly previous: SourceDocument;
  /** The new node of the edited string or number, in place of the old one. */
  readonly node: DocNode;
}

const edits = new WeakMap<SourceDocument, ValueEdit>();

/** The value edit that made this document from an earlier one, if `documentAfterValueEdit` made it. */
export function valueEditOf(document: SourceDocument): ValueEdit | undefined {
  return edits.get(document);
}

/**
 * Characters compared at a time by native string equality, far faster than comparing a
 * megabyte character by character in JavaScript; the last chunk is walked by hand.
 */
const CHUNK = 4096;

/** The edit between two texts: the span `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
function editBetween(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && before.slice(oldEnd - CHUNK, oldEnd) === after.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** True when the text can stand inside a JSON string as it is: no quote, backslash or control character. */
function plainStringText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c < 0x20) return false;
  }
  return true;
}

/**
 * The new value of a string or number node after the edit `[start, oldEnd)` → `[start,
 * newEnd)` of the new text, or undefined when the edit does not stay a value of the same
 * kind: it must lie between the quotes of a string without escapes and add none, or
 * within or right after a number and leave a number.
 */
function editedValue(node: TreeNode, text: string, start: number, oldEnd: number, newEnd: number): string | number | undefined {
  const end = node.end + newEnd - oldEnd;
  if (node.kind === 'string') {
    if (start <= node.start || oldEnd >= node.end || node.end - node.start !== (node.value as string).length + 2) return undefined;
    return plainStringText(text.slice(start, newEnd)) ? text.slice(node.start + 1, end - 1) : undefined;
  }
  if (node.kind === 'number') {
    if (start < node.start || oldEnd > node.end) return undefined;
    const raw = text.slice(node.start, end);
    return JSON_NUMBER.test(raw) ? Number(raw) : undefined;
  }
  return undefined;
}

/**
 * As editedValue, for a scalar of a plain YAML tree: a double- or single-quoted one on one
 * line with nothing escaped, a plain one on one line outside flow collections that reads
 * as the string it is written as before and after the edit, or a plain decimal integer.
 * The edit adds no line break, and nothing that would end or escape the scalar.
 */
function editedYamlValue(node: TreeNode, before: string, text: string, start: number, oldEnd: number, newEnd: number): string | number | undefined {
  const end = node.end + newEnd - oldEnd;
  const inserted = text.slice(start, newEnd);
  if (LINE_BREAK.test(inserted) || start < node.start || oldEnd > node.end) return undefined;
  const raw = before.slice(node.start, node.end);
  const after = text.slice(node.start, end);
  if (node.kind === 'number') return YAML_DECIMAL.test(raw) && YAML_DECIMAL.test(after) ? Number(after) : undefined;
  if (node.kind !== 'string') return undefined;
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    if (start === node.start || oldEnd === node.end || raw !== `${quote}${node.value as string}${quote}` || LINE_BREAK.test(raw)) return undefined;
    if (inserted.includes(quote) || (quote === '"' && inserted.includes('\\'))) return undefined;
    return after.slice(1, -1);
  }
  if (raw !== node.value || !plainYamlString(raw) || !plainYamlString(after)) return undefined;
  // In a flow collection, commas and brackets end a plain scalar too.
  for (let container = node.parent; container; container = container.parent) {
    const opening = before.charCodeAt(container.start);
    if (opening === 0x5b /* [ */ || opening === 0x7b /* { */) return undefined;
  }
  return after;
}

const LINE_BREAK = /[\r\n]/;

/** A decimal integer as YAML's core schema reads it and JSON writes it. */
const YAML_DECIMAL = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * True when the text, as a plain scalar on one line of a block mapping or sequence, is the
 * string it spells. Stricter than YAML: anything that could start with an indicator, hold
 * a comment or a key separator, or read as null, a boolean or a number is left to a parse.
 */
function plainYamlString(raw: string): boolean {
  if (raw.length === 0 || raw !== raw.trim() || /\t/.test(raw)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`+.~0-9]/.test(raw) || raw.endsWith(':') || raw.includes(': ') || raw.includes(' #')) return false;
  return !/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(raw);
}

/**
 * The child of a container whose value range holds `[start, end)`, ends included, so that
 * a digit typed after a number is found in it; the children are in source order.
 */
function childHolding(node: TreeNode, start: number, end: number): TreeNode | undefined {
  const children = node.children!;
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const child = children[middle];
    if (child.end < start) low = middle + 1;
    else if (child.start > start) high = middle - 1;
    else return end <= child.end ? child : undefined;
  }
  return undefined;
}

/**
 * The document for `text` when it differs from `previous` only inside one string value
 * (not a key) without escapes before or after, or inside or at the end of one number that
 * stays a number, of a state machine definition without parse problems, strictly parsed
 * JSON or YAML without aliases, merge keys or tags (for YAML, see editedYamlValue): else
 * undefined, and the caller parses `text` afresh. Templates are left out: what is read
 * from their DefinitionStrings is cached by node.
 *
 * The tree of `previous` is changed in place and belongs to the new document from then
 * on. The edited value gets a new node, so that anything cached for the old one (its
 * parsed Resource, say) is not taken for the new value.
 */
export function documentAfterValueEdit(previous: SourceDocument, text: string): SourceDocument | undefined {
  if (previous.roots.length !== 1 || previous.problems.length > 0) return undefined;
  const root = previous.roots[0];
  if (!(root instanceof TreeNode)) return undefined;
  const json = previous.format === 'json';
  if (json ? strictJsonText(root) !== previous.text : !plainYamlTree(root) || previous.text.startsWith('%')) return undefined;
  if (member(root, 'States') === undefined || member(root, 'StartAt') === undefined) return undefined;
  const { start, oldEnd, newEnd } = editBetween(previous.text, text);
  if (start === oldEnd && start === newEnd) return undefined;

  let node: TreeNode | undefined = root;
  while (node && (node.kind === 'object' || node.kind === 'array')) node = childHolding(node, start, oldEnd);
  if (!node) return undefined;
  const delta = newEnd - oldEnd;
  const value = json ? editedValue(node, text, start, oldEnd, newEnd) : editedYamlValue(node, previous.text, text, start, oldEnd, newEnd);
  if (value === undefined) return undefined;

  const parent = node.parent!;
  const replacement = new TreeNode(node.kind, value, node.start, node.end, parent, node.key, node.keyStart, node.keyEnd, undefined);
  const siblings = parent.children!;
  siblings[siblings.indexOf(node)] = replacement;
  forgetMemberIndex(parent);

  // The string and its containers end later; everything after them moves whole.
  for (let current: TreeNode | undefined = replacement; current; current = current.parent) {
    current.end += delta;
    if (current.parent) shiftAfter(current.parent.children!, current, delta);
  }
  if (json) rememberStrictJsonText(root, text);
  updateRootValue(root, pathOf(replacement), value);
  const document: SourceDocument = { file: previous.file, text, format: previous.format, roots: previous.roots, problems: [], lineMap: new LineMap(text) };
  edits.set(document, { previous, node: replacement });
  return document;
}

/** Moves the members after `member` of a container, with everything inside them, by `delta`. */
function shiftAfter(siblings: readonly TreeNode[], member: TreeNode, delta: number): void {
  const containers: TreeNode[] = [];
  for (let i = siblings.indexOf(member) + 1; i < siblings.length; i++) shiftNode(siblings[i], delta, containers);
  // Containers' members are moved as each container is taken: only containers wait.
  while (containers.length > 0) {
    const children = containers.pop()!.children!;
    for (let i = 0; i < children.length; i++) shiftNode(children[i], delta, containers);
  }
}

function shiftNode(node: TreeNode, delta: number, containers: TreeNode[]): void {
  node.start += delta;
  node.end += delta;
  if (node.keyStart >= 0) {
    node.keyStart += delta;
    node.keyEnd += delta;
  }
  if (node.children !== undefined && node.children.length > 0) containers.push(node);
}

