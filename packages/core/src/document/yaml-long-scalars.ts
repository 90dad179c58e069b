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
 * Decodes the long double-quoted scalars of a CST token in place: each becomes a
 * single-quoted scalar of the same length (so every range stays as it was) whose value the
 * package reads at once, and its real value goes into `values` under its offset. A scalar
 * that spans lines or has an escape the package would report is left to the package, which
 * says what is wrong with it.
 */
export function decodeLongScalars(token: CST.Token, values: Map<number, string>): void {
  const decode = (scalar: CST.Token | undefined) => {
    if (scalar?.type !== 'double-quoted-scalar' || scalar.source.length < LONG_SCALAR) return;
    const value = doubleQuotedValue(scalar.source);
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
function doubleQuotedValue(source: string): string | undefined {
  if (source.length < 2 || source[source.length - 1] !== '"' || /[\r\n]/.test(source)) return undefined;
  const parts: string[] = [];
  const end = source.length - 1;
  let from = 1;
  while (from < end) {
    const backslash = source.indexOf('\\', from);
    if (backslash < 0 || backslash >= end) {
      parts.push(source.slice(from, end));
      break;
    }
    parts.push(source.slice(from, backslash));
    const code = source[backslash + 1];
    const escaped = ESCAPES[code];
    if (escaped !== undefined) {
      parts.push(escaped);
      from = backslash + 2;
      continue;
    }
    const length = HEX_LENGTH[code];
    const hex = length === undefined ? '' : source.slice(backslash + 2, backslash + 2 + length);
    if (length === undefined || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return undefined;
    parts.push(String.fromCodePoint(parseInt(hex, 16)));
    from = backslash + 2 + length;
  }
  // A closing quote escaped by the backslash before it is no closing quote.
  if (from > end) return undefined;
  return parts.join('');
}
