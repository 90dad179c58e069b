import { describe, expect, it } from 'vitest';
import { codePointLength, codePointPrefix } from './code-points.js';

describe('code points', () => {
  const texts = ['', 'abc', 'État ✓', '🚀🚀x', 'lone \uD800 high', 'lone \uDC00 low', '\uD800', 'e\u0301'];

  it('agree with spreading the string', () => {
    for (const text of texts) {
      expect(codePointLength(text)).toBe([...text].length);
      for (let count = 0; count <= 6; count++) expect(codePointPrefix(text, count)).toBe([...text].slice(0, count).join(''));
    }
  });

  it('stop counting past a limit', () => {
    expect(codePointLength('🚀'.repeat(100), 80)).toBe(81);
    expect(codePointLength('abc', 80)).toBe(3);
  });

  it('read only what they need of a 10 MB string', () => {
    const huge = '🚀x'.repeat(3_400_000);
    expect(codePointPrefix(huge, 3)).toBe('🚀x🚀');
    expect(codePointLength(huge, 80)).toBe(81);
    expect(codePointLength(huge)).toBe(6_800_000);
  });
});
