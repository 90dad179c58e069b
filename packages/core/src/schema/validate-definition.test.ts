import { describe, expect, it } from 'vitest';
import { keepRootValue } from '../document/node-access.js';
import { parseDocument } from '../document/document.js';
import { validateDefinition, validateDefinitionNode, type DefinitionIssue } from './validate-definition.js';

type Def = Record<string, unknown>;

/** A machine whose single state (named "A" unless given) is `state`. */
function one(state: Def, extra: Def = {}, name = 'A'): Def {
  return { StartAt: name, States: { [name]: state }, ...extra };
}
const task = (fields: Def = {}): Def => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields });
const jsonata = { QueryLanguage: 'JSONata' };

function issues(def: unknown): DefinitionIssue[] {
  return validateDefinition(def);
}
function messages(def: unknown): string[] {
  return issues(def).map((i) => i.message);
}

describe('valid definitions produce no issues', () => {
  const valid: [string, unknown][] = [
    ['minimal Pass', one({ Type: 'Pass', End: true })],
    [
      'every state type in JSONPath',
      {
        Comment: 'c',
        Version: '1.0',
        TimeoutSeconds: 300,
        StartAt: 'P',
        States: {
          P: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.r', Parameters: { 'x.$': '$.y' }, Next: 'T' },
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'f', 'Payload.$': '$' },
            ResultSelector: { 'v.$': '$.Payload' },
            ResultPath: null,
            InputPath: null,
            OutputPath: '$.detail-type',
            TimeoutSeconds: 60,
            HeartbeatSeconds: 10,
            Credentials: { RoleArn: 'arn:aws:iam::123456789012:role/R' },
            Assign: { x: 1, 'y.$': '$.[0]' },
            Retry: [
              { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 0, BackoffRate: 1.5, MaxDelaySeconds: 10, JitterStrategy: 'FULL', Comment: 'why' },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C', ResultPath: '$.error', Comment: 'fallback', Assign: { e: 1 } }],
            Next: 'C',
          },
          C: {
            Type: 'Choice',
            Choices: [
              { Variable: '$.a', StringEquals: 'x', Next: 'W', Comment: 'rule', Assign: { r: 1 } },
              { And: [{ Variable: '$.b', IsPresent: true }, { Not: { Variable: '$.c', NumericGreaterThanEqualsPath: '$.d' } }], Next: 'W' },
              { Variable: '$.t', TimestampLessThan: '2024-01-31T09:30:00.5+02:00', Next: 'W' },
              { Variable: '$.m', StringMatches: 'log-*.txt', Next: 'W' },
            ],
            Default: 'W',
            Assign: { z: 1 },
          },
          W: { Type: 'Wait', Seconds: 0, Next: 'W2' },
          W2: { Type: 'Wait', TimestampPath: '$.when', Next: 'Par' },
          Par: {
            Type: 'Parallel',
            Branches: [{ Comment: 'b', StartAt: 'B1', States: { B1: { Type: 'Succeed' } } }],
            ResultSelector: {},
            Retry: [{ ErrorEquals: ['States.ALL'] }],
            Next: 'M',
          },
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'v.$': '$$.Map.Item.Value' },
            MaxConcurrency: 0,
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'Inner',
              States: { Inner: { Type: 'Pass', End: true } },
            },
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'], MaxItems: 100000000, CSVDelimiter: 'PIPE' },
              Parameters: { Bucket: 'b', Key: 'k' },
            },
            ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatch: 262144, BatchInput: { a: 1 } },
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'b', Prefix: 'p' },
              WriterConfig: { OutputType: 'JSONL', Transformation: 'FLATTEN' },
            },
            ToleratedFailurePercentage: 12.5,
            ToleratedFailureCountPath: '$.n',
            Label: 'Rows',
            Next: 'F',
          },
          F: { Type: 'Fail', ErrorPath: '$.e', Cause: 'c' },
        },
      },
    ],
    [
      'every state type in JSONata',
      {
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: {
          P: { Type: 'Pass', Output: { a: '{% $states.input.a %}' }, Assign: { x: '{%$x%}' }, Next: 'T' },
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'f', Payload: '{% $states.input %}' },
            Output: '{% $states.result.Payload %}',
            TimeoutSeconds: '{% $timeout %}',
            HeartbeatSeconds: 5,
            Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'NONE' }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C', Output: '{% $states.errorOutput %}', Assign: { e: 1 } }],
            Next: 'C',
          },
          C: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $states.input.ok\n  and $x > 1 %}', Next: 'W', Output: { a: 1 }, Assign: { b: 2 } }],
            Default: 'W',
            Output: '{% $states.input %}',
          },
          W: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'M' },
          M: {
            Type: 'Map',
            Items: '{% $states.input.items %}',
            ItemSelector: '{% $states.context.Map.Item.Value %}',
            MaxConcurrency: '{% 5 %}',
            ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed', Output: '{% 1 %}' } } },
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Arguments: '{% {"Bucket": "b"} %}', ReaderConfig: { MaxItems: '{% 10 %}' } },
            ResultWriter: { WriterConfig: { OutputType: 'JSON' } },
            Next: 'Par',
          },
          Par: {
            Type: 'Parallel',
            Arguments: { a: 1 },
            Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
            Next: 'S',
          },
          S: { Type: 'Succeed', Output: { done: true } },
          F: { Type: 'Fail', Error: '{% "E" %}', Cause: 'c' },
        },
      },
    ],
    ['a JSONPath machine with one JSONata state', one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true })],
    ['JSONPath forms other rules check', one({ Type: 'Pass', Parameters: { 'a.$': '$.[?(@.x > 0)]' }, OutputPath: '$.[0]', End: true })],
    ['a Task state named Iterator', one(task(), {}, 'Iterator')],
    ['JSONata without a space before %}', one({ Type: 'Pass', Output: '{% $states.input.a%}', End: true }, jsonata)],
    [
      'placeholders in numbers, booleans, enums, ARNs and objects',
      one(
        task({
          Resource: '${OrderFunctionArn}',
          TimeoutSeconds: '${timeout}',
          HeartbeatSeconds: '${heartbeat}',
          End: '${is_end}',
          Retry: '${retry}',
          Credentials: { RoleArn: '${Role}' },
        }),
        { TimeoutSeconds: '${max}', QueryLanguage: '${ql}' },
      ),
    ],
    [
      'placeholders in a Map',
      one({
        Type: 'Map',
        MaxConcurrency: '${max_concurrency}',
        ToleratedFailurePercentage: 'prefix-${pct}',
        ItemProcessor: { ProcessorConfig: { Mode: '${mode}' }, StartAt: 'x', States: { x: { Type: 'Succeed' } } },
        End: true,
      }),
    ],
    ['a Resource from a template', one(task({ Resource: { 'Fn::GetAtt': ['Fn', 'Arn'] } }))],
    ['a Resource from a template (Ref)', one(task({ Resource: { Ref: 'Fn' } }))],
    ['a Wait with a timestamp placeholder', one({ Type: 'Wait', Timestamp: '${when}', End: true })],
    ['an Iterator (deprecated) Map', one({ Type: 'Map', Iterator: { StartAt: 'x', States: { x: { Type: 'Pass', End: true } } }, End: true })],
    ['a ResultWriter with only WriterConfig', one({ Type: 'Map', ItemProcessor: { StartAt: 'x', States: { x: { Type: 'Succeed' } } }, ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } }, End: true })],
    ['Next with End false', one({ Type: 'Pass', Next: 'B', End: false }, { States: { A: { Type: 'Pass', Next: 'B', End: false }, B: { Type: 'Succeed' } } })],
    ['unknown ReaderConfig options pass', one({ Type: 'Map', ItemProcessor: { StartAt: 'x', States: { x: { Type: 'Succeed' } } }, ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: { SomethingNew: 1 } }, End: true })],
  ];
  it.each(valid)('%s', (_, def) => {
    expect(issues(def)).toEqual([]);
  });

  it('treats __proto__, constructor and hasOwnProperty as ordinary state names', () => {
    const text = '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"constructor"},"constructor":{"Type":"Pass","Next":"hasOwnProperty"},"hasOwnProperty":{"Type":"Succeed"}}}';
    expect(issues(JSON.parse(text))).toEqual([]);
    const states = Object.create(null) as Record<string, unknown>;
    states.__proto__ = { Type: 'Pass', End: true };
    states.toString = { Type: 'Succeed' };
    const root = Object.create(null) as Record<string, unknown>;
    root.StartAt = '__proto__';
    root.States = states;
    expect(issues(root)).toEqual([]);
  });

  it('reports unknown fields named like Object.prototype members plainly', () => {
    const def = JSON.parse('{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"A"}],"constructor":1,"__proto__":2}}}');
    expect(messages(def)).toEqual([
      'Field "constructor" is not allowed in a Choice state.',
      'Field "__proto__" is not allowed in a Choice state.',
    ]);
  });

  it('finds a duplicate named __proto__ in a branch', () => {
    const def = JSON.parse(
      '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"__proto__","States":{"__proto__":{"Type":"Succeed"}}}]}}}',
    );
    expect(issues(def)).toEqual([
      {
        path: ['States', '__proto__', 'Branches', 0, 'States', '__proto__'],
        at: 'key',
        message:
          'State name "__proto__" is already used by a state at the top level: state names must be unique across the whole state machine, including Parallel branches and Map processors.',
      },
    ]);
  });
});

