import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseDocument, type SourceDocument } from './document.js';
import { JSON_NUMBER, strictJsonText } from './json-strict.js';
import type { DocNode } from './node.js';
import { TreeNode } from './node.js';
import { keepRootValue, member, rootValue, toValue } from './node-access.js';
import { documentAfterValueEdit } from './value-edit.js';

const EXAMPLE = readFileSync(new URL('../../../../fixtures/examples/order-workflow.asl.json', import.meta.url), 'utf8');
const FULFILMENT = readFileSync(new URL('../../../../fixtures/examples/fulfilment-workflow.asl.json', import.meta.url), 'utf8');

function shape(node: DocNode | undefined): unknown {
  if (!node) return undefined;
  return { kind: node.kind, value: node.value, range: node.range, key: node.key, keyRange: node.keyRange, index: node.index, children: node.children?.map(shape) };
}

/** Every string value of a tree (not keys), in source order. */
function stringValues(root: DocNode): DocNode[] {
  const found: DocNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'string') found.push(node);
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]);
  }
  return found;
}

function edited(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** The patched document must be the one a fresh parse of the new text gives. */
function expectSameAsParsed(patched: SourceDocument | undefined, text: string): void {
  expect(patched).toBeDefined();
  const fresh = parseDocument('m.asl.json', text);
  expect(patched!.text).toBe(text);
  expect(shape(patched!.roots[0])).toEqual(shape(fresh.roots[0]));
  expect(toValue(patched!.roots[0])).toEqual(JSON.parse(text));
  expect(strictJsonText(patched!.roots[0] as TreeNode)).toBe(text);
  expect(patched!.lineMap.position(text.length)).toEqual(fresh.lineMap.position(text.length));
}

describe('documentAfterValueEdit', () => {
  it('matches a fresh parse after inserting, deleting and replacing inside every string value of a definition', () => {
    const strings = stringValues(parseDocument('m.asl.json', EXAMPLE).roots[0]).filter((node) => (node.value as string).length > 0);
    expect(strings.length).toBeGreaterThan(20);
    for (const node of strings) {
      const inside = node.range.start + 1;
      const length = (node.value as string).length;
      for (const [at, remove, insert] of [
        [inside, 0, 'x'],
        [inside + length, 0, 'yz'],
        [inside, 1, ''],
        [inside, length, 'whole new value'],
      ] as const) {
        const previous = parseDocument('m.asl.json', EXAMPLE);
        const text = edited(EXAMPLE, at, remove, insert);
        expectSameAsParsed(documentAfterValueEdit(previous, text), text);
      }
    }
  });

  it('matches a fresh parse after edits inside and after every number, and declines those that leave no number', () => {
    const numbers: DocNode[] = [];
    const stack = [parseDocument('m.asl.json', FULFILMENT).roots[0]];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === 'number') numbers.push(node);
      stack.push(...(node.children ?? []));
    }
    expect(numbers.length).toBeGreaterThan(3);
    for (const node of numbers) {
      const { start, end } = node.range;
      for (const [at, remove, insert] of [
        [end, 0, '5'],
        [end - 1, 1, ''],
        [start, 0, '1'],
        [start, end - start, '42'],
        [end, 0, '.'],
        [end, 0, '.25'],
        [start, 0, '-'],
      ] as const) {
        const text = edited(FULFILMENT, at, remove, insert);
        const token = text.slice(start, end - remove + insert.length);
        const patched = documentAfterValueEdit(parseDocument('m.asl.json', FULFILMENT), text);
        if (JSON_NUMBER.test(token)) expectSameAsParsed(patched, text);
        else expect(patched, `${token} at ${start}`).toBeUndefined();
      }
    }
  });

  it('follows a run of edits on the same tree, as typing does', () => {
    let document = parseDocument('m.asl.json', EXAMPLE);
    let text = EXAMPLE;
    for (let step = 0; step < 30; step++) {
      const strings = stringValues(document.roots[0]);
      const node = strings[(step * 7) % strings.length];
      text = edited(text, node.range.start + 1, 0, String(step % 10));
      const next = documentAfterValueEdit(document, text);
      expectSameAsParsed(next, text);
      document = next!;
    }
  });

  it('gives the edited string a new node, so that nothing cached for the old value is reused', () => {
    const previous = parseDocument('m.asl.json', EXAMPLE);
    const states = member(previous.roots[0], 'States')!;
    const resource = states.children!.map((state) => member(state, 'Resource')).find((node) => node !== undefined)!;
    const text = edited(EXAMPLE, resource.range.start + 1, 0, 'x');
    const patched = documentAfterValueEdit(previous, text)!;
    const after = member(patched.roots[0], 'States')!.children!.map((state) => member(state, 'Resource')).find((node) => node !== undefined)!;
    expect(after).not.toBe(resource);
    expect(after.value).toBe(`x${resource.value as string}`);
  });

  it('declines edits that could change the structure, and what it cannot patch', () => {
    const previous = () => parseDocument('m.asl.json', EXAMPLE);
    const key = EXAMPLE.indexOf('"StartAt"') + 1;
    const number = EXAMPLE.search(/: \d/) + 2;
    const value = EXAMPLE.indexOf('"StartAt": "') + '"StartAt": "'.length;
    const cases: [string, string][] = [
      ['a key', edited(EXAMPLE, key, 0, 'x')],
      ['a number that stops being one', edited(EXAMPLE, number, 0, 'x')],
      ['a number with a leading zero', edited(EXAMPLE, number, 0, '0')],
      ['a quote typed in a string', edited(EXAMPLE, value, 0, '"')],
      ['a backslash typed in a string', edited(EXAMPLE, value, 0, '\\n')],
      ['a control character', edited(EXAMPLE, value, 0, '\t')],
      ['whitespace between tokens', edited(EXAMPLE, key - 1, 0, ' ')],
      ['an edit across two tokens', edited(EXAMPLE, value - 5, 10, '')],
      ['the same text', EXAMPLE],
    ];
    for (const [what, text] of cases) expect(documentAfterValueEdit(previous(), text), what).toBeUndefined();

    const escaped = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Comment": "a\\"b", "End": true } } }';
    expect(documentAfterValueEdit(parseDocument('m.asl.json', escaped), escaped.replace('a\\"b', 'xa\\"b'))).toBeUndefined();
    const duplicate = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Comment": "a", "Comment": "b", "End": true } } }';
    expect(documentAfterValueEdit(parseDocument('m.asl.json', duplicate), duplicate.replace('"a"', '"ab"'))).toBeUndefined();
    const template = '{ "Resources": { "M": { "Type": "AWS::StepFunctions::StateMachine", "Properties": { "DefinitionString": "{}" } } } }';
    expect(documentAfterValueEdit(parseDocument('t.json', template), template.replace('"{}"', '"{ }"'))).toBeUndefined();
  });
});

