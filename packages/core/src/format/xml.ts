// XML 1.0 allows only tab, line feed, carriage return and U+0020–U+D7FF, U+E000–U+FFFD,
// U+10000–U+10FFFF (§2.2), not even as character references. With the u flag a lone
// surrogate is one code point, so it is caught too.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A character XML cannot carry, written as `\uXXXX` so a reader still sees what it was. */
function visible(character: string): string {
  return `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text content of an element. */
export function xmlText(text: string): string {
  return (
    text
      .replace(NOT_XML_CHARACTER, visible)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      // `]]>` may not appear in text; escaping every `>` is simplest.
      .replace(/>/g, '&gt;')
      // A parser turns a raw CR (or CRLF) into LF; the reference keeps it.
      .replace(/\r/g, '&#13;')
  );
}

/** A double-quoted attribute value. Tabs and line breaks are references: a parser would turn them into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
