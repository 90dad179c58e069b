/**
 * Rebuilds a `DefinitionString` (a plain string, `Fn::Sub` or `Fn::Join`) into a definition
 * tree whose ranges point at the template's own characters.
 *
 * The pieces are laid end to end as one "virtual" JSON text: string pieces decoded, every
 * intrinsic piece of a Join written as the `${…}` token Fn::Sub would use for it. Each
 * virtual character remembers the span of template text it came from (an escape such as
 * `\"` is two template characters; a token is the whole intrinsic object), so after
 * parsing the virtual text every node is moved back onto the template.
 */
import type { DocumentFormat } from '../document/document.js';
import { parseJson } from '../document/json.js';
import { forgetStrictJsonText } from '../document/json-strict.js';
import type { DocNode, ParseProblem, Range } from '../document/node.js';
import { TreeNode } from '../document/node.js';
import { items, members } from '../document/node-access.js';
import { intrinsicArgument, intrinsicName, symbolicText } from './symbolic.js';
import type { SymbolicText } from './types.js';

export interface RebuiltDefinition {
  readonly root: DocNode | undefined;
  readonly problems: readonly ParseProblem[];
  /** Parts that could not be written as a token (Fn::If, Fn::Select …), as info for the user. */
  readonly unresolved: readonly { readonly node: DocNode; readonly message: string }[];
  /** `${X}` names that the definition uses and what they stand for (Fn::Sub's variables, or the reference itself). */
  readonly substitutions: ReadonlyMap<string, SymbolicText | undefined>;
  /** The rebuilt JSON text, for tests and debugging. */
  readonly text: string;
}

/**
 * The rebuilt text as it is gathered: whole strings, each with what its characters' spans
 * are found from. A DefinitionString may be megabytes long, and a list entry and a
 * one-character string per character cost seconds for 10 MB: the spans are written once
 * the length is known, into typed arrays of that size.
 */
interface Builder {
  text: string;
  segments: Segment[];
  /** Characters gathered so far. */
  length: number;
  pieces: DefinitionStringPiece[];
  unresolved: { node: DocNode; message: string }[];
  variables: Map<string, SymbolicText | undefined>;
}

/** A string node's value, or the token written for an intrinsic (`token` the template span of every character). */
type Segment = { readonly value: string; readonly node: DocNode; readonly format: DocumentFormat } | { readonly value: string; readonly token: Range };

/** A string of the template written once into the rebuilt text, so an edit there changes that text only. */
export interface DefinitionStringPiece {
  /** The template's string node. */
  readonly node: DocNode;
  /** Where its value starts in the rebuilt text. */
  readonly start: number;
  /** The body of an Fn::Sub, where `${…}` is a reference. */
  readonly sub: boolean;
}

/** How a rebuilt definition's text maps onto the template: what a fix needs to edit the template. */
export interface DefinitionStringSource {
  /** The template's text. */
  readonly templateText: string;
  readonly format: DocumentFormat;
  /** The rebuilt JSON text. */
  readonly text: string;
  /** Per character of `text`: the template span it was written as. */
  readonly starts: Readonly<Int32Array>;
  readonly ends: Readonly<Int32Array>;
  /**
   * Per character of `text`: its piece, or -1 (a Join's delimiter, written several times, or
   * a token for an intrinsic). Made when first read: only fixes need it.
   */
  readonly pieceOf: Readonly<Int32Array>;
  readonly pieces: readonly DefinitionStringPiece[];
}

const sources = new WeakMap<DocNode, DefinitionStringSource>();

/** The mapping of a rebuilt definition, by its root; undefined for any other node. */
export function definitionStringSource(root: DocNode): DefinitionStringSource | undefined {
  return sources.get(root);
}

