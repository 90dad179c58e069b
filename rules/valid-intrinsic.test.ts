import { testRule } from './test-support/rule-tester.js';
import rule from './valid-intrinsic.js';

/** A machine with one Pass state "S" whose Parameters hold these members (line 6 onwards). */
function parameters(...members: string[]): string {
  return `{
  "StartAt": "S",
  "States": {
    "S": {
      "Type": "Pass",
      "Parameters": {
${members.map((m) => `        ${m}`).join(',\n')}
      },
      "End": true
    }
  }
}`;
}

testRule(rule, {
  valid: [
    {
      name: 'every function with the right arguments',
      code: parameters(
        '"a.$": "States.Format(\'Hello {}, your order {} is ready\', $.name, $.orderId)"',
        '"b.$": "States.Format(\'Welcome to {} {}\\\\\'s playlist.\', $.firstName, $.lastName)"',
        '"c.$": "States.Format(\'line one\\nline two {}\', $$.Execution.Name)"',
        '"d.$": "States.StringToJson($.text)"',
        '"e.$": "States.JsonToString($)"',
        '"f.$": "States.Array(\'Foo\', 2020, $.someJson, null, true)"',
        '"g.$": "States.ArrayPartition($.items, 4)"',
        '"h.$": "States.ArrayContains($.items, $.wanted)"',
        '"i.$": "States.ArrayRange(1, 9, 2)"',
        '"j.$": "States.ArrayGetItem($.items[?(@.kind == \'x\')], 0)"',
        '"k.$": "States.ArrayLength($order.items)"',
        '"l.$": "States.ArrayUnique($.items)"',
        '"m.$": "States.Base64Encode($.text)"',
        '"n.$": "States.Base64Decode($.b64)"',
        '"o.$": "States.Hash($.body, \'SHA-512\')"',
        '"p.$": "States.JsonMerge($.a, $.b, false)"',
        '"q.$": "States.MathRandom(1, 999, $.seed)"',
        '"r.$": "States.MathAdd($.count, -1)"',
        '"s.$": "States.StringSplit($.csv, \',\')"',
        '"t.$": "States.UUID()"',
        '"u.$": "States.MathAdd(States.ArrayLength($$.Execution.Input.machines), -1)"',
      ),
    },
    { name: 'paths are left to valid-path', code: parameters('"a.$": "$.a[", "b.$": "not a path", "c.$": 42') },
    { name: 'substitution placeholders', code: parameters('"a.$": "States.Format(\'${Prefix}-{}\', $.id, $.extra)"', '"b.$": "${Expression}"') },
    { name: 'a key without ".$" is a literal string', code: parameters('"a": "States.Format(\'{} {}\')"') },
    {
      name: 'JSONata states are not read',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "S",
  "States": { "S": { "Type": "Pass", "Output": { "a.$": "States.Nope(" }, "End": true } }
}`,
    },
    {
      name: 'Fail ErrorPath and CausePath with string functions',
      code: `{
  "StartAt": "F",
  "States": { "F": { "Type": "Fail", "ErrorPath": "States.ArrayGetItem($.errors, 0)", "CausePath": "States.Format('{} failed', $.step)" } }
}`,
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', "      id.$: States.Format('order-{}', $.id)", '    End: true', ''].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'an unknown function, with a suggestion when one is close',
      code: parameters('"a.$": "States.Fromat(\'{}\', $.a)"', '"b.$": "States.Xyz($.result)"', '"c.$": "JsonToString($)"'),
      errors: [
        {
          state: 'S',
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 42,
          message: 'Intrinsic function in "a.$" in Parameters of state "S": "States.Fromat" is not an intrinsic function. Did you mean States.Format?',
        },
        { state: 'S', line: 8, column: 16, endLine: 8, endColumn: 38, message: '"States.Xyz" is not an intrinsic function. The functions are States.Format, States.StringToJson' },
        { state: 'S', line: 9, column: 16, endLine: 9, endColumn: 33, message: 'Did you mean States.JsonToString?' },
      ],
    },
    {
      name: 'the wrong number of arguments',
      code: parameters('"a.$": "States.Format(\'{} and {}\', $.a)"', '"b.$": "States.MathAdd($.a)"', '"c.$": "States.UUID($.a)"'),
      errors: [
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 49, message: 'States.Format has 2 placeholders "{}" in its template but 1 value after it.' },
        { state: 'S', line: 8, column: 16, endLine: 8, endColumn: 37, message: 'States.MathAdd takes 2 arguments, but 1 is given. Write States.MathAdd($.value, 1).' },
        { state: 'S', line: 9, column: 16, endLine: 9, endColumn: 34, message: 'States.UUID takes 0 arguments, but 1 is given.' },
      ],
    },
    {
      name: 'broken syntax',
      code: parameters(
        '"a.$": "States.JsonToString($"',
        '"b.$": "States.StringToJson $.escaped)"',
        '"c.$": "States.Format($.template $.firstName)"',
        '"d.$": "States.Format(\\"{}\\", $.a)"',
        '"e.$": "States. "',
      ),
      errors: [
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 39, message: 'The "(" of States.JsonToString is never closed: add ")".' },
        { state: 'S', line: 8, column: 16, endLine: 8, endColumn: 48, message: 'States.StringToJson must be followed by "("' },
        { state: 'S', line: 9, column: 16, endLine: 9, endColumn: 55, message: 'Expected "," or ")" after argument 1 of States.Format, not "$".' },
        { state: 'S', line: 10, column: 16, endLine: 10, endColumn: 44, message: 'uses double quotes' },
        { state: 'S', line: 11, column: 16, endLine: 11, endColumn: 26, message: '"States." does not name a function.' },
      ],
    },
    {
      name: 'literal arguments that cannot work',
      code: parameters(
        '"a.$": "States.Hash($.body, \'SHA256\')"',
        '"b.$": "States.JsonMerge($.a, $.b, true)"',
        '"c.$": "States.ArrayRange(1, 9, 0)"',
        '"d.$": "States.ArrayPartition($.items, 0)"',
      ),
      errors: [
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 47, message: "States.Hash does not know the algorithm 'SHA256'. Did you mean 'SHA-256'?" },
        { state: 'S', line: 8, column: 16, endLine: 8, endColumn: 50, message: 'does not support a deep merge' },
        { state: 'S', line: 9, column: 16, endLine: 9, endColumn: 44, message: 'The step of States.ArrayRange must not be 0' },
        { state: 'S', line: 10, column: 16, endLine: 10, endColumn: 51, message: 'chunk size of States.ArrayPartition must be greater than 0' },
      ],
    },
    {
      name: 'an invalid path among the arguments, and nested calls',
      code: parameters('"a.$": "States.Format(\'{} {}\', $.a., States.MathAdd(1))"'),
      errors: [
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 65, message: 'Argument 2 of States.Format, "$.a.", is not a valid path: the path ends with ".".' },
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 65, message: 'States.MathAdd takes 2 arguments, but 1 is given.' },
      ],
    },
    {
      name: 'more than ten nested calls',
      code: parameters(`"a.$": "${'States.JsonToString('.repeat(11)}$.a${')'.repeat(11)}"`),
      errors: [{ state: 'S', line: 7, column: 16, endLine: 7, endColumn: 252, message: 'nested more than 10 deep' }],
    },
    {
      name: 'every payload field: ResultSelector, Credentials, Assign, catcher Assign, Map payloads',
      code: `{
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Credentials": { "RoleArn.$": "States.Format('arn:aws:iam::{}:role/x')" },
      "ResultSelector": { "abc.$": "States.Xyz($.result)" },
      "Assign": { "n.$": "States.MathAdd($.n)" },
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "e.$": "States.StringToJson()" }, "Next": "M" }],
      "Next": "M"
    },
    "M": {
      "Type": "Map",
      "ItemSelector": { "i.$": "States.ArrayGetItem($.x)" },
      "ItemBatcher": { "MaxItemsPerBatch": 10, "BatchInput": { "b.$": "States.UUID(1)" } },
      "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } },
      "End": true
    }
  }
}`,
      errors: [
        { state: 'T', line: 7, column: 37, endLine: 7, endColumn: 78, message: '"RoleArn.$" in Credentials of state "T": States.Format has 1 placeholder' },
        { state: 'T', line: 8, column: 36, endLine: 8, endColumn: 58, message: '"abc.$" in ResultSelector of state "T"' },
        { state: 'T', line: 9, column: 26, endLine: 9, endColumn: 47, message: '"n.$" in Assign of state "T"' },
        { state: 'T', line: 10, column: 69, endLine: 10, endColumn: 92, message: '"e.$" in Catch[0].Assign of state "T": States.StringToJson takes 1 argument, but none is given' },
        { state: 'M', line: 15, column: 32, endLine: 15, endColumn: 58, message: '"i.$" in ItemSelector of state "M"' },
        { state: 'M', line: 16, column: 71, endLine: 16, endColumn: 87, message: '"b.$" in ItemBatcher.BatchInput of state "M"' },
      ],
    },
    {
      name: 'only string results in a Fail state\'s ErrorPath and CausePath',
      code: `{
  "StartAt": "F",
  "States": { "F": { "Type": "Fail", "ErrorPath": "States.StringToJson($.escaped)", "CausePath": "States.MathAdd($.a, $.b)" } }
}`,
      errors: [
        { state: 'F', line: 3, column: 51, endLine: 3, endColumn: 83, message: 'Intrinsic function in "ErrorPath" of state "F": States.StringToJson cannot give an error name or cause' },
        { state: 'F', line: 3, column: 98, endLine: 3, endColumn: 124, message: 'States.MathAdd cannot give an error name or cause: these must be strings, and it returns a number.' },
      ],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', "      id.$: States.Format('{}-{}', $.id)", '    End: true', ''].join('\n'),
      errors: [{ state: 'S', line: 6, column: 13, endLine: 6, endColumn: 41, message: 'States.Format has 2 placeholders' }],
    },
  ],
});
