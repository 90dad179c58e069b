import { describe, expect, it } from 'vitest';
import { runSoak } from '../scripts/soak.mjs';

describe('language server soak', () => {
  it('answers every request through 1,000 random edits, half-typed text included, and its memory stays flat', async () => {
    const result = await runSoak({ edits: 1000, documents: 2, seed: 7 });
    expect(result.answered).toBe(1000);
    expect(result.exitCode).toBe(0);
    // After a collection, the heap at the end is within the tolerance of the heap after warm-up.
    expect(result.end.heapUsed).toBeLessThan(result.warm.heapUsed * 1.5 + 8 * 1024 * 1024);
    expect(result.stderr).toBe('');
  }, 120_000);
});
