import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import { hasSubstitution, jsonPathFields } from './fields.js';

function fieldsOf(definition: unknown): string[] {
  const document = parseDocument('test.asl.json', JSON.stringify(definition));
  const machine = buildMachine(document, document.roots[0]);
  return jsonPathFields(machine).map((f) => `${f.state.name} ${f.kind}${f.nullable ? '?' : ''} ${f.label}`);
}

describe('jsonPathFields', () => {
  it('lists every path and payload field of JSONPath states, in order', () => {
    expect(
      fieldsOf({
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            InputPath: '$.in',
            Parameters: { 'a.$': '$.a', nested: { list: [{ 'b.$': '$.b' }, 'x', ['y', { 'c.$': '$.c' }]] }, plain: '$.not-evaluated' },
            Credentials: { 'RoleArn.$': '$.role' },
            ResultSelector: { 'r.$': '$.Payload' },
            ResultPath: '$.out',
            OutputPath: null,
            TimeoutSecondsPath: '$.timeout',
            HeartbeatSecondsPath: '$.heartbeat',
            Assign: { 'v.$': '$.x', 'odd key': { 'w.$': '$.w' } },
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Assign: { 'e.$': '$.Cause' }, Next: 'F' }],
            Next: 'C',
          },
          C: {
            Type: 'Choice',
            Choices: [
              { Variable: '$.a', StringEqualsPath: '$.b', Next: 'W' },
              { And: [{ Variable: '$.x', IsPresent: true }, { Not: { Variable: '$.y', NumericLessThanPath: '$.z' } }], Assign: { 'q.$': '$.q' }, Next: 'W' },
            ],
            Default: 'M',
          },
          W: { Type: 'Wait', SecondsPath: '$.s', Next: 'M' },
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'i.$': '$$.Map.Item.Value' },
            MaxConcurrencyPath: '$.max',
            ToleratedFailurePercentagePath: '$.pct',
            ToleratedFailureCountPath: '$.count',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { 'Bucket.$': '$.bucket' }, ReaderConfig: { MaxItemsPath: '$.n' } },
            ItemBatcher: { MaxItemsPerBatchPath: '$.b1', MaxInputBytesPerBatchPath: '$.b2', BatchInput: { 'k.$': '$.k' } },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { 'Prefix.$': '$.prefix' } },
            ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: { 'p.$': '$.p' }, End: true } } },
            End: true,
          },
          F: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('{}', $.cause)", InputPath: '$.ignored' },
        },
      }),
    ).toEqual([
      'T path? "InputPath"',
      'T path? "OutputPath"',
      'T template "v.$" in Assign',
      'T template "w.$" in Assign["odd key"]',
      'T path "TimeoutSecondsPath"',
      'T path "HeartbeatSecondsPath"',
      'T template "a.$" in Parameters',
      'T template "b.$" in Parameters.nested.list[0]',
      'T template "c.$" in Parameters.nested.list[2][1]',
      'T template "RoleArn.$" in Credentials',
      'T template "r.$" in ResultSelector',
      'T reference? "ResultPath"',
      'T reference? "ResultPath" in Catch[0]',
      'T template "e.$" in Catch[0].Assign',
      'C path "Variable" in Choices[0]',
      'C path "StringEqualsPath" in Choices[0]',
      'C template "q.$" in Choices[1].Assign',
      'C path "Variable" in Choices[1].And[0]',
      'C path "Variable" in Choices[1].And[1].Not',
      'C path "NumericLessThanPath" in Choices[1].And[1].Not',
      'W path "SecondsPath"',
      'M path "ItemsPath"',
      'M path "MaxConcurrencyPath"',
      'M path "ToleratedFailurePercentagePath"',
      'M path "ToleratedFailureCountPath"',
      'M template "i.$" in ItemSelector',
      'M template "Bucket.$" in ItemReader.Parameters',
      'M path "MaxItemsPath" in ItemReader.ReaderConfig',
      'M path "MaxItemsPerBatchPath" in ItemBatcher',
      'M path "MaxInputBytesPerBatchPath" in ItemBatcher',
      'M template "k.$" in ItemBatcher.BatchInput',
      'M template "Prefix.$" in ResultWriter.Parameters',
      'Inner template "p.$" in Parameters',
      'F message "ErrorPath"',
      'F message "CausePath"',
    ]);
  });

  it('leaves out JSONata states, fields a state type does not have, and unknown types', () => {
    expect(
      fieldsOf({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', InputPath: '$.x', Parameters: { 'a.$': '$.a' }, Next: 'B' },
          B: { Type: 'Pass', QueryLanguage: 'JSONPath', InputPath: '$.x', Next: 'C' },
          C: { Type: 'Succeed', Parameters: { 'a.$': '$.a' }, ResultPath: '$.r', Assign: { 'x.$': '$.x' } },
          D: { Type: 'Banana', InputPath: '$.x' },
        },
      }),
    ).toEqual(['B path? "InputPath"']);
  });

  it('walks deep payloads without recursion', () => {
    const depth = 20_000;
    const text = `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":${'{"n":'.repeat(depth)}{"leaf.$":"$.x"}${'}'.repeat(depth)},"End":true}}}`;
    const document = parseDocument('test.asl.json', text);
    const fields = jsonPathFields(buildMachine(document, document.roots[0]));
    expect(fields).toHaveLength(1);
    expect(fields[0].label).toBe(`"leaf.$" in Parameters${'.n'.repeat(25)}…${'.n'.repeat(40)}`);
  });

  it('keeps the last of duplicate keys, as AWS does', () => {
    const document = parseDocument('test.asl.json', '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"a.$":"$.first","a.$":"$.second"},"End":true}}}');
    const fields = jsonPathFields(buildMachine(document, document.roots[0]));
    expect(fields.map((f) => f.node.value)).toEqual(['$.second']);
  });
});

describe('hasSubstitution', () => {
  it.each([
    ['${Name}', true],
    ['$.a.${Field}', true],
    ["States.Format('${Prefix}-{}', $.id)", true],
    ['$.a', false],
    ['${ unclosed', false],
    ['} ${', false],
    ['$$.Execution.Id', false],
  ])('%s → %s', (text, expected) => {
    expect(hasSubstitution(text)).toBe(expected);
  });

  it('is linear on long text', () => {
    const started = Date.now();
    expect(hasSubstitution('${'.repeat(1_000_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
