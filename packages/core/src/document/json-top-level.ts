import { stringEnd } from './json-strict.js';

/**
 * The keys of a JSON text's top-level object, read without building its tree: the values
 * are skipped, counting only brackets outside strings and comments. Deciding that a large
 * data file (a coverage report, a heap snapshot, a lock file) holds no state machine then
 * costs one pass over its text, where a full parse would make a node for every value.
 *
 * Returns an empty list when the top level is not an object, and undefined when the text
 * is not JSON this reader understands (unquoted keys, an unclosed string, …): the caller
 * then parses it, and the tolerant parser reports what is wrong.
 */
export function topLevelJsonKeys(text: string): string[] | undefined {
  let i = skipBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (i < 0) return undefined;
  if (text.charCodeAt(i) !== 0x7b /* { */) return [];
  const keys: string[] = [];
  i++;
  for (;;) {
    i = skipBlank(text, i);
    if (i < 0) return undefined;
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */) return keys;
    if (c !== 0x22 /* " */) return undefined;
    const end = stringEnd(text, i);
    if (end < 0) return undefined;
    const raw = text.slice(i, end);
    if (raw.includes('\\')) {
      try {
        keys.push(JSON.parse(raw) as string);
      } catch {
        return undefined;
      }
    } else keys.push(raw.slice(1, -1));
    i = skipBlank(text, end);
    if (i < 0 || text.charCodeAt(i) !== 0x3a /* : */) return undefined;
    i = skipValue(text, i + 1);
    if (i < 0) return undefined;
    // A comma, possibly trailing, or the end of the object.
    if (text.charCodeAt(i) === 0x2c /* , */) i++;
  }
}

const BLANK = /(?:[ \t\n\r]+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

/** The offset after whitespace and comments from `at`, or -1 at the end of the text. */
function skipBlank(text: string, at: number): number {
  BLANK.lastIndex = at;
  BLANK.test(text);
  return BLANK.lastIndex < text.length ? BLANK.lastIndex : -1;
}

/** What a value may hold besides brackets, strings and comments, skipped natively. */
const PLAIN = /[^"{}[\]/,]*/y;

/**
 * The offset of the comma or closing brace after the value that starts at `at` (past any
 * blanks), or -1 when the text ends first or the brackets do not match.
 */
function skipValue(text: string, at: number): number {
  /** The closing bracket each open one expects, innermost last. */
  const closers: number[] = [];
  let i = at;
  for (;;) {
    PLAIN.lastIndex = i;
    PLAIN.test(text);
    i = PLAIN.lastIndex;
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 0x2f /* / */) {
      const next = skipBlank(text, i);
      if (next < 0) return -1;
      // A slash that starts no comment is not JSON: let the parser say so.
      if (next === i) return -1;
      i = next;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      closers.push(c === 0x7b ? 0x7d : 0x5d);
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (closers.length === 0) return c === 0x7d ? i : -1;
      if (closers.pop() !== c) return -1;
      i++;
    } else {
      // A comma.
      if (closers.length === 0) return i;
      i++;
    }
  }
}
