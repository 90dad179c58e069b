import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './map-concurrency.js';
import { runRule, testRule } from './test-support/rule-tester.js';

/** A Map "M" (line 4) with these fields, whose processor (these settings) runs one Task "T" with this Resource. */
function map(fields: string, resource = 'arn:aws:states:::lambda:invoke', processorConfig = '{ "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }', machine = ''): string {
  return `{${machine}
  "StartAt": "M",
  "States": {
    "M": {
      "Type": "Map",
${fields}      "ItemProcessor": {
        "ProcessorConfig": ${processorConfig},
        "StartAt": "T",
        "States": { "T": { "Type": "Task", "Resource": "${resource}", "End": true } }
      },
      "End": true
    }
  }
}`;
}

const line = (text: string): string => `      ${text}\n`;

testRule(rule, {
  valid: [
    { name: 'a MaxConcurrency', code: map(line('"MaxConcurrency": 500,')) },
    { name: 'a MaxConcurrencyPath', code: map(line('"MaxConcurrencyPath": "$.concurrency",')) },
    { name: 'MaxConcurrencyPath beside MaxConcurrency 0', code: map(line('"MaxConcurrency": 0,') + line('"MaxConcurrencyPath": "$.concurrency",')) },
    { name: 'MaxConcurrency filled in at deployment', code: map(line('"MaxConcurrency": ${Concurrency},')) },
    { name: 'JSONata: MaxConcurrency computed', code: map(line('"MaxConcurrency": "{% $states.input.limit %}",'), undefined, undefined, '\n  "QueryLanguage": "JSONata",') },
    { name: 'an inline Map', code: map('', undefined, '{ "Mode": "INLINE" }') },
    { name: 'children that do not invoke Lambda', code: map('', 'arn:aws:states:::dynamodb:putItem') },
    { name: 'a placeholder Resource that is not named like a function', code: map('', '${JobQueueUrl}') },
  ],
  invalid: [
    {
      name: 'no MaxConcurrency',
      code: map(''),
      errors: [
        {
          state: 'M',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 8,
          message:
            'Distributed Map "M" can run 10,000 child executions at once (it has no MaxConcurrency), and they invoke Lambda ("T"). ' +
            "An account's Lambda concurrency is 1,000 by default, so most invokes would be throttled. Set MaxConcurrency to what the functions and what they call can take.",
          related: 1,
        },
      ],
    },
    {
      name: 'MaxConcurrency 0',
      code: map(line('"MaxConcurrency": 0,')),
      errors: [{ state: 'M', line: 6, column: 25, endLine: 6, endColumn: 26, message: '(MaxConcurrency is 0)' }],
    },
    { name: 'a function ARN', code: map('', 'arn:aws:lambda:us-east-1:123456789012:function:work'), errors: [{ state: 'M', line: 4, column: 5, endLine: 4, endColumn: 8 }] },
    { name: 'a placeholder named like a function', code: map('', '${WorkerFunctionArn}'), errors: [{ state: 'M', line: 4, column: 5, endLine: 4, endColumn: 8 }] },
    {
      name: 'JSONata, Lambda deeper in a Parallel, two of them',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "M",
  "States": {
    "M": {
      "Type": "Map",
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
        "StartAt": "P",
        "States": {
          "P": {
            "Type": "Parallel",
            "Branches": [
              { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "FunctionName": "a" }, "End": true } } },
              { "StartAt": "B", "States": { "B": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:lambda:invoke", "Arguments": { "FunctionName": "b" }, "End": true } } }
            ],
            "End": true
          }
        }
      },
      "End": true
    }
  }
}`,
      errors: [{ state: 'M', line: 5, column: 5, endLine: 5, endColumn: 8, message: 'they invoke Lambda ("A" and 1 more)', related: 2 }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'StartAt: Each file',
        'States:',
        '  Each file:',
        '    Type: Map',
        '    ItemProcessor:',
        '      ProcessorConfig: { Mode: DISTRIBUTED, ExecutionType: STANDARD }',
        '      StartAt: Work',
        '      States:',
        '        Work:',
        '          Type: Task',
        '          Resource: arn:aws:states:::lambda:invoke',
        '          End: true',
        '    MaxConcurrency: 0',
        '    End: true',
        '',
      ].join('\n'),
      errors: [{ state: 'Each file', line: 13, column: 21, endLine: 13, endColumn: 22 }],
    },
  ],
});

describe('map-concurrency fixtures', () => {
  const folder = new URL('../fixtures/map-concurrency/', import.meta.url);
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
