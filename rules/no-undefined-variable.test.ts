import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './no-undefined-variable.js';
import { runRule, testRule } from './test-support/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a read after an Assign on every path',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "Check" },
    "Check": {
      "Type": "Choice",
      "Choices": [{ "Condition": "{% $states.input.vip %}", "Assign": { "total": 10 }, "Next": "Use" }],
      "Default": "Use"
    },
    "Use": { "Type": "Pass", "Output": "{% $total + 1 %}", "End": true }
  }
}`,
    },
    {
      name: 'swap: every Assign expression reads the values at state entry',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "x": 1, "y": 2 }, "Next": "Swap" },
    "Swap": { "Type": "Pass", "Assign": { "x": "{% $y %}", "y": "{% $x %}" }, "Output": "{% $x - $y %}", "End": true }
  }
}`,
    },
    {
      name: 'a loop that assigns before its first read',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "page": 0 }, "Next": "Fetch" },
    "Fetch": { "Type": "Pass", "Assign": { "page": "{% $page + 1 %}", "last": "{% $page %}" }, "Next": "More?" },
    "More?": { "Type": "Choice", "Choices": [{ "Condition": "{% $page < 3 %}", "Next": "Fetch" }], "Default": "Done" },
    "Done": { "Type": "Pass", "Output": "{% $last * 2 %}", "End": true }
  }
}`,
    },
    {
      name: 'a catcher\'s Assign along the catch edge',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": { "FunctionName": "f" },
      "Assign": { "result": "{% $states.result %}" },
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "failure": "{% $states.errorOutput %}" }, "Next": "Failed" }],
      "Next": "Done"
    },
    "Done": { "Type": "Pass", "Output": "{% $result.Payload %}", "End": true },
    "Failed": { "Type": "Fail", "Error": "CallFailed", "Cause": "{% $failure.Cause %}" }
  }
}`,
    },
    {
      name: 'inner scopes read outer variables assigned before the Parallel and the inline Map start',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "limit": 5 }, "Next": "Fan out" },
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Output": "{% $limit * 2 %}", "End": true } } },
        {
          "StartAt": "Each",
          "States": {
            "Each": {
              "Type": "Map",
              "Items": "{% $states.input.items %}",
              "ItemProcessor": { "StartAt": "Item", "States": { "Item": { "Type": "Pass", "Output": "{% $limit - 1 %}", "End": true } } },
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}`,
    },
    {
      name: 'a Distributed Map passes outer values through ItemSelector',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "bucket": "b" }, "Next": "Each" },
    "Each": {
      "Type": "Map",
      "ItemSelector": { "bucket": "{% $bucket %}", "item": "{% $states.context.Map.Item.Value %}" },
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
        "StartAt": "Work",
        "States": { "Work": { "Type": "Pass", "Output": "{% $states.input.bucket %}", "End": true } }
      },
      "End": true
    }
  }
}`,
    },
    {
      name: 'reads that tolerate an undefined value, and a Choice that tests the variable first',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Has coupon?",
  "States": {
    "Has coupon?": { "Type": "Choice", "Choices": [{ "Condition": "{% $exists($coupon) %}", "Next": "Apply" }], "Default": "Plain" },
    "Apply": { "Type": "Pass", "Output": "{% $coupon.amount %}", "End": true },
    "Plain": {
      "Type": "Pass",
      "Output": { "a": "{% $exists($coupon) ? $coupon : 0 %}", "b": "{% [$coupon] %}", "c": "{% $coupon = 1 %}", "d": "{% 'x' & $coupon %}" },
      "End": true
    },
    "Later": { "Type": "Pass", "Assign": { "coupon": 1 }, "End": true }
  }
}`,
    },
    {
      name: 'names an expression binds, $states, and function names',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Output": "{% ($n := 2; $map($states.input.items, function($v) { $v * $n }) ~> $string) %}", "End": true }
  }
}`,
    },
    {
      name: 'JSONPath: variables in paths, .$ values, intrinsic arguments and Choice rules',
      code: `{
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "order.$": "$.order", "limit": 3 }, "Next": "Check" },
    "Check": {
      "Type": "Choice",
      "Choices": [{ "Variable": "$order.total", "NumericGreaterThanPath": "$limit", "Next": "Big" }],
      "Default": "Big"
    },
    "Big": {
      "Type": "Pass",
      "InputPath": "$order",
      "Parameters": { "text.$": "States.Format('{} of {}', $order.id, $limit)", "run.$": "$$.Execution.Id", "in.$": "$.a" },
      "End": true
    }
  }
}`,
    },
    {
      name: 'JSONPath: IsPresent tests a variable before the read',
      code: `{
  "StartAt": "Known?",
  "States": {
    "Known?": { "Type": "Choice", "Choices": [{ "Variable": "$customer", "IsPresent": true, "Next": "Use" }], "Default": "Done" },
    "Use": { "Type": "Pass", "Parameters": { "name.$": "$customer.name" }, "End": true },
    "Done": { "Type": "Succeed" }
  }
}`,
    },
    {
      name: 'strings a state does not evaluate, and unreachable states',
      code: `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Parameters": { "plain": "$nope" }, "Result": "{% $nope %}", "End": true },
    "Orphan": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $nope + 1 %}", "End": true }
  }
}`,
    },
    {
      name: 'odd names: __proto__ and constructor',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "__proto__": 1, "constructor": 2 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $__proto__ + $constructor %}", "End": true }
  }
}`,
    },
    {
      name: 'placeholders: an Assign key that a deployment tool fills in may set any name',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "\${Name}": 1 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $anything + 1 %}", "End": true }
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'assigned on one branch of a Choice only',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Check",
  "States": {
    "Check": { "Type": "Choice", "Choices": [{ "Condition": "{% $states.input.vip %}", "Next": "Vip" }], "Default": "Use" },
    "Vip": { "Type": "Pass", "Assign": { "discount": 10 }, "Next": "Use" },
    "Use": { "Type": "Pass", "Output": "{% $states.input.total - $discount %}", "End": true }
  }
}`,
      errors: [
        {
          state: 'Use',
          line: 7,
          column: 66,
          endLine: 7,
          endColumn: 75,
          related: 1,
          message: '"Use" reads "$discount" in "Output", but "$discount" may be undefined there: nothing assigns it on the path "Check" → "Use".',
        },
      ],
    },
    {
      name: 'a state reads what its own Assign sets',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "x": 1 }, "Output": "{% $x + 1 %}", "End": true }
  }
}`,
      errors: [{ state: 'A', line: 5, column: 64, endLine: 5, endColumn: 66, message: 'only "A" itself assigns "$x", and an Assign takes effect from the next state' }],
    },
    {
      name: 'a loop head reads a variable the loop assigns later',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Head",
  "States": {
    "Head": { "Type": "Pass", "Output": "{% $cursor %}", "Next": "Page" },
    "Page": { "Type": "Pass", "Assign": { "cursor": "next" }, "Next": "Head" }
  }
}`,
      errors: [{ state: 'Head', line: 5, column: 45, endLine: 5, endColumn: 52, message: 'may be undefined there: nothing assigns it when the execution starts at "Head"' }],
    },
    {
      name: 'the catch edge carries the catcher\'s Assign, not the state\'s',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Assign": { "result": "{% $states.result %}" },
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Handle" }],
      "End": true
    },
    "Handle": { "Type": "Pass", "Output": "{% $result.Payload %}", "End": true }
  }
}`,
      errors: [{
          state: 'Handle',
          line: 12,
          column: 47,
          endLine: 12,
          endColumn: 54,
          message: 'no path to "Handle" assigns "$result" first: nothing sets it on the path "Call" → "Handle" (along a Catch edge the catcher\'s Assign applies instead of the state\'s)',
        },],
    },
    {
      name: 'a branch variable read after the Parallel, and an outer variable assigned inside a Map',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "count": 0 }, "Next": "Fan out" },
    "Fan out": {
      "Type": "Parallel",
      "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "price": 1 }, "Output": "{% 1 %}", "End": true } } }],
      "Next": "Each"
    },
    "Each": {
      "Type": "Map",
      "ItemProcessor": { "StartAt": "Add", "States": { "Add": { "Type": "Pass", "Assign": { "count": "{% $count + 1 %}" }, "End": true } } },
      "Next": "Report"
    },
    "Report": { "Type": "Pass", "Output": "{% $price * $count %}", "End": true }
  }
}`,
      errors: [
        { state: 'Add', line: 13, column: 93, endLine: 13, endColumn: 100, related: 1, message: '"Add" assigns "$count" inside the iterations of the Map "Each", but "$count" is a variable of the enclosing scope (assigned in "Init")' },
        { state: 'Report', line: 16, column: 47, endLine: 16, endColumn: 53, message: 'but "$price" is assigned only inside a branch of "Fan out"' },
      ],
    },
    {
      name: 'nested scopes: a Map inside a branch assigns the branch\'s variable and reads one of the top level',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "Init",
          "States": {
            "Init": { "Type": "Pass", "Assign": { "seen": 0 }, "Next": "Each" },
            "Each": {
              "Type": "Map",
              "ItemProcessor": {
                "StartAt": "Item",
                "States": { "Item": { "Type": "Pass", "Assign": { "seen": "{% $seen + 1 %}" }, "Output": "{% $top %}", "End": true } }
              },
              "End": true
            }
          }
        }
      ],
      "Next": "Done"
    },
    "Done": { "Type": "Pass", "Assign": { "top": 1 }, "End": true }
  }
}`,
      errors: [
        { state: 'Item', line: 16, column: 67, endLine: 16, endColumn: 73, message: '"Item" assigns "$seen" inside the iterations of the Map "Each", but "$seen" is a variable of the enclosing scope (assigned in "Init")' },
        { state: 'Item', line: 16, column: 110, endLine: 16, endColumn: 114, message: 'no path to "Item" assigns "$top" first: nothing sets it on the path "Fan out" → "Init" → "Each" → "Item"' },
      ],
    },
    {
      name: 'a sibling branch\'s variable',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Assign": { "mine": 1 }, "End": true } } },
        { "StartAt": "B2", "States": { "B2": { "Type": "Pass", "Output": "{% $mine %}", "End": true } } }
      ],
      "End": true
    }
  }
}`,
      errors: [{ state: 'B2', line: 9, column: 78, endLine: 9, endColumn: 83, message: 'is assigned only in a branch of "Fan out" (in "B1"), which "B2" cannot see' }],
    },
    {
      name: 'an outer variable read inside a Distributed Map',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "bucket": "b" }, "Next": "Each" },
    "Each": {
      "Type": "Map",
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
        "StartAt": "Work",
        "States": { "Work": { "Type": "Pass", "Output": "{% $bucket %}", "End": true } }
      },
      "End": true
    }
  }
}`,
      errors: [{ state: 'Work', line: 11, column: 61, endLine: 11, endColumn: 68, message: 'a variable of the workflow outside the Distributed Map "Each": its child executions cannot read' }],
    },
    {
      name: 'an outer variable not yet assigned when the Map starts',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "ItemProcessor": { "StartAt": "Work", "States": { "Work": { "Type": "Pass", "Output": "{% $limit %}", "End": true } } },
      "Assign": { "limit": 5 },
      "End": true
    }
  }
}`,
      errors: [{ state: 'Work', line: 7, column: 97, endLine: 7, endColumn: 103, message: 'nothing sets it on the path "Each" → "Work"' }],
    },
    {
      name: 'a misspelt name, with a suggestion',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "orderTotal": 1 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $ordertotal %}", "End": true }
  }
}`,
      errors: [{ state: 'B', line: 6, column: 42, endLine: 6, endColumn: 53, message: 'no state assigns "$ordertotal". Did you mean "$orderTotal"?' }],
    },
    {
      name: 'JSONPath: a path, a .$ value, an intrinsic argument and a Choice Variable',
      code: `{
  "StartAt": "Check",
  "States": {
    "Check": { "Type": "Choice", "Choices": [{ "Variable": "$flag", "BooleanEquals": true, "Next": "Use" }], "Default": "Use" },
    "Use": {
      "Type": "Pass",
      "InputPath": "$order",
      "Parameters": { "id.$": "$order.id", "text.$": "States.Format('{}', $who)" },
      "Assign": { "order.$": "$.order" },
      "End": true
    }
  }
}`,
      errors: [
        { state: 'Check', line: 4, column: 61, endLine: 4, endColumn: 66, message: '"Check" reads "$flag" in "Variable" in Choices[0], but no state assigns "$flag"' },
        { state: 'Use', line: 7, column: 21, endLine: 7, endColumn: 27, message: 'only "Use" itself assigns "$order"' },
        { state: 'Use', line: 8, column: 32, endLine: 8, endColumn: 38, message: '"Use" reads "$order" in "id.$" in Parameters' },
        { state: 'Use', line: 8, column: 75, endLine: 8, endColumn: 79, message: 'no state assigns "$who". Reading an undefined variable fails the state at run time' },
      ],
    },
    {
      name: 'odd names: Unicode letters and underscores',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "größe": 1, "_x1": 2 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $größe + $_x1 + $日本 %}", "End": true }
  }
}`,
      errors: [{ state: 'B', line: 6, column: 58, endLine: 6, endColumn: 61, message: 'no state assigns "$日本"' }],
    },
    {
      name: 'a string with escapes is reported as a whole',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Output": "{% $number(\\"1\\") + $missing.x %}", "End": true }
  }
}`,
      errors: [{ state: 'A', line: 5, column: 38, endLine: 5, endColumn: 73, message: '"$missing"' }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'QueryLanguage: JSONata',
        'StartAt: Check',
        'States:',
        '  Check:',
        '    Type: Choice',
        '    Choices:',
        "      - Condition: '{% $states.input.vip %}'",
        '        Assign:',
        '          discount: 10',
        '        Next: Use',
        '    Default: Use',
        '  Use:',
        '    Type: Pass',
        "    Output: '{% $states.input.total - $discount %}'",
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Use', line: 14, column: 39, endLine: 14, endColumn: 48, message: 'on the path "Check" → "Use"' }],
    },
  ],
});

describe('no-undefined-variable fixtures', () => {
  const folder = new URL('../fixtures/no-undefined-variable/', import.meta.url);
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
