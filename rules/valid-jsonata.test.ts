import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRule, testRule } from './test-support/rule-tester.js';
import rule from './valid-jsonata.js';

const json = (definition: unknown): string => JSON.stringify(definition, null, 2);

/** A JSONata machine whose only state is `state`, named "Call". */
const one = (state: Record<string, unknown>, queryLanguage = 'JSONata'): string =>
  json({ QueryLanguage: queryLanguage, StartAt: 'Call', States: { Call: state } });

const lambda = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' };

testRule(rule, {
  valid: [
    {
      name: 'expressions in every field of a Task, its retriers and catchers',
      code: one({
        ...lambda,
        Arguments: {
          FunctionName: '{% $functionArn %}',
          Payload: { id: '{% $states.input.id %}', at: '{% $now() %}', token: '{% $states.context.Task.Token %}', list: ['{% $uuid() %}', 3, true, null] },
        },
        TimeoutSeconds: '{% $states.input.timeout %}',
        HeartbeatSeconds: '{% $number($states.input.heartbeat) %}',
        Credentials: { RoleArn: '{% $states.input.role %}' },
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: { failure: '{% $states.errorOutput.Cause %}', at: '{% $states.input.at %}' }, Next: 'Call' }],
        Output: '{% $merge([$states.input, $states.result.Payload]) %}',
        Assign: { count: '{% $count($states.result.Payload.items) %}' },
        End: true,
      }),
    },
    { name: 'no space before %}', code: one({ Type: 'Pass', Output: '{% $states.input.a%}', End: true }) },
    { name: 'no spaces at all', code: one({ Type: 'Pass', Output: '{%$states.input.a%}', End: true }) },
    { name: 'a multi-line expression', code: one({ Type: 'Pass', Output: '{%\n  (\n    $a := $states.input.a;\n    $a * 2\n  )\n%}', End: true }) },
    { name: 'a lambda bound and called in the expression', code: one({ Type: 'Pass', Output: '{% ($double := function($x) { $x * 2 }; $double(21)) %}', End: true }) },
    { name: 'strings that are not expressions', code: one({ Type: 'Pass', Output: { a: 'plain text', b: '{% 10 %', c: ' {% ( %}', d: '$.input', e: '%}{%' }, End: true }) },
    {
      name: '${…} substitution placeholders',
      code: one({ ...lambda, Arguments: { FunctionName: '${WorkerArn}', Payload: "{% $states.input.${Field} & '${Suffix}' %}", Max: '{% ${Limit} + 1 %}' }, End: true }),
    },
    {
      name: 'JSONata-looking strings in JSONPath states are not evaluated',
      code: json({
        StartAt: 'Call',
        States: {
          Call: { ...lambda, Parameters: { 'Payload.$': '$', note: '{% $summ( %}' }, Next: 'Wait' },
          Wait: { Type: 'Wait', Seconds: 5, Comment: '{% $states.result %}', Next: 'Done' },
          Done: { Type: 'Pass', QueryLanguage: 'JSONPath', Result: '{% $states.errorOutput %}', End: true },
        },
      }),
    },
    {
      name: 'Map, Parallel, Choice, Wait and Fail fields',
      code: json({
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: '{% $states.input.orders %}',
            ItemSelector: { order: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
            MaxConcurrency: '{% $states.input.concurrency %}',
            ToleratedFailurePercentage: '{% 5 %}',
            ToleratedFailureCount: '{% $states.input.failures %}',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.max %}' },
              Arguments: { Bucket: '{% $states.input.bucket %}', Key: 'orders.json' },
              Parameters: { 'Bucket.$': '{% ( %}' },
            },
            ItemBatcher: { MaxItemsPerBatch: '{% 100 %}', BatchInput: { run: '{% $states.context.Execution.Id %}' } },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: 'out', Prefix: "{% 'runs/' & $states.context.Execution.Name %}" } },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Work',
              States: { Work: { ...lambda, Arguments: { Payload: '{% $states.input %}' }, Output: '{% $states.result.Payload %}', End: true } },
            },
            Output: '{% $states.result %}',
            Assign: { results: '{% $states.result %}' },
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Arguments: '{% $states.input %}',
            Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Pass', Output: '{% $states.input.left %}', End: true } } }],
            Output: '{% $states.result[0] %}',
            Next: 'Route',
          },
          Route: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $states.input.total > 100 %}', Output: '{% $states.input %}', Assign: { big: '{% true %}' }, Next: 'Pause' }],
            Default: 'Stop',
            Output: '{% $states.input %}',
          },
          Pause: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'Later' },
          Later: { Type: 'Wait', Timestamp: '{% $states.input.at %}', Next: 'Stop' },
          Stop: { Type: 'Fail', Error: '{% $states.input.code %}', Cause: "{% 'Stopped: ' & $string($states.input) %}" },
        },
      }),
    },
    {
      name: 'a JSONata state in a JSONPath machine',
      code: json({ StartAt: 'Call', States: { Call: { ...lambda, QueryLanguage: 'JSONata', Arguments: { Payload: '{% $states.input %}' }, Output: '{% $states.result %}', End: true } } }),
    },
    {
      name: 'a duplicate key: AWS evaluates the last one',
      code: '{\n  "QueryLanguage": "JSONata",\n  "StartAt": "Call",\n  "States": {\n    "Call": { "Type": "Pass", "Output": "{% ( %}", "Output": "{% 1 %}", "End": true }\n  }\n}',
    },
    { name: 'escaped quotes in the JSON string', code: one({ Type: 'Pass', Output: '{% "a\\"b" & $string($states.input) %}', End: true }) },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: [
        'QueryLanguage: JSONata',
        'StartAt: Call',
        'States:',
        '  Call:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke',
        '    Arguments:',
        "      Payload: '{% $states.input %}'",
        '    Output: >-',
        '      {% $merge([$states.input,',
        '      $states.result.Payload]) %}',
        '    End: true',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a syntax error in Arguments',
      code: one({ ...lambda, Arguments: { Payload: '{% $sum($states.input.items %}' }, End: true }),
      errors: [
        {
          state: 'Call',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 52,
          message: 'The JSONata expression in "Arguments.Payload" of "Call" does not parse: expected ")" before end of expression.',
        },
      ],
    },
    {
      name: 'asl-validator: bad arithmetic',
      code: one({ Type: 'Pass', Output: '{% 10 + * 2 %}', End: true }),
      errors: [{ state: 'Call', line: 7, column: 17, endLine: 7, endColumn: 33, message: 'does not parse: unexpected "2".' }],
    },
    {
      name: 'a number with a trailing dot, deep in Assign',
      code: one({ Type: 'Pass', Assign: { top: { array: [{ child: '{% 420. %}' }] } }, End: true }),
      errors: [{ state: 'Call', line: 11, column: 24, endLine: 11, endColumn: 36, message: 'The JSONata expression in "Assign.top.array[0].child" of "Call" does not parse' }],
    },
    {
      name: 'an unknown function, pointed at exactly',
      code: one({ Type: 'Pass', Output: { total: '{% $summ($states.input.prices) %}' }, End: true }),
      errors: [{ state: 'Call', line: 8, column: 22, endLine: 8, endColumn: 27, message: 'in "Output.total" of "Call" calls "$summ", which is not a function of JSONata or Step Functions, so the state fails when it runs. Did you mean "$sum"?' }],
    },
    {
      name: '$eval',
      code: one({ Type: 'Pass', Output: '{% $eval($states.input.json) %}', End: true }),
      errors: [{ state: 'Call', line: 7, column: 21, endLine: 7, endColumn: 26, message: 'calls "$eval", which Step Functions does not provide: use "$parse"' }],
    },
    {
      name: '$states.result in Arguments',
      code: one({ ...lambda, Arguments: { Payload: '{% $states.result.Payload %}' }, End: true }),
      errors: [{ state: 'Call', line: 9, column: 24, endLine: 9, endColumn: 38, message: 'in "Arguments.Payload" of "Call" reads "$states.result", which does not exist yet' }],
    },
    {
      name: '$states.result in a Pass state (statelint issue 127)',
      code: one({ Type: 'Pass', Output: '{% $states.result.Payload %}', End: true }),
      errors: [{ state: 'Call', line: 7, column: 21, endLine: 7, endColumn: 35, message: 'which a Pass state does not have' }],
    },
    {
      name: '$states.result in a Choice condition and $states.errorOutput in its Output',
      code: json({
        QueryLanguage: 'JSONata',
        StartAt: 'Route',
        States: {
          Route: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $states.result.ok %}', Output: '{% $states.errorOutput %}', Next: 'Done' }],
            Default: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      }),
      errors: [
        { state: 'Route', line: 9, column: 28, endLine: 9, endColumn: 42, message: '"Choices[0].Condition" of "Route" reads "$states.result", which a Choice state does not have' },
        { state: 'Route', line: 10, column: 25, endLine: 10, endColumn: 44, message: '"Choices[0].Output" of "Route" reads "$states.errorOutput", which exists only in' },
      ],
    },
    {
      name: '$states.result in a catcher and $states.errorOutput on the state',
      code: one({
        ...lambda,
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { error: '{% $states.result %}' }, Next: 'Call' }],
        Output: '{% $states.errorOutput %}',
        End: true,
      }),
      errors: [
        { state: 'Call', line: 14, column: 26, endLine: 14, endColumn: 40, message: '"Catch[0].Assign.error" of "Call" reads "$states.result", which a catcher does not have' },
        { state: 'Call', line: 19, column: 21, endLine: 19, endColumn: 40, message: '"Output" of "Call" reads "$states.errorOutput"' },
      ],
    },
    {
      name: 'a field $states does not have',
      code: one({ Type: 'Pass', Output: '{% $states.inputs %}', End: true }),
      errors: [{ state: 'Call', line: 7, column: 21, endLine: 7, endColumn: 35, message: 'reads "$states.inputs", which does not exist: "$states" has only input, result, errorOutput, context. Did you mean "$states.input"?' }],
    },
    {
      name: 'several problems in one string, in source order',
      code: one({ Type: 'Pass', Output: '{% $foo(1) + $states.errorOutput + $bar(2) %}', End: true }),
      errors: [
        { state: 'Call', line: 7, column: 21, endLine: 7, endColumn: 25, message: 'calls "$foo"' },
        { state: 'Call', line: 7, column: 31, endLine: 7, endColumn: 50, message: 'reads "$states.errorOutput"' },
        { state: 'Call', line: 7, column: 53, endLine: 7, endColumn: 57, message: 'calls "$bar"' },
      ],
    },
    {
      name: 'escapes in the JSON string: the whole string is reported',
      code: one({ Type: 'Pass', Output: '{% $summ("a\\"b") %}', End: true }),
      errors: [{ state: 'Call', line: 7, column: 17, endLine: 7, endColumn: 42, message: 'calls "$summ"' }],
    },
    {
      name: 'in a Parallel branch and a Map processor',
      code: json({
        QueryLanguage: 'JSONata',
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    Items: '{% $states.input.items %}',
                    ItemSelector: { item: '{% $states.result %}' },
                    ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', Output: '{% $uppercase($states.input %}', End: true } } },
                    End: true,
                  },
                },
              },
            ],
            End: true,
          },
        },
      }),
      errors: [
        { state: 'Each', statePath: ['Both', 'Each'], line: 15, column: 29, endLine: 15, endColumn: 43, message: 'in "ItemSelector.item" of "Each" reads "$states.result", which does not exist in "ItemSelector"' },
        { state: 'Work', statePath: ['Both', 'Each', 'Work'], line: 22, column: 31, endLine: 22, endColumn: 63, message: 'does not parse: expected ")" before end of expression' },
      ],
    },
    {
      name: 'a JSONata state in a JSONPath machine',
      code: json({ StartAt: 'Call', States: { Call: { ...lambda, QueryLanguage: 'JSONata', Arguments: '{% $states.result %}', End: true } } }),
      errors: [{ state: 'Call', line: 8, column: 24, endLine: 8, endColumn: 38, message: 'reads "$states.result"' }],
    },
    {
      name: 'Map reader limits and Wait, Fail and Task timing fields',
      code: json({
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: '{% $nmber($states.input.max) %}' }, Arguments: { Bucket: 'b', Key: 'k' } },
            ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
            Next: 'Pause',
          },
          Pause: { Type: 'Wait', Seconds: '{% $states.result.delay %}', Next: 'Call' },
          Call: { ...lambda, TimeoutSeconds: '{% $states.result.t %}', Next: 'Stop' },
          Stop: { Type: 'Fail', Cause: '{% $string($states.errorOutput) %}' },
        },
      }),
      errors: [
        { state: 'Each', line: 11, column: 27, endLine: 11, endColumn: 33, message: '"ItemReader.ReaderConfig.MaxItems" of "Each" calls "$nmber"' },
        { state: 'Pause', line: 31, column: 22, endLine: 31, endColumn: 36, message: 'reads "$states.result", which a Wait state does not have' },
        { state: 'Call', line: 37, column: 29, endLine: 37, endColumn: 43, message: 'reads "$states.result", which does not exist in "TimeoutSeconds"' },
        { state: 'Stop', line: 42, column: 28, endLine: 42, endColumn: 47, message: 'reads "$states.errorOutput"' },
      ],
    },
    {
      name: 'YAML: a plain scalar is pointed at exactly, a folded one as a whole',
      filename: 'machine.asl.yaml',
      code: [
        'QueryLanguage: JSONata',
        'StartAt: Call',
        'States:',
        '  Call:',
        '    Type: Task',
        '    Resource: arn:aws:states:::lambda:invoke',
        '    Arguments:',
        "      Payload: '{% $states.result %}'",
        '    Output: >-',
        '      {% $merge([$states.input,',
        '      $states.errorOutput]) %}',
        '    End: true',
        '',
      ].join('\n'),
      errors: [
        { state: 'Call', line: 8, column: 20, endLine: 8, endColumn: 34, message: '"Arguments.Payload" of "Call" reads "$states.result"' },
        { state: 'Call', line: 9, column: 13, endLine: 12, endColumn: 1, message: '"Output" of "Call" reads "$states.errorOutput"' },
      ],
    },
  ],
});

describe('valid-jsonata fixtures', () => {
  const folder = new URL('../fixtures/valid-jsonata/', import.meta.url);
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