export function rebuildDefinitionString(property: DocNode, text: string, format: DocumentFormat): RebuiltDefinition | undefined {
  const builder: Builder = { text, segments: [], length: 0, pieces: [], unresolved: [], variables: new Map() };
  if (!addValue(builder, property, format)) return undefined;
  const virtual = builder.segments.map((segment) => segment.value).join('');
  const { root, problems } = parseJson(virtual);
  const { starts, ends } = spansOf(builder);
  const last = starts.length - 1;
  const startAt = (offset: number): number => (offset > last ? (ends[last] ?? property.range.end) : starts[Math.max(0, offset)]);
  const endAt = (offset: number): number => (offset <= 0 ? (starts[0] ?? property.range.start) : ends[Math.min(offset, last + 1) - 1]);
  if (root) {
    // The ranges now point into the template, not into the text that was parsed.
    forgetStrictJsonText(root as TreeNode);
    moveTree(root as TreeNode, startAt, endAt);
    const pieces = builder.pieces;
    let pieceOf: Int32Array | undefined;
    sources.set(root, {
      templateText: text,
      format,
      text: virtual,
      starts,
      ends,
      get pieceOf() {
        return (pieceOf ??= piecesOf(pieces, virtual.length));
      },
      pieces,
    });
  }
  const moved = problems.map((problem) => ({ ...problem, range: moveRange(problem.range, startAt, endAt), related: problem.related?.map((r) => ({ ...r, range: moveRange(r.range, startAt, endAt) })) }));
  const substitutions = new Map(builder.variables);
  for (const [, name] of virtual.matchAll(/\$\{([^}!][^}]*)\}/g)) if (!substitutions.has(name)) substitutions.set(name, `\${${name}}`);
  return { root, problems: moved, unresolved: builder.unresolved, substitutions, text: virtual };
}

/** Each character's template span, segment by segment. */
function spansOf(builder: Builder): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(builder.length);
  const ends = new Int32Array(builder.length);
  let at = 0;
  for (const segment of builder.segments) {
    const length = segment.value.length;
    if ('token' in segment) {
      starts.fill(segment.token.start, at, at + length);
      ends.fill(segment.token.end, at, at + length);
    } else {
      const { node, value, format } = segment;
      const escaped = (format === 'json' || builder.text.charCodeAt(node.range.start) === 0x22) /* " */ && escapedSpans(builder.text, node.range, value, format === 'yaml', starts, ends, at);
      if (!escaped) alignedSpans(builder.text, node.range, value, starts, ends, at);
    }
    at += length;
  }
  return { starts, ends };
}

/** Per character of the rebuilt text, its piece or -1. */
function piecesOf(pieces: readonly DefinitionStringPiece[], length: number): Int32Array {
  const pieceOf = new Int32Array(length).fill(-1);
  pieces.forEach((piece, index) => pieceOf.fill(index, piece.start, piece.start + (piece.node.value as string).length));
  return pieceOf;
}

function moveRange(range: Range, startAt: (offset: number) => number, endAt: (offset: number) => number): Range {
  const start = startAt(range.start);
  return { start, end: Math.max(start, range.end > range.start ? endAt(range.end) : start) };
}

