import { readdirSync, readFileSync } from 'node:fs';
import { applyEdits, pathLike } from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';
import rule from './require-path-suffix.js';
import { runRule, testRule } from './test-support/rule-tester.js';

/** A machine whose one state "S" carries these fields (lines 5 onwards), then End. */
function state(type: string, fields: string, extra = ''): string {
  return `{
  "StartAt": "S",
  "States": {
    "S": {
      "Type": "${type}",
${fields}
      "End": true
    }${extra}
  }
}`;
}

const lines = (...items: string[]): string => items.map((item) => `      ${item}`).join('\n');
const task = (...items: string[]): string => state('Task', lines('"Resource": "arn:aws:states:::lambda:invoke",', ...items));

testRule(rule, {
  valid: [
    {
      name: 'keys with ".$", and literal text that only starts like a path',
      code: task(
        '"Parameters": {',
        '  "FunctionName": "charge",',
        '  "Payload": {',
        '    "order.$": "$.order", "id.$": "$$.Execution.Id", "all.$": "$", "f.$": "States.Format(\'{}\', $.a)",',
        '    "price": "$5", "cents": "$.99", "note": "costs $5", "sub": "${Stage}", "sub2": "$.${Field}", "var": "$order",',
        '    "spaced": "$.a b", "padded": " $.a", "broken": "$.a[", "empty": "", "money": "$$", "call": "Hello (world)",',
        '    "unknown": "States.Nope($.a)", "unclosed": "States.Format(\'{}\', $.a", "lower": "states.Format(\'x\')",',
        '    "list": ["$.a", "$$.Execution.Id", "States.UUID()"], "n": 5, "b": true, "nil": null',
        '  }',
        '},',
      ),
    },
    {
      name: 'a key whose ".$" twin exists is left alone: renaming it would clash',
      code: task('"Parameters": { "Payload": "$.a", "Payload.$": "$.b" },'),
    },
    {
      name: 'keys that name JSONPath for another service',
      code: task(
        '"Parameters": {',
        '  "DataProcessing": { "InputFilter": "$[1:]", "OutputFilter": "$[\'id\',\'SageMakerOutput\']" },',
        '  "Targets": [{ "InputPath": "$.detail", "InputTransformer": { "InputPathsMap": { "id": "$.detail.id" } } }],',
        '  "Classifier": { "JsonPath": "$[*]" }, "Rule": { "Variable": "$.x" }, "currency": "$", "CurrencySymbol": "$"',
        '},',
      ),
    },
    {
      name: 'Result and Credentials are not payload templates this rule reads',
      code: state('Pass', lines('"Result": { "a": "$.a" },')),
    },
    {
      name: 'JSONata states have no ".$" keys',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "S",
  "States": { "S": { "Type": "Pass", "Assign": { "a": "$.a" }, "Output": { "b": "$.b" }, "End": true } }
}`,
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', '      id.$: $.id', '      price: $5', '    End: true', ''].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'paths and intrinsic calls in Parameters and ResultSelector, nested objects included',
      code: task(
        '"Parameters": {',
        '  "FunctionName": "charge",',
        '  "Payload": { "order": "$.order", "run": { "id": "$$.Execution.Id" }, "all": "$", "first": "$[0]" }',
        '},',
        '"ResultSelector": { "summary": "States.Format(\'{} items\', $.Payload.count)" },',
      ),
      errors: [
        {
          state: 'S',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 29,
          message:
            '"order" in Parameters.Payload of state "S" looks like a path ("$.order"), but without the ".$" suffix it is passed as the literal text "$.order". Rename the key to "order.$".',
        },
        { state: 'S', line: 9, column: 51, endLine: 9, endColumn: 55, message: '"id" in Parameters.Payload.run of state "S" looks like a path ("$$.Execution.Id")' },
        { state: 'S', line: 9, column: 78, endLine: 9, endColumn: 83, message: '"all" in Parameters.Payload of state "S" looks like a path ("$")' },
        { state: 'S', line: 9, column: 90, endLine: 9, endColumn: 97, message: 'Rename the key to "first.$".' },
        {
          state: 'S',
          line: 11,
          column: 27,
          endLine: 11,
          endColumn: 36,
          message: '"summary" in ResultSelector of state "S" looks like an intrinsic function call ("States.Format(\'{} items\', $.Payload.count)")',
        },
      ],
    },
    {
      name: 'objects inside arrays are templates too',
      code: task('"Parameters": { "Entries": [{ "Detail": { "order": "$.order" }, "Source": "shop" }] },'),
      errors: [{ state: 'S', line: 7, column: 49, endLine: 7, endColumn: 56, message: '"order" in Parameters.Entries[0].Detail of state "S"' }],
    },
    {
      name: 'Assign: top-level keys are variables',
      code: state('Pass', lines('"Assign": { "orderId": "$.order.id", "meta": { "run": "$$.Execution.Name" } },')),
      errors: [
        { state: 'S', line: 6, column: 19, endLine: 6, endColumn: 28, message: 'without the ".$" suffix the variable "orderId" is set to the literal text "$.order.id"' },
        { state: 'S', line: 6, column: 54, endLine: 6, endColumn: 59, message: '"run" in Assign.meta of state "S" looks like a path ("$$.Execution.Name"), but without the ".$" suffix it is passed as' },
      ],
    },
    {
      name: 'Choice rule and catcher Assign',
      code: `{
  "StartAt": "C",
  "States": {
    "C": {
      "Type": "Choice",
      "Choices": [{ "Variable": "$.ok", "BooleanEquals": true, "Assign": { "seen": "$.id" }, "Next": "T" }],
      "Default": "T"
    },
    "T": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "error": "$.Cause" }, "Next": "Done" }],
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}`,
      errors: [
        { state: 'C', line: 6, column: 76, endLine: 6, endColumn: 82, message: '"seen" in Choices[0].Assign of state "C"' },
        { state: 'T', line: 12, column: 62, endLine: 12, endColumn: 69, message: '"error" in Catch[0].Assign of state "T"' },
      ],
    },
    {
      name: 'Distributed Map payloads, in a Parallel branch',
      code: `{
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [{
        "StartAt": "M",
        "States": {
          "M": {
            "Type": "Map",
            "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "$.bucket", "Key": "data.json" } },
            "ItemBatcher": { "MaxItemsPerBatch": 10, "BatchInput": { "run": "$$.Execution.Id" } },
            "ItemSelector": { "item": "$$.Map.Item.Value" },
            "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "out", "Prefix": "States.Format('runs/{}', $$.Execution.Name)" } },
            "ItemProcessor": {
              "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
              "StartAt": "Inner",
              "States": { "Inner": { "Type": "Pass", "Parameters": { "value": "$.value" }, "End": true } }
            },
            "End": true
          }
        }
      }],
      "End": true
    }
  }
}`,
      errors: [
        { state: 'M', statePath: ['P', 'M'], line: 11, column: 90, endLine: 11, endColumn: 98, message: '"Bucket" in ItemReader.Parameters of state "M"' },
        { state: 'M', line: 12, column: 70, endLine: 12, endColumn: 75, message: '"run" in ItemBatcher.BatchInput of state "M"' },
        { state: 'M', line: 13, column: 31, endLine: 13, endColumn: 37, message: '"item" in ItemSelector of state "M"' },
        { state: 'M', line: 14, column: 109, endLine: 14, endColumn: 117, message: '"Prefix" in ResultWriter.Parameters of state "M" looks like an intrinsic function call' },
        { state: 'Inner', statePath: ['P', 'M', 'Inner'], line: 18, column: 70, endLine: 18, endColumn: 77, message: '"value" in Parameters of state "Inner"' },
      ],
    },
    {
      name: 'a JSONPath state inside a JSONata machine',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "S",
  "States": { "S": { "Type": "Pass", "QueryLanguage": "JSONPath", "Parameters": { "a": "$.a" }, "End": true } }
}`,
      errors: [{ state: 'S', line: 4, column: 83, endLine: 4, endColumn: 86, message: '"a" in Parameters of state "S"' }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', '      id: $.id', "      'quoted': $$.Execution.Id", '    End: true', ''].join('\n'),
      errors: [
        { state: 'S', line: 6, column: 7, endLine: 6, endColumn: 9, message: '"id" in Parameters of state "S" looks like a path ("$.id")' },
        { state: 'S', line: 7, column: 7, endLine: 7, endColumn: 15, message: '"quoted" in Parameters of state "S"' },
      ],
    },
  ],
});

