import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { member, parseDocument, scopeGraph, type DocNode, type Machine } from '@sfn-lint/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { Analyser, type Analysis } from './analysis.js';
import { ConfigLookup } from './config-lookup.js';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** Every JSON definition among the fixtures (the examples and each rule's valid and invalid cases), and each as YAML. */
function definitionFixtures(): { name: string; text: string }[] {
  const files = readdirSync(join(FIXTURES, 'examples')).map((name) => join('examples', name));
  for (const rule of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!rule.isDirectory()) continue;
    for (const kind of ['valid', 'invalid']) {
      let names: string[] = [];
      try {
        names = readdirSync(join(FIXTURES, rule.name, kind));
      } catch {
        continue;
      }
      for (const name of names) if (name.endsWith('.asl.json')) files.push(join(rule.name, kind, name));
    }
  }
  const json = files.map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));
  // The same definitions as YAML, for its fast path.
  const yaml = json.map(({ name, text }) => ({ name: name.replace(/\.json$/, '.yaml'), text: YAML.stringify(JSON.parse(text), { lineWidth: 0 }) }));
  return [...json, ...yaml];
}

function analyser(reuse: boolean, settings: ServerSettings = DEFAULT_SETTINGS): Analyser {
  return new Analyser({
    settings: () => settings,
    reuseTree: () => reuse,
    configs: new ConfigLookup(() => FIXTURES),
    roots: () => [],
    openText: () => undefined,
  });
}

/** What a user sees of an analysis, and the model the other requests read. */
function outcome(analysis: Analysis): unknown {
  const result = analysis.result;
  return {
    diagnostics: result?.diagnostics.map(({ ruleId, severity, message, range, statePath, related }) => ({ ruleId, severity, message, range, statePath, related })),
    machines: result?.machines.map(modelShape),
  };
}

/** The model as plain data: each state's fields by range and value, and its edges. */
function modelShape(machine: Machine): unknown {
  const node = (field: DocNode | undefined) => field && { start: field.range.start, end: field.range.end, value: field.value };
  return machine.scopes.map((scope) => ({
    kind: scope.kind,
    path: scope.path,
    states: scope.states.map((state) => ({
      name: state.name,
      kind: state.kind,
      scope: state.scope === scope,
      node: node(state.node),
      resultPath: node(state.resultPath),
      resource: node(state.resource),
      retry: state.retry.map((retrier) => retrier.errors.map((error) => error.name)),
      transitions: state.transitions.map((transition) => [transition.kind, transition.target, transition.from === state, node(transition.node)]),
    })),
    byName: [...scope.byName.values()].every((state, index) => scope.states[index] === state),
    owner: scope.owner === undefined || machine.states.includes(scope.owner),
  }));
}

