import type { DocNode, ParseProblem, Range } from './node.js';
import { TreeNode } from './node.js';
import { buildStrictJsonTree, reportDuplicateKeys } from './json-strict.js';
import { createJsonScanner, Token } from './json-scanner.js';
import { ProblemList } from './problem-list.js';

const scanErrorMessages: Record<number, string> = {
  1: 'This block comment is not closed: add "*/".',
  2: 'This string is not closed: add the closing quote.',
  3: 'This number is incomplete: add its digits.',
  4: 'This string has an invalid unicode escape: use \\u followed by four hex digits.',
  5: 'This string has an invalid escape: use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX.',
  6: 'This string contains a control character: escape it (for example \\n or \\t).',
};

const enum Expect {
  KeyOrEnd,
  Colon,
  Value,
  CommaOrEnd,
  ValueOrEnd,
}

interface Frame {
  node: TreeNode;
  expect: Expect;
  pendingKey: string | undefined;
  pendingKeyStart: number;
  pendingKeyEnd: number;
  /** Offset of the comma just read, to report a trailing comma; -1 when none. */
  comma: number;
}

export interface JsonParseResult {
  readonly root: DocNode | undefined;
  readonly problems: ParseProblem[];
}

/**
 * Reads JSON into the shared node tree, keeping exact ranges. Tolerant: syntax errors
 * become problems and parsing goes on, so the rest of the file is still analysed. A bare
 * `${name}` where a value is expected is a placeholder node (Terraform templatefile).
 *
 * The parser is iterative: nesting depth is bounded only by memory.
 */
export function parseJson(text: string): JsonParseResult {
  const problems = new ProblemList();
  const root = buildStrictJsonTree(text, problems);
  return root ? { root, problems: problems.list() } : parseJsonTolerant(text);
}