/** The text after applying every fix of the rule, checked to lint clean of the rule afterwards. */
function fixed(code: string, filename = 'test.asl.json'): string {
  const found = runRule(rule, code, filename);
  expect(found.length).toBeGreaterThan(0);
  const edits = found.flatMap((d) => d.diagnostic.fix?.edits ?? []);
  expect(found.every((d) => d.diagnostic.fix !== undefined)).toBe(true);
  const result = applyEdits(code, edits);
  expect(runRule(rule, result, filename)).toEqual([]);
  return result;
}

describe('require-path-suffix fix', () => {
  it('is safe for --fix', () => {
    const found = runRule(rule, task('"Parameters": { "Payload": "$.order" },'), 'test.asl.json');
    expect(found.map((d) => d.diagnostic.fix?.safe)).toEqual([true]);
  });

  it('renames JSON keys, and nothing else', () => {
    const code = task('"Parameters": { "Payload": { "order": "$.order", "q\\"k": "$$.Task.Token" }, "n": 1 },');
    expect(fixed(code)).toBe(code.replace('"order":', '"order.$":').replace('"q\\"k":', '"q\\"k.$":'));
  });

  it('renames YAML keys in their quoting style', () => {
    const code = ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters: {id: $.id, "run": $$.Execution.Id}', "    Assign:", "      'v': $.v  # keep", '    End: true', ''].join('\n');
    expect(fixed(code, 'm.asl.yaml')).toBe(code.replace('{id:', '{id.$:').replace('"run":', '"run.$":').replace("'v':", () => "'v.$':"));
  });

  it('keeps CRLF files byte for byte but for the suffix', () => {
    const code = task('"Parameters": { "a": "$.a" },').replace(/\n/g, '\r\n');
    expect(fixed(code)).toBe(code.replace('"a":', '"a.$":'));
  });

  it('offers no fix where the key sits in a YAML alias', () => {
    const code = ['Shared: &p', '  id: $.id', 'StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters: *p', '    End: true', ''].join('\n');
    const found = runRule(rule, code, 'm.asl.yaml');
    expect(found.map((d) => d.diagnostic.fix)).toEqual([undefined]);
  });
});

