import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './no-path-in-static-result.js';
import { runRule, testRule } from './test-support/rule-tester.js';

/** A machine whose one Pass state "S" carries these fields (line 5 onwards), then End. */
function pass(...fields: string[]): string {
  return `{
  "StartAt": "S",
  "States": {
    "S": {
      "Type": "Pass",
${fields.map((field) => `      ${field}`).join('\n')}
      "End": true
    }
  }
}`;
}

testRule(rule, {
  valid: [
    {
      name: 'static data, literal dollar text and JSONPath meant for others',
      code: pass(
        '"Result": {',
        '  "retries": 3, "currency": "USD", "symbol": "$", "price": "$5", "cents": "$.99", "note": "pay $.a later",',
        '  "sub": "${Stage}", "var": "$order", "list": [1, "two", null], "call": "Hello (world)",',
        '  "OutputPath": "$.x", "InputFilter": "$[1:]", "InputPathsMap": { "id": "$.detail.id" }',
        '},',
      ),
    },
    { name: 'Parameters is where paths belong', code: pass('"Parameters": { "id.$": "$.id", "run.$": "$$.Execution.Id" },') },
    { name: 'a Result that is not an object', code: pass('"Result": "done",') },
    {
      name: 'a JSONata Pass state: Result is valid-definition\'s concern there',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "S",
  "States": { "S": { "Type": "Pass", "Result": { "a.$": "$.a" }, "End": true } }
}`,
    },
    {
      name: 'other states\' fields are not static results',
      code: `{
  "StartAt": "T",
  "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "a.$": "$.a" }, "ResultSelector": { "b.$": "$.b" }, "End": true } }
}`,
    },
  ],
  invalid: [
    {
      name: '".$" keys and path-like values at any depth',
      code: pass(
        '"Result": {',
        '  "order.$": "$.order",',
        '  "meta": { "run": "$$.Execution.Id", "items": ["$.items[0]", { "label": "States.Format(\'{}\', $.name)" }] }',
        '},',
      ),
      errors: [
        {
          state: 'S',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 18,
          message:
            '"order.$" in the Result of Pass state "S" ends in ".$", but Result is static: the state outputs the key "order.$" as written and evaluates nothing. Use "Parameters" with keys ending in ".$" to build the output from the input (in a JSONata state, "Output").',
        },
        { state: 'S', line: 8, column: 26, endLine: 8, endColumn: 43, message: 'The Result of Pass state "S" holds "$$.Execution.Id", which looks like a path, but Result is static: the state outputs the literal text.' },
        { state: 'S', line: 8, column: 55, endLine: 8, endColumn: 67, message: 'holds "$.items[0]", which looks like a path' },
        { state: 'S', line: 8, column: 80, endLine: 8, endColumn: 109, message: 'holds "States.Format(\'{}\', $.name)", which looks like a function call' },
      ],
    },
    {
      name: 'a Result that is itself a path',
      code: pass('"Result": "$.order",'),
      errors: [{ state: 'S', line: 6, column: 17, endLine: 6, endColumn: 26, message: 'holds "$.order", which looks like a path' }],
    },
    {
      name: 'in a Map processor and a Parallel branch',
      code: `{
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "B", "States": { "B": { "Type": "Pass", "Result": { "x.$": "$.x" }, "End": true } } },
        {
          "StartAt": "M",
          "States": {
            "M": {
              "Type": "Map",
              "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "Result": { "item": "$$.Map.Item.Value" }, "End": true } } },
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}`,
      errors: [
        { state: 'B', statePath: ['P', 'B'], line: 7, column: 74, endLine: 7, endColumn: 79, message: '"x.$" in the Result of Pass state "B"' },
        { state: 'I', statePath: ['P', 'M', 'I'], line: 13, column: 105, endLine: 13, endColumn: 124, message: 'The Result of Pass state "I" holds "$$.Map.Item.Value"' },
      ],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Result:', '      Message.$: $', '      run: $$.Execution.Id', '    End: true', ''].join('\n'),
      errors: [
        { state: 'S', line: 6, column: 7, endLine: 6, endColumn: 16, message: '"Message.$" in the Result of Pass state "S"' },
        { state: 'S', line: 7, column: 12, endLine: 7, endColumn: 27, message: 'holds "$$.Execution.Id"' },
      ],
    },
  ],
});

describe('no-path-in-static-result fixtures', () => {
  const folder = new URL('../fixtures/no-path-in-static-result/', import.meta.url);
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(new URL(`${kind}/`, folder))) {
      it(`${kind}: ${name}`, () => {
        const text = readFileSync(new URL(`${kind}/${name}`, folder), 'utf8');
        const found = runRule(rule, text, name);
        if (kind === 'valid') expect(found.map((d) => d.message)).toEqual([]);
        else expect(found.length).toBeGreaterThan(0);
      });
    }
  }
});
