import type { TextEdit } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { eolOf, hasLineBreak, lineIndent, startOf } from './layout.js';

/** How the file writes JSON, read from the file itself. */
interface JsonStyle {
  readonly eol: string;
  /** One level of indentation: two or four spaces, a tab. */
  readonly unit: string;
  /** Between a key and its value: `": "` or `":"`, without the quotes. */
  readonly colon: string;
  /** Between members written on one line: `", "` or `","`. */
  readonly comma: string;
  /** Inside the braces of an object written on one line: `{ "a": 1 }` or `{"a": 1}`. */
  readonly pad: string;
  readonly multiline: boolean;
}

const styles = new WeakMap<SourceDocument, JsonStyle>();

/** Nodes looked at to learn the style: the first few hundred say all there is. */
const STYLE_SAMPLE = 500;

function styleOf(document: SourceDocument): JsonStyle {
  let style = styles.get(document);
  if (style) return style;
  const { text } = document;
  const multiline = hasLineBreak(text.trim());
  let colon: string | undefined;
  let comma: string | undefined;
  let pad: string | undefined;
  let unit: string | undefined;
  const queue: DocNode[] = [...document.roots];
  for (let seen = 0; seen < STYLE_SAMPLE && queue.length > 0 && (colon === undefined || comma === undefined || pad === undefined || unit === undefined); seen++) {
    const node = queue.shift()!;
    const children = node.children ?? [];
    if (children.length === 0) continue;
    const first = children[0];
    if (node.kind === 'object' && colon === undefined && first.keyRange) {
      const between = text.slice(first.keyRange.end, first.range.start);
      if (/^[ \t]*:[ \t]*$/.test(between)) colon = between;
    }
    const opening = text.slice(node.range.start + 1, startOf(first));
    const inline = !hasLineBreak(opening) && /^[ \t]*$/.test(opening);
    if (inline && node.kind === 'object' && pad === undefined) pad = opening.length > 0 ? ' ' : '';
    if (inline && comma === undefined && children.length > 1) {
      const between = text.slice(first.range.end, startOf(children[1]));
      if (/^[ \t]*,[ \t]*$/.test(between)) comma = `,${between.slice(between.indexOf(',') + 1).length > 0 ? ' ' : ''}`;
    }
    if (!inline && unit === undefined && /^\s*$/.test(opening)) {
      const outer = lineIndent(text, node.range.start);
      const inner = lineIndent(text, startOf(first));
      if (inner.length > outer.length && inner.startsWith(outer)) unit = inner.slice(outer.length);
    }
    queue.push(...children);
  }
  style = {
    eol: eolOf(text),
    unit: unit ?? '  ',
    colon: colon ?? (multiline ? ': ' : ':'),
    comma: comma ?? (multiline || colon?.endsWith(' ') ? ', ' : ','),
    pad: pad ?? (multiline ? ' ' : ''),
    multiline,
  };
  styles.set(document, style);
  return style;
}

