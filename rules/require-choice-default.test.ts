import { testRule } from './test-support/rule-tester.js';
import rule from './require-choice-default.js';

/** A machine whose only state is a Choice named `name` with these rules and extra fields. */
function choice(rules: string, extra = '', name = 'Check'): string {
  return `{
  "StartAt": ${JSON.stringify(name)},
  "States": {
    ${JSON.stringify(name)}: {
      "Type": "Choice",${extra}
      "Choices": [
${rules}
      ]
    },
    "A": { "Type": "Succeed" },
    "B": { "Type": "Succeed" }
  }
}`;
}

function jsonata(...conditions: string[]): string {
  return choice(
    conditions.map((condition, i) => `        { "Condition": ${JSON.stringify(condition)}, "Next": "${i % 2 ? 'B' : 'A'}" }`).join(',\n'),
    '\n      "QueryLanguage": "JSONata",',
  );
}

const rules = (...lines: string[]): string => lines.map((line) => `        ${line}`).join(',\n');

const at = { state: 'Check', line: 4, column: 5, endLine: 4, endColumn: 12, message: 'Choice state "Check" has no "Default"' };

testRule(rule, {
  valid: [
    { name: 'a Default', code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }'), '\n      "Default": "B",') },
    { name: 'a Default of the wrong shape is for valid-definition', code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }'), '\n      "Default": 3,') },
    {
      name: 'BooleanEquals true then false',
      code: choice(rules('{ "Variable": "$.ok", "BooleanEquals": true, "Next": "A" }', '{ "Variable": "$.ok", "BooleanEquals": false, "Next": "B" }')),
    },
    {
      name: 'BooleanEquals false then true, after another rule',
      code: choice(
        rules(
          '{ "Variable": "$.n", "NumericGreaterThan": 3, "Next": "A" }',
          '{ "Variable": "$.ok", "BooleanEquals": false, "Next": "B" }',
          '{ "Variable": "$.ok", "BooleanEquals": true, "Next": "A" }',
        ),
      ),
    },
    {
      name: 'a rule and its Not',
      code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }', '{ "Not": { "Variable": "$.s", "StringEquals": "x" }, "Next": "B" }')),
    },
    {
      name: 'a Not first, its fields in another order',
      code: choice(
        rules(
          '{ "Not": { "StringEquals": "x", "Variable": "$.s" }, "Next": "B" }',
          '{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }',
        ),
      ),
    },
    {
      name: 'a double Not cancels',
      code: choice(rules('{ "Not": { "Not": { "Variable": "$.n", "NumericEquals": 1 } }, "Next": "A" }', '{ "Not": { "Variable": "$.n", "NumericEquals": 1 }, "Next": "B" }')),
    },
    {
      name: 'IsPresent true and false',
      code: choice(rules('{ "Variable": "$.item", "IsPresent": true, "Next": "A" }', '{ "Variable": "$.item", "IsPresent": false, "Next": "B" }')),
    },
    {
      name: 'IsPresent true and Not IsPresent true',
      code: choice(rules('{ "Not": { "Variable": "$.item", "IsPresent": true }, "Next": "A" }', '{ "Variable": "$.item", "IsPresent": true, "Next": "B" }')),
    },
    ...['IsNull', 'IsString', 'IsNumeric', 'IsBoolean', 'IsTimestamp'].map((test) => ({
      name: `${test} true and false`,
      code: choice(rules(`{ "Variable": "$.v", "${test}": false, "Next": "A" }`, `{ "Variable": "$.v", "${test}": true, "Next": "B" }`)),
    })),
    {
      name: 'an Or holding a rule and its negation',
      code: choice(rules('{ "Or": [{ "Variable": "$.v", "IsNull": true }, { "Variable": "$.v", "IsNull": false }], "Next": "A" }')),
    },
    {
      name: 'an And and its Not',
      code: choice(
        rules(
          '{ "And": [{ "Variable": "$.a", "IsPresent": true }, { "Variable": "$.b", "BooleanEquals": true }], "Next": "A" }',
          '{ "Not": { "And": [{ "Variable": "$.a", "IsPresent": true }, { "Variable": "$.b", "BooleanEquals": true }] }, "Next": "B" }',
        ),
      ),
    },
    { name: 'JSONata literal true', code: jsonata('{% true %}') },
    { name: 'JSONata literal true without spaces, in parentheses, after another rule', code: jsonata('{% $states.input.n > 3 %}', '{%(true)%}') },
    { name: 'JSONata $not(false)', code: jsonata('{% $not(false) %}') },
    { name: 'JSONata X and $not(X)', code: jsonata('{% $states.input.approved %}', '{% $not($states.input.approved) %}') },
    {
      name: 'JSONata X and $not(X) with different whitespace',
      code: jsonata('{%  $states.input.total >= 100 and $isVip  %}', '{% $not( $states.input.total>=100 and   $isVip ) %}'),
    },
    { name: 'JSONata $not(X) first', code: jsonata('{% $not($count($states.input.items) = 0) %}', '{% ($count($states.input.items) = 0) %}') },
    { name: 'Choices given as a placeholder', code: choice('', '').replace(/"Choices": \[\s*\]/, '"Choices": "${Choices}"') },
    { name: 'Choices that is not an array', code: choice('', '').replace(/"Choices": \[\s*\]/, '"Choices": { "Variable": "$.a" }') },
    { name: 'empty Choices', code: choice('') },
    { name: 'no Choices', code: '{"StartAt":"C","States":{"C":{"Type":"Choice"}}}' },
    { name: 'a rule that is not an object', code: choice(rules('"${Rule}"', '{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }')) },
    { name: 'a condition given as a placeholder', code: jsonata('{% $x = 1 %}', '${Condition}') },
    {
      name: 'a comparison value given as a bare placeholder',
      code: choice(rules('{ "Variable": "$.ok", "BooleanEquals": ${Expected}, "Next": "A" }', '{ "Variable": "$.ok", "BooleanEquals": false, "Next": "B" }')),
    },
    { name: 'a condition holding a placeholder', code: jsonata('{% $states.input.env = "${Stage}" %}') },
    {
      name: 'YAML, BooleanEquals pair',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Check',
        'States:',
        '  Check:',
        '    Type: Choice',
        '    Choices:',
        '      - Variable: $.ok',
        '        BooleanEquals: true',
        '        Next: A',
        '      - Variable: $.ok',
        '        BooleanEquals: false',
        '        Next: A',
        '  A:',
        '    Type: Succeed',
        '',
      ].join('\n'),
    },
    {
      name: 'inside a Parallel branch, with a Default',
      code: '{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","StringEquals":"x","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}]}}}',
    },
    { name: 'a state named __proto__ with a Default', code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }'), '\n      "Default": "B",', '__proto__') },
  ],
  invalid: [
    { name: 'one rule, no Default', code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }')), errors: [{ ...at, message: 'States.NoChoiceMatched. Add a "Default" transition.' }] },
    {
      name: 'string values that look like a complete list',
      code: choice(rules('{ "Variable": "$.s", "StringEquals": "buy", "Next": "A" }', '{ "Variable": "$.s", "StringEquals": "sell", "Next": "B" }')),
      errors: [at],
    },
    { name: 'BooleanEquals true twice', code: choice(rules('{ "Variable": "$.ok", "BooleanEquals": true, "Next": "A" }', '{ "Variable": "$.ok", "BooleanEquals": true, "Next": "B" }')), errors: [at] },
    {
      name: 'BooleanEquals true and false on different variables',
      code: choice(rules('{ "Variable": "$.ok", "BooleanEquals": true, "Next": "A" }', '{ "Variable": "$.okay", "BooleanEquals": false, "Next": "B" }')),
      errors: [at],
    },
    {
      name: 'BooleanEquals true and Not BooleanEquals false',
      code: choice(rules('{ "Variable": "$.ok", "BooleanEquals": true, "Next": "A" }', '{ "Not": { "Variable": "$.ok", "BooleanEquals": false }, "Next": "B" }')),
      errors: [at],
    },
    {
      name: 'a Not with another value',
      code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }', '{ "Not": { "Variable": "$.s", "StringEquals": "y" }, "Next": "B" }')),
      errors: [at],
    },
    {
      name: 'a Not with another operator',
      code: choice(rules('{ "Variable": "$.n", "NumericGreaterThan": 3, "Next": "A" }', '{ "Not": { "Variable": "$.n", "NumericGreaterThanEquals": 3 }, "Next": "B" }')),
      errors: [at],
    },
    {
      name: 'the negation hidden in an And is not enough',
      code: choice(
        rules(
          '{ "Variable": "$.a", "IsPresent": true, "Next": "A" }',
          '{ "And": [{ "Variable": "$.a", "IsPresent": false }, { "Variable": "$.b", "IsPresent": true }], "Next": "B" }',
        ),
      ),
      errors: [at],
    },
    {
      name: 'an And and the Not of an Or',
      code: choice(
        rules(
          '{ "And": [{ "Variable": "$.a", "IsPresent": true }, { "Variable": "$.b", "IsPresent": true }], "Next": "A" }',
          '{ "Not": { "Or": [{ "Variable": "$.a", "IsPresent": true }, { "Variable": "$.b", "IsPresent": true }] }, "Next": "B" }',
        ),
      ),
      errors: [at],
    },
    {
      name: 'IsPresent true and IsNull false',
      code: choice(rules('{ "Variable": "$.v", "IsPresent": true, "Next": "A" }', '{ "Variable": "$.v", "IsNull": false, "Next": "B" }')),
      errors: [at],
    },
    { name: 'JSONata = and != (both false when the field is missing)', code: jsonata('{% $states.input.s = "OK" %}', '{% $states.input.s != "OK" %}'), errors: [at] },
    { name: 'JSONata false', code: jsonata('{% false %}'), errors: [at] },
    { name: 'JSONata $not(true)', code: jsonata('{% $not(true) %}'), errors: [at] },
    { name: 'JSONata $not applied to part of the expression only', code: jsonata('{% $not($a) and $b %}', '{% $a and $b %}'), errors: [at] },
    { name: 'JSONata whitespace inside a string literal matters', code: jsonata('{% $s = "a b" %}', '{% $not($s = "a  b") %}'), errors: [at] },
    { name: 'a condition without {% %}', code: jsonata('true'), errors: [at] },
    {
      name: 'inside a Parallel branch',
      code: [
        '{',
        '  "StartAt": "Fan out",',
        '  "States": {',
        '    "Fan out": {',
        '      "Type": "Parallel",',
        '      "End": true,',
        '      "Branches": [',
        '        { "StartAt": "Ok", "States": { "Ok": { "Type": "Succeed" } } },',
        '        {',
        '          "StartAt": "Route",',
        '          "States": {',
        '            "Route": { "Type": "Choice", "Choices": [{ "Variable": "$.a", "IsNull": true, "Next": "Done" }] },',
        '            "Done": { "Type": "Succeed" }',
        '          }',
        '        }',
        '      ]',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ state: 'Route', statePath: ['Fan out', 'Route'], line: 12, column: 13, endLine: 12, endColumn: 20, message: 'Choice state "Route"' }],
    },
    {
      name: 'inside a Map processor, JSONata',
      code: [
        '{',
        '  "QueryLanguage": "JSONata",',
        '  "StartAt": "Each",',
        '  "States": {',
        '    "Each": {',
        '      "Type": "Map",',
        '      "End": true,',
        '      "ItemProcessor": {',
        '        "StartAt": "Kind?",',
        '        "States": {',
        '          "Kind?": { "Type": "Choice", "Choices": [{ "Condition": "{% $states.input.kind = \'a\' %}", "Next": "Done" }] },',
        '          "Done": { "Type": "Succeed" }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ state: 'Kind?', statePath: ['Each', 'Kind?'], line: 11, column: 11, endLine: 11, endColumn: 18 }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Check',
        'States:',
        '  Check:',
        '    Type: Choice',
        '    Choices:',
        '      - Variable: $.ok',
        '        BooleanEquals: true',
        '        Next: A',
        '  A:',
        '    Type: Succeed',
        '',
      ].join('\n'),
      errors: [{ state: 'Check', line: 3, column: 3, endLine: 3, endColumn: 8 }],
    },
    {
      name: 'a state named __proto__',
      code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }'), '', '__proto__'),
      errors: [{ state: '__proto__', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'Choice state "__proto__"' }],
    },
    {
      name: 'a unicode name',
      code: choice(rules('{ "Variable": "$.s", "StringEquals": "x", "Next": "A" }'), '', 'Prüfen 🚦'),
      errors: [{ state: 'Prüfen 🚦', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'Choice state "Prüfen 🚦"' }],
    },
  ],
});
