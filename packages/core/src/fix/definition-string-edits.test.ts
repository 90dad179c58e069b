import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { member } from '../document/node-access.js';
import type { DocNode } from '../document/node.js';
import { readTemplate } from '../template/read-template.js';
import { templateMachines } from '../template/state-machines.js';
import { applyEdits } from './apply.js';
import { insertArrayItem, insertMember, renameKey } from './edits.js';

/** The template's first state machine's definition, with the document its ranges belong to. */
function definitionOf(file: string, text: string) {
  const document = parseDocument(file, text);
  const [machine] = templateMachines(readTemplate(document, document.roots[0]));
  return { document, definition: machine.definition! };
}

const state = (definition: DocNode, name = 'A') => member(member(definition, 'States'), name)!;
const template = (definitionString: unknown) =>
  JSON.stringify({ Resources: { M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: definitionString } } } }, null, 2);
const yamlTemplate = (lines: string[]) => ['Resources:', '  M:', '    Type: AWS::StepFunctions::StateMachine', '    Properties:', ...lines.map((line) => `      ${line}`), ''].join('\n');

describe('fixes inside a DefinitionString', () => {
  it('write JSON escapes into a plain JSON string', () => {
    const text = template(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { p: '$.x' }, End: true } } }, null, 2));
    const { document, definition } = definitionOf('t.json', text);
    const p = member(member(state(definition), 'Parameters'), 'p')!;
    const fixed = applyEdits(text, renameKey(document, p, 'p.$')!);
    expect(fixed).toContain('\\"p.$\\": \\"$.x\\"');
    const inserted = applyEdits(text, insertMember(document, state(definition), 'Comment', 'say "hi"', { before: ['End'] })!);
    expect(JSON.parse(JSON.parse(inserted).Resources.M.Properties.DefinitionString).States.A.Comment).toBe('say "hi"');
  });

  it('edit one part of a Fn::Join, and refuse an edit at a delimiter or a reference', () => {
    const parts = ['{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '", "Parameters": {"p": "$.x"}, "End": true}}}'];
    const text = template({ 'Fn::Join': ['', parts] });
    const { document, definition } = definitionOf('t.json', text);
    const edits = renameKey(document, member(member(state(definition), 'Parameters'), 'p')!, 'p.$')!;
    expect(applyEdits(text, edits)).toContain('\\"p.$\\": \\"$.x\\"');
    // "Resource" spans two parts and the reference between them: renaming its key is fine, replacing its value is not.
    const resource = member(state(definition), 'Resource')!;
    expect(renameKey(document, resource, 'Resource.$')).toBeDefined();

    // After the reference comes the delimiter, written between every two parts: no place for a member there.
    const joined = template({ 'Fn::Join': [' ', ['{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Comment":', { Ref: 'Note' }, '}}}']] });
    const split = definitionOf('t.json', joined);
    expect(insertMember(split.document, state(split.definition), 'OutputPath', '$')).toBeUndefined();
    // Before "End" is the start of a part, which is fine.
    const fixed = applyEdits(joined, insertMember(split.document, state(split.definition), 'OutputPath', '$', { before: ['End'] })!);
    expect(JSON.parse(fixed).Resources.M.Properties.DefinitionString['Fn::Join'][1][0]).toContain('"OutputPath": "$", "End"');
  });

  it('never write a ${…} into an Fn::Sub, nor inside one', () => {
    const text = yamlTemplate(['DefinitionString: !Sub \'{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"${Key}": "$.x"}, "End": true}}}\'']);
    const { document, definition } = definitionOf('t.yaml', text);
    const parameters = member(state(definition), 'Parameters')!;
    expect(applyEdits(text, renameKey(document, parameters.children![0], '${Key}.$')!)).toContain('"${Key}.$": "$.x"');
    expect(renameKey(document, parameters.children![0], '${Other}')).toBeUndefined();
    expect(insertMember(document, parameters, 'n', '${Other}')).toBeUndefined();
    expect(applyEdits(text, insertMember(document, parameters, 'n', "it's")!)).toContain('"n": "it\'\'s"');
  });

  it('indent new lines in a YAML block scalar, and keep everything else', () => {
    const text = yamlTemplate([
      'DefinitionString: |  # the definition',
      '  {',
      '    "StartAt": "A",',
      '    "States": {',
      '      "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [], "End": true}',
      '    }',
      '  }',
    ]);
    const { document, definition } = definitionOf('t.yaml', text);
    const edits = insertArrayItem(document, member(state(definition), 'Retry')!, 0, { ErrorEquals: ['States.ALL'] })!;
    const fixed = applyEdits(text, edits);
    const again = definitionOf('t.yaml', fixed);
    expect(again.document.problems).toEqual([]);
    expect(member(state(again.definition), 'Retry')!.children).toHaveLength(1);
    expect(fixed.split('\n').slice(0, 6).join('\n')).toBe(text.split('\n').slice(0, 6).join('\n'));
  });

  it('write YAML escapes into a double-quoted string folded over lines', () => {
    const text = yamlTemplate(['DefinitionString: "{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Pass\\",', '  \\"Parameters\\": {\\"p\\": \\"$.x\\"}, \\"End\\": true}}}"']);
    const { document, definition } = definitionOf('t.yaml', text);
    const parameters = member(state(definition), 'Parameters')!;
    const fixed = applyEdits(text, renameKey(document, parameters.children![0], 'p.$')!);
    expect(fixed).toContain('{\\"p.$\\": \\"$.x\\"}');
    const inserted = applyEdits(text, insertMember(document, parameters, 'q', 'a\nb')!);
    expect(member(member(state(definitionOf('t.yaml', inserted).definition), 'Parameters'), 'q')?.value).toBe('a\nb');
  });

  it('refuse plain YAML scalars and anchored strings', () => {
    const plain = yamlTemplate(['DefinitionString:', '  Fn::Join:', "    - ''", '    - - \'{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": \'', '      - true}}}']);
    const { document, definition } = definitionOf('t.yaml', plain);
    expect(member(state(definition), 'End')?.value).toBe(true);
    expect(insertMember(document, state(definition), 'Comment', 'x')).toBeUndefined();
    expect(applyEdits(plain, insertMember(document, state(definition), 'Comment', 'x', { before: ['End'] })!)).toContain('"Comment": "x", "End"');
    const anchored = yamlTemplate(['DefinitionString: &def \'{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"p": "$.x"}, "End": true}}}\'']);
    const second = definitionOf('t.yaml', anchored);
    expect(renameKey(second.document, member(member(state(second.definition), 'Parameters'), 'p')!, 'p.$')).toBeUndefined();
  });
});
