const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits: stable across runs, platforms and versions. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
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

  next(ruleId: string, line: string): string {
    const hash = fnv1a64(`${ruleId}\n${line.replace(/\s+/g, '')}`);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}
