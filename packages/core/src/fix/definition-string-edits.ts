import { parse as parseYaml } from 'yaml';
import type { TextEdit } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import { parseDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { definitionStringSource, type DefinitionStringPiece, type DefinitionStringSource } from '../template/definition-string.js';
import { anchored, eolOf, rangesAreOwn } from './layout.js';

/** An edit of the rebuilt JSON text, made by the JSON edit functions on the twin of a node. */
export type VirtualEdit = (virtual: SourceDocument, twin: DocNode) => TextEdit[] | undefined;

const virtualDocuments = new WeakMap<DefinitionStringSource, SourceDocument>();

/**
 * Edits a definition that a template holds as a `DefinitionString`. The edit is made on
 * the rebuilt JSON text, as for a definition file, then each change is written into the
 * one template string it falls in, escaped as that string is written: JSON escapes in a
 * JSON template or a double-quoted YAML string, quotes doubled in a single-quoted one,
 * lines indented in a block scalar. Undefined, and no fix, when a change falls in no
 * single string (it crosses a part of a Fn::Join, touches a delimiter, an intrinsic or a
 * `${…}` of a Fn::Sub), in a string it cannot be written into (plain YAML, an anchor), or
 * when the edited string would not read back as the edited text.
 */
export function editDefinitionString(document: SourceDocument, node: DocNode, edit: VirtualEdit): TextEdit[] | undefined {
  const path: number[] = [];
  let root = node;
  while (root.parent) {
    const index = root.parent.children?.indexOf(root) ?? -1;
    if (index < 0) return undefined;
    path.push(index);
    root = root.parent;
  }
  const source = definitionStringSource(root);
  if (!source || source.templateText !== document.text) return undefined;
  let virtual = virtualDocuments.get(source);
  if (!virtual) {
    virtual = parseDocument('definition.json', source.text, 'json');
    virtualDocuments.set(source, virtual);
  }
  let twin: DocNode | undefined = virtual.roots[0];
  for (let i = path.length - 1; i >= 0 && twin; i--) twin = twin.children?.[path[i]];
  if (!twin || twin.kind !== node.kind || twin.key !== node.key) return undefined;
  const edits = edit(virtual, twin);
  if (!edits) return undefined;
  const mapped: TextEdit[] = [];
  for (const virtualEdit of edits) {
    const templateEdit = mapEdit(document, source, virtualEdit);
    if (!templateEdit) return undefined;
    mapped.push(templateEdit);
  }
  return mapped;
}

const isBlank = (char: string | undefined): boolean => char === undefined || /\s/.test(char);

interface Place {
  readonly piece: number;
  /** The template span the edit replaces. */
  readonly from: number;
  readonly to: number;
}

/** Where an edit of the rebuilt text may go in the template, best first: nowhere unless inside one piece. */
function places(source: DefinitionStringSource, start: number, end: number): Place[] {
  const { pieceOf, starts, ends, text } = source;
  if (start < end) {
    const piece = pieceOf[start];
    return piece < 0 || pieceOf[end - 1] !== piece ? [] : [{ piece, from: starts[start], to: ends[end - 1] }];
  }
  // An insertion sits after the character before it or before the one after it, which
  // may be different pieces (two parts of a Join). A non-blank neighbour is placed
  // exactly in every style; blanks in YAML's folded and block styles stand for line
  // breaks and indentation, so they come last.
  const found: (Place & { blank: boolean })[] = [];
  if (start > 0 && pieceOf[start - 1] >= 0) found.push({ piece: pieceOf[start - 1], from: ends[start - 1], to: ends[start - 1], blank: isBlank(text[start - 1]) });
  if (start < text.length && pieceOf[start] >= 0) found.push({ piece: pieceOf[start], from: starts[start], to: starts[start], blank: isBlank(text[start]) });
  return found.sort((a, b) => Number(a.blank) - Number(b.blank));
}

type Style = 'json' | 'double' | 'single' | 'literal' | 'folded' | 'plain';

function styleOf(document: SourceDocument, node: DocNode): Style {
  if (document.format === 'json') return 'json';
  const first = document.text[node.range.start];
  return first === '"' ? 'double' : first === "'" ? 'single' : first === '|' ? 'literal' : first === '>' ? 'folded' : 'plain';
}

/** The indentation of a block scalar's content, from its first line that is not empty; undefined with an explicit indicator. */
function blockIndent(text: string, node: DocNode): string | undefined {
  const headerEnd = text.indexOf('\n', node.range.start);
  if (headerEnd < 0 || /\d/.test(text.slice(node.range.start, headerEnd).replace(/#.*$/, ''))) return undefined;
  for (const line of text.slice(headerEnd + 1, node.range.end).split('\n')) {
    if (line.trim() !== '') return /^ */.exec(line)![0];
  }
  return undefined;
}

/** The text to write into the template for `inserted`, in the string's style; undefined when it cannot be written there. */
function encode(document: SourceDocument, node: DocNode, style: Style, inserted: string): string | undefined {
  const lines = /\r\n|\r|\n/;
  switch (style) {
    case 'json':
    case 'double':
      return JSON.stringify(inserted).slice(1, -1);
    case 'single':
      return lines.test(inserted) ? undefined : inserted.replace(/'/g, "''");
    case 'folded':
      return lines.test(inserted) ? undefined : inserted;
    case 'literal': {
      const indent = blockIndent(document.text, node);
      return indent === undefined ? undefined : inserted.split(lines).join(eolOf(document.text) + indent);
    }
    default:
      return undefined;
  }
}

/** The value a template string's text reads as, standing alone; undefined when it does not read. */
function decode(format: SourceDocument['format'], written: string): string | undefined {
  try {
    // A scalar at a key of its own: block scalars keep their indentation, flow scalars fold.
    const value: unknown = format === 'json' ? JSON.parse(written) : (parseYaml(`x: ${written}\n`, { prettyErrors: false }) as { x?: unknown } | null)?.x;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True when a Fn::Sub reference `${…}` holds the offset (an insertion) or meets the span. */
function touchesReference(piece: DefinitionStringPiece, start: number, end: number): boolean {
  for (const match of (piece.node.value as string).matchAll(/\$\{[^}]*\}/g)) {
    const from = match.index;
    const to = from + match[0].length;
    if (start < end ? start < to && from < end : from < start && start < to) return true;
  }
  return false;
}

function mapEdit(document: SourceDocument, source: DefinitionStringSource, edit: TextEdit): TextEdit | undefined {
  for (const place of places(source, edit.range.start, edit.range.end)) {
    const mapped = editPiece(document, source, edit, place);
    if (mapped) return mapped;
  }
  return undefined;
}

/** The edit written into one piece's template string, when it can be and reads back right. */
function editPiece(document: SourceDocument, source: DefinitionStringSource, edit: TextEdit, located: Place): TextEdit | undefined {
  const piece = source.pieces[located.piece];
  const node = piece.node;
  const value = node.value as string;
  const start = edit.range.start - piece.start;
  const end = edit.range.end - piece.start;
  if (piece.sub && (edit.text.includes('${') || touchesReference(piece, start, end))) return undefined;
  const { text } = document;
  if (document.format === 'yaml' && (!rangesAreOwn(node) || anchored(text, node))) return undefined;
  const written = encode(document, node, styleOf(document, node), edit.text);
  if (written === undefined) return undefined;
  const before = text.slice(node.range.start, node.range.end);
  const after = text.slice(node.range.start, located.from) + written + text.slice(located.to, node.range.end);
  // The proof: the string as written now reads as the edited text, and read as its value before.
  if (decode(document.format, before) !== value) return undefined;
  if (decode(document.format, after) !== value.slice(0, start) + edit.text + value.slice(end)) return undefined;
  return { range: { start: located.from, end: located.to }, text: written };
}
