import { STATE_KINDS, stateFields, type DocNode, type Machine } from '@sfn-lint/core';
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toOffset } from './positions.js';
import { scopeAt, stateAt } from './state-references.js';

/** The text of the line before the cursor decides what is completed: half-typed text seldom parses. */
const STATE_NAME_VALUE = /["']?(Next|Default|StartAt)["']?\s*:\s*["']?([^"',}]*)$/;
const TYPE_VALUE = /["']?Type["']?\s*:\s*["']?([A-Za-z]*)$/;
const KEY_POSITION = /^\s*(?:["']?)([A-Za-z]*)$|[{,]\s*["']?([A-Za-z]*)$/;

/**
 * Completion of the state names of the scope in Next, Default and StartAt values, of the
 * eight state types in `Type`, and of the fields a state of its type may have.
 */
export function completion(analysis: Analysis | undefined, position: Position): CompletionItem[] {
  if (!analysis) return [];
  const { source } = analysis;
  const offset = toOffset(source, position);
  const lineStart = source.lineMap.offsetAt(position.line, 0);
  const before = source.text.slice(lineStart, offset);
  const machines: readonly Machine[] = analysis.result?.machines ?? [];
  const format = source.format;

  const stateName = STATE_NAME_VALUE.exec(before);
  if (stateName) {
    const scope = stateName[1] === 'StartAt' ? scopeAt(machines, offset) : stateAt(machines, offset)?.scope;
    if (!scope) return [];
    const from = stateAt(machines, offset);
    const range = typedRange(position, stateName[2]);
    const quoted = /["']$/.test(before.slice(0, before.length - stateName[2].length));
    return scope.states
      .filter((state) => state !== from || stateName[1] === 'StartAt')
      .map((state) => ({ label: state.name, kind: CompletionItemKind.Reference, detail: `${state.type ?? 'no'} state`, textEdit: { range, newText: written(state.name, quoted, format) } }));
  }
  const type = TYPE_VALUE.exec(before);
  if (type) {
    const range = typedRange(position, type[1]);
    const quoted = /["']$/.test(before.slice(0, before.length - type[1].length));
    return STATE_KINDS.map((kind) => ({ label: kind, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: written(kind, quoted, format) } }));
  }

  if (KEY_POSITION.test(before)) {
    const state = stateAt(machines, offset);
    if (!state || !state.type || (state.node.keyRange && offset <= state.node.keyRange.end)) return [];
    // Only directly in the state's object: not in its Parameters, a retrier or a nested state.
    if (innermostObject(state.node, offset) !== state.node) return [];
    const present = new Set((state.node.children ?? []).map((child) => child.key));
    return stateFields(state.type, state.queryLanguage)
      .filter((field) => !present.has(field.name))
      .map((field) => ({ label: field.name, kind: CompletionItemKind.Field, detail: field.required ? 'required' : undefined, sortText: `${field.required ? 0 : 1}${field.name}` }));
  }
  return [];
}

/** The range of what has been typed of a value, which the completion replaces. */
function typedRange(position: Position, typed: string): Range {
  return { start: { line: position.line, character: position.character - typed.length }, end: position };
}

/** A name as it goes after what is typed: inside the quote already there, or quoted when JSON needs it. */
function written(name: string, quoted: boolean, format: 'json' | 'yaml'): string {
  if (quoted) return name;
  return format === 'json' || /^[\s'"#&*!|>%@`{}[\],?:-]|[:#]|\s$/.test(name) ? JSON.stringify(name) : name;
}

/** The innermost object node that holds an offset, starting from a node that does. */
function innermostObject(node: DocNode, offset: number): DocNode {
  for (const child of node.children ?? []) {
    if (child.kind !== 'object' && child.kind !== 'array') continue;
    if (child.range.start < offset && offset < child.range.end) {
      const inner = innermostObject(child, offset);
      return inner.kind === 'object' ? inner : child;
    }
  }
  return node;
}
