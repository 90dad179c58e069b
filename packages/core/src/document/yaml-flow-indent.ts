/**
 * CloudFormation and the SAM CLI read YAML with parsers that let a flow collection close
 * at the indentation of the key that opened it:
 *
 *     VpcConfig: !If [UseVPC, {
 *       SubnetIds: !Ref Subnets
 *     }, !Ref AWS::NoValue]
 *
 * YAML 1.2 requires the `}` line to be indented further, and the `yaml` package stops
 * there, which turns the rest of a popular, deployable template into syntax errors. This
 * module indents such lines just enough and keeps a map back to the original offsets, so
 * that a second parse succeeds and every range still points at the user's text.
 */

export interface IndentRepair {
  readonly text: string;
  /** For each offset of the repaired text (and its end), the offset in the original. */
  readonly original: Int32Array;
}

const TOKEN_START = new Set(['', ' ', '\t', '[', '{', ',', ':', '-', '?']);

/** The repaired text, or undefined when no line needed more indentation. */
export function repairFlowIndentation(text: string): IndentRepair | undefined {
  const pieces: string[] = [];
  const inserts: { at: number; count: number }[] = [];
  let depth = 0;
  let openerIndent = -1;
  let blockParent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';

    if (blockParent >= 0) {
      if (blank || indent > blockParent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockParent = -1;
    }
    if (depth > 0 && !blank && indent <= openerIndent) inserts.push({ at: lineStart, count: openerIndent + 1 - indent });

    let quote = '';
    let previous = '';
    for (let i = indent; i < line.length; i++) {
      const char = line[i];
      if (quote) {
        if (char === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        } else if (char === '\\' && quote === '"') i++;
        previous = char;
        continue;
      }
      if ((char === '"' || char === "'") && TOKEN_START.has(previous)) quote = char;
      else if (char === '#' && (previous === '' || previous === ' ' || previous === '\t')) break;
      else if ((char === '[' || char === '{') && (depth > 0 || TOKEN_START.has(previous))) {
        if (depth === 0) openerIndent = indent;
        depth++;
      } else if ((char === ']' || char === '}') && depth > 0) depth--;
      previous = char;
    }
    if (depth === 0 && /(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$/.test(line.trimEnd()) && /[:-]\s+[|>]/.test(line)) blockParent = indent;
    lineStart = lineEnd + 1;
  }
  if (inserts.length === 0) return undefined;

  const original = new Int32Array(text.length + inserts.reduce((sum, insert) => sum + insert.count, 0) + 1);
  let from = 0;
  let to = 0;
  for (const { at, count } of inserts) {
    pieces.push(text.slice(from, at), ' '.repeat(count));
    for (; from < at; from++) original[to++] = from;
    for (let k = 0; k < count; k++) original[to++] = at;
  }
  pieces.push(text.slice(from));
  for (; from <= text.length; from++) original[to++] = from;
  return { text: pieces.join(''), original };
}