describe('state types and fields', () => {
  it('rejects a field the state type does not have, at the key', () => {
    expect(issues(one({ Type: 'Fail', Next: 'B' }))).toEqual([
      { path: ['States', 'A', 'Next'], at: 'key', message: 'Field "Next" is not allowed in a Fail state.' },
    ]);
    expect(issues(one(task({ Foo: 1 })))).toEqual([
      { path: ['States', 'A', 'Foo'], at: 'key', message: 'Field "Foo" is not allowed in a Task state.' },
    ]);
  });

  it('suggests the field meant', () => {
    expect(messages(one(task({ resultPath: '$.x' })))).toEqual([
      'Field "resultPath" is not allowed in a Task state. Did you mean "ResultPath"?',
    ]);
    expect(messages(one({ Type: 'Pass', Catch: [], End: true }))).toEqual([
      'Field "Catch" is not allowed in a Pass state. Only Task, Parallel and Map states can have "Catch".',
    ]);
    expect(messages(one({ Type: 'Wait', Seconds: 1, TimeoutSeconds: 5, End: true }))).toEqual([
      'Field "TimeoutSeconds" is not allowed in a Wait state. "TimeoutSeconds" belongs in Task states.',
    ]);
  });

  it('asks for a Type, and names the valid ones', () => {
    expect(issues(one({ Next: 'B' }))).toEqual([
      { path: ['States', 'A'], at: 'key', message: 'State "A" has no "Type": add one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.' },
    ]);
    expect(issues(one({ Type: 'Tsak', End: true }))).toEqual([
      {
        path: ['States', 'A', 'Type'],
        at: 'value',
        message: '"Tsak" is not a state type: use one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map. Did you mean "Task"?',
      },
    ]);
    expect(messages(one({ Type: 7 }))).toEqual(['7 is not a state type: use one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.']);
  });

  it('describes a wrong value by what the field takes', () => {
    expect(issues(one(task({ TimeoutSeconds: 'ten' })))).toEqual([
      { path: ['States', 'A', 'TimeoutSeconds'], at: 'value', message: '"TimeoutSeconds" must be a positive integer, not "ten".' },
    ]);
    expect(messages(one(task({ TimeoutSeconds: 0 })))).toEqual(['"TimeoutSeconds" must be a positive integer (at least 1), not 0.']);
    expect(messages(one(task({ TimeoutSeconds: 1.5 })))).toEqual(['"TimeoutSeconds" must be a whole number, not 1.5.']);
    expect(messages(one(task({ TimeoutSeconds: 100000000 })))).toEqual(['"TimeoutSeconds" must be at most 99999999, not 100000000.']);
    expect(messages(one(task({ End: 'true' })))).toEqual(['"End" must be true or false, not "true".']);
    expect(messages(one(task({ Next: 5, End: undefined })))).toEqual(['"Next" must be a string (the name of a state), not 5.']);
    expect(messages(one(task({ Resource: 5 })))).toEqual(['"Resource" must be a string (the ARN of the resource), not 5.']);
  });

  it('hints that JSONata needs a JSONata state', () => {
    expect(messages(one(task({ TimeoutSeconds: '{% $t %}' })))).toEqual([
      '"TimeoutSeconds" must be a positive integer, not "{% $t %}". A JSONata expression is allowed here only in a state whose QueryLanguage is JSONata.',
    ]);
    expect(messages(one(task({ TimeoutSeconds: '$t' }), jsonata))).toEqual([
      '"TimeoutSeconds" must be a positive integer or a JSONata expression "{% … %}", not "$t".',
    ]);
  });

  it('requires Next or End, but not both', () => {
    expect(issues(one({ Type: 'Pass' }))).toEqual([
      { path: ['States', 'A'], at: 'key', message: 'State "A" needs "Next" (the state to run after it) or "End": true.' },
    ]);
    expect(issues(one({ Type: 'Pass', Next: 'B', End: true }))).toEqual([
      { path: ['States', 'A', 'End'], at: 'key', message: 'State "A" has both "Next" and "End": true: keep only one.' },
    ]);
    expect(issues(one({ Type: 'Pass', End: false }))).toEqual([
      { path: ['States', 'A', 'End'], at: 'value', message: 'State "A" has "End": false and no "Next": set "End": true or add "Next".' },
    ]);
    expect(messages(one({ Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'A' }], End: true }))).toEqual([
      'Field "End" is not allowed in a Choice state. A Choice state cannot end the execution: send its rules to a Succeed or Fail state.',
    ]);
    expect(messages(one({ Type: 'Succeed', End: true }))).toEqual(['Field "End" is not allowed in a Succeed state.']);
  });

  it('reports a missing required field at the object that lacks it', () => {
    expect(issues(one({ Type: 'Task', End: true }))).toEqual([
      {
        path: ['States', 'A'],
        at: 'key',
        message: 'Task state "A" has no "Resource": add the ARN of the work to run, such as "arn:aws:states:::lambda:invoke".',
      },
    ]);
    expect(issues({ States: { A: { Type: 'Succeed' } } })).toEqual([
      { path: [], at: 'value', message: 'The state machine has no "StartAt": add the name of the first state to run.' },
    ]);
    expect(issues(one(task({ Catch: [{ ErrorEquals: ['States.ALL'] }] })))).toEqual([
      {
        path: ['States', 'A', 'Catch', 0],
        at: 'value',
        message: 'Catch[0] of state "A" has no "Next": add the name of the state to run when it catches an error.',
      },
    ]);
  });

  it('rejects values that are not a definition or not a state', () => {
    expect(messages([])).toEqual(['The state machine definition must be a JSON object with "StartAt" and "States", not an empty array.']);
    expect(messages(null)).toEqual(['The state machine definition must be a JSON object with "StartAt" and "States", not null.']);
    expect(messages({ StartAt: 'A', States: [] })).toEqual([
      '"States" must be an object that maps state names to states, not an empty array.',
    ]);
    expect(messages({ StartAt: 'A', States: {} })).toEqual(['"States" must contain at least one state.']);
    expect(issues({ StartAt: 'A', States: { A: 'x' } })).toEqual([
      { path: ['States', 'A'], at: 'value', message: 'State "A" must be an object with a "Type" field, not "x".' },
    ]);
    expect(messages(one({ Type: 'Pass', End: true }, { Foo: 1 }))).toEqual(['Field "Foo" is not allowed in the top level of the state machine.']);
  });
});

