// Code points (what a person counts as characters, and what AWS's length limits count)
// without spreading a string into an array: a value can be megabytes long, and a message
// needs only its start.

/** The first `count` code points of a text. */
export function codePointPrefix(text: string, count: number): string {
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken++) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return text.slice(0, end);
}

/** How many code points a text has, or `limit + 1` once it has more than `limit`. */
export function codePointLength(text: string, limit = Infinity): number {
  let length = 0;
  for (let i = 0; i < text.length && length <= limit; i++, length++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}