describe('pathLike', () => {
  it('accepts paths that compile and known intrinsic calls, nothing looser', () => {
    const yes = ['$', '$.a', '$[0]', '$$.Execution.Id', '$.a[?(@.b > 1)]', '$..x', "States.Format('{}', $.a)", 'States.UUID()', 'States.Array(1, 2)'];
    const no = ['$5', '$.5', '$a', '$$', '$ ', ' $.a', '$.a b', '$.a[', '${x}', '$.${x}', 'States.Nope()', "States.Format('{}'", 'States.UUID() x', 'x', ''];
    expect(yes.filter((text) => !pathLike(text))).toEqual([]);
    expect(no.filter((text) => pathLike(text))).toEqual([]);
  });
});

describe('require-path-suffix fixtures', () => {
  const folder = new URL('../fixtures/require-path-suffix/', import.meta.url);
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(new URL(`${kind}/`, folder))) {
      it(`${kind}: ${name}`, () => {
        const text = readFileSync(new URL(`${kind}/${name}`, folder), 'utf8');
        const found = runRule(rule, text, name);
        if (kind === 'valid') expect(found.map((d) => d.message)).toEqual([]);
        else {
          expect(found.length).toBeGreaterThan(0);
          fixed(text, name);
        }
      });
    }
  }
});
