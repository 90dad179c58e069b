/**
 * 64-bit FNV-1a over UTF-16 code units, as 16 hex digits: stable across runs, platforms and
 * versions. The hash is kept in four 16-bit limbs so that every step is small-integer
 * arithmetic: a BigInt per code unit cost a second per megabyte, and floating-point halves
 * half a second on a 20 MB line. The prime is 2^40 + 0x1b3, so the product is the hash
 * times 0x1b3 plus the hash shifted 40 bits (two limbs and 8 bits).
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h0 ^= code;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * SARIF `partialFingerprints.primaryLocationLineHash` values for the findings of one file,
 * in the `hash:occurrence` form GitHub's upload action computes. The hash covers the rule id
 * and the text of the finding's first line without whitespace, so that an alert survives
 * edits elsewhere in the file and re-indentation; the occurrence tells apart findings of
 * the same rule on lines that read the same. Only the first 4,096 characters of that text
 * count, as GitHub's own hash reads a fixed window: a 20 MB line is hashed as fast as any.
 */
export class LineHashes {
  private readonly seen = new Map<string, number>();
  /** The line seen last, without whitespace, and its hashes by rule id: a minified file has all its findings on one line. */
  private lastLine: string | undefined;
  private lastStripped = '';
  private lastHashes = new Map<string, string>();

  next(ruleId: string, line: string): string {
    if (line !== this.lastLine) {
      this.lastLine = line;
      this.lastStripped = strippedPrefix(line);
      this.lastHashes = new Map();
    }
    let hash = this.lastHashes.get(ruleId);
    if (hash === undefined) {
      hash = fnv1a64(`${ruleId}\n${this.lastStripped}`);
      this.lastHashes.set(ruleId, hash);
    }
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

const HASHED_CHARACTERS = 4096;

/** The line without whitespace, cut at HASHED_CHARACTERS, reading no more of it than that needs. */
function strippedPrefix(line: string): string {
  let stripped = '';
  for (let from = 0; from < line.length && stripped.length < HASHED_CHARACTERS; from += HASHED_CHARACTERS) {
    stripped += line.slice(from, from + HASHED_CHARACTERS).replace(/\s+/g, '');
  }
  return stripped.slice(0, HASHED_CHARACTERS);
}
