import { CST, Lexer } from 'yaml';
import type { Range } from './node.js';

/** One `#` comment of a YAML text: its range, from `#` to the end of its line, and its text. */
export interface YamlComment {
  readonly range: Range;
  readonly text: string;
}

/**
 * The comments of a YAML text, in order. Read with the `yaml` package's lexer, so a `#`
 * inside a quoted string, a block scalar or a plain scalar (`a#b`) is not a comment.
 */
export function yamlComments(text: string): YamlComment[] {
  const comments: YamlComment[] = [];
  let offset = 0;
  try {
    for (const token of new Lexer().lex(text)) {
      // The lexer marks document starts, flow ends and scalars with control tokens that are not in the text.
      if (token === CST.DOCUMENT || token === CST.FLOW_END || token === CST.SCALAR) continue;
      if (CST.tokenType(token) === 'comment') comments.push({ range: { start: offset, end: offset + token.length }, text: token });
      offset += token.length;
    }
  } catch {
    // The lexer reads any text; should it ever fail, the comments found so far are still right.
  }
  return comments;
}
