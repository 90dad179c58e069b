/**
 * 64-bit FNV-1a over UTF-16 code units, as 16 hex digits: stable across runs, platforms and
 * versions. Computed on two 32-bit halves in plain numbers: a BigInt per code unit made a
 * finding on a long line (a minified definition is one line) cost a second per megabyte.
 * The prime is 2^40 + 0x1b3, so the product is the hash times 0x1b3 plus the hash shifted
 * 40 bits; every intermediate stays below 2^53 and so is exact.
 */
export function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low = (low ^ text.charCodeAt(i)) >>> 0;
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (high * 0x1b3 + carry + ((low << 8) >>> 0)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/**
 * SARIF `partialFingerprints.primaryLocationLineHash` values for the findings of one file,
 * in the `hash:occurrence` form GitHub's upload action computes. The hash covers the rule id
 * and the text of the finding's first line without whitespace, so that an alert survives
 * edits elsewhere in the file and re-indentation; the occurrence tells apart findings of
 * the same rule on lines that read the same.
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
      this.lastStripped = line.replace(/\s+/g, '');
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