/** The tolerant parser alone; `parseJson` uses it for text that is not strict JSON. */
export function parseJsonTolerant(text: string): JsonParseResult {
  const problems = new ProblemList();
  const scanner = createJsonScanner(text, false);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);

  const stack: Frame[] = [];
  let root: TreeNode | undefined;
  let rootDone = false;
  let token: Token = next();

  function problem(message: string, range: Range): void {
    problems.add({ code: 'parse-error', message, range });
  }

  function next(): Token {
    const t = scanner.scan();
    const error = scanner.getTokenError();
    if (error && t !== Token.Unknown) {
      const start = scanner.getTokenOffset();
      problem(scanErrorMessages[error] ?? 'Invalid token.', { start, end: start + scanner.getTokenLength() });
    }
    return t;
  }

  function frameFor(node: TreeNode, expect: Expect): Frame {
    return { node, expect, pendingKey: undefined, pendingKeyStart: -1, pendingKeyEnd: -1, comma: -1 };
  }

  function tokenRange(): Range {
    const start = scanner.getTokenOffset();
    return { start, end: start + scanner.getTokenLength() };
  }

  /** Reads `${…}` from the current `$` token; returns undefined when it is not a placeholder. */
  function placeholderEnd(start: number): number | undefined {
    if (text.charCodeAt(start) !== 36 /* $ */ || text.charCodeAt(start + 1) !== 123 /* { */) return undefined;
    let depth = 0;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) return i + 1;
      else if (c === 10 || c === 13) return undefined;
    }
    return undefined;
  }

  function attach(node: TreeNode): void {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root = node;
      rootDone = true;
      return;
    }
    node.parent = frame.node;
    const children = frame.node.children!;
    if (frame.node.kind === 'object') {
      node.key = frame.pendingKey;
      node.keyStart = frame.pendingKeyStart;
      node.keyEnd = frame.pendingKeyEnd;
      frame.pendingKey = undefined;
    }
    children.push(node);
    frame.expect = Expect.CommaOrEnd;
  }

  function close(end: number): void {
    const frame = stack.pop()!;
    frame.node.end = end;
    if (frame.node.kind === 'object') reportDuplicateKeys(frame.node, problems);
    attach(frame.node);
  }

  /** Starts a value at the current token. Returns false when the token cannot start one. */
  function startValue(): boolean {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    switch (token) {
      case Token.OpenBrace:
        stack.push(frameFor(new TreeNode('object', undefined, start, end), Expect.KeyOrEnd));
        return true;
      case Token.OpenBracket:
        stack.push(frameFor(new TreeNode('array', undefined, start, end), Expect.ValueOrEnd));
        return true;
      case Token.String:
        attach(new TreeNode('string', scanner.getTokenValue(), start, end));
        return true;
      case Token.Number: {
        const raw = scanner.getTokenValue();
        const value = Number(raw);
        if (Number.isNaN(value)) problem(`"${raw}" is not a valid number.`, { start, end });
        attach(new TreeNode('number', value, start, end));
        return true;
      }
      case Token.True:
      case Token.False:
        attach(new TreeNode('boolean', token === Token.True, start, end));
        return true;
      case Token.Null:
        attach(new TreeNode('null', null, start, end));
        return true;
      case Token.Unknown: {
        const placeholder = placeholderEnd(start);
        if (placeholder === undefined) return false;
        attach(new TreeNode('placeholder', text.slice(start, placeholder), start, placeholder));
        scanner.setPosition(placeholder);
        return true;
      }
      default:
        return false;
    }
  }

  /** Recovery: skips a malformed member up to the next "," or the end of its object. */
  function skipMember(): void {
    let depth = 0;
    while (token !== Token.EOF) {
      if (token === Token.OpenBrace || token === Token.OpenBracket) depth++;
      else if (token === Token.CloseBrace || token === Token.CloseBracket) {
        if (depth === 0) return;
        depth--;
      } else if (token === Token.Comma && depth === 0) return;
      token = next();
    }
  }

  while (token !== Token.EOF) {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (rootDone) {
        problem('Unexpected content after the end of the JSON document: remove it.', { start: scanner.getTokenOffset(), end: text.length });
        break;
      }
      if (!startValue()) {
        problem('Expected a JSON value here (an object, array, string, number, true, false or null).', tokenRange());
      }
      token = next();
      continue;
    }
    const isObject = frame.node.kind === 'object';
    switch (frame.expect) {
      case Expect.KeyOrEnd:
        if (token === Token.String) {
          frame.pendingKey = scanner.getTokenValue();
          frame.pendingKeyStart = scanner.getTokenOffset();
          frame.pendingKeyEnd = frame.pendingKeyStart + scanner.getTokenLength();
          frame.expect = Expect.Colon;
          frame.comma = -1;
          token = next();
        } else if (token === Token.CloseBrace) {
          if (frame.comma >= 0) problem('Trailing comma: JSON does not allow a comma before "}". Remove it.', { start: frame.comma, end: frame.comma + 1 });
          close(scanner.getTokenOffset() + 1);
          token = next();
        } else if (token === Token.CloseBracket) {
          problem('Expected "}" to close this object.', tokenRange());
          close(scanner.getTokenOffset());
        } else {
          problem('Expected a property name in double quotes.', tokenRange());
          skipMember();
          if (token === Token.Comma) token = next();
        }
        break;
      case Expect.Colon:
        if (token === Token.Colon) {
          frame.expect = Expect.Value;
          token = next();
        } else {
          problem(`Expected ":" after the property name "${frame.pendingKey}".`, tokenRange());
          frame.expect = Expect.Value;
          if (token === Token.Comma || token === Token.CloseBrace) {
            frame.pendingKey = undefined;
            frame.expect = Expect.CommaOrEnd;
          }
        }
        break;
      case Expect.Value:
      case Expect.ValueOrEnd:
        if (token === Token.CloseBracket && !isObject) {
          if (frame.comma >= 0) problem('Trailing comma: JSON does not allow a comma before "]". Remove it.', { start: frame.comma, end: frame.comma + 1 });
          close(scanner.getTokenOffset() + 1);
          token = next();
        } else if (startValue()) {
          frame.comma = -1;
          token = next();
        } else if (token === Token.Comma || token === Token.CloseBrace || token === Token.CloseBracket) {
          problem('Expected a value here.', tokenRange());
          frame.pendingKey = undefined;
          frame.expect = Expect.CommaOrEnd;
        } else {
          problem('Expected a JSON value here (an object, array, string, number, true, false or null).', tokenRange());
          token = next();
        }
        break;
      case Expect.CommaOrEnd:
        if (token === Token.Comma) {
          frame.comma = scanner.getTokenOffset();
          frame.expect = isObject ? Expect.KeyOrEnd : Expect.Value;
          token = next();
        } else if (token === (isObject ? Token.CloseBrace : Token.CloseBracket)) {
          close(scanner.getTokenOffset() + 1);
          token = next();
        } else if (token === Token.CloseBrace || token === Token.CloseBracket) {
          problem(`Expected "${isObject ? '}' : ']'}" to close this ${isObject ? 'object' : 'array'}.`, tokenRange());
          close(scanner.getTokenOffset());
        } else {
          problem('Expected a comma here.', { start: scanner.getTokenOffset(), end: scanner.getTokenOffset() });
          frame.expect = isObject ? Expect.KeyOrEnd : Expect.Value;
        }
        break;
    }
  }

  if (stack.length > 0) {
    problem(`Unexpected end of file: ${stack.length === 1 ? 'a container is' : `${stack.length} containers are`} not closed.`, {
      start: text.length,
      end: text.length,
    });
    while (stack.length > 0) close(text.length);
  }
  if (!root && problems.size === 0) problem('The file is empty: a state machine definition is a JSON object.', { start: 0, end: 0 });
  const hasComments = reportComments(text, problems);
  const list = problems.list();
  // Comments are found after the rest, so their problems go into place.
  if (hasComments) list.sort((a, b) => a.range.start - b.range.start);
  return { root, problems: list };
}

/**
 * The parser's scanner skips comments, so they are found in a second pass, only when
 * the text could hold one. AWS rejects comments, but the rest of the file is still read.
 * True when there was one.
 */
function reportComments(text: string, problems: ProblemList): boolean {
  if (!text.includes('//') && !text.includes('/*')) return false;
  let found = false;
  const scanner = createJsonScanner(text, true);
  for (let t = scanner.scan(); t !== Token.EOF; t = scanner.scan()) {
    if (t !== Token.LineComment && t !== Token.BlockComment) continue;
    const start = scanner.getTokenOffset();
    const range = { start, end: start + scanner.getTokenLength() };
    found = true;
    problems.add({ code: 'parse-error', message: 'Comments are not allowed in JSON: AWS rejects the definition. Remove the comment.', range });
    if (scanner.getTokenError() === 1) problems.add({ code: 'parse-error', message: scanErrorMessages[1], range });
  }
  return found;
}

