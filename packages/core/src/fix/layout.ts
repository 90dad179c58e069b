import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';

/** The line break the file uses: CRLF when it has any, else LF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The leading whitespace of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** True when only spaces and tabs stand between the start of the line and `offset`. */
export function firstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The offset just after the line break that ends the line holding `offset`, or the end of the text. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  for (let i = offset; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.length;
}

export function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

/** The start of a node as its member or item: the key for a member, else the value. */
export function startOf(node: DocNode): number {
  return node.keyRange?.start ?? node.range.start;
}

/** True when the node belongs to one of the document's trees. */
export function belongsTo(document: SourceDocument, node: DocNode): boolean {
  let root = node;
  while (root.parent) root = root.parent;
  return document.roots.includes(root);
}

/**
 * True when every node from `node` up to the root sits where its text is: inside its
 * parent, after its key, after its previous sibling. A YAML alias or merge key copies
 * nodes whose ranges point at the anchor, somewhere else; editing there would change
 * every place that uses the anchor.
 */
export function rangesAreOwn(node: DocNode): boolean {
  for (let current = node; current.parent; current = current.parent) {
    const parent = current.parent;
    const start = startOf(current);
    if (start < parent.range.start || current.range.end > parent.range.end) return false;
    if (current.keyRange && current.keyRange.end > current.range.start) return false;
    const siblings = parent.children ?? [];
    const index = siblings.indexOf(current);
    if (index > 0 && startOf(siblings[index - 1]) >= start) return false;
  }
  return true;
}

/**
 * True when the node or one of its containers carries a YAML anchor (`&name`): an edit
 * there changes every alias of it too. The props of a node stand between its key (or
 * the item before it) and its value; a comment holding "&" there makes this say true,
 * which only costs a fix.
 */
export function anchored(text: string, node: DocNode): boolean {
  for (let current: DocNode | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    let from: number;
    if (current.keyRange) from = current.keyRange.end;
    else if (parent?.children && current.index !== undefined && current.index > 0) from = parent.children[current.index - 1].range.end;
    else if (parent) from = parent.range.start;
    else from = lineStart(text, current.range.start);
    if (text.slice(from, current.range.start).includes('&')) return true;
  }
  return false;
}

/** Copies a value through JSON, as it will be written: undefined when it has no JSON form. */
export function jsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}