describe('query languages', () => {
  it('rejects JSONPath fields in a JSONata state, naming the replacement', () => {
    expect(issues(one(task({ Parameters: {} }), jsonata))).toEqual([
      {
        path: ['States', 'A', 'Parameters'],
        at: 'key',
        message: 'The QueryLanguage of state "A" is JSONata, so "Parameters" is not allowed: use "Arguments".',
      },
    ]);
    expect(messages(one({ Type: 'Map', ItemsPath: '$.a', ItemProcessor: { StartAt: 'x', States: { x: { Type: 'Succeed' } } }, End: true }, jsonata))).toEqual([
      'The QueryLanguage of state "A" is JSONata, so "ItemsPath" is not allowed: use "Items".',
    ]);
    expect(messages(one(task({ TimeoutSecondsPath: '$.t' }), jsonata))).toEqual([
      'The QueryLanguage of state "A" is JSONata, so "TimeoutSecondsPath" is not allowed: set "TimeoutSeconds" to a JSONata expression.',
    ]);
    expect(messages(one(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A', ResultPath: '$.e' }] }), jsonata))).toEqual([
      'The QueryLanguage of state "A" is JSONata, so "ResultPath" is not allowed in a catcher: use "Output" or "Assign" (the error is $states.errorOutput).',
    ]);
  });

  it('rejects JSONata fields in a JSONPath state', () => {
    expect(messages(one(task({ Arguments: {} })))).toEqual([
      'The QueryLanguage of state "A" is JSONPath (the default), so "Arguments" is not allowed: use "Parameters", or set "QueryLanguage": "JSONata" on the state or the state machine.',
    ]);
    expect(messages(one(task({ Arguments: {}, QueryLanguage: 'JSONPath' })))).toEqual([
      'The QueryLanguage of state "A" is JSONPath, so "Arguments" is not allowed: use "Parameters", or set "QueryLanguage": "JSONata" on the state.',
    ]);
  });

  it('uses the Choice rule syntax of the effective language', () => {
    const def = one({ Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'A' }] }, jsonata);
    expect(issues(def)).toEqual([
      {
        path: ['States', 'A', 'Choices', 0],
        at: 'value',
        message: 'Choices[0] of state "A" has no "Condition": add a JSONata test such as "{% $states.input.ok %}".',
      },
      {
        path: ['States', 'A', 'Choices', 0, 'Variable'],
        at: 'key',
        message: 'The QueryLanguage of state "A" is JSONata, so "Variable" is not allowed in a Choice rule: write the test as "Condition": "{% … %}".',
      },
      {
        path: ['States', 'A', 'Choices', 0, 'BooleanEquals'],
        at: 'key',
        message: 'The QueryLanguage of state "A" is JSONata, so "BooleanEquals" is not allowed in a Choice rule: write the test as "Condition": "{% … %}".',
      },
    ]);
    expect(messages(one({ Type: 'Choice', Choices: [{ Condition: 'yes', Next: 'A' }] }, jsonata))).toEqual([
      '"Condition" must be a JSONata expression "{% … %}" that evaluates to true or false, not "yes".',
    ]);
  });

  it('forbids a JSONPath state in a JSONata machine', () => {
    expect(issues(one({ Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: {}, End: true }, jsonata))).toEqual([
      {
        path: ['States', 'A', 'QueryLanguage'],
        at: 'value',
        message:
          'State "A" sets "QueryLanguage": "JSONPath", but the state machine\'s QueryLanguage is JSONata, and a JSONata state machine cannot contain JSONPath states: remove the field and write the state in JSONata.',
      },
    ]);
  });

  it('lets nested states inherit the machine language, not the Map state', () => {
    const def = one({
      Type: 'Map',
      QueryLanguage: 'JSONata',
      ItemProcessor: { StartAt: 'x', States: { x: { Type: 'Pass', Output: 1, End: true } } },
      End: true,
    });
    expect(messages(def)).toEqual([
      'The QueryLanguage of state "x" is JSONPath (the default), so "Output" is not allowed: use "OutputPath" or "ResultSelector", or set "QueryLanguage": "JSONata" on the state or the state machine.',
    ]);
  });

  it('rejects QueryLanguage on nested workflows and bad values', () => {
    const def = one({
      Type: 'Map',
      ItemProcessor: { QueryLanguage: 'JSONata', StartAt: 'x', States: { x: { Type: 'Succeed' } } },
      End: true,
    });
    expect(issues(def)).toEqual([
      {
        path: ['States', 'A', 'ItemProcessor', 'QueryLanguage'],
        at: 'key',
        message:
          'Field "QueryLanguage" is not allowed in "ItemProcessor" of state "A". "QueryLanguage" can be set on the state machine or on a state, not on a nested workflow.',
      },
    ]);
    expect(messages(one({ Type: 'Pass', End: true }, { QueryLanguage: 'jsonata' }))).toEqual([
      '"QueryLanguage" must be "JSONPath" or "JSONata", not "jsonata". Did you mean "JSONata"?',
    ]);
  });

  it('takes Assign as an object, or an expression in JSONata', () => {
    expect(issues(one({ Type: 'Pass', Assign: '{% {"a": 1} %}', End: true }, jsonata))).toEqual([]);
    expect(messages(one({ Type: 'Pass', Assign: 'XXX', End: true }, jsonata))).toEqual([
      '"Assign" must be an object that maps variable names to values or a JSONata expression "{% … %}", not "XXX".',
    ]);
    expect(messages(one({ Type: 'Pass', Assign: [], End: true }))).toEqual([
      '"Assign" must be an object that maps variable names to values, not an empty array.',
    ]);
  });

  it('flags strings that look meant as JSONata expressions but are not', () => {
    const def = one({ Type: 'Pass', Output: { a: '{% 10 %', b: ' {% 1 %}', c: 'Hi {% $n %}', d: '50%} off' }, End: true }, jsonata);
    expect(issues(def)).toEqual([
      {
        path: ['States', 'A', 'Output', 'a'],
        at: 'value',
        message: '"{% 10 %" starts a JSONata expression with "{%" but does not end with "%}": close it.',
      },
      {
        path: ['States', 'A', 'Output', 'b'],
        at: 'value',
        message: 'Whitespace outside "{% … %}" makes " {% 1 %}" a literal string, not a JSONata expression: remove it.',
      },
      {
        path: ['States', 'A', 'Output', 'c'],
        at: 'value',
        message: '"Hi {% $n %}" is taken literally: a JSONata expression must be the whole string, as in "{% \'Hello \' & $name %}".',
      },
    ]);
    // Multi-line expressions and `%}` without a space are fine; Comment and Next are never expressions.
    expect(issues(one({ Type: 'Pass', Comment: '{% not an expression', Output: '{%\n $x\n%}', End: true }, jsonata))).toEqual([]);
  });
});