/** Writes a JSON value, pretty over lines at `indent` or on one line. */
function writeJson(value: unknown, style: JsonStyle, multiline: boolean, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + style.unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => writeJson(item, style, multiline, inner));
    return multiline ? `[${style.eol}${inner}${items.join(`,${style.eol}${inner}`)}${style.eol}${indent}]` : `[${items.join(style.comma)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const members = entries.map(([key, item]) => `${JSON.stringify(key)}${style.colon}${writeJson(item, style, multiline, inner)}`);
  return multiline
    ? `{${style.eol}${inner}${members.join(`,${style.eol}${inner}`)}${style.eol}${indent}}`
    : `{${style.pad}${members.join(style.comma)}${style.pad}}`;
}

/** Renames a member's key. When the new key extends the old one, only the addition is inserted. */
export function renameJsonKey(document: SourceDocument, node: DocNode, newKey: string): TextEdit[] | undefined {
  const range = node.keyRange;
  const oldKey = node.key;
  if (!range || oldKey === undefined) return undefined;
  const written = document.text.slice(range.start, range.end);
  if (written.length < 2 || !written.startsWith('"') || !written.endsWith('"')) return undefined;
  if (newKey.startsWith(oldKey) && newKey !== oldKey) {
    const addition = JSON.stringify(newKey.slice(oldKey.length)).slice(1, -1);
    return [{ range: { start: range.end - 1, end: range.end - 1 }, text: addition }];
  }
  return [{ range, text: JSON.stringify(newKey) }];
}

/**
 * Inserts one entry (a member `"key": value`, or an array item) into a container, after
 * `after` or, when `after` is undefined, before the container's first child.
 */
function insertEntry(document: SourceDocument, container: DocNode, entry: (multiline: boolean, indent: string) => string, after: DocNode | undefined): TextEdit[] | undefined {
  const { text } = document;
  const style = styleOf(document);
  const open = container.range.start;
  const close = container.range.end - 1;
  const brackets = container.kind === 'object' ? '{}' : '[]';
  if (text[open] !== brackets[0] || text[close] !== brackets[1]) return undefined;
  const children = container.children ?? [];

  if (children.length === 0) {
    const inside = text.slice(open + 1, close);
    if (!/^\s*$/.test(inside)) return undefined;
    const range = { start: open + 1, end: close };
    if (!style.multiline) {
      const pad = container.kind === 'object' ? style.pad : '';
      return [{ range, text: `${pad}${entry(false, '')}${pad}` }];
    }
    const outer = lineIndent(text, open);
    const inner = outer + style.unit;
    return [{ range, text: `${style.eol}${inner}${entry(true, inner)}${style.eol}${outer}` }];
  }

  const first = children[0];
  const opening = text.slice(open + 1, startOf(first));
  const multiline = hasLineBreak(opening);
  let separator: string;
  let indent = '';
  if (multiline) {
    indent = lineIndent(text, startOf(first));
    separator = `,${style.eol}${indent}`;
  } else {
    let comma = style.comma;
    if (children.length > 1) {
      const between = text.slice(children[0].range.end, startOf(children[1]));
      if (/^[ \t]*,[ \t]*$/.test(between)) comma = `,${between.slice(between.indexOf(',') + 1).length > 0 ? ' ' : ''}`;
    } else {
      const colon = first.keyRange ? text.slice(first.keyRange.end, first.range.start) : undefined;
      comma = opening.length > 0 || colon?.endsWith(' ') ? ', ' : colon === undefined ? style.comma : ',';
    }
    separator = comma;
  }
  const written = entry(multiline, indent);
  if (after) return [{ range: { start: after.range.end, end: after.range.end }, text: `${separator}${written}` }];
  const at = startOf(first);
  return [{ range: { start: at, end: at }, text: `${written}${separator}` }];
}

export function insertJsonMember(document: SourceDocument, object: DocNode, key: string, value: unknown, before: readonly string[]): TextEdit[] | undefined {
  let style = styleOf(document);
  const children = object.children ?? [];
  const first = children[0]?.keyRange;
  if (first) {
    // The object's own spacing after ":" wins over the file's.
    const between = document.text.slice(first.end, children[0].range.start);
    if (/^[ \t]*:[ \t]*$/.test(between)) style = { ...style, colon: between };
  }
  const target = children.findIndex((child) => child.key !== undefined && before.includes(child.key));
  const after = target < 0 ? children[children.length - 1] : target > 0 ? children[target - 1] : undefined;
  return insertEntry(document, object, (multiline, indent) => `${JSON.stringify(key)}${style.colon}${writeJson(value, style, multiline, indent)}`, after);
}

export function insertJsonItem(document: SourceDocument, array: DocNode, index: number, value: unknown): TextEdit[] | undefined {
  const style = styleOf(document);
  const children = array.children ?? [];
  const after = index > 0 ? children[Math.min(index, children.length) - 1] : undefined;
  return insertEntry(document, array, (multiline, indent) => writeJson(value, style, multiline, indent), after);
}

/** The edit that writes a string value anew. */
export function replaceJsonString(document: SourceDocument, node: DocNode, value: string): TextEdit[] | undefined {
  return document.text[node.range.start] === '"' ? [{ range: node.range, text: JSON.stringify(value) }] : undefined;
}
