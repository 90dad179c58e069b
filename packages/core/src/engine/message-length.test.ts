import { describe, expect, it } from 'vitest';
import { codePointPrefix } from '../text/code-points.js';
import { boundedMessage } from './message-length.js';

/** What the bound means, written the simple way: every quote pair cut, then the start and the end kept. */
function simplyBounded(message: string): string {
  if (message.length <= 200) return message;
  const pieces = message.split('"');
  // An odd piece lies between a pair of quotes, unless it is the last one after an unpaired quote.
  const cut = pieces.map((piece, i) => (i % 2 === 1 && i < pieces.length - 1 && piece.length > 200 ? `${codePointPrefix(piece, 60)}…` : piece)).join('"');
  return cut.length <= 4000 ? cut : `${codePointPrefix(cut, 2000)} … ${cut.slice(cut.length - 1000)}`;
}

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

  it('keeps the start and the end of a message whose long quote is full of quotes, as if every pair were cut', () => {
    for (const inner of ['a"', '$ " ', '"', `🚀"${'x'.repeat(300)}`]) {
      // An even and an odd number of quotes in all.
      const even = Math.ceil(2_000_000 / inner.length) * 2;
      for (const count of [even, even + 1]) {
        const message = `Key "${inner.repeat(count)}" is duplicated: remove "it" or rename it.`;
        expect(boundedMessage(message)).toBe(simplyBounded(message));
      }
    }
  });

  it('gives what cutting every pair gives, on random messages', () => {
    const chunks = ['"', 'a', 'bc ', '🚀', 'x'.repeat(150), 'y'.repeat(250), `"${'z'.repeat(300)}"`, 'q'.repeat(1000), '"""'];
    let seed = 11;
    const random = (below: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below);
    for (let i = 0; i < 5000; i++) {
      let message = '';
      for (let n = random(i % 10 === 0 ? 300 : 40); n > 0; n--) message += chunks[random(chunks.length)];
      expect(boundedMessage(message)).toBe(simplyBounded(message));
    }
  });
});
