import { hasSubstitution } from './fields.js';
import { INTRINSIC_FUNCTIONS, isIntrinsicCall, parseIntrinsic } from './intrinsic.js';
import { checkJsonPath } from './jsonpath.js';

export type PathLike = 'path' | 'intrinsic';

/**
 * Whether a literal string reads as something Step Functions would evaluate under a
 * `.$` key: a path from the input or the context object (`$`, `$.x`, `$[0]`, `$$.x`)
 * that compiles, or a well-formed call of a known intrinsic function. Deliberately
 * narrow, since deployed workflows do pass literal `$` text: a price (`$5`, `$.99`),
 * a `${Placeholder}`, a variable-like `$name`, text with spaces or padding.
 */
export function pathLike(text: string): PathLike | undefined {
  // Only `$…` and `States.…` can qualify; most payload strings start otherwise.
  const first = text.charCodeAt(0);
  if (first !== 0x24 /* $ */ && first !== 0x53 /* S */) return undefined;
  if (text !== text.trim() || hasSubstitution(text)) return undefined;
  if (text.startsWith('States.')) {
    if (!isIntrinsicCall(text)) return undefined;
    const parsed = parseIntrinsic(text);
    return parsed.problems.length === 0 && parsed.call && parsed.call.end === text.length && INTRINSIC_FUNCTIONS.has(parsed.call.name) ? 'intrinsic' : undefined;
  }
  if (text !== '$' && !/^\$(?:\.|\[|\$\.)/.test(text)) return undefined;
  // "$.99" is a price more often than a field named "99".
  if (/^\$\.\d/.test(text)) return undefined;
  return checkJsonPath(text) === undefined ? 'path' : undefined;
}

/**
 * Keys whose value some service evaluates as JSONPath itself, so a literal path is meant:
 * SageMaker's InputFilter and OutputFilter, EventBridge's InputPath, Glue's JsonPath, and
 * by extension any key ending in "Path" or "Filter", and Choice-like `Variable` (a
 * definition passed as data). A lone "$" under a key about money or symbols is the sign.
 */
export function literalByName(key: string, value: string): boolean {
  if (/(?:Path|Paths|Filter)$/i.test(key) || key === 'Variable') return true;
  return value === '$' && /currency|symbol|sign|unit|prefix|suffix|char/i.test(key);
}

/** Containers whose members are JSONPath text for another service: EventBridge's InputPathsMap. */
export function literalContainer(key: string | undefined): boolean {
  return key !== undefined && /PathsMap$/i.test(key);
}
