import { afterEach, describe, expect, it } from 'vitest';
import { liftTierCap, liftTierCapWhenLong } from './compiler-tiers.js';

const CAP = Symbol.for('sfn-lint.tier-cap');
const marks = globalThis as Record<symbol, unknown>;

describe('the tier cap', () => {
  afterEach(() => {
    delete marks[CAP];
  });

  it('is lifted before worker threads start', () => {
    marks[CAP] = true;
    liftTierCap();
    expect(marks[CAP]).toBe(false);
  });

  it('is lifted between files once the run has gone on long enough', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 450 - process.uptime() * 1000)));
    marks[CAP] = true;
    liftTierCapWhenLong();
    expect(marks[CAP]).toBe(false);
  });

  it('is left alone when the bin set none', () => {
    liftTierCap();
    liftTierCapWhenLong();
    expect(marks[CAP]).toBeUndefined();
  });
});
