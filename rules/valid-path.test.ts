import { testRule } from './test-support/rule-tester.js';
import rule from './valid-path.js';

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
const pass = (...items: string[]): string => state('Pass', lines(...items));

testRule(rule, {
  valid: [
    {
      name: 'the JSONPath forms Step Functions accepts',
      code: pass(
        '"InputPath": "$.[0]",',
        '"Parameters": {',
        '  "a.$": "$[0]", "b.$": "$.a[*]", "c.$": "$..a", "d.$": "$.a[?(@.b == \'x\')]", "e.$": "$.a[?(@.price < 10)]",',
        '  "f.$": "$.a[0:2]", "g.$": "$.a[-1:]", "h.$": "$.a[\'b c\']", "i.$": "$.a[\\"b\\"]", "j.$": "$.detail-type",',
        '  "k.$": "$.a.b-c.d", "l.$": "$.名前.Ä", "m.$": "$.a.*", "n.$": "$.a[0,1]", "o.$": "$.a.length()",',
        '  "p.$": "$$.Execution.Id", "q.$": "$$.Map.Item.Value", "r.$": "$$.Task.Token", "s.$": "$order.id", "t.$": "$order",',
        '  "u.$": "$.Reservations[0].Instances[0]InstanceId", "v.$": "$.[?(@.OU > 0)]", "w.$": "$", "x.$": " $.padded ",',
        '  "nested": [{ "deep": { "y.$": "$.y" } }], "plain": "not a path: no .$ on the key"',
        '},',
        '"ResultPath": "$.result.items[0]",',
        '"OutputPath": "$.result",',
      ),
    },
    { name: 'null InputPath, OutputPath and ResultPath', code: pass('"InputPath": null,', '"ResultPath": null,', '"OutputPath": null,') },
    {
      name: 'intrinsic calls are left to valid-intrinsic',
      code: pass('"Parameters": { "a.$": "States.Format(\'{}\', $.a)", "b.$": "States.Nope($.x", "c.$": "Format($.a)" },'),
    },
    {
      name: 'substitution placeholders anywhere in the value',
      code: pass('"InputPath": "${InputPath}",', '"Parameters": { "a.$": "$.${Field} b", "b.$": "${Whole}" },', '"ResultPath": "$.${Target}[*]",'),
    },
    {
      name: 'a placeholder node where a string is expected',
      filename: 'machine.asl.json',
      code: pass('"Parameters": { "count.$": ${CountPath} },'),
    },
    {
      name: 'JSONata states are judged by valid-definition',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "S",
  "States": {
    "S": { "Type": "Pass", "InputPath": "not a path", "Parameters": { "a.$": "nope" }, "Output": "{% $states.input %}", "End": true }
  }
}`,
    },
    {
      name: 'Fail ErrorPath and CausePath: a path, a context path or an intrinsic call',
      code: '{ "StartAt": "F", "States": { "F": { "Type": "Fail", "ErrorPath": "$$.State.Name", "CausePath": "States.Format(\'{}\', $.cause)" } } }',
    },
    {
      name: 'every *Path field of Task, Wait and Map, and Choice rules',
      code: `{
  "StartAt": "T",
  "States": {
    "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.timeout", "HeartbeatSecondsPath": "$hb", "Next": "W" },
    "W": { "Type": "Wait", "TimestampPath": "$.when", "Next": "C" },
    "C": {
      "Type": "Choice",
      "Choices": [{ "And": [{ "Variable": "$.a", "StringEqualsPath": "$.b" }, { "Not": { "Variable": "$$.Execution.Input.x", "IsPresent": true } }], "Next": "M" }],
      "Default": "M"
    },
    "M": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "MaxConcurrencyPath": "$.max",
      "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "MaxItemsPath": "$.maxItems" }, "Parameters": { "Bucket.$": "$.bucket" } },
      "ItemBatcher": { "MaxItemsPerBatchPath": "$.batch", "BatchInput": { "run.$": "$$.Execution.Id" } },
      "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } },
      "End": true
    }
  }
}`,
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', '      id.$: $.detail.case-id', '      token.$: $$.Task.Token', '    End: true', ''].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a path that does not start with "$"',
      code: pass('"InputPath": "payload.items",'),
      errors: [
        {
          state: 'S',
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 35,
          message: '"InputPath" of state "S" is not a valid path: "payload.items" does not start with "$". Write "$.payload.items" to read that field of the input.',
        },
      ],
    },
    {
      name: 'unbalanced brackets and quotes, empty steps, spaces',
      code: pass(
        '"Parameters": {',
        '  "a.$": "$.a[",',
        '  "b.$": "$.a[\'b]",',
        '  "c.$": "$.a..",',
        '  "d.$": "$.",',
        '  "e.$": "$.first name",',
        '  "f.$": "$.a]"',
        '},',
      ),
      errors: [
        { state: 'S', line: 7, column: 16, endLine: 7, endColumn: 22, message: '"a.$" in Parameters of state "S" is not a valid path: "[" at position 4 is never closed. Add the closing "]".' },
        { state: 'S', line: 8, column: 16, endLine: 8, endColumn: 25, message: 'the quote \' at position 5 is never closed' },
        { state: 'S', line: 9, column: 16, endLine: 9, endColumn: 23, message: 'the path ends with ".."' },
        { state: 'S', line: 10, column: 16, endLine: 10, endColumn: 20, message: 'the path ends with "."' },
        { state: 'S', line: 11, column: 16, endLine: 11, endColumn: 30, message: 'the field name "first name" contains a space. Put it in brackets and quotes: "[\'first name\']".' },
        { state: 'S', line: 12, column: 16, endLine: 12, endColumn: 22, message: '"]" at position 4 has no matching opening bracket' },
      ],
    },
    {
      name: 'a value under a ".$" key that is not a string',
      code: pass('"Parameters": { "Payload": { "n.$": 42, "o.$": { "x": 1 }, "p.$": null } },'),
      errors: [
        { state: 'S', line: 6, column: 43, endLine: 6, endColumn: 45, message: '"n.$" in Parameters.Payload of state "S" must be a string, not the number 42' },
        { state: 'S', line: 6, column: 54, endLine: 6, endColumn: 64, message: 'must be a string, not an object' },
        { state: 'S', line: 6, column: 73, endLine: 6, endColumn: 77, message: 'must be a string, not null' },
      ],
    },
    {
      name: 'ResultPath is a reference path: no wildcard, filter, variable or context object',
      code: state(
        'Task',
        lines(
          '"Resource": "arn:aws:states:::lambda:invoke",',
          '"ResultPath": "$.items[*].result",',
          '"Catch": [',
          '  { "ErrorEquals": ["States.ALL"], "ResultPath": "$error", "Next": "Recover" },',
          '  { "ErrorEquals": ["X"], "ResultPath": "$$.State.Name", "Next": "Recover" }',
          '],',
        ),
        ',\n    "Recover": { "Type": "Pass", "End": true }',
      ),
      errors: [
        {
          state: 'S',
          line: 7,
          column: 21,
          endLine: 7,
          endColumn: 40,
          message: '"ResultPath" of state "S" is not a valid reference path: a reference path cannot use a wildcard ("[*]"). A reference path names one node',
        },
        {
          state: 'S',
          line: 9,
          column: 56,
          endLine: 9,
          endColumn: 64,
          message: '"ResultPath" in Catch[0] of state "S" is not a valid reference path: a reference path cannot name the variable "$error". To keep the result in a variable use Assign',
        },
        { state: 'S', line: 10, column: 47, endLine: 10, endColumn: 62, message: 'cannot write to the context object "$$"' },
      ],
    },
    {
      name: 'an intrinsic function where only a path is read',
      code: pass('"InputPath": "States.Format(\'{} xyz {}\', 1, \'def\')",'),
      errors: [{ state: 'S', line: 6, column: 20, endLine: 6, endColumn: 58, message: '"InputPath" of state "S" cannot call an intrinsic function: it takes a path such as "$.value". Intrinsic functions run only in keys ending in ".$"' }],
    },
    {
      name: 'Choice Variable and …Path operators, nested rules included',
      code: `{
  "StartAt": "C",
  "States": {
    "C": {
      "Type": "Choice",
      "Choices": [
        { "Variable": "States.ArrayContains($.clients, 'null')", "BooleanEquals": true, "Next": "D" },
        { "Or": [{ "Variable": "$.a", "NumericGreaterThanPath": "limit" }], "Next": "D" }
      ],
      "Default": "D"
    },
    "D": { "Type": "Succeed" }
  }
}`,
      errors: [
        { state: 'C', line: 7, column: 23, endLine: 7, endColumn: 64, message: '"Variable" in Choices[0] of state "C" cannot call an intrinsic function: it takes a path such as "$.value". Compute the value before the Choice' },
        { state: 'C', line: 8, column: 65, endLine: 8, endColumn: 72, message: '"NumericGreaterThanPath" in Choices[1].Or[0] of state "C" is not a valid path: "limit" does not start with "$". Write "$.limit"' },
      ],
    },
    {
      name: 'Fail ErrorPath and CausePath',
      code: `{
  "StartAt": "F",
  "States": {
    "F": { "Type": "Fail", "ErrorPath": "Error", "CausePath": "$.cause[" }
  }
}`,
      errors: [
        { state: 'F', line: 4, column: 41, endLine: 4, endColumn: 48, message: '"ErrorPath" of state "F" is not a valid path: "Error" does not start with "$". Write "$.Error" to read the field "Error" of the input.' },
        { state: 'F', line: 4, column: 63, endLine: 4, endColumn: 73, message: '"CausePath" of state "F"' },
      ],
    },
    {
      name: 'a JSONata expression in a JSONPath state',
      code: pass('"Parameters": { "a.$": "{% $states.input.a %}" },'),
      errors: [{ state: 'S', line: 6, column: 30, endLine: 6, endColumn: 53, message: '"a.$" in Parameters of state "S" holds a JSONata expression, but the state uses JSONPath' }],
    },
    {
      name: 'Map fields and payloads, in a nested processor',
      code: `{
  "StartAt": "M",
  "States": {
    "M": {
      "Type": "Map",
      "ItemsPath": "$.items[",
      "ItemSelector": { "item.$": "$$.Map.Item.Value", "bad.$": "Map.Item.Index" },
      "ItemProcessor": {
        "StartAt": "Inner",
        "States": { "Inner": { "Type": "Pass", "ResultPath": "$..x", "End": true } }
      },
      "ToleratedFailureCountPath": "$ count",
      "End": true
    }
  }
}`,
      errors: [
        { state: 'M', line: 6, column: 20, endLine: 6, endColumn: 30, message: '"ItemsPath" of state "M"' },
        { state: 'M', line: 7, column: 65, endLine: 7, endColumn: 81, message: '"bad.$" in ItemSelector of state "M"' },
        { state: 'Inner', statePath: ['M', 'Inner'], line: 10, column: 62, endLine: 10, endColumn: 68, message: 'cannot use recursive descent' },
        { state: 'M', line: 12, column: 36, endLine: 12, endColumn: 45, message: 'there is a space at position 2, outside brackets and quotes' },
      ],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: S', 'States:', '  S:', '    Type: Pass', '    Parameters:', '      model.$:', '      id.$: detail.id', '    End: true', ''].join('\n'),
      errors: [
        { state: 'S', line: 6, column: 15, endLine: 6, endColumn: 15, message: 'must be a string, not null' },
        { state: 'S', line: 7, column: 13, endLine: 7, endColumn: 22, message: 'Write "$.detail.id"' },
      ],
    },
  ],
});
