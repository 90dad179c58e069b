import { createScanner } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { createJsonScanner, Token } from './json-scanner.js';
import { parseJsonTolerant } from './json.js';

/** Every token of a scan: kind, offset, length, value and error. */
function tokens(next: () => number, scanner: { getTokenOffset(): number; getTokenLength(): number; getTokenValue(): string; getTokenError(): number }) {
  const found: unknown[] = [];
  for (let i = 0; i < 200; i++) {
    const token = next();
    found.push([token, scanner.getTokenOffset(), scanner.getTokenLength(), scanner.getTokenValue(), scanner.getTokenError()]);
    if (token === Token.EOF) break;
  }
  return found;
}

/** jsonc-parser's tokens, past trivia (and comments too unless kept). */
function packageTokens(text: string, keepComments: boolean, from: number) {
  const scanner = createScanner(text, !keepComments);
  if (from > 0) scanner.setPosition(from);
  const next = (): number => {
    let token: number = scanner.scan();
    while (token === Token.LineBreak || token === Token.Trivia) token = scanner.scan();
    return token;
  };
  return tokens(next, scanner);
}

function ownTokens(text: string, keepComments: boolean, from: number) {
  const scanner = createJsonScanner(text, keepComments);
  if (from > 0) scanner.setPosition(from);
  return tokens(() => scanner.scan(), scanner);
}

describe('createJsonScanner', () => {
  it('gives the tokens, values and errors of jsonc-parser on every kind of broken text', () => {
    const pieces = ['"', '\\', 'u', '0', 'a', 'F', 'g', '\n', '\r', ' ', '\t', '\u0001', '/', '*', '{', '}', '[', ']', ':', ',', '-', '1', '.', 'e', '+', 'n', 'null', 'true', '\u2028', 'é', '\ud800', '$', '/*', '//', '*/'];
    let seed = 7;
    const random = (below: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = random(40); n > 0; n--) text += pieces[random(pieces.length)];
      const from = i % 3 === 0 ? Math.min(1, text.length) : 0;
      for (const keepComments of [false, true]) expect(ownTokens(text, keepComments, from), JSON.stringify(text)).toEqual(packageTokens(text, keepComments, from));
    }
  });

  it('reads a 10 MB string of escapes', () => {
    const body = '\\n\\"\\u00e9x'.repeat(1_000_000);
    const scanner = createJsonScanner(`["${body}", 1]`, false);
    expect(scanner.scan()).toBe(Token.OpenBracket);
    expect(scanner.scan()).toBe(Token.String);
    expect(scanner.getTokenValue()).toBe('\n"éx'.repeat(1_000_000));
    expect([scanner.getTokenOffset(), scanner.getTokenLength(), scanner.getTokenError()]).toEqual([1, body.length + 2, 0]);
    expect(scanner.scan()).toBe(Token.Comma);
  });

  it('lets the tolerant parser read a 10 MB string in broken JSON', () => {
    const long = 'arn:aws:states:::\\n'.repeat(500_000);
    const text = `{"StartAt": "${long}", "States": {`;
    const { root, problems } = parseJsonTolerant(text);
    expect(root!.children![0].value).toBe('arn:aws:states:::\n'.repeat(500_000));
    expect(problems.map((p) => p.message)).toEqual(['Unexpected end of file: 2 containers are not closed.']);
  });
});
