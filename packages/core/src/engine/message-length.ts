import { codePointPrefix } from '../text/code-points.js';

/** A quoted name or value longer than this is cut in a message. */
const LONG_QUOTE = 200;
/** No message is longer than this, whatever it quotes. */
const MAX_MESSAGE = 4000;

/**
 * A message with the names and values it quotes cut to a readable length. Rules quote what
 * the user wrote ("Next" of state "A" names "B"…), and a 10 MB state name made a 20 MB
 * message that every format then had to carry. Normal messages come back unchanged.
 */
export function boundedMessage(message: string): string {
  if (message.length <= LONG_QUOTE) return message;
  // Quotes pair up from the start, as the rules write them. A scan, not a regular
  // expression: matching a 10 MB run overflows the regular expression engine's stack.
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const open = message.indexOf('"', from);
    const close = open < 0 ? -1 : message.indexOf('"', open + 1);
    if (close < 0) break;
    parts.push(message.slice(from, open + 1));
    parts.push(close - open - 1 > LONG_QUOTE ? `${codePointPrefix(message.slice(open + 1, close), 60)}…` : message.slice(open + 1, close));
    parts.push('"');
    from = close + 1;
  }
  parts.push(message.slice(from));
  const cut = parts.join('');
  if (cut.length <= MAX_MESSAGE) return cut;
  // A quoted text with quotes of its own: keep the message's start and end.
  return `${codePointPrefix(cut, MAX_MESSAGE / 2)} … ${cut.slice(cut.length - MAX_MESSAGE / 4)}`;
}
