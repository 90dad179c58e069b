import { renameKey, replaceString, type Machine, type Scope, type State, type TemplateMachine, type TextEdit as CoreEdit } from '@sfn-lint/core';
import { DocumentSymbol, ResponseError, SymbolKind, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toOffset, toRange, unquoted } from './positions.js';
import { machineOfScope, machinesOf, nameAndScope, referencesTo, stateOfTarget, targetAt } from './state-references.js';

/** Go to definition: from a transition or StartAt to the key of the state it names. */
export function definition(analysis: Analysis, position: Position): Location[] {
  const target = targetAt(machinesOf(analysis.result), toOffset(analysis.source, position));
  if (target?.kind !== 'reference') return [];
  const state = stateOfTarget(target);
  if (!state?.node.keyRange) return [];
  return [{ uri: analysis.uri, range: toRange(analysis.source, state.node.keyRange) }];
}

/** Find references: every transition into the state, within its scope, and its key when asked. */
export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const machines = machinesOf(analysis.result);
  const target = targetAt(machines, toOffset(analysis.source, position));
  if (!target) return [];
  const { name, scope } = nameAndScope(target);
  const machine = machineOfScope(machines, scope);
  if (!machine) return [];
  const locations: Location[] = [];
  const state = scope.byName.get(name);
  if (includeDeclaration && state?.node.keyRange) locations.push({ uri: analysis.uri, range: toRange(analysis.source, state.node.keyRange) });
  for (const reference of referencesTo(machine, scope, name)) locations.push({ uri: analysis.uri, range: toRange(analysis.source, reference.node.range) });
  return locations;
}

/** The name under the cursor that can be renamed, without its quotes. */
export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } | null {
  const target = targetAt(machinesOf(analysis.result), toOffset(analysis.source, position));
  if (!target) return null;
  const state = stateOfTarget(target);
  if (!state) throw new ResponseError(0, `No state named "${nameAndScope(target).name}" in this scope: there is nothing to rename.`);
  const written = target.kind === 'key' ? state.node.keyRange! : target.reference.node.range;
  return { range: toRange(analysis.source, unquoted(analysis.source.text, written)), placeholder: state.name };
}

/** Rename a state: its key and every reference to it in its scope, and nothing in other scopes. */
export function rename(analysis: Analysis, position: Position, newName: string): WorkspaceEdit | null {
  const machines = machinesOf(analysis.result);
  const target = targetAt(machines, toOffset(analysis.source, position));
  if (!target) return null;
  const state = stateOfTarget(target);
  if (!state) return null;
  if (newName === state.name) return { changes: { [analysis.uri]: [] } };
  if (newName.trim() === '') throw new ResponseError(0, 'A state name cannot be empty.');
  const machine = machineOfScope(machines, state.scope);
  if (!machine) return null;
  // References stay within the scope, but AWS wants every name unique across the machine.
  if (state.scope.byName.has(newName)) throw new ResponseError(0, `A state named "${newName}" already exists in this scope.`);
  if (machine.states.some((other) => other.name === newName)) throw new ResponseError(0, `A state named "${newName}" already exists in another scope: AWS wants state names unique across the whole state machine.`);
  const edits: CoreEdit[] = [];
  const key = renameKey(analysis.source, state.node, newName);
  if (!key) throw new ResponseError(0, `The name of "${state.name}" cannot be edited in place here (a DefinitionString, or a YAML alias).`);
  edits.push(...key);
  for (const reference of referencesTo(machine, state.scope, state.name)) {
    const edit = replaceString(analysis.source, reference.node, newName);
    if (!edit) throw new ResponseError(0, `A reference to "${state.name}" cannot be edited in place, so the rename would be partial.`);
    edits.push(...edit);
  }
  return { changes: { [analysis.uri]: edits.map((edit): TextEdit => ({ range: toRange(analysis.source, edit.range), newText: edit.text })) } };
}

const KINDS: Record<State['kind'], SymbolKind> = {
  Task: SymbolKind.Function,
  Choice: SymbolKind.Enum,
  Pass: SymbolKind.Variable,
  Wait: SymbolKind.Event,
  Succeed: SymbolKind.Constant,
  Fail: SymbolKind.Constant,
  Parallel: SymbolKind.Module,
  Map: SymbolKind.Array,
  Unknown: SymbolKind.Object,
};

/** The outline: states in source order, Parallel branches and Map processors nested under their state, and each template machine on top. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const result = analysis.result;
  if (!result) return [];
  const { source } = analysis;
  const symbolsOf = (scope: Scope): DocumentSymbol[] =>
    scope.states.map((state) => {
      const children =
        state.kind === 'Parallel'
          ? state.scopes.map((branch, index) => DocumentSymbol.create(`Branch ${index + 1}`, undefined, SymbolKind.Namespace, toRange(source, branch.node.range), toRange(source, branch.node.range), symbolsOf(branch)))
          : state.scopes.flatMap(symbolsOf);
      const keyRange = state.node.keyRange ?? state.node.range;
      return DocumentSymbol.create(state.name || '(empty name)', state.type ?? 'no Type', KINDS[state.kind], toRange(source, { start: keyRange.start, end: state.node.range.end }), toRange(source, keyRange), children);
    });
  return result.machines.map((machine): DocumentSymbol[] | DocumentSymbol => {
    const states = symbolsOf(machine.scope);
    const embedding = embeddingOf(result.templateMachines, machine);
    if (!embedding) return states;
    const resource = embedding.resource.node;
    const keyRange = resource.keyRange ?? resource.range;
    return DocumentSymbol.create(embedding.label, 'state machine', SymbolKind.Class, toRange(source, { start: keyRange.start, end: resource.range.end }), toRange(source, keyRange), states);
  }).flat();
}

function embeddingOf(templateMachines: readonly TemplateMachine[] | undefined, machine: Machine): TemplateMachine | undefined {
  return templateMachines?.find((candidate) => candidate.definition === machine.root);
}