describe('Task', () => {
  it('keeps static and dynamic timeouts apart, and heartbeat below timeout', () => {
    expect(issues(one(task({ TimeoutSeconds: 10, HeartbeatSeconds: 10, HeartbeatSecondsPath: '$.h' })))).toEqual([
      {
        path: ['States', 'A', 'HeartbeatSecondsPath'],
        at: 'key',
        message: '"HeartbeatSeconds" and "HeartbeatSecondsPath" cannot both be set in state "A": keep one.',
      },
      {
        path: ['States', 'A', 'HeartbeatSeconds'],
        at: 'value',
        message: '"HeartbeatSeconds" (10) must be less than "TimeoutSeconds" (10) in state "A".',
      },
    ]);
  });

  it('checks Credentials', () => {
    expect(messages(one(task({ Credentials: 'arn:aws:iam::1:role/R' })))).toEqual([
      '"Credentials" must be an object such as {"RoleArn": "arn:aws:iam::123456789012:role/Name"}, not "arn:aws:iam::1:role/R".',
    ]);
    expect(messages(one(task({ Credentials: { roleArn: 'x' } })))).toEqual([
      'Field "roleArn" is not allowed in "Credentials" of state "A". Did you mean "RoleArn"?',
      '"Credentials" of state "A" has no "RoleArn": add the ARN of the IAM role to assume.',
    ]);
    expect(issues(one(task({ Credentials: { 'RoleArn.$': '$.role' } })))).toEqual([]);
  });
});

