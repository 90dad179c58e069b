import { createScanner } from 'jsonc-parser';

/**
 * jsonc-parser's token kinds (`SyntaxKind`), declared here because the package declares them
 * as a `const enum`, which isolated modules cannot import.
 */
export const enum Token {
  OpenBrace = 1,
  CloseBrace = 2,
  OpenBracket = 3,
  CloseBracket = 4,
  Comma = 5,
  Colon = 6,
  Null = 7,
  True = 8,
  False = 9,
  String = 10,
  Number = 11,
  LineComment = 12,
  BlockComment = 13,
  LineBreak = 14,
  Trivia = 15,
  Unknown = 16,
  EOF = 17,
}

/** jsonc-parser's scan errors (`ScanError`). */
const enum ScanError {
  None = 0,
  UnexpectedEndOfString = 2,
  InvalidUnicode = 4,
  InvalidEscapeCharacter = 5,
  InvalidCharacter = 6,
}

/** The part of jsonc-parser's scanner the tolerant parser uses. */
export interface JsonScanner {
  /** The next token, past blanks and line breaks (and comments, unless the scanner keeps them). */
  scan(): Token;
  setPosition(offset: number): void;
  getTokenOffset(): number;
  getTokenLength(): number;
  getTokenValue(): string;
  getTokenError(): number;
}

/**
 * jsonc-parser's scanner, with the same tokens, values and errors, except that blanks, line
 * breaks and strings are read here: the package builds a string's value, and a run of
 * blanks, one character at a time (`value += …`), which for a 10 MB string is ten million
 * concatenations and seconds of garbage collection. Everything else is the package's.
 */
export function createJsonScanner(text: string, keepComments: boolean): JsonScanner {
  const inner = createScanner(text, false);
  const length = text.length;
  let position = 0;
  let offset = 0;
  let end = 0;
  let value = '';
  let error = 0;
  /** Where a string's decoded code units are gathered; grown as needed and reused. */
  let units = new Uint16Array(256);

  /** Reads the string whose opening quote is at `quote`, as the package's `scanString` does. */
  const scanString = (quote: number): void => {
    let p = quote + 1;
    let escaped = false;
    let closed = false;
    error = ScanError.None;
    // The end first, with the errors the package reports (the last one found wins, as there).
    while (p < length) {
      const c = text.charCodeAt(p);
      if (c === 0x22 /* " */) {
        closed = true;
        break;
      }
      if (c === 0x5c /* \ */) {
        escaped = true;
        if (++p >= length) {
          error = ScanError.UnexpectedEndOfString;
          break;
        }
        const letter = text.charCodeAt(p++);
        if (letter === 0x75 /* u */) {
          const digits = hexDigits(text, p);
          p += digits;
          if (digits < 4) error = ScanError.InvalidUnicode;
        } else if (ESCAPES[letter] === undefined) {
          error = ScanError.InvalidEscapeCharacter;
        }
        continue;
      }
      if (c <= 0x1f) {
        if (c === 0x0a || c === 0x0d) break;
        error = ScanError.InvalidCharacter;
      }
      p++;
    }
    if (!closed) error = ScanError.UnexpectedEndOfString;
    offset = quote;
    end = closed ? p + 1 : p;
    value = escaped ? decode(quote + 1, p) : text.slice(quote + 1, p);
  };

  /** The value of string text with escapes, decoded as the package decodes it. */
  const decode = (from: number, to: number): string => {
    if (units.length < to - from) units = new Uint16Array(Math.max(to - from, units.length * 2));
    const out = units;
    let n = 0;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i++);
      if (c !== 0x5c /* \ */) {
        out[n++] = c;
        continue;
      }
      if (i >= to) break;
      const letter = text.charCodeAt(i++);
      if (letter === 0x75 /* u */) {
        const digits = hexDigits(text, i);
        if (digits === 4) out[n++] = parseInt(text.slice(i, i + 4), 16);
        i += digits;
        continue;
      }
      // An unknown escape adds nothing, as in the package.
      const escape = ESCAPES[letter];
      if (escape !== undefined) out[n++] = escape;
    }
    const parts: string[] = [];
    // `apply` over slices: one argument per code unit, and engines cap how many a call takes.
    for (let at = 0; at < n; at += 8192) parts.push(String.fromCharCode.apply(null, out.subarray(at, Math.min(n, at + 8192)) as unknown as number[]));
    return parts.join('');
  };

  const scan = (): Token => {
    for (;;) {
      let c = text.charCodeAt(position);
      while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++position);
      if (position >= length) {
        // An unclosed block comment leaves the package's position one past the end, and its
        // end-of-file token one character long.
        offset = length;
        end = position;
        value = '';
        error = ScanError.None;
        return Token.EOF;
      }
      if (c === 0x22 /* " */) {
        scanString(position);
        position = end;
        return Token.String;
      }
      inner.setPosition(position);
      const token = inner.scan() as number as Token;
      offset = inner.getTokenOffset();
      end = inner.getPosition();
      value = inner.getTokenValue();
      error = inner.getTokenError();
      position = end;
      if (keepComments || (token !== Token.LineComment && token !== Token.BlockComment)) return token;
    }
  };

  return {
    scan,
    setPosition(to: number) {
      position = to;
      offset = end = to;
      value = '';
      error = ScanError.None;
    },
    getTokenOffset: () => offset,
    getTokenLength: () => end - offset,
    getTokenValue: () => value,
    getTokenError: () => error,
  };
}

/** What each one-letter escape stands for, by the letter's code. */
const ESCAPES: (number | undefined)[] = [];
ESCAPES[0x22] = 0x22;
ESCAPES[0x5c] = 0x5c;
ESCAPES[0x2f] = 0x2f;
ESCAPES[0x62] = 0x08;
ESCAPES[0x66] = 0x0c;
ESCAPES[0x6e] = 0x0a;
ESCAPES[0x72] = 0x0d;
ESCAPES[0x74] = 0x09;

/** How many hex digits, up to four, start at `at`. */
function hexDigits(text: string, at: number): number {
  let digits = 0;
  while (digits < 4) {
    const c = text.charCodeAt(at + digits);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) break;
    digits++;
  }
  return digits;
}
