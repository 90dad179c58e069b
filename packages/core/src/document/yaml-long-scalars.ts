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
  /** Where its scalar ends. */
  readonly scalarEnd: number;
}

/** What the decoding found besides the values. */
export interface LongScalarFindings {
  /** Bad escapes, as the package reports them. */
  readonly errors: LongScalarError[];
  /**
   * Where the package reports the missing closing quote of a decoded scalar that has none:
   * it reports it for the single-quoted stand-in, as "Missing closing 'quote".
   */
  readonly unclosedAt: Set<number>;
}

/**
 * Decodes the long double-quoted scalars of a CST token in place: each becomes a
 * single-quoted scalar of the same length (so every range stays as it was) whose value the
 * package reads at once, and its real value goes into `values` under its offset. A bad
 * escape is kept as written and reported in `findings`, as the package does. The stand-in
 * keeps what the package still reads from the text: a line break (a key on several lines is
 * an error) and a missing closing quote.
 */
export function decodeLongScalars(token: CST.Token, values: Map<number, string>, findings: LongScalarFindings): void {
  const decode = (scalar: CST.Token | undefined) => {
    if (scalar?.type !== 'double-quoted-scalar' || scalar.source.length < LONG_SCALAR) return;
    const { source, offset } = scalar;
    const scalarEnd = offset + source.length;
    values.set(offset, doubleQuotedValue(source, (at, message) => findings.errors.push({ pos: [offset + at, offset + at + 1], message, scalarEnd })));
    const closed = source[source.length - 1] === '"';
    if (!closed) findings.unclosedAt.add(scalarEnd);
    const inside = source.includes('\n') ? `\n${'x'.repeat(source.length - 3)}` : 'x'.repeat(source.length - 2);
    scalar.type = 'single-quoted-scalar';
    scalar.source = `'${inside}${closed ? "'" : 'x'}`;
  };
  if (token.type === 'double-quoted-scalar') return decode(token);
  if (token.type !== 'document' && !('items' in token)) return;
  CST.visit(token as CST.Document, (item) => {
    decode(item.key ?? undefined);
    decode(item.value);
  });
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * The value of a double-quoted scalar (its source, quotes included), step for step as the
 * package's `doubleQuotedValue` makes it: line folds, escaped line breaks, blanks before a
 * line break dropped, bad escapes kept as written, and, as there, the last character of
 * the source left out whether or not it is the closing quote. Built as UTF-16 code units in
 * a typed array and turned into a string in slices: the package's `res += ch` made ten
 * million small strings for a 10 MB scalar.
 */
function doubleQuotedValue(source: string, onError: (at: number, message: string) => void): string {
  // Each character of the source gives at most one unit of the value.
  const out = new Uint16Array(source.length);
  // No closure may capture `length`: a captured counter lives in a context slot, and the
  // loop below ran three times slower for it.
  let length = 0;
  const last = source.length - 1;
  for (let i = 1; i < last; ++i) {
    const code = source.charCodeAt(i);
    if (code === 0x0d && source.charCodeAt(i + 1) === 0x0a) continue;
    if (code === 0x0a) {
      // A line fold: one line break is a space, more are one line break fewer.
      let breaks = 0;
      let next = source.charCodeAt(i + 1);
      while (isBlank(next) || next === 0x0a || next === 0x0d) {
        if (next === 0x0d && source.charCodeAt(i + 2) !== 0x0a) break;
        if (next === 0x0a) {
          out[length++] = 0x0a;
          breaks++;
        }
        i++;
        next = source.charCodeAt(i + 1);
      }
      if (breaks === 0) out[length++] = 0x20;
      continue;
    }
    if (code === 0x5c /* \ */) {
      const letter = source.charCodeAt(++i);
      const escaped = letter < 128 ? ESCAPE_CODES[letter] : -1;
      if (escaped >= 0) {
        out[length++] = escaped;
      } else if (letter === 0x0a) {
        // An escaped line break joins the lines; the next line's indentation goes too.
        while (isBlank(source.charCodeAt(i + 1))) i++;
      } else if (letter === 0x0d && source.charCodeAt(i + 1) === 0x0a) {
        i++;
        while (isBlank(source.charCodeAt(i + 1))) i++;
      } else if (letter === 0x78 /* x */ || letter === 0x75 /* u */ || letter === 0x55 /* U */) {
        const digits = letter === 0x78 ? 2 : letter === 0x75 ? 4 : 8;
        const hex = source.substr(i + 1, digits);
        const point = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (point <= 0x10ffff) {
          if (point > 0xffff) {
            out[length++] = 0xd800 + ((point - 0x10000) >> 10);
            out[length++] = 0xdc00 + ((point - 0x10000) & 0x3ff);
          } else {
            out[length++] = point;
          }
        } else {
          const raw = source.substr(i - 1, digits + 2);
          onError(i - 1, `Invalid escape sequence ${raw}`);
          for (let k = 0; k < raw.length; k++) out[length++] = raw.charCodeAt(k);
        }
        i += digits;
      } else {
        const raw = source.substr(i - 1, 2);
        onError(i - 1, `Invalid escape sequence ${raw}`);
        for (let k = 0; k < raw.length; k++) out[length++] = raw.charCodeAt(k);
      }
      continue;
    }
    if (isBlank(code)) {
      // Blanks before a line break are dropped.
      const from = i;
      let next = source.charCodeAt(i + 1);
      while (isBlank(next)) next = source.charCodeAt(++i + 1);
      if (next !== 0x0a && !(next === 0x0d && source.charCodeAt(i + 2) === 0x0a)) {
        for (let k = from; k <= i; k++) out[length++] = source.charCodeAt(k);
      }
      continue;
    }
    out[length++] = code;
  }
  const parts: string[] = [];
  // `apply`, not a spread: spreading a typed array walks its iterator, five times slower.
  for (let from = 0; from < length; from += 8192) {
    parts.push(String.fromCharCode.apply(null, out.subarray(from, Math.min(length, from + 8192)) as unknown as number[]));
  }
  return parts.join('');
}
