import { codePointPrefix } from '../text/code-points.js';

/** A quoted name or value longer than this is cut in a message. */
const LONG_QUOTE = 200;
/** No message is longer than this, whatever it quotes. */
const MAX_MESSAGE = 4000;
const HEAD = MAX_MESSAGE / 2;
const TAIL = MAX_MESSAGE / 4;

/**
 * A message with the names and values it quotes cut to a readable length. Rules and
 * parsers quote what the user wrote ("Next" of state "A" names "B"…), and a 10 MB state
 * name made a 20 MB message that every format then had to carry. Normal messages come back
 * unchanged.
 *
 * Quotes pair up from the start, as the rules write them. A message still too long keeps its
 * start and its end: those are all that is built, so a 10 MB name full of quotes of its own
 * costs one pass over it, not a part per quote.
 */
export function boundedMessage(message: string): string {
  if (message.length <= LONG_QUOTE) return message;
  const { text, complete } = cutFromStart(message);
  if (complete && text.length <= MAX_MESSAGE) return text;
  const tail = complete ? text.slice(text.length - TAIL) : cutEnd(message);
  return `${codePointPrefix(text, HEAD)} … ${tail}`;
}

/** A quoted text as the message shows it. */
const shown = (quoted: string): string => (quoted.length > LONG_QUOTE ? `${codePointPrefix(quoted, 60)}…` : quoted);

/**
 * The message with its quotes cut, from the start until it is longer than MAX_MESSAGE
 * (`complete` false: it goes on) or the message ends. A scan, not a regular expression:
 * matching a 10 MB run overflows the regular expression engine's stack.
 */
function cutFromStart(message: string): { text: string; complete: boolean } {
  const parts: string[] = [];
  let length = 0;
  let from = 0;
  for (;;) {
    if (length > MAX_MESSAGE) return { text: parts.join(''), complete: false };
    const open = message.indexOf('"', from);
    const close = open < 0 ? -1 : message.indexOf('"', open + 1);
    if (close < 0) break;
    const part = `${message.slice(from, open + 1)}${shown(message.slice(open + 1, close))}"`;
    parts.push(part);
    length += part.length;
    from = close + 1;
  }
  parts.push(message.slice(from));
  return { text: parts.join(''), complete: true };
}

/** The last TAIL characters of the message with its quotes cut, built from the end. */
function cutEnd(message: string): string {
  // Quotes pair up from the start, so with an odd number of them the last one is plain text.
  let quotes = 0;
  for (let i = 0; i < message.length; i++) if (message.charCodeAt(i) === 0x22) quotes++;
  const before = (end: number): number => (end <= 0 ? -1 : message.lastIndexOf('"', end - 1));
  let close = before(message.length);
  if (quotes % 2 === 1) close = before(close);
  const parts: string[] = [];
  let length = 0;
  let to = message.length;
  for (;;) {
    // The plain text after the pair (or, with no pair left, before everything written).
    const plainFrom = close < 0 ? 0 : close + 1;
    const plain = message.slice(Math.max(plainFrom, to - (TAIL - length)), to);
    parts.push(plain);
    length += plain.length;
    if (close < 0 || length >= TAIL) break;
    const open = before(close);
    const quoted = `"${shown(message.slice(open + 1, close))}"`;
    parts.push(quoted);
    length += quoted.length;
    if (length >= TAIL) break;
    to = open;
    close = before(open);
  }
  const text = parts.reverse().join('');
  return text.slice(text.length - TAIL);
}
