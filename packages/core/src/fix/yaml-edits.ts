import { stringify } from 'yaml';
import type { TextEdit } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { eolOf, firstOnLine, lineStart, nextLineStart, startOf } from './layout.js';

/** How the file writes YAML block collections, read from the file itself. */
interface YamlStyle {
  readonly eol: string;
  /** Spaces per nesting level of mappings. */
  readonly unit: string;
  /** True when a sequence under a key is indented (`key:\n  - a`), false for `key:\n- a`. */
  readonly indentSequences: boolean;
}

const styles = new WeakMap<SourceDocument, YamlStyle>();
const STYLE_SAMPLE = 500;

const column = (text: string, offset: number): number => offset - lineStart(text, offset);
const isFlow = (text: string, node: DocNode): boolean => text[node.range.start] === '{' || text[node.range.start] === '[';

function styleOf(document: SourceDocument): YamlStyle {
  let style = styles.get(document);
  if (style) return style;
  const { text } = document;
  let unit: number | undefined;
  let indentSequences: boolean | undefined;
  const queue: DocNode[] = [...document.roots];
  for (let seen = 0; seen < STYLE_SAMPLE && queue.length > 0 && (unit === undefined || indentSequences === undefined); seen++) {
    const node = queue.shift()!;
    const children = node.children ?? [];
    if (node.kind === 'object' && !isFlow(text, node)) {
      for (const child of children) {
        if (!child.keyRange || !child.children?.length || isFlow(text, child)) continue;
        if (!firstOnLine(text, child.keyRange.start)) continue;
        const keyColumn = column(text, child.keyRange.start);
        if (child.kind === 'object' && unit === undefined && firstOnLine(text, startOf(child.children[0]))) {
          const step = column(text, startOf(child.children[0])) - keyColumn;
          if (step > 0) unit = step;
        }
        if (child.kind === 'array' && indentSequences === undefined && firstOnLine(text, child.range.start)) {
          indentSequences = column(text, child.range.start) > keyColumn;
        }
      }
    }
    queue.push(...children);
  }
  style = { eol: eolOf(text), unit: ' '.repeat(unit ?? 2), indentSequences: indentSequences ?? true };
  styles.set(document, style);
  return style;
}

/**
 * A scalar as YAML writes it, plain when that reads back the same. YAML 1.1 rules decide
 * the quoting, so `yes` or `on` stay strings for tools that still read YAML 1.1.
 */
