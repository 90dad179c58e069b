import type { Range as CoreRange, SourceDocument } from '@sfn-lint/core';
import type { Position, Range } from 'vscode-languageserver';

/** Core ranges are UTF-16 offsets, as LSP positions count characters: only lines need mapping. */
export function toRange(source: SourceDocument, range: CoreRange): Range {
  return { start: source.lineMap.zeroBased(range.start), end: source.lineMap.zeroBased(range.end) };
}

export function toOffset(source: SourceDocument, position: Position): number {
  return source.lineMap.offsetAt(position.line, position.character);
}

/** A range without the quotes around a key or string, as written. */
export function unquoted(text: string, range: CoreRange): CoreRange {
  const first = text[range.start];
  if (range.end - range.start >= 2 && (first === '"' || first === "'") && text[range.end - 1] === first) return { start: range.start + 1, end: range.end - 1 };
  return range;
}
