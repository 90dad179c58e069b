import { STATE_KINDS, stateFields, type Machine } from '@sfn-lint/core';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
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
  const quoted = /["']$|["'][^"']*$/.test(before.replace(/^[^:]*:\s*/, ''));

  const stateName = STATE_NAME_VALUE.exec(before);
  if (stateName) {
    const scope =
      stateName[1] === 'StartAt'
        ? scopeAt(machines, offset)
        : stateAt(machines, offset)?.scope;
    if (!scope) return [];
    const from = stateAt(machines, offset);
    return scope.states
      .filter((state) => state !== from || stateName[1] === 'StartAt')
      .map((state) => ({ label: state.name, kind: CompletionItemKind.Reference, detail: `${state.type ?? 'no'} state`, ...(quoted || source.format === 'yaml' ? {} : { insertText: JSON.stringify(state.name) }) }));
  }
  const type = TYPE_VALUE.exec(before);
  if (type) return STATE_KINDS.map((kind) => ({ label: kind, kind: CompletionItemKind.EnumMember, ...(quoted || source.format === 'yaml' ? {} : { insertText: JSON.stringify(kind) }) }));

  if (KEY_POSITION.test(before)) {
    const state = stateAt(machines, offset);
    if (!state || !state.type || (state.node.keyRange && offset <= state.node.keyRange.end)) return [];
    const present = new Set((state.node.children ?? []).map((child) => child.key));
    return stateFields(state.type, state.queryLanguage)
      .filter((field) => !present.has(field.name))
      .map((field) => ({ label: field.name, kind: CompletionItemKind.Field, detail: field.required ? 'required' : undefined, sortText: `${field.required ? 0 : 1}${field.name}` }));
  }
  return [];
}
