import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { member, toValue } from '../document/node-access.js';
import type { DocNode } from '../document/node.js';
import { rebuildDefinitionString } from './definition-string.js';

function rebuild(file: string, text: string) {
  const document = parseDocument(file, text);
  const property = member(document.roots[0], 'DefinitionString')!;
  return rebuildDefinitionString(property, text, document.format)!;
}

/** The template text a node of the rebuilt definition covers. */
function at(text: string, node: DocNode | undefined): string {
  return node ? text.slice(node.range.start, node.range.end) : '<none>';
}

const states = (root: DocNode | undefined) => member(root, 'States');

describe('rebuildDefinitionString', () => {
  it('maps through JSON escapes, \\u sequences included', () => {
    const text = JSON.stringify({ DefinitionString: '{"StartAt": "Caf\u00e9", "States": {"Caf\u00e9": {"Type": "Succeed", "Comment": "a\\"b"}}}' }).replaceAll('é', '\\u00e9');
    const { root, problems } = rebuild('t.json', text);
    expect(problems).toEqual([]);
    const state = member(states(root), 'Café')!;
    expect(text.slice(state.keyRange!.start, state.keyRange!.end)).toBe('\\"Caf\\u00e9\\"');
    expect(at(text, member(state, 'Comment'))).toBe('\\"a\\\\\\"b\\"');
  });

  it('writes Join references as Fn::Sub tokens and records them', () => {
    const text = JSON.stringify({ DefinitionString: { 'Fn::Join': ['', ['{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '", "TimeoutSeconds": ', { Ref: 'Timeout' }, ', "End": true}}}']] } });
    const { root, text: virtual, substitutions } = rebuild('t.json', text);
    expect(virtual).toContain('"Resource": "${Fn.Arn}"');
    expect(substitutions.get('Fn.Arn')).toBe('${Fn.Arn}');
    const state = member(states(root), 'A');
    expect(member(state, 'TimeoutSeconds')?.kind).toBe('placeholder');
    expect(at(text, member(state, 'TimeoutSeconds'))).toBe('{"Ref":"Timeout"}');
    // The string runs from its opening quote in one part, through the reference, to its closing quote.
    expect(at(text, member(state, 'Resource'))).toBe('\\"",{"Fn::GetAtt":["Fn","Arn"]},"\\"');
  });

  it('keeps Fn::Sub variables as the substitutions of the definition', () => {
    const text = 'DefinitionString: !Sub\n  - \'{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}", "End": true}}}\'\n  - Fn: !GetAtt Worker.Arn\n';
    const { root, substitutions } = rebuild('t.yaml', text);
    expect(substitutions.get('Fn')).toBe('${Worker.Arn}');
    expect(at(text, member(member(states(root), 'A'), 'Resource'))).toBe('"${Fn}"');
  });

  it('maps a YAML literal block line by line', () => {
    const text = 'DefinitionString: |\n  {\n    "StartAt": "A",\n    "States": {\n      "A": { "Type": "Pass", "End": true }\n    }\n  }\n';
    const { root } = rebuild('t.yaml', text);
    const state = member(states(root), 'A')!;
    expect(text.slice(state.keyRange!.start, state.keyRange!.end)).toBe('"A"');
    expect(at(text, member(state, 'Type'))).toBe('"Pass"');
  });

  it('maps a YAML double-quoted string through its line folds and escaped line breaks', () => {
    const text = 'DefinitionString: "{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\":   \n    {\\"Type\\": \\"Pa\\\n    ss\\", \\"End\\": true}}}"\n';
    const { root, problems } = rebuild('t.yaml', text);
    expect(problems).toEqual([]);
    const state = member(states(root), 'A')!;
    expect(at(text, member(state, 'Type'))).toBe('\\"Pa\\\n    ss\\"');
    expect(at(text, member(state, 'End'))).toBe('true');
  });

  it('maps a DefinitionString of megabytes, escaped or plain, character by character', () => {
    const long = 'a\\"b'.repeat(400_000);
    const definition = `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Comment": "${long}", "End": true}}}`;
    const texts = [
      ['t.json', JSON.stringify({ DefinitionString: definition })],
      ['t.yaml', `DefinitionString: ${JSON.stringify(definition)}\n`],
      ['t.yaml', `DefinitionString: '${definition}'\n`],
      ['t.yaml', `DefinitionString: |\n  ${definition}\n`],
    ];
    for (const [file, text] of texts) {
      const { root, problems } = rebuild(file, text);
      expect(problems).toEqual([]);
      const state = member(states(root), 'A')!;
      expect(member(state, 'Comment')?.value).toBe(long.replaceAll('\\"', '"'));
      expect(at(text, member(state, 'End'))).toBe('true');
      expect(text.slice(member(state, 'End')!.keyRange!.start, member(state, 'End')!.keyRange!.end)).toMatch(/^\\?"End\\?"$/);
    }
  });

  it('gives up on values that cannot hold a definition', () => {
    const document = parseDocument('t.json', '{"DefinitionString": {"Fn::If": ["C", "a", "b"]}}');
    expect(rebuildDefinitionString(member(document.roots[0], 'DefinitionString')!, document.text, 'json')).toBeUndefined();
  });
});

describe('values of a rebuilt definition', () => {
  it('are read from the nodes, not from the template text their ranges point at', () => {
    const text = JSON.stringify({ DefinitionString: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": [1, "two"]}, "End": true}}}' });
    const { root } = rebuild('t.json', text);
    expect(toValue(member(member(states(root), 'A'), 'Result')!)).toEqual({ x: [1, 'two'] });
  });
});
