import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './no-unused-variable.js';
import { lintText } from '@sfn-lint/core';
import { runRule, testRule } from './test-support/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'variables that the option "ignore" names',
      options: { ignore: ['debug*'] },
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": { "A": { "Type": "Pass", "Assign": { "debugInput": 1, "debug": 2 }, "End": true } }
}`,
    },
    {
      name: 'every variable read later, in the same Assign, or in a nested scope',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Init",
  "States": {
    "Init": { "Type": "Pass", "Assign": { "count": 0, "limit": 3, "total": 1 }, "Next": "Loop" },
    "Loop": { "Type": "Pass", "Assign": { "count": "{% $count + 1 %}" }, "Next": "Each" },
    "Each": {
      "Type": "Map",
      "ItemProcessor": { "StartAt": "Item", "States": { "Item": { "Type": "Pass", "Output": "{% $limit %}", "End": true } } },
      "Output": "{% [$total] %}",
      "End": true
    }
  }
}`,
    },
    {
      name: 'swap',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Swap",
  "States": { "Swap": { "Type": "Pass", "Assign": { "x": "{% $y %}", "y": "{% $x %}" }, "End": true } }
}`,
    },
    {
      name: 'names an expression binds or uses as a function count as reads',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "v": 1, "string": 2 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% ($v := $v + 1; $map([1], $string)) %}", "End": true }
  }
}`,
    },
    {
      name: 'a read in text that does not parse counts',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "v": 1 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $merge([$v %}", "End": true }
  }
}`,
    },
    {
      name: 'JSONPath: a variable read in a filter or an intrinsic argument',
      code: `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "id.$": "$.id", "tag": "x" }, "Next": "B" },
    "B": { "Type": "Pass", "Parameters": { "match.$": "$.items[?(@.id == $id)]", "t.$": "States.Format('{}', $tag)" }, "End": true }
  }
}`,
    },
    {
      name: 'a placeholder that could stand for a read silences the scope',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "v": 1 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% \${Expression} %}", "End": true }
  }
}`,
    },
    {
      name: 'a Map\'s catcher assigns to the scope the Map is in',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Each",
  "States": {
    "Each": {
      "Type": "Map",
      "ItemProcessor": { "StartAt": "W", "States": { "W": { "Type": "Pass", "End": true } } },
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "failed": true }, "Next": "Report" }],
      "End": true
    },
    "Report": { "Type": "Pass", "Output": "{% $failed %}", "End": true }
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'a variable that the option "ignore" does not name',
      options: { ignore: ['debug*', 'trace'] },
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "debugInput": 1, "trace": 2, "tracer": 3 }, "End": true }
  }
}`,
      errors: [{ state: 'A', line: 5, column: 69, endLine: 5, endColumn: 77, message: '"A" assigns "$tracer" in its Assign' }],
    },
    {
      name: 'a variable no state reads',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Assign": { "used": 1, "unused": 2 }, "Next": "B" },
    "B": { "Type": "Pass", "Output": "{% $used %}", "End": true }
  }
}`,
      errors: [
        {
          state: 'A',
          line: 5,
          column: 51,
          endLine: 5,
          endColumn: 59,
          severity: 'warning',
          message: '"A" assigns "$unused" in its Assign, but no state in the workflow reads it.',
        },
      ],
    },
    {
      name: 'JSONPath keys, a Choice rule\'s and a catcher\'s Assign',
      code: `{
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Assign": { "result.$": "$.Payload" },
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Assign": { "error.$": "$.Cause" }, "Next": "Check" }],
      "Next": "Check"
    },
    "Check": {
      "Type": "Choice",
      "Choices": [{ "Variable": "$.ok", "BooleanEquals": true, "Assign": { "ok": true }, "Next": "Done" }],
      "Default": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}`,
      errors: [
        { state: 'Call', line: 7, column: 19, endLine: 7, endColumn: 29, message: '"Call" assigns "$result" in its Assign' },
        { state: 'Call', line: 8, column: 62, endLine: 8, endColumn: 71, message: '"Call" assigns "$error" in the Assign of Catch[0]' },
        { state: 'Check', line: 13, column: 76, endLine: 13, endColumn: 80, message: '"Check" assigns "$ok" in the Assign of Choices[0]' },
      ],
    },
    {
      name: 'a branch variable is not read in its branch; reading it outside does not count',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Fan out",
  "States": {
    "Fan out": {
      "Type": "Parallel",
      "Branches": [{ "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "price": 1 }, "End": true } } }],
      "Next": "Report"
    },
    "Report": { "Type": "Pass", "Output": "{% $price %}", "End": true }
  }
}`,
      errors: [{ state: 'B', line: 7, column: 85, endLine: 7, endColumn: 92, message: 'no state in its branch of "Fan out" reads it' }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['QueryLanguage: JSONata', 'StartAt: A', 'States:', '  A:', '    Type: Pass', '    Assign:', '      leftover: 1', '    End: true', ''].join('\n'),
      errors: [{ state: 'A', line: 7, column: 7, endLine: 7, endColumn: 15, message: '"$leftover"' }],
    },
  ],
});

describe('no-unused-variable fixtures', () => {
  const folder = new URL('../fixtures/no-unused-variable/', import.meta.url);
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

describe('no-unused-variable in a DefinitionString built from pieces', () => {
  it('reads the definition the pieces make, even when a name is split between them', () => {
    const template = JSON.stringify({
      Resources: {
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            // "Assign" and "$x" exist only once Fn::Join has put the pieces together.
            DefinitionString: { 'Fn::Join': ['', ['{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Ass', 'ign":{"kept":1,"unused":2},"Next":"B"},"B":{"Type":"Pass","Output":"{% $', 'kept %}","End":true}}}']] },
          },
        },
      },
    });
    const result = lintText('template.json', template, { rules: [rule] });
    expect(result.diagnostics.filter((d) => d.ruleId === rule.id).map((d) => d.message)).toEqual([expect.stringContaining('assigns "$unused"')]);
  });
});
