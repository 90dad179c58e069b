import { describe, expect, it } from 'vitest';
import { checkIntrinsic, countPlaceholders, INTRINSIC_FUNCTIONS, isIntrinsicCall, parseIntrinsic, suggestFunction } from './intrinsic.js';

describe('isIntrinsicCall', () => {
  it.each([
    "States.Format('{}', $.a)",
    'States.UUID()',
    '  States.Array()',
    'States . Format($.a)',
    'States.Xyz($.a)',
    'JsonToString($)',
    'states.format($.a)',
    'States. ',
    'States.StringToJson $.escaped)',
  ])('%s is meant as a call', (text) => {
    expect(isIntrinsicCall(text)).toBe(true);
  });

  it.each(['$.a', '$$.Execution.Id', '$var', 'something else', 'arn:aws:lambda:x', '', '$.a.length()', '{% $x %}', 'Statesman'])(
    '%s is not',
    (text) => {
      expect(isIntrinsicCall(text)).toBe(false);
    },
  );
});

describe('parseIntrinsic', () => {
  it('builds a small tree with offsets', () => {
    const text = "States.Format('a {} \\' b', $.x, -1.5e2, true, null, States.UUID(), $$.Execution.Id, $v[0])";
    const { call, problems } = parseIntrinsic(text);
    expect(problems).toEqual([]);
    expect(call).toMatchObject({ kind: 'call', name: 'States.Format', start: 0, end: text.length, depth: 1 });
    expect(call!.args.map((a) => a.kind)).toEqual(['string', 'path', 'number', 'boolean', 'null', 'call', 'path', 'path']);
    expect(call!.args[0]).toMatchObject({ value: "a {} \\' b", start: 14 });
    expect(call!.args[1]).toMatchObject({ text: '$.x', start: 27, end: 30 });
    expect(call!.args[2]).toMatchObject({ value: -150 });
    expect(call!.args[5]).toMatchObject({ kind: 'call', name: 'States.UUID', depth: 2, args: [] });
    expect(call!.args[7]).toMatchObject({ text: '$v[0]' });
  });

  it('keeps brackets, filters and quotes inside a path argument', () => {
    const { call } = parseIntrinsic("States.ArrayGetItem($.a[?(@.b == 'x, y')].c, 0)");
    expect(call!.args[0]).toMatchObject({ kind: 'path', text: "$.a[?(@.b == 'x, y')].c" });
    expect(parseIntrinsic("States.Format('{}',$$.Execution.Name,$['test-batch']['batch_id'])").problems).toEqual([]);
  });

  it('accepts whitespace, newlines and a real newline inside a literal', () => {
    expect(parseIntrinsic(" States.Format(\n  'line one\nline two {}' ,\t$.a ) \n").problems).toEqual([]);
    expect(parseIntrinsic('States . Format ($.a)').call?.name).toBe('States.Format');
  });

  it.each([
    ['States.JsonToString($', 'The "(" of States.JsonToString is never closed'],
    ['States.StringToJson $.escaped)', 'States.StringToJson must be followed by "("'],
    ['States. ', '"States." does not name a function'],
    ['States.', '"States." does not name a function'],
    ["States.Format('{}' $.a)", 'Argument 1 of States.Format has unexpected text'],
    ['States.Format($.template $.firstName $.lastName)', 'Expected "," or ")" after argument 1 of States.Format, not "$"'],
    ["States.Format('{}', )", 'Argument 2 of States.Format is empty'],
    ['States.Array(,1)', 'Argument 1 of States.Array is empty'],
    ["States.Format('oops)", 'The string that starts argument 1 of States.Format is never closed'],
    ['States.Format("{}", $.a)', 'uses double quotes'],
    ["States.Hash($.a, SHA-256)", 'Argument 2 of States.Hash, SHA-256, is not a value'],
    ['States.MathAdd($.a, -)', 'is not a number'],
    ['States.MathAdd($.a, 1x)', 'unexpected text after "1"'],
    ['States.Array(#)', 'Argument 1 of States.Array cannot start with "#"'],
    ['States.UUID() extra', 'after the closing ")" of States.UUID'],
    ['(1)', 'Expected an intrinsic function'],
  ])('%s', (text, message) => {
    const { problems } = parseIntrinsic(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain(message);
  });

  it('stops at ten nested calls', () => {
    const nest = (n: number): string => (n === 0 ? '$.a' : `States.JsonToString(${nest(n - 1)})`);
    expect(parseIntrinsic(nest(10)).problems).toEqual([]);
    expect(parseIntrinsic(nest(11)).problems[0].message).toContain('nested more than 10 deep');
    expect(parseIntrinsic(nest(5000)).problems[0].message).toContain('nested more than 10 deep');
  });

  it('never throws', () => {
    for (const text of ['', '(', ')', "'", 'States.Format(', "States.Format('", 'States.Format($', 'States.Format(-', 'a'.repeat(1000) + '(', '\u0000']) {
      expect(() => parseIntrinsic(text)).not.toThrow();
      expect(() => checkIntrinsic(text)).not.toThrow();
    }
  });
});

describe('checkIntrinsic', () => {
  it.each([
    "States.Format('Hello {} {}', $.first, $.last)",
    "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
    "States.Format('No placeholders')",
    "States.Format('literal \\{\\} braces {}', $.a)",
    "States.Format('{\"a\": {}}', $.a)",
    "States.Format('Please review\n\nApprove: {}\nReject: {}', $.approve, $.reject)",
    'States.Format($.template, $.a, $.b, $.c)',
    'States.StringToJson($.s)',
    'States.JsonToString($)',
    'States.Array()',
    "States.Array('Foo', 2020, $.someJson, null)",
    'States.ArrayPartition($.a, 4)',
    'States.ArrayContains($.a, $.b)',
    'States.ArrayRange(1, 9, 2)',
    'States.ArrayRange(9, 1, -1)',
    'States.ArrayGetItem($.a, $.i)',
    'States.ArrayLength($.a)',
    'States.ArrayUnique($.a)',
    'States.Base64Encode($.a)',
    'States.Base64Decode($.a)',
    "States.Hash($.a, 'SHA-256')",
    "States.Hash($.a, 'MD5')",
    'States.Hash($.a, $.algorithm)',
    'States.JsonMerge($.a, $.b, false)',
    'States.JsonMerge($.a, $.b, $.deep)',
    'States.MathRandom(1, 999)',
    'States.MathRandom($.start, $.end, 42)',
    'States.MathAdd($.a, -1)',
    'States.MathAdd(-1, -1)',
    'States.MathAdd(States.ArrayLength($$.Execution.Input.machines),-1)',
    "States.StringSplit($.s, ',')",
    'States.UUID()',
    "States.Format('{}', $$.Map.Item.Value)",
    "States.Format('Hello {}', $inputPayload.foo[1].bar)",
    "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), $.b, $.c)",
    "States.ArrayGetItem($.DescribeRecord.RecordOutputs[?(@.OutputKey == FooBar)].OutputValue, 0)",
  ])('accepts %s', (text) => {
    expect(checkIntrinsic(text)).toEqual([]);
  });

  it.each([
    ["States.Format('{} and {}', $.a)", 'States.Format has 2 placeholders "{}" in its template but 1 value after it'],
    ["States.Format('{}')", 'has 1 placeholder "{}" in its template but 0 values'],
    ["States.Format('none', $.a)", 'has 0 placeholders'],
    ['States.Format()', 'States.Format takes at least 1 argument, but none is given'],
    ['States.MathAdd($.a)', 'States.MathAdd takes 2 arguments, but 1 is given'],
    ['States.MathRandom(1)', 'States.MathRandom takes 2 to 3 arguments'],
    ['States.UUID($.a)', 'States.UUID takes 0 arguments, but 1 is given'],
    ['States.JsonMerge($.a, $.b)', 'States.JsonMerge takes 3 arguments'],
    ['States.Xyz($.result)', '"States.Xyz" is not an intrinsic function. The functions are States.Format'],
    ['States.Fromat($.a)', 'Did you mean States.Format?'],
    ['States.format($.a)', 'Did you mean States.Format?'],
    ['JsonToString($)', 'Did you mean States.JsonToString?'],
    ['States.StringToJSON($.a)', 'Did you mean States.StringToJson?'],
    ['States.Uuid()', 'Did you mean States.UUID?'],
    ["States.Hash($.a, 'SHA256')", "Did you mean 'SHA-256'?"],
    ["States.Hash($.a, 'sha-1')", "Did you mean 'SHA-1'?"],
    ["States.Hash($.a, 'CRC32')", "Use one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'"],
    ['States.Hash($.a, 256)', 'must be a string such as'],
    ['States.JsonMerge($.a, $.b, true)', 'does not support a deep merge'],
    ["States.JsonMerge($.a, $.b, 'false')", "must be false (a shallow merge), not the string 'false'"],
    ['States.ArrayRange(1, 9, 0)', 'The step of States.ArrayRange must not be 0'],
    ['States.ArrayPartition($.a, 0)', 'chunk size of States.ArrayPartition must be greater than 0'],
    ["States.Format('{}', $.a b)", 'Expected "," or ")" after argument 2'],
    ["States.Format('{}', $.a[)", 'Argument 2 of States.Format, "$.a[", is not a valid path: "[" at position 4 is never closed'],
    ["States.Format('{}', $.)", 'is not a valid path: the path ends with "."'],
  ])('%s', (text, message) => {
    const problems = checkIntrinsic(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toContain(message);
  });

  it('checks nested calls too, in order', () => {
    const problems = checkIntrinsic('States.Format(States.Fromat($.a), States.MathAdd($.b))');
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Did you mean States.Format?'),
      expect.stringContaining('States.MathAdd takes 2 arguments, but 1 is given'),
    ]);
    expect(problems.map((p) => [p.start, p.end])).toEqual([
      [14, 27],
      [34, 53],
    ]);
  });

  it('points at the argument of a literal problem', () => {
    expect(checkIntrinsic("States.Hash($.a, 'SHA256')")[0]).toMatchObject({ start: 17, end: 25 });
    expect(checkIntrinsic("States.Format('{}', $.a[)")[0]).toMatchObject({ start: 23, end: 24 });
  });

  it('allows only string results in ErrorPath and CausePath', () => {
    const stringOnly = { stringOnly: true };
    for (const ok of ["States.Format('{}', $.a)", 'States.JsonToString($.a)', 'States.ArrayGetItem($.a, 0)', 'States.Base64Encode($.a)', 'States.Base64Decode($.a)', "States.Hash($.a, 'MD5')", 'States.UUID()']) {
      expect(checkIntrinsic(ok, stringOnly)).toEqual([]);
    }
    expect(checkIntrinsic('States.StringToJson($.a)', stringOnly)[0].message).toContain('States.StringToJson cannot give an error name or cause');
    expect(checkIntrinsic('States.MathAdd($.a, 1)', stringOnly)[0].message).toContain('it returns a number');
    expect(checkIntrinsic('States.Array($.a)', stringOnly)[0].message).toContain('it returns an array');
    // Nested calls may return anything.
    expect(checkIntrinsic("States.Format('{}', States.MathAdd($.a, 1))", stringOnly)).toEqual([]);
  });
});

describe('helpers', () => {
  it('counts placeholders, skipping escaped braces', () => {
    expect(countPlaceholders('{} {} {}')).toBe(3);
    expect(countPlaceholders('\\{} {\\} {}')).toBe(1);
    expect(countPlaceholders('{ } {{}}')).toBe(1);
    expect(countPlaceholders('\\\\{}')).toBe(1);
  });

  it('knows the 18 functions and suggests close names only', () => {
    expect(INTRINSIC_FUNCTIONS.size).toBe(18);
    expect(suggestFunction('States.ArrayLenght')).toBe('States.ArrayLength');
    expect(suggestFunction('Base64encode')).toBe('States.Base64Encode');
    expect(suggestFunction('States.Default')).toBeUndefined();
    expect(suggestFunction('States.Xyz')).toBeUndefined();
  });
});
