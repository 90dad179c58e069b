import { describe, expect, it } from 'vitest';
import { boundedMessage } from './message-length.js';

describe('boundedMessage', () => {
  it('leaves ordinary messages alone', () => {
    const message = `"Next" of state "Charge card" names "Ship ordre", which is not a state at the top level, so AWS rejects the definition. Did you mean "Ship order"? ${'x'.repeat(300)}`;
    expect(boundedMessage(message)).toBe(message);
  });

  it('cuts a long quoted name and keeps the rest of the message', () => {
    const name = `🚀${'a'.repeat(10_000_000)}`;
    const bounded = boundedMessage(`"Next" of state "A" names "${name}", which is not a state. Fix it.`);
    expect(bounded).toBe(`"Next" of state "A" names "🚀${'a'.repeat(59)}…", which is not a state. Fix it.`);
  });

  it('bounds a message whose long quote has quotes in it', () => {
    const bounded = boundedMessage(`State "${'a"'.repeat(5_000_000)}" is wrong. Fix it.`);
    expect(bounded.length).toBeLessThanOrEqual(4003);
    expect(bounded.endsWith('is wrong. Fix it.')).toBe(true);
  });
});
