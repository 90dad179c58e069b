import { describe, expect, it } from 'vitest';
import { member } from './node-access.js';
import { parseYaml } from './yaml.js';
import { repairFlowIndentation } from './yaml-flow-indent.js';

const TEMPLATE = [
  'Globals:',
  '  Function:',
  '    VpcConfig: !If [UseVpc, {',
  '      SubnetIds: !Ref Subnets',
  '    }, !Ref AWS::NoValue]',
  '    Description: |',
  '      not a flow map {',
  '  Other: 1',
  '',
].join('\n');

describe('flow collections closed at their key\'s indentation', () => {
  it('parses as CloudFormation does, with ranges in the original text', () => {
    const { documents, problems } = parseYaml(TEMPLATE);
    expect(problems).toEqual([]);
    const globals = member(documents[0].root, 'Globals');
    const vpc = member(member(globals, 'Function'), 'VpcConfig')!;
    expect(TEMPLATE.slice(vpc.range.start, vpc.range.end)).toMatch(/^!If \[UseVpc, \{\n {6}SubnetIds: !Ref Subnets\n {4}\}, !Ref AWS::NoValue\]/);
    const description = member(member(globals, 'Function'), 'Description')!;
    expect(description.value).toBe('not a flow map {\n');
    expect(member(globals, 'Other')?.value).toBe(1);
  });

  it('indents only the lines that need it, and leaves block scalars alone', () => {
    const repair = repairFlowIndentation(TEMPLATE)!;
    expect(repair.text.split('\n')[4]).toBe('     }, !Ref AWS::NoValue]');
    expect(repair.text.split('\n')[6]).toBe('      not a flow map {');
    expect(repairFlowIndentation('a: [1,\n  2]\n')).toBeUndefined();
  });
});