describe('retriers and catchers', () => {
  it('checks every retrier field', () => {
    const def = one(
      task({
        Retry: [
          { ErrorEquals: [], IntervalSeconds: 0, MaxAttempts: -1, BackoffRate: 0.5, MaxDelaySeconds: 31622401, JitterStrategy: 'full', Extra: 1 },
        ],
      }),
    );
    expect(issues(def)).toEqual([
      { path: ['States', 'A', 'Retry', 0, 'Extra'], at: 'key', message: 'Field "Extra" is not allowed in a retrier (Retry[0] of state "A").' },
      { path: ['States', 'A', 'Retry', 0, 'ErrorEquals'], at: 'value', message: '"ErrorEquals" must list at least one error name, such as "States.ALL".' },
      { path: ['States', 'A', 'Retry', 0, 'IntervalSeconds'], at: 'value', message: '"IntervalSeconds" must be a positive integer (at least 1), not 0.' },
      { path: ['States', 'A', 'Retry', 0, 'MaxAttempts'], at: 'value', message: '"MaxAttempts" must be at least 0, not -1.' },
      { path: ['States', 'A', 'Retry', 0, 'BackoffRate'], at: 'value', message: '"BackoffRate" must be at least 1.0, not 0.5.' },
      { path: ['States', 'A', 'Retry', 0, 'MaxDelaySeconds'], at: 'value', message: '"MaxDelaySeconds" must be at most 31622400, not 31622401.' },
      {
        path: ['States', 'A', 'Retry', 0, 'JitterStrategy'],
        at: 'value',
        message: '"JitterStrategy" must be "FULL" or "NONE", not "full". Did you mean "FULL"?',
      },
    ]);
  });

  it('checks the entries of ErrorEquals and of Retry', () => {
    expect(issues(one(task({ Retry: ['x', { ErrorEquals: ['a', 5] }] })))).toEqual([
      { path: ['States', 'A', 'Retry', 0], at: 'value', message: 'Each entry of "Retry" must be an object (a retrier), not "x".' },
      { path: ['States', 'A', 'Retry', 1, 'ErrorEquals', 1], at: 'value', message: 'Each entry of "ErrorEquals" must be a string (an error name), not 5.' },
    ]);
    expect(messages(one(task({ Catch: { ErrorEquals: ['States.ALL'], Next: 'A' } })))).toEqual([
      '"Catch" must be an array of catchers, not an object.',
    ]);
  });
});

