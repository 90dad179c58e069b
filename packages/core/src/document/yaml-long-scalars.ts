import { CST } from 'yaml';

/**
 * Double-quoted scalars at least this long are decoded here rather than by the yaml package,
 * which builds the value one character at a time: about a second per megabyte, and ten
 * seconds for a 10 MB string. Shorter ones are left to the package.
 */
const LONG_SCALAR = 64 * 1024;

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The escapes by the code of their letter, -1 for none: ten million escapes looked up by
 * one-character string cost half a second.
 */
const ESCAPE_CODES = new Int32Array(128).fill(-1);
for (const [letter, value] of Object.entries(ESCAPES)) ESCAPE_CODES[letter.charCodeAt(0)] = value.charCodeAt(0);

/** A bad escape in a long double-quoted scalar, with the yaml package's own message. */
export interface LongScalarError {
  readonly pos: [number, number];
  readonly message: string;
}

/**
 * Decodes the long double-quoted scalars of a CST token in place: each becomes a
 * single-quoted scalar of the same length (so every range stays as it was) whose value the
 * package reads at once, and its real value goes into `values` under its offset. A bad
 * escape is kept as written and reported in `errors`, as the package does. A scalar that
 * spans lines or has no closing quote is left to the package.
 */
export function decodeLongScalars(token: CST.Token, values: Map<number, string>, errors: LongScalarError[]): void {
  const decode = (scalar: CST.Token | undefined) => {
    if (scalar?.type !== 'double-quoted-scalar' || scalar.source.length < LONG_SCALAR) return;
    const value = doubleQuotedValue(scalar.source, (at, message) => errors.push({ pos: [scalar.offset + at, scalar.offset + at + 1], message }));
    if (value === undefined) return;
    values.set(scalar.offset, value);
    scalar.type = 'single-quoted-scalar';
    scalar.source = `'${'x'.repeat(scalar.source.length - 2)}'`;
  };
  if (token.type === 'double-quoted-scalar') return decode(token);
  if (token.type !== 'document' && !('items' in token)) return;
  CST.visit(token as CST.Document, (item) => {
    decode(item.key ?? undefined);
    decode(item.value);
  });
}

/**
 * The value of a one-line double-quoted scalar, or undefined to leave it to the package.
 * Built as UTF-16 code units in a typed array, turned into a string in slices: ten million
 * escapes make no ten million small strings.
 */
function doubleQuotedValue(source: string, onError: (at: number, message: string) => void): string | undefined {
  if (source.length < 2 || source[source.length - 1] !== '"' || /[\r\n]/.test(source)) return undefined;
  const end = source.length - 1;
  if (source.indexOf('\\', 1) < 0) return source.slice(1, end);
  const out = new Uint16Array(end);
  const found: [number, string][] = [];
  // No closure may capture `length`: a captured counter lives in a context slot, and the
  // loop below ran three times slower for it.
  let length = 0;
  let i = 1;
  while (i < end) {
    const code = source.charCodeAt(i);
    if (code !== 0x5c) {
      out[length++] = code;
      i++;
      continue;
    }
    const letterCode = source.charCodeAt(i + 1);
    const escaped = letterCode < 128 ? ESCAPE_CODES[letterCode] : -1;
    if (escaped >= 0) {
      out[length++] = escaped;
      i += 2;
      continue;
    }
    const letter = source[i + 1];
    const digits = HEX_LENGTH[letter];
    const hex = digits === undefined ? '' : source.slice(i + 2, i + 2 + digits);
    if (digits !== undefined && hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
      const point = parseInt(hex, 16);
      if (point > 0xffff) {
        out[length++] = 0xd800 + ((point - 0x10000) >> 10);
        out[length++] = 0xdc00 + ((point - 0x10000) & 0x3ff);
      } else {
        out[length++] = point;
      }
      i += 2 + digits;
    } else {
      // As the package does: the escape is kept as written and reported.
      const rawEnd = digits === undefined ? i + 2 : i + 2 + digits;
      // A cut-off escape at the very end takes the closing quote with it: left to the package.
      if (rawEnd > end) return undefined;
      found.push([i, `Invalid escape sequence ${source.slice(i, rawEnd)}`]);
      for (let k = i; k < rawEnd; k++) out[length++] = source.charCodeAt(k);
      i = rawEnd;
    }
  }
  // A closing quote taken by an escape before it: the scalar has no end of its own.
  if (i > end) return undefined;
  for (const [at, message] of found) onError(at, message);
  const parts: string[] = [];
  // `apply`, not a spread: spreading a typed array walks its iterator, five times slower.
  for (let from = 0; from < length; from += 8192) {
    parts.push(String.fromCharCode.apply(null, out.subarray(from, Math.min(length, from + 8192)) as unknown as number[]));
  }
  return parts.join('');
}
