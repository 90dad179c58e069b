import { isIntrinsicCall, parseIntrinsic, type IntrinsicArgument } from '../paths/intrinsic.js';
import type { VariableReference } from './jsonata-references.js';

const variableStart = /[\p{L}_]/u;
const variablePart = /[\p{L}\p{N}_]/u;

/**
 * The variable a JSONPath-mode path starts at, as in `$order.id`; undefined for `$`,
 * `$.a`, `$[0]` and `$$.Execution.Id`. Offsets count UTF-16 units of the text; leading
 * whitespace is skipped, as Step Functions trims it.
 */
export function pathVariable(text: string, offset = 0): VariableReference | undefined {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\t' || text[start] === '\n' || text[start] === '\r')) start++;
  if (text[start] !== '$' || start + 1 >= text.length || !variableStart.test(text[start + 1])) return undefined;
  let end = start + 2;
  while (end < text.length && variablePart.test(text[end])) end++;
  return { name: text.slice(start + 1, end), start: offset + start, end: offset + end };
}

/** The variables a `.$` value reads: a path, or every path among an intrinsic call's arguments. */
export interface TemplateReferences {
  readonly reads: readonly VariableReference[];
  /** False when an intrinsic call does not parse; `reads` then holds every `$name` the text shows. */
  readonly parsed: boolean;
}

const TOKEN = /\$([\p{L}_][\p{L}\p{N}_]*)/gu;

export function templateReferences(text: string): TemplateReferences {
  if (!isIntrinsicCall(text)) {
    const read = pathVariable(text);
    return { reads: read ? [read] : [], parsed: true };
  }
  const parsed = parseIntrinsic(text);
  if (parsed.problems.length > 0 || !parsed.call) {
    const reads: VariableReference[] = [];
    // Inside string literals `$x` is text, but a broken call is judged by valid-intrinsic:
    // here it only has to keep a variable from looking unused.
    for (const match of text.matchAll(TOKEN)) {
      if (match.index > 0 && text[match.index - 1] === '$') continue;
      reads.push({ name: match[1], start: match.index, end: match.index + match[0].length });
    }
    return { reads, parsed: false };
  }
  const reads: VariableReference[] = [];
  const stack: IntrinsicArgument[] = [parsed.call];
  while (stack.length > 0) {
    const arg = stack.pop()!;
    if (arg.kind === 'call') {
      for (let i = arg.args.length - 1; i >= 0; i--) stack.push(arg.args[i]);
    } else if (arg.kind === 'path') {
      const read = pathVariable(arg.text, arg.start);
      if (read) reads.push(read);
    }
  }
  return { reads, parsed: true };
}
