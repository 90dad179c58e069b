import { describe, expect, it } from 'vitest';
import { lintText } from './lint.js';

describe('messages that are not from rules', () => {
  it('cut what a parse error quotes to a readable length', () => {
    const key = 'k'.repeat(10_000_000);
    const { diagnostics } = lintText('machine.asl.json', `{"StartAt": "A", "${key}" 1}`, { rules: [] });
    expect(diagnostics.map((d) => d.message)).toContain(`Expected ":" after the property name "${'k'.repeat(60)}…".`);
    expect(Math.max(...diagnostics.map((d) => d.message.length))).toBeLessThan(4100);
  });
});