function scalar(value: unknown, flow: boolean): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const written = stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\r?\n$/, '');
  if (value.includes('\n') || value.includes('\r') || /^[|>]/.test(written) || /[\r\n]/.test(written)) return JSON.stringify(value);
  if (flow && /[,[\]{}]/.test(written) && !/^["']/.test(written)) return JSON.stringify(value);
  return written;
}

const isEmptyCollection = (value: unknown): boolean =>
  (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  return scalar(value, false);
}

/** The lines of `key: value` in block style at `indent`. */
function memberLines(key: string, value: unknown, indent: string, style: YamlStyle): string[] {
  const head = `${indent}${scalar(key, false)}:`;
  if (typeof value !== 'object' || value === null || isEmptyCollection(value)) return [`${head} ${inline(value)}`];
  if (Array.isArray(value)) return [head, ...value.flatMap((item) => itemLines(item, style.indentSequences ? indent + style.unit : indent, style))];
  return [head, ...Object.entries(value).flatMap(([k, v]) => memberLines(k, v, indent + style.unit, style))];
}

/** The lines of `- item` in block style with the dash at `indent`. */
function itemLines(value: unknown, indent: string, style: YamlStyle): string[] {
  if (typeof value !== 'object' || value === null || isEmptyCollection(value)) return [`${indent}- ${inline(value)}`];
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.flatMap((item) => itemLines(item, inner, style))
    : Object.entries(value).flatMap(([k, v]) => memberLines(k, v, inner, style));
  lines[0] = `${indent}- ${lines[0].slice(inner.length)}`;
  return lines;
}

/** A value in flow style, as in `{ a: 1, b: [x, y] }`; JSON's form when the collection writes JSON. */
function flowValue(value: unknown, json: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => flowValue(item, json)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${json ? JSON.stringify(k) : scalar(k, true)}: ${flowValue(v, json)}`);
    if (entries.length === 0) return '{}';
    return json ? `{${entries.join(', ')}}` : `{ ${entries.join(', ')} }`;
  }
  return json ? JSON.stringify(value) : scalar(value, true);
}

/**
 * Where the text of a node ends: its last scalar, or the closing bracket of a flow
 * collection. Block collections report ranges that run on over trailing comments and
 * blank lines, which belong to what follows.
 */
function contentEnd(text: string, node: DocNode): number | undefined {
  let current = node;
  for (;;) {
    const children = current.children ?? [];
    if (isFlow(text, current)) {
      const close = flowClose(text, current);
      return close === undefined ? undefined : close + 1;
    }
    if (children.length === 0) return current.kind === 'object' || current.kind === 'array' ? undefined : current.range.end;
    const last = children[children.length - 1];
    if (!inPlace(current, last)) return undefined;
    current = last;
  }
}

/** False for the last child of a collection when it is an alias or merged copy, whose text is elsewhere. */
function inPlace(parent: DocNode, child: DocNode): boolean {
  const children = parent.children ?? [];
  const index = children.indexOf(child);
  const previous = index > 0 ? children[index - 1] : undefined;
  return (
    startOf(child) >= parent.range.start &&
    (!child.keyRange || child.keyRange.end <= child.range.start) &&
    (!previous || startOf(previous) < startOf(child))
  );
}

/** The offset of the bracket that closes a flow collection. */
function flowClose(text: string, node: DocNode): number | undefined {
  const children = node.children ?? [];
  let i = node.range.start + 1;
  if (children.length > 0) {
    const last = children[children.length - 1];
    const end = inPlace(node, last) ? contentEnd(text, last) : undefined;
    if (end === undefined) return undefined;
    i = end;
  }
  const closer = text[node.range.start] === '{' ? '}' : ']';
  while (i < text.length) {
    const c = text[i];
    if (c === closer) return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    else return undefined;
  }
  return undefined;
}

/** True when the text holds a line break between two offsets. */
const breaksBetween = (text: string, start: number, end: number): boolean => /[\r\n]/.test(text.slice(start, end));

/** A plain scalar may gain these characters at its end and stay the same kind of scalar. */
const PLAIN_SAFE_SUFFIX = /^[A-Za-z0-9_.$-]*$/;

export function renameYamlKey(document: SourceDocument, node: DocNode, newKey: string): TextEdit[] | undefined {
  const range = node.keyRange;
  const oldKey = node.key;
  if (!range || oldKey === undefined || range.end <= range.start) return undefined;
  const { text } = document;
  const written = text.slice(range.start, range.end);
  const flow = node.parent !== undefined && isFlow(text, node.parent);
  const suffix = newKey.startsWith(oldKey) ? newKey.slice(oldKey.length) : undefined;
  const insertAtEnd = (addition: string, before: number): TextEdit[] => [{ range: { start: range.end - before, end: range.end - before }, text: addition }];
  if (written.length >= 2 && written.startsWith('"') && written.endsWith('"')) {
    if (suffix !== undefined) return insertAtEnd(JSON.stringify(suffix).slice(1, -1), 1);
    return [{ range, text: JSON.stringify(newKey) }];
  }
  if (written.length >= 2 && written.startsWith("'") && written.endsWith("'")) {
    if (suffix !== undefined && !/[\r\n]/.test(suffix)) return insertAtEnd(suffix.replace(/'/g, "''"), 1);
    return [{ range, text: JSON.stringify(newKey) }];
  }
  // A plain key: written exactly as it reads, on one line.
  if (written !== oldKey) return undefined;
  if (suffix !== undefined && PLAIN_SAFE_SUFFIX.test(suffix)) return insertAtEnd(suffix, 0);
  return [{ range, text: scalar(newKey, flow) }];
}

/** True when a flow collection is written as JSON: its first key or string is double-quoted. */
function writesJson(text: string, container: DocNode): boolean {
  const first = container.children?.[0];
  if (!first) return false;
  const at = text[startOf(first)];
  if (at === '"') return true;
  return (at === '{' || at === '[') && first.children?.[0] !== undefined && text[startOf(first.children[0])] === '"';
}

/** Inserts into a flow collection, after `after`, or before its first entry when `after` is undefined. */
function insertIntoFlow(document: SourceDocument, container: DocNode, written: (json: boolean) => string, after: DocNode | undefined): TextEdit[] | undefined {
  const { text } = document;
  const close = flowClose(text, container);
  if (close === undefined) return undefined;
  const children = container.children ?? [];
  const json = writesJson(text, container);
  if (children.length === 0) {
    const pad = /^[ \t]+$/.test(text.slice(container.range.start + 1, close)) ? ' ' : '';
    return [{ range: { start: container.range.start + 1, end: close }, text: `${pad}${written(false)}${pad}` }];
  }
  const multiline = breaksBetween(text, container.range.start, startOf(children[0]));
  const separator = multiline ? `,${styleOf(document).eol}${' '.repeat(column(text, startOf(children[0])))}` : ', ';
  if (!after) {
    const at = startOf(children[0]);
    return [{ range: { start: at, end: at }, text: `${written(json)}${separator}` }];
  }
  const end = inPlace(container, after) ? contentEnd(text, after) : undefined;
  if (end === undefined) return undefined;
  return [{ range: { start: end, end }, text: `${separator}${written(json)}` }];
}

/** Inserts whole lines after the line where `after` ends, or at the start of the line holding an offset. */
function insertLines(document: SourceDocument, lines: string[], at: { after: DocNode } | { lineOf: number }): TextEdit[] | undefined {
  const { text } = document;
  const { eol } = styleOf(document);
  let offset: number;
  if ('after' in at) {
    const end = at.after.parent && inPlace(at.after.parent, at.after) ? contentEnd(text, at.after) : undefined;
    if (end === undefined) return undefined;
    offset = nextLineStart(text, end);
  } else {
    offset = lineStart(text, at.lineOf);
  }
  const lead = offset === text.length && offset > 0 && text[offset - 1] !== '\n' && text[offset - 1] !== '\r' ? eol : '';
  return [{ range: { start: offset, end: offset }, text: `${lead}${lines.join(eol)}${eol}` }];
}

export function insertYamlMember(document: SourceDocument, object: DocNode, key: string, value: unknown, before: readonly string[]): TextEdit[] | undefined {
  const { text } = document;
  const style = styleOf(document);
  if (isFlow(text, object)) {
    const children = object.children ?? [];
    const target = children.findIndex((child) => child.key !== undefined && before.includes(child.key));
    const after = target < 0 ? children[children.length - 1] : target > 0 ? children[target - 1] : undefined;
    const member = (json: boolean): string => (json ? `${JSON.stringify(key)}: ${flowValue(value, true)}` : `${scalar(key, true)}: ${flowValue(value, false)}`);
    return insertIntoFlow(document, object, member, after);
  }
  const children = object.children ?? [];
  if (children.length === 0 || !children[0].keyRange) return undefined;
  const indent = ' '.repeat(column(text, children[0].keyRange.start));
  const lines = memberLines(key, value, indent, style);
  const target = children.findIndex((child) => child.key !== undefined && before.includes(child.key));
  if (target > 0) return insertLines(document, lines, { after: children[target - 1] });
  // The first key of a sequence item shares its line with the dash: the new one goes after it.
  if (target === 0 && firstOnLine(text, children[0].keyRange.start)) return insertLines(document, lines, { lineOf: children[0].keyRange.start });
  return insertLines(document, lines, { after: children[target === 0 ? 0 : children.length - 1] });
}

export function insertYamlItem(document: SourceDocument, array: DocNode, index: number, value: unknown): TextEdit[] | undefined {
  const { text } = document;
  const style = styleOf(document);
  const children = array.children ?? [];
  const after = index > 0 ? children[Math.min(index, children.length) - 1] : undefined;
  if (isFlow(text, array)) return insertIntoFlow(document, array, (json) => flowValue(value, json), after);
  if (children.length === 0 || text[array.range.start] !== '-') return undefined;
  const lines = itemLines(value, ' '.repeat(column(text, array.range.start)), style);
  if (after) return insertLines(document, lines, { after });
  // Before the first item: at the start of its line, unless the dash shares it (`- - a`).
  if (!firstOnLine(text, array.range.start)) return undefined;
  return insertLines(document, lines, { lineOf: array.range.start });
}

/** The edit that writes a string scalar anew, keeping its quoting where the new text allows it. */
export function replaceYamlString(document: SourceDocument, node: DocNode, value: string): TextEdit[] | undefined {
  const { range } = node;
  const written = document.text.slice(range.start, range.end);
  if (written.startsWith('"')) return [{ range, text: JSON.stringify(value) }];
  if (written.startsWith("'") && !/[\r\n]/.test(value)) return [{ range, text: `'${value.replace(/'/g, "''")}'` }];
  // A block scalar or a plain one over several lines: its range is not just the value.
  if (/^[|>]/.test(written) || /[\r\n]/.test(written)) return undefined;
  if (written !== node.value) return undefined;
  return [{ range, text: scalar(value, node.parent !== undefined && isFlow(document.text, node.parent)) }];
}
