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
/** Per template string: whether its text, standing alone, reads as its value. */
const readsBack = new WeakMap<DocNode, boolean>();

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

const indents = new WeakMap<DocNode, string | undefined>();

/** The indentation of a block scalar's content, from its first line that is not empty; undefined with an explicit indicator. */
function blockIndent(text: string, node: DocNode): string | undefined {
  if (!indents.has(node)) indents.set(node, findBlockIndent(text, node));
  return indents.get(node);
}

function findBlockIndent(text: string, node: DocNode): string | undefined {
  const headerEnd = text.indexOf('\n', node.range.start);
  if (headerEnd < 0 || /\d/.test(text.slice(node.range.start, headerEnd).replace(/#.*$/, ''))) return undefined;
  const content = /^( *)[^ \r\n]/m.exec(text.slice(headerEnd + 1, node.range.end));
  return content?.[1];
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

const references = new WeakMap<DefinitionStringPiece, readonly (readonly [number, number])[]>();

/** True when a Fn::Sub reference `${…}` holds the offset (an insertion) or meets the span. */
function touchesReference(piece: DefinitionStringPiece, start: number, end: number): boolean {
  let spans = references.get(piece);
  if (!spans) references.set(piece, (spans = [...(piece.node.value as string).matchAll(/\$\{[^}]*\}/g)].map((match) => [match.index, match.index + match[0].length] as const)));
  return spans.some(([from, to]) => (start < end ? start < to && from < end : from < start && start < to));
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
  const style = styleOf(document, node);
  const written = encode(document, node, style, edit.text);
  if (written === undefined) return undefined;
  // The proof: the string as written read as its value before, and reads as the edited text now.
  let sound = readsBack.get(node);
  if (sound === undefined) readsBack.set(node, (sound = decode(document.format, text.slice(node.range.start, node.range.end)) === value));
  if (!sound) return undefined;
  const local = readsLocally(document, source, piece, style, { start, end, inserted: edit.text, written, from: located.from, to: located.to });
  if (local === false) return undefined;
  if (local === undefined) {
    const after = text.slice(node.range.start, located.from) + written + text.slice(located.to, node.range.end);
    if (decode(document.format, after) !== value.slice(0, start) + edit.text + value.slice(end)) return undefined;
  }
  return { range: { start: located.from, end: located.to }, text: written };
}

interface PieceEdit {
  /** The span of the piece's value replaced, and by what. */
  readonly start: number;
  readonly end: number;
  readonly inserted: string;
  /** The template span replaced, and by what. */
  readonly from: number;
  readonly to: number;
  readonly written: string;
}

/**
 * The proof on a few characters: the template text from the character before the edit to
 * the one after it reads as those characters of the value before, and as the edited
 * characters after. Reading the whole string again for every fix would cost its length
 * each time, which a large definition with many findings pays many times over. Undefined
 * when the style or a line break there needs the whole string read.
 */
function readsLocally(document: SourceDocument, source: DefinitionStringSource, piece: DefinitionStringPiece, style: Style, edit: PieceEdit): boolean | undefined {
  const value = piece.node.value as string;
  const first = Math.max(0, edit.start - 1);
  const last = Math.min(value.length, edit.end + 1);
  if (first >= last) return undefined;
  const { text } = document;
  const from = Math.min(source.starts[piece.start + first], edit.from);
  const to = Math.max(source.ends[piece.start + last - 1], edit.to);
  const before = text.slice(from, to);
  if (/[\r\n]/.test(before)) return undefined;
  const after = text.slice(from, edit.from) + edit.written + text.slice(edit.to, to);
  let read: (written: string) => string | undefined;
  if (style === 'json' || style === 'double') {
    read = (written) => {
      try {
        return JSON.parse(`"${written}"`) as string;
      } catch {
        return undefined;
      }
    };
  } else if (style === 'single' && !before.includes("'")) {
    read = (written) => written.replace(/''/g, "'");
  } else if (style === 'literal') {
    const indent = blockIndent(text, piece.node);
    read = (written) => written.split(`${eolOf(text)}${indent}`).join('\n');
  } else {
    return undefined;
  }
  return read(before) === value.slice(first, last) && read(after) === value.slice(first, edit.start) + edit.inserted + value.slice(edit.end, last);
}