describe('Choice', () => {
  it('checks the shape of JSONPath rules', () => {
    const def = one({
      Type: 'Choice',
      Choices: [
        { Variable: '$.a', StringEquals: 'x', IsPresent: true, Next: 'A' },
        { StringEquals: 'x', Next: 'A' },
        { And: [{ Variable: '$.a', NumericEquals: '5', Next: 'A' }], Next: 'A' },
        { Next: 'A' },
      ],
    });
    expect(issues(def)).toEqual([
      {
        path: ['States', 'A', 'Choices', 2, 'And', 0, 'Next'],
        at: 'key',
        message: 'Field "Next" is not allowed in a nested Choice rule (Choices[2].And[0] of state "A"). Only the top-level rules in "Choices" have "Next".',
      },
      { path: ['States', 'A', 'Choices', 2, 'And', 0, 'NumericEquals'], at: 'value', message: '"NumericEquals" must be a number, not "5".' },
      {
        path: ['States', 'A', 'Choices', 0, 'IsPresent'],
        at: 'key',
        message: 'Choices[0] of Choice state "A" has more than one test ("StringEquals" and "IsPresent"): a rule holds exactly one; combine tests with "And".',
      },
      {
        path: ['States', 'A', 'Choices', 1, 'StringEquals'],
        at: 'key',
        message: 'Choices[1] of Choice state "A" uses "StringEquals" but has no "Variable": add the path of the value to compare, such as "$.status".',
      },
      {
        path: ['States', 'A', 'Choices', 3],
        at: 'value',
        message: 'Choices[3] of Choice state "A" has no test: add "Variable" and a comparison operator such as "StringEquals", or combine rules with "And", "Or" or "Not".',
      },
    ]);
  });

  it('requires Choices and Next in top-level rules', () => {
    expect(messages(one({ Type: 'Choice', Default: 'A' }))).toEqual(['Choice state "A" has no "Choices": add a non-empty array of Choice rules.']);
    expect(messages(one({ Type: 'Choice', Choices: [] }))).toEqual(['"Choices" must contain at least one Choice rule.']);
    expect(messages(one({ Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true }] }))).toEqual([
      'Choices[0] of state "A" has no "Next": add the name of the state to run when the rule matches.',
    ]);
  });

  it('accepts all 39 comparison operators with their value types', () => {
    const values: Record<string, unknown> = { String: 'a', Numeric: 1, Timestamp: '2024-01-01T00:00:00Z' };
    const rules: Def[] = [];
    for (const family of ['String', 'Numeric', 'Timestamp']) {
      for (const rel of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
        rules.push({ Variable: '$.v', [`${family}${rel}`]: values[family], Next: 'A' });
        rules.push({ Variable: '$.v', [`${family}${rel}Path`]: '$.w', Next: 'A' });
      }
    }
    rules.push({ Variable: '$.v', BooleanEquals: false, Next: 'A' }, { Variable: '$.v', BooleanEqualsPath: '$.w', Next: 'A' });
    rules.push({ Variable: '$.v', StringMatches: 'a*', Next: 'A' });
    for (const is of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) rules.push({ Variable: '$.v', [is]: true, Next: 'A' });
    expect(rules).toHaveLength(39);
    expect(issues(one({ Type: 'Choice', Choices: rules }))).toEqual([]);
  });
});