/** Every string value of a definition (not keys) and every number, as [start, end) of the text between a quoted string's quotes, or of a plain scalar. */
function valueSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const stack: DocNode[] = [...parseDocument(text.startsWith('{') ? 'm.asl.json' : 'm.asl.yaml', text).roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const quoted = text[node.range.start] === '"' || text[node.range.start] === "'";
    if (node.kind === 'string') spans.push(quoted ? [node.range.start + 1, node.range.end - 1] : [node.range.start, node.range.end]);
    if (node.kind === 'number') spans.push([node.range.start, node.range.end]);
    stack.push(...(node.children ?? []));
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

describe('Analyser after an edit inside a string', () => {
  const fixtures = definitionFixtures();

  it('gives the diagnostics and model of a fresh analysis, for edits in every string and number of every fixture', () => {
    expect(fixtures.length).toBeGreaterThan(40);
    let edits = 0;
    for (const { name, text } of fixtures) {
      const uri = pathToFileURL(join(FIXTURES, name)).href;
      const spans = valueSpans(text);
      // YAML parses are slower: a quarter of its values, which still meets every kind of edit.
      const stride = name.endsWith('.yaml') ? 4 : 1;
      for (let i = 0; i < spans.length; i += stride) {
        // Each value of the intact file gets one edit, then a second value gets another on
        // the tree the first left, as typing does. Some edits keep the state's shape;
        // others change a type, a transition's target or a StartAt, or leave a number that
        // is not one (which must be parsed afresh).
        const incremental = analyser(true);
        const document = TextDocument.create(uri, name.endsWith('.yaml') ? 'yaml' : 'json', 1, text);
        incremental.analyse(document);
        for (const [index, kind] of [[i, (i / stride) % 3], [(i * 7 + 3) % spans.length, 0]]) {
          // A number replaced with a word is no JSON: the tolerant parse may find fewer values.
          const span = valueSpans(document.getText())[index];
          if (!span) continue;
          const [start, end] = span;
          // Append a character, empty the value, or replace it with a state type.
          const replacement = kind === 0 ? '5' : kind === 1 ? '' : 'Succeed';
          const range = { start: document.positionAt(kind === 0 ? end : start), end: document.positionAt(end) };
          TextDocument.update(document, [{ range, text: replacement }], document.version + 1);
          const reused = incremental.analyse(document);
          const fresh = analyser(false).analyse(document);
          expect(outcome(reused), `${name}, edit of value ${index}`).toEqual(outcome(fresh));
          edits++;
        }
      }
    }
    expect(edits).toBeGreaterThan(1000);
  });

  it('builds again only the state that holds the edited string', () => {
    const text = readFileSync(join(FIXTURES, 'examples', 'fulfilment-workflow.asl.json'), 'utf8');
    const uri = pathToFileURL(join(FIXTURES, 'examples', 'fulfilment-workflow.asl.json')).href;
    const incremental = analyser(true);
    let document = TextDocument.create(uri, 'json', 1, text);
    let machine = incremental.analyse(document).result!.machines[0];
    const stateNamed = (name: string) => machine.states.find((state) => state.name === name)!;
    /** Appends to a string or number field, analyses, and returns the states that are new objects. */
    const appendTo = (field: DocNode, insert: string): string[] => {
      const at = document.positionAt(field.kind === 'string' ? field.range.end - 1 : field.range.end);
      document = TextDocument.update(document, [{ range: { start: at, end: at }, text: insert }], document.version + 1);
      const before = new Set(machine.states);
      const after = incremental.analyse(document).result!.machines[0];
      expect(after).not.toBe(machine);
      machine = after;
      return machine.states.filter((state) => !before.has(state)).map((state) => state.name);
    };

    // A Task inside the Map inside the Parallel.
    expect(appendTo(stateNamed('Reserve item').resource!, '-x')).toEqual(['Reserve item']);
    // A Next target: the state's edge changes, and its scope's graph follows.
    const graphBefore = scopeGraph(machine.scope);
    expect(appendTo(stateNamed('Validate order').next!, 'x')).toEqual(['Validate order']);
    expect(stateNamed('Validate order').transitions[0].target).toBe('In stock?x');
    expect(scopeGraph(machine.scope)).not.toBe(graphBefore);
    expect(scopeGraph(machine.scope).dangling.map((transition) => transition.target)).toContain('In stock?x');
    // A Map's own field: its processor and the states in it stay, with the new record as owner.
    const processor = stateNamed('Reserve items').scopes[0];
    expect(appendTo(stateNamed('Reserve items').itemsPath!, '.all')).toEqual(['Reserve items']);
    expect(stateNamed('Reserve items').scopes[0]).toBe(processor);
    expect(processor.owner).toBe(stateNamed('Reserve items'));
    // A digit typed after a number.
    expect(appendTo(stateNamed('Reserve items').maxConcurrency!, '0')).toEqual(['Reserve items']);
    expect(stateNamed('Reserve items').maxConcurrency!.value).toBe(50);
    // A processor's StartAt changes how its scope reads: the whole model is built again.
    const startAt = member(stateNamed('Reserve items').processorNode, 'StartAt')!;
    expect(appendTo(startAt, 'x')).toHaveLength(machine.states.length);
  });

  it('takes a YAML document over the same way, when its scalars are plain', () => {
    const yaml = YAML.stringify(JSON.parse(readFileSync(join(FIXTURES, 'examples', 'fulfilment-workflow.asl.json'), 'utf8')), { lineWidth: 0 });
    const uri = pathToFileURL(join(FIXTURES, 'examples', 'fulfilment-workflow.asl.yaml')).href;
    const incremental = analyser(true);
    const document = TextDocument.create(uri, 'yaml', 1, yaml);
    const before = incremental.analyse(document);
    const first = before.result!.machines[0];
    const at = document.positionAt(yaml.indexOf('TableName: stock') + 'TableName: stock'.length);
    TextDocument.update(document, [{ range: { start: at, end: at }, text: '-v2' }], 2);
    const second = incremental.analyse(document);
    expect(second.source.roots[0]).toBe(before.source.roots[0]);
    expect(second.result!.machines[0].states.filter((state) => !first.states.includes(state)).map((state) => state.name)).toEqual(['Reserve item']);
    expect(outcome(second)).toEqual(outcome(analyser(false).analyse(document)));
  });
});