describe('documentAfterValueEdit on YAML', () => {
  /** The example as YAML, with its strings plain, double-quoted or single-quoted. */
  const styles = (['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const).map((style) =>
    YAML.stringify(JSON.parse(FULFILMENT), { defaultStringType: style, defaultKeyType: 'PLAIN', lineWidth: 0 }),
  );

  function expectSameAsYamlParsed(patched: SourceDocument, text: string): void {
    const fresh = parseDocument('m.asl.yaml', text);
    expect(fresh.problems).toEqual([]);
    expect(patched.text).toBe(text);
    expect(shape(patched.roots[0])).toEqual(shape(fresh.roots[0]));
    expect(rootValue(patched.roots[0])).toEqual(toValue(fresh.roots[0]));
  }

  it('matches a fresh parse after every edit it takes, in every scalar of each style, and takes the plain ones', () => {
    let taken = 0;
    let declined = 0;
    for (const yaml of styles) {
      const scalars: DocNode[] = [];
      const stack = [parseDocument('m.asl.yaml', yaml).roots[0]];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.kind === 'string' || node.kind === 'number') scalars.push(node);
        stack.push(...(node.children ?? []));
      }
      // Every other scalar: the three styles give each kind of value many times over.
      for (const node of scalars.filter((_, index) => index % 2 === 0)) {
        const { start, end } = node.range;
        for (const [at, remove, insert] of [
          [end - 1, 0, 'x'],
          [end, 0, 'x'],
          [end, 0, '5'],
          [start, 0, 'a'],
          [start + 1, 1, ''],
          [end, 0, ': y'],
          [end, 0, ' #'],
          [end - 1, 0, '"'],
          [end - 1, 0, "'"],
          [end - 1, 0, '\\n'],
          [end, 0, '\nz'],
          [start, end - start, 'true'],
          [start, end - start, '12'],
          [start, end - start, '1.5'],
        ] as const) {
          const text = edited(yaml, at, remove, insert);
          const patched = documentAfterValueEdit(parseDocument('m.asl.yaml', yaml), text);
          if (patched) {
            expectSameAsYamlParsed(patched, text);
            taken++;
          } else {
            declined++;
          }
        }
      }
    }
    expect(taken).toBeGreaterThan(150);
    expect(declined).toBeGreaterThan(150);
  });

  it('declines a tree with aliases, merge keys or tags, and a document with directives', () => {
    const anchored = 'StartAt: A\nStates:\n  A:\n    Type: &t Pass\n    Comment: *t\n    End: true\n';
    const tagged = 'StartAt: A\nStates:\n  A:\n    Type: !!str Pass\n    Comment: c\n    End: true\n';
    const directive = '%YAML 1.2\n---\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: c\n    End: true\n';
    const flow = 'StartAt: A\nStates:\n  A: { Type: Pass, Comment: c, End: true }\n';
    for (const yaml of [anchored, tagged, directive, flow]) {
      const at = yaml.indexOf('Comment: ') + 'Comment: '.length + 1;
      expect(documentAfterValueEdit(parseDocument('m.asl.yaml', yaml), edited(yaml, at, 0, 'x')), yaml).toBeUndefined();
    }
    const plain = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: c\n    End: true\n';
    const at = plain.indexOf('Comment: ') + 'Comment: '.length + 1;
    expect(documentAfterValueEdit(parseDocument('m.asl.yaml', plain), edited(plain, at, 0, 'x'))).toBeDefined();
  });
});