describe('Wait and Fail', () => {
  it('requires exactly one wait duration', () => {
    expect(issues(one({ Type: 'Wait', End: true }))).toEqual([
      {
        path: ['States', 'A'],
        at: 'key',
        message: 'Wait state "A" needs "Seconds", "Timestamp", "SecondsPath" or "TimestampPath" to say how long to wait.',
      },
    ]);
    expect(issues(one({ Type: 'Wait', Seconds: 5, TimestampPath: '$.t', End: true }))).toEqual([
      {
        path: ['States', 'A', 'TimestampPath'],
        at: 'key',
        message: 'Wait state "A" can have only one of "Seconds", "Timestamp", "SecondsPath" and "TimestampPath": remove "TimestampPath".',
      },
    ]);
    expect(messages(one({ Type: 'Wait', Timestamp: '2024-01-01t00:00:00z', End: true }))).toEqual([
      '"Timestamp" must be an RFC 3339 timestamp such as "2025-01-31T09:30:00Z" (uppercase "T" and "Z"), not "2024-01-01t00:00:00z".',
    ]);
  });

  it('keeps Error/ErrorPath and Cause/CausePath apart, and has no paths', () => {
    expect(messages(one({ Type: 'Fail', Error: 'E', ErrorPath: '$.e', Cause: 'c', CausePath: '$.c', InputPath: '$' }))).toEqual([
      'Field "InputPath" is not allowed in a Fail state. "InputPath" belongs in Pass, Task, Choice, Wait, Succeed, Parallel and Map states.',
      '"Error" and "ErrorPath" cannot both be set in state "A": keep one.',
      '"Cause" and "CausePath" cannot both be set in state "A": keep one.',
    ]);
    expect(messages(one({ Type: 'Succeed', Assign: {} }))).toEqual([
      'Field "Assign" is not allowed in a Succeed state. "Assign" belongs in Pass, Task, Choice, Wait, Parallel and Map states.',
    ]);
  });
});

describe('Parallel and Map', () => {
  const processor = { StartAt: 'x', States: { x: { Type: 'Succeed' } } };

  it('checks branches', () => {
    expect(messages(one({ Type: 'Parallel', Branches: [], End: true }))).toEqual(['"Branches" must contain at least one branch.']);
    expect(issues(one({ Type: 'Parallel', Branches: [{ States: { y: { Type: 'Succeed' } } }], End: true }))).toEqual([
      { path: ['States', 'A', 'Branches', 0], at: 'value', message: 'Branches[0] of state "A" has no "StartAt": add the name of the first state to run.' },
    ]);
  });

  it('requires exactly one processor', () => {
    expect(messages(one({ Type: 'Map', End: true }))).toEqual([
      'Map state "A" has no "ItemProcessor": add the states to run for each item ("StartAt" and "States").',
    ]);
    expect(issues(one({ Type: 'Map', Iterator: processor, ItemProcessor: processor, End: true }))).toEqual([
      {
        path: ['States', 'A', 'ItemProcessor'],
        at: 'key',
        message: 'Map state "A" has both "ItemProcessor" and "Iterator": keep "ItemProcessor" ("Iterator" is its deprecated name).',
      },
    ]);
  });

  it('checks the distributed-map fields', () => {
    const def = one({
      Type: 'Map',
      ItemSelector: {},
      Parameters: {},
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'x', States: { x: { Type: 'Succeed' } } },
      ItemReader: { ReaderConfig: { InputType: 'XML', MaxItems: 100000001, MaxItemsPath: '$.m' } },
      ItemBatcher: { BatchInput: {}, },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' },
      ToleratedFailurePercentage: 101,
      Label: 'x'.repeat(41),
      End: true,
    });
    expect(messages(def)).toEqual([
      '"ItemReader" of state "A" has no "Resource": add "arn:aws:states:::s3:getObject" or "arn:aws:states:::s3:listObjectsV2".',
      '"InputType" must be one of "CSV", "JSON", "JSONL", "PARQUET" or "MANIFEST", not "XML".',
      '"MaxItems" must be at most 100000000, not 100000001.',
      '"ToleratedFailurePercentage" must be at most 100, not 101.',
      '"ItemSelector" and "Parameters" cannot both be set in state "A": keep "ItemSelector" ("Parameters" is its deprecated name).',
      '"ProcessorConfig" of Map state "A" sets "Mode": "DISTRIBUTED" but has no "ExecutionType": add "ExecutionType": "STANDARD" or "EXPRESS".',
      '"MaxItems" and "MaxItemsPath" cannot both be set in "ItemReader.ReaderConfig" of state "A": keep one.',
      '"ItemBatcher" of Map state "A" sets no batch size: add "MaxItemsPerBatch" or "MaxInputBytesPerBatch" (or their "…Path" forms).',
      '"ResultWriter" of Map state "A" has "Resource" but no "Parameters": add the Amazon S3 "Bucket" and "Prefix" to export the results to.',
      '"Label" of Map state "A" is 41 characters long; a label can have at most 40.',
    ]);
  });

  it('checks batch limits and labels', () => {
    let n = 0;
    const map = (fields: Def): Def => ({
      Type: 'Map',
      ItemProcessor: { StartAt: `x${++n}`, States: { [`x${n}`]: { Type: 'Succeed' } } },
      End: true,
      ...fields,
    });
    expect(messages(one(map({ ItemBatcher: { MaxInputBytesPerBatch: 262145 } })))).toEqual([
      '"MaxInputBytesPerBatch" must be at most 262144 bytes (256 KiB), not 262145.',
    ]);
    expect(messages(one(map({ ResultWriter: {} })))).toEqual([
      '"ResultWriter" of Map state "A" is empty: add "WriterConfig", or "Resource" and "Parameters" to export the results to Amazon S3.',
    ]);
    const twoLabels = {
      StartAt: 'M1',
      States: { M1: map({ Label: 'rows', End: undefined, Next: 'M2' }), M2: map({ Label: 'rows' }) },
    };
    expect(issues(twoLabels)).toEqual([
      { path: ['States', 'M2', 'Label'], at: 'value', message: 'Label "rows" is already used by Map state "M1": Map labels must be unique in the state machine.' },
    ]);
    expect(messages(one(map({ Arguments: {} }), jsonata))).toEqual([
      'Field "Arguments" is not allowed in a Map state. A Map state passes input to each iteration through "ItemSelector".',
    ]);
  });
});

