import { describe, expect, it } from 'vitest';
import { fnv1a64, LineHashes } from './line-hash.js';

/** The textbook 64-bit FNV-1a on BigInts, which the fast version must equal. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('equals the BigInt definition on rule ids, unicode and every code unit value', () => {
    const texts = ['valid-definition\n"Type":"Task",', 'État ✓ 🚀', '\uD800\uFFFF\u0000', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i * 257))];
    for (const text of texts) expect(fnv1a64(text)).toBe(reference(text));
  });
});

describe('LineHashes', () => {
  it('ignores whitespace and counts repeats of the same rule on lines that read the same', () => {
    const hashes = new LineHashes();
    const first = hashes.next('no-dead-end', '    "Next": "A",');
    const again = hashes.next('no-dead-end', '"Next":"A",');
    expect(first.replace(/:\d+$/, '')).toBe(again.replace(/:\d+$/, ''));
    expect([first.endsWith(':1'), again.endsWith(':2')]).toEqual([true, true]);
  });

  it('reads only the first 4,096 characters of a line without whitespace, so a 20 MB line costs no more than a short one', () => {
    const head = 'x'.repeat(4096);
    const a = new LineHashes().next('parse-error', `${' \t'.repeat(3000)}${head}${'a'.repeat(20_000_000)}`);
    const b = new LineHashes().next('parse-error', `${head}b`);
    expect(a).toBe(b);
    expect(new LineHashes().next('parse-error', `${'x'.repeat(4095)}b`)).not.toBe(b);
  });
});
