import { afterEach, describe, expect, it } from 'vitest';
import { endShortRunTuning, holdYoungGenerationFor, tuneBeforeFile, tuneForText } from './short-run-tuning.js';

const CAP = Symbol.for('sfn-lint.tier-cap');
const HOLD = Symbol.for('sfn-lint.young-generation-hold');
const marks = globalThis as Record<symbol, unknown>;

describe('the short-run settings', () => {
  afterEach(() => {
    delete marks[CAP];
    delete marks[HOLD];
  });

  it('end before worker threads start', () => {
    marks[CAP] = true;
    marks[HOLD] = true;
    endShortRunTuning();
    expect([marks[CAP], marks[HOLD]]).toEqual([false, false]);
  });

  it('end between files once the run has gone on long enough, each one that was made', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 450 - process.uptime() * 1000)));
    marks[HOLD] = true;
    tuneBeforeFile();
    expect([marks[CAP], marks[HOLD]]).toEqual([undefined, false]);
  });

  it('hold the young generation for a large file of a short run only', () => {
    holdYoungGenerationFor(10 * 1024 * 1024);
    expect(marks[HOLD]).toBeUndefined();
    marks[CAP] = true;
    holdYoungGenerationFor(10 * 1024);
    expect(marks[HOLD]).toBeUndefined();
    holdYoungGenerationFor(1024 * 1024);
    expect(marks[HOLD]).toBe(true);
    endShortRunTuning();
    expect([marks[CAP], marks[HOLD]]).toEqual([false, false]);
  });

  it('end before a long YAML text, and hold the young generation for a large JSON one', () => {
    marks[CAP] = true;
    tuneForText(200 * 1024, 'yaml');
    expect([marks[CAP], marks[HOLD]]).toEqual([true, undefined]);
    tuneForText(1024 * 1024, 'json');
    expect([marks[CAP], marks[HOLD]]).toEqual([true, true]);
    tuneForText(300 * 1024, 'yaml');
    expect([marks[CAP], marks[HOLD]]).toEqual([false, false]);
  });

  it("stay on through the build's code-cache run, however long it lasts", async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 450 - process.uptime() * 1000)));
    process.env.SFN_LINT_WRITE_CODE_CACHE = '1';
    try {
      marks[CAP] = true;
      marks[HOLD] = true;
      tuneBeforeFile();
      endShortRunTuning();
      expect([marks[CAP], marks[HOLD]]).toEqual([true, true]);
    } finally {
      delete process.env.SFN_LINT_WRITE_CODE_CACHE;
    }
  });

  it('are left alone when the bin made none', () => {
    endShortRunTuning();
    tuneBeforeFile();
    expect([marks[CAP], marks[HOLD]]).toEqual([undefined, undefined]);
  });
});