describe('state names', () => {
  it('limits names to 1–80 characters', () => {
    const long = 'n'.repeat(81);
    expect(issues(one({ Type: 'Succeed' }, {}, long))).toEqual([
      {
        path: ['States', long],
        at: 'key',
        message: `State name "${'n'.repeat(30)}…" is 81 characters long; state names can have at most 80.`,
      },
    ]);
    expect(issues(one({ Type: 'Succeed' }, {}, '😀'.repeat(80)))).toEqual([]);
    expect(messages(one({ Type: 'Succeed' }, {}, ''))).toEqual(['State name is empty: give the state a name of 1 to 80 characters.']);
  });

  it('reports the second of two states with one name, and where the first is', () => {
    const def = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'Same', States: { Same: { Type: 'Succeed' } } }, Next: 'Same' },
        Same: { Type: 'Succeed' },
      },
    };
    expect(issues(def)).toEqual([
      {
        path: ['States', 'Same'],
        at: 'key',
        message:
          'State name "Same" is already used by a state in the ItemProcessor of Map state "M": state names must be unique across the whole state machine, including Parallel branches and Map processors.',
      },
    ]);
  });
});

describe('robustness', () => {
  it('never throws on odd shapes', () => {
    const odd: unknown[] = [
      undefined,
      0,
      'x',
      { States: null },
      { StartAt: 1, States: { a: null } },
      { StartAt: 'a', States: { a: { Type: 'Map', ItemProcessor: [], Iterator: 'x', ItemReader: 5, ResultWriter: [], Label: 5 } } },
      { StartAt: 'a', States: { a: { Type: 'Parallel', Branches: [null, 1, [], { States: [] }] } } },
      { StartAt: 'a', States: { a: { Type: 'Choice', Choices: [null, 1, { And: 5, Not: [] }] } } },
      { QueryLanguage: 'JSONata', StartAt: 'a', States: { a: { Type: 'Pass', Output: [[['{% x']]] } } },
    ];
    for (const value of odd) expect(() => validateDefinition(value)).not.toThrow();
  });

  it('handles deep nesting and long strings', () => {
    let rule: Def = { Variable: '$.a', IsPresent: true };
    for (let i = 0; i < 200; i++) rule = { Not: rule };
    expect(issues(one({ Type: 'Choice', Choices: [{ ...rule, Next: 'A' }] }))).toEqual([]);

    const root: Def = { StartAt: 'S0', States: {} };
    let scope = root;
    for (let i = 0; i < 200; i++) {
      const inner: Def = { StartAt: `S${i + 1}`, States: {} };
      (scope.States as Def)[`S${i}`] = { Type: 'Parallel', Branches: [inner], End: true };
      scope = inner;
    }
    (scope.States as Def)[`S200`] = { Type: 'Succeed' };
    expect(issues(root)).toEqual([]);

    const huge = 'x'.repeat(1_000_000);
    const found = messages(one({ Type: huge }));
    expect(found).toHaveLength(1);
    expect(found[0].length).toBeLessThan(200);
  });
});

describe('validating a document node', () => {
  const texts = [
    '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
    '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":1,"Nxt":"B"},"B":{"Type":"Wait","Seconds":1,"Timestamp":"x","End":true}}}',
    // The last of duplicate state names wins, as in JSON.parse; `__proto__` is a name like any other.
    '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Bogus"},"__proto__":{"Type":"Succeed","Next":"A"}}}',
    '{"StartAt":"P","QueryLanguage":"JSONata","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}],"End":true}}}',
    '{"StartAt":"A","States":[],"States":{"A":{"Type":"Pass","End":true,"Extra":1}}}',
    '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}},"States":"${states}"}',
    '{"StartAt":"A","States":{}}',
    '[1, 2]',
  ];
  it.each(texts)('finds what the plain value gives: %s', (text) => {
    const document = parseDocument('machine.asl.json', text);
    const root = document.roots[0];
    expect(validateDefinitionNode(root)).toEqual(validateDefinition(JSON.parse(text)));
  });

  it('validates a kept root through its kept value', () => {
    const document = parseDocument('machine.asl.json', texts[1]);
    const root = document.roots[0];
    keepRootValue(root);
    expect(validateDefinitionNode(root)).toEqual(validateDefinition(JSON.parse(texts[1])));
  });
});