describe('the shared root value after a string edit', () => {
  it('follows the edit, so that it equals the new text parsed', () => {
    const previous = parseDocument('m.asl.json', EXAMPLE);
    const root = previous.roots[0];
    keepRootValue(root);
    expect(rootValue(root)).toBe(rootValue(root));
    let document = previous;
    let text = EXAMPLE;
    for (let step = 0; step < 10; step++) {
      const strings = stringValues(document.roots[0]);
      const node = strings[(step * 5) % strings.length];
      text = edited(text, node.range.start + 1, 0, `v${step}`);
      document = documentAfterValueEdit(document, text)!;
      expect(rootValue(document.roots[0])).toEqual(JSON.parse(text));
    }
  });

  it('is converted anew for a root nobody asked to keep: a tree linted once lets it go', () => {
    const root = parseDocument('m.asl.json', EXAMPLE).roots[0];
    expect(rootValue(root)).not.toBe(rootValue(root));
    expect(rootValue(root)).toEqual(JSON.parse(EXAMPLE));
  });

  it('is converted anew for a node that is not a root', () => {
    const document = parseDocument('m.asl.json', EXAMPLE);
    const states = member(document.roots[0], 'States')!;
    expect(rootValue(states)).not.toBe(rootValue(states));
    expect(rootValue(states)).toEqual(JSON.parse(EXAMPLE).States);
  });
});
