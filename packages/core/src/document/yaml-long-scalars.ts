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

/** The value of a one-line double-quoted scalar, or undefined to leave it to the package. */
function doubleQuotedValue(source: string, onError: (at: number, message: string) => void): string | undefined {
  if (source.length < 2 || source[source.length - 1] !== '"' || /[\r\n]/.test(source)) return undefined;
  const parts: string[] = [];
  const found: [number, string][] = [];
  const end = source.length - 1;
  let from = 1;
  while (from < end) {
    const backslash = source.indexOf('\\', from);
    if (backslash < 0 || backslash >= end) {
      parts.push(source.slice(from, end));
      from = end;
      break;
    }
    parts.push(source.slice(from, backslash));
    const code = source[backslash + 1];
    const escaped = ESCAPES[code];
    const length = HEX_LENGTH[code];
    const hex = length === undefined ? '' : source.slice(backslash + 2, backslash + 2 + length);
    if (escaped !== undefined) {
      parts.push(escaped);
      from = backslash + 2;
    } else if (length !== undefined && hex.length === length && /^[0-9a-fA-F]+$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
      parts.push(String.fromCodePoint(parseInt(hex, 16)));
      from = backslash + 2 + length;
    } else {
      // As the package does: the escape is kept as written and reported.
      const raw = length === undefined ? source.slice(backslash, backslash + 2) : source.slice(backslash, backslash + 2 + length);
      found.push([backslash, `Invalid escape sequence ${raw}`]);
      parts.push(raw);
      from = backslash + raw.length;
    }
  }
  // A closing quote taken by an escape before it: the scalar has no end of its own.
  if (from > end) return undefined;
  for (const [at, message] of found) onError(at, message);
  return parts.join('');
}