function moveTree(root: TreeNode, startAt: (offset: number) => number, endAt: (offset: number) => number): void {
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = startAt(node.start);
    node.end = Math.max(start, node.end > node.start ? endAt(node.end) : start);
    node.start = start;
    if (node.keyStart >= 0) {
      const keyStart = startAt(node.keyStart);
      node.keyEnd = Math.max(keyStart, endAt(node.keyEnd));
      node.keyStart = keyStart;
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

/** Appends one DefinitionString value; false when it is not a form that holds a definition. */
function addValue(builder: Builder, node: DocNode, format: DocumentFormat): boolean {
  if (node.kind === 'string') {
    addString(builder, node, format, 'text');
    return true;
  }
  const name = intrinsicName(node);
  const argument = name ? intrinsicArgument(node) : undefined;
  if (name === 'Fn::Sub' && argument) return addSub(builder, argument, format);
  if (name === 'Fn::Join' && argument) {
    const [delimiter, list] = items(argument);
    if (delimiter?.kind !== 'string' || list?.kind !== 'array') return false;
    items(list).forEach((part, index) => {
      if (index > 0) addString(builder, delimiter, format, 'delimiter');
      addPart(builder, part, format);
    });
    return true;
  }
  return false;
}

function addSub(builder: Builder, argument: DocNode, format: DocumentFormat): boolean {
  if (argument.kind === 'string') {
    addString(builder, argument, format, 'sub');
    return true;
  }
  const [body, variables] = items(argument);
  if (body?.kind !== 'string') return false;
  for (const variable of members(variables)) builder.variables.set(variable.key as string, symbolicText(variable));
  addString(builder, body, format, 'sub');
  return true;
}

/** A piece of a Join: text, or a reference written as its `${…}` token. */
function addPart(builder: Builder, part: DocNode, format: DocumentFormat): void {
  if (part.kind === 'string') return addString(builder, part, format, 'text');
  if (addValue(builder, part, format)) return;
  let token = symbolicText(part);
  if (token === undefined || part.kind !== 'object') {
    builder.unresolved.push({
      node: part,
      message: `This part of the DefinitionString (${intrinsicName(part) ?? part.kind}) is known only at deployment; sfn-lint read it as a placeholder.`,
    });
    token = `\${${intrinsicName(part) ?? 'value'}}`;
  }
  builder.segments.push({ value: token, token: part.range });
  builder.length += token.length;
}

/**
 * Appends a string node's value, each character with the template span it was written as.
 * `text` and `sub` (an Fn::Sub body) are pieces; a delimiter is written between every
 * two parts of a Join, so no edit may go there.
 */
function addString(builder: Builder, node: DocNode, format: DocumentFormat, role: 'text' | 'sub' | 'delimiter'): void {
  const value = node.value as string;
  if (role !== 'delimiter') builder.pieces.push({ node, start: builder.length, sub: role === 'sub' });
  builder.segments.push({ value, node, format });
  builder.length += value.length;
}

/** A YAML line fold inside a double-quoted string: blanks, one line break, and the next line's indentation. */
const FOLD = /[ \t]*(?:\r\n|\r|\n)[ \t]*(?![\r\n])/y;
/** An escaped line break in a YAML double-quoted string, which joins the lines with nothing between. */
const JOIN = /\\(?:\r\n|\r|\n)[ \t]*/y;

/**
 * Spans of a double-quoted string (JSON, or YAML's double-quoted style): each escape
 * sequence is one character of the value, and so is a YAML line fold (a space). Writes
 * them at `at` in `starts` and `ends`; false, for the caller to align instead, when the text
 * does not decode to the value (empty lines in a fold).
 */
function escapedSpans(text: string, range: Range, value: string, yaml: boolean, starts: Int32Array, ends: Int32Array, at: number): boolean {
  let p = text.charCodeAt(range.start) === 0x22 /* " */ ? range.start + 1 : range.start;
  // Character codes, not one-character strings: this runs once per character of strings that may be megabytes long.
  for (let i = 0; i < value.length; i++) {
    if (yaml && text.charCodeAt(p) === 0x5c /* \ */ && isLineBreak(text.charCodeAt(p + 1))) {
      JOIN.lastIndex = p;
      while (JOIN.test(text)) p = JOIN.lastIndex;
    }
    const start = p;
    const c = text.charCodeAt(p);
    if (yaml && value.charCodeAt(i) === 0x20 && (c === 0x20 || c === 0x09 || isLineBreak(c)) && ((FOLD.lastIndex = p), FOLD.test(text))) {
      p = FOLD.lastIndex;
    } else if (c === 0x5c /* \ */) {
      p += text.charCodeAt(p + 1) === 0x75 /* u */ ? 6 : 2;
    } else {
      p += 1;
    }
    if (p > range.end) return false;
    starts[at + i] = start;
    ends[at + i] = p;
  }
  return true;
}

const isLineBreak = (code: number): boolean => code === 0x0a || code === 0x0d;

/**
 * Spans for YAML's other styles (plain, single-quoted, block `|` and `>`), found by
 * walking the value and the source together: a non-blank character of the value is the
 * next such character of the source, past indentation, quotes and line breaks. Blanks
 * may land on the neighbouring blank, which never moves a node: nodes start and end on
 * non-blank characters.
 */
function alignedSpans(text: string, range: Range, value: string, starts: Int32Array, ends: Int32Array, at: number): void {
  let p = range.start;
  const opening = text.charCodeAt(p);
  if (opening === 0x7c /* | */ || opening === 0x3e /* > */) {
    const header = text.indexOf('\n', p);
    p = header < 0 ? range.end : header + 1;
  } else if (opening === 0x27 /* ' */) {
    p += 1;
  }
  let lost = false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charCodeAt(i);
    if (!lost) {
      if (char === 0x20 || char === 0x0a || char === 0x09) {
        if (p < range.end && isSpace(text.charCodeAt(p))) p += 1;
      } else {
        let q = p;
        while (q < range.end && text.charCodeAt(q) !== char) {
          const skipped = text.charCodeAt(q);
          if (!(isSpace(skipped) || skipped === 0x27 /* ' */ || skipped === 0x5c) /* \ */) break;
          q += 1;
        }
        if (q < range.end && text.charCodeAt(q) === char) p = q + 1;
        else lost = true;
      }
    }
    const here = lost ? Math.min(p, range.end) : Math.max(range.start, p - 1);
    starts[at + i] = here;
    ends[at + i] = lost ? here : p;
  }
}

/** What `\s` matches in a regular expression, by character code. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
