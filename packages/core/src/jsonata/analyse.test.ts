import jsonata from 'jsonata';
import { describe, expect, it, vi } from 'vitest';
import {
  analyseJsonata,
  clearJsonataCache,
  jsonataBody,
  jsonataProblems,
  parseAnalysis,
  prepareJsonata,
  simplePathAnalysis,
  statesFieldsAt,
  type JsonataSite,
} from './analyse.js';

// Counts the library's calls, to see the batches at work.
vi.mock('jsonata', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof jsonata }>();
  return { default: vi.fn(actual.default) };
});

const taskOutput: JsonataSite = { stateType: 'Task', field: 'Output', where: '"Output" of "Call"' };

/** The problems of an expression at a site, with the text each one points at. */
function problems(value: string, site: JsonataSite = taskOutput) {
  return jsonataProblems(value, site).map((p) => ({ kind: p.kind, text: value.slice(p.start, p.end), message: p.message }));
}

describe('jsonataBody', () => {
  it('takes the text between the delimiters', () => {
    expect(jsonataBody('{% $states.input %}')).toBe(' $states.input ');
    expect(jsonataBody('{%$x%}')).toBe('$x');
    expect(jsonataBody('{% x%}')).toBe(' x');
    expect(jsonataBody('{%\n  $x\n%}')).toBe('\n  $x\n');
    expect(jsonataBody('{%%}')).toBe('');
  });

  it('is undefined for strings that are not expressions', () => {
    for (const value of ['', '{%', '{%}', '%}', '{% 10 %', ' {% 1 %}', '{% 1 %} ', '$.input', 'plain {% 1 %}']) {
      expect(jsonataBody(value), value).toBeUndefined();
    }
  });
});

describe('syntax errors', () => {
  it.each([
    ['{% $sum($states.input.items %}', 'expected ")" before end of expression', ' '],
    ['{% 10 + * 2 %}', 'unexpected "2"', '2'],
    ['{% 420. %}', 'the expression ends where a value is expected', ' '],
    ['{% [1, 2 %}', 'expected "]" before end of expression', ' '],
    ['{% $states.input.( %}', 'expected ")" before end of expression', ' '],
    ['{% a b %}', 'unexpected "b"', 'b'],
    ["{% 'abc %}", 'a string literal has no closing quote', ' '],
    ['{% 1e999 %}', 'number out of range: "1e999"', ' '],
    ['{% $x.true %}', 'the literal value true cannot be used as a step within a path expression', 'e'],
    ['{%   %}', 'the expression is empty', ' '],
    ['{% /* note %}', 'a comment has no closing "*/"', ' '],
  ])('%s', (value, detail, text) => {
    const found = problems(value);
    expect(found).toHaveLength(1);
    expect(found[0].kind).toBe('syntax');
    expect(found[0].message).toBe(`The JSONata expression in "Output" of "Call" does not parse: ${detail}.`);
    expect(found[0].text.endsWith(text)).toBe(true);
  });

  it('accepts what the library accepts', () => {
    for (const value of [
      '{% x%}',
      '{%$states.input%}',
      '{%\n  $states.input.a\n  + 1\n%}',
      '{% /* comment */ 1 %}',
      '{% $states.input.items[price > 10].name %}',
      '{% $states.input.**.id %}',
      '{% $x.and %}',
      '{% function($v) { $v } %}',
      "{% $states.input ~> |a|{'b': 1}| %}",
      '{% Account.Order@$o.Product#$i.{ "o": $o, "i": $i } %}',
    ]) {
      expect(problems(value), value).toEqual([]);
    }
  });

  it('accepts ${…} placeholders that are the only reason the expression does not parse', () => {
    expect(problems('{% ${Offset} + 1 %}')).toEqual([]);
    expect(problems('{% $states.input.${Field} %}')).toEqual([]);
    expect(problems('{% ${AWS::Region} %}')).toEqual([]);
    expect(problems("{% 'arn:aws:s3:::${Bucket}/' & $states.input.key %}")).toEqual([]);
    // A placeholder standing where a function name goes is not a call of an unknown function.
    expect(problems('{% ${Fn}(1) %}')).toEqual([]);
    // The placeholder does not excuse another mistake.
    expect(problems('{% ${Offset} + %}').map((p) => p.kind)).toEqual(['syntax']);
    expect(problems('{% $summ(${Values}) %}').map((p) => p.text)).toEqual(['$summ']);
  });
});

describe('function calls', () => {
  it('reports unknown functions with a suggestion', () => {
    expect(problems('{% $summ($states.input.n) %}')).toEqual([
      {
        kind: 'unknown-function',
        text: '$summ',
        message:
          'The JSONata expression in "Output" of "Call" calls "$summ", which is not a function of JSONata or Step Functions, so the state fails when it runs. Did you mean "$sum"?',
      },
    ]);
    expect(problems('{% $Uppercase($states.input.name) %}')[0].message).toContain('Did you mean "$uppercase"?');
    expect(problems('{% $toUpperCaseNow($x) %}')[0].message).not.toContain('Did you mean');
  });

  it('says to use $parse instead of $eval', () => {
    expect(problems('{% $eval($states.input.json) %}')).toEqual([
      {
        kind: 'unknown-function',
        text: '$eval',
        message: 'The JSONata expression in "Output" of "Call" calls "$eval", which Step Functions does not provide: use "$parse" to read a JSON string.',
      },
    ]);
  });

  it('knows the JSONata built-ins and the Step Functions additions', () => {
    for (const value of [
      '{% $sum([1]) & $count([]) & $string(1) & $now() & $millis() & $uppercase("a") %}',
      '{% $map([1], $string) ~> $filter(function($v){ $v }) ~> $reduce(function($a, $b){ $a + $b }) %}',
      '{% $keys({}) & $lookup({}, "a") & $merge([{}]) & $exists(1) & $type(1) & $boolean(1) & $not(true) %}',
      '{% $split("a,b", ",") ~> $join("-") & $substring("abc", 1) %}',
      '{% $partition([1, 2, 3], 2) & $range(0, 10, 2) & $hash("a", "SHA-256") & $random() & $uuid() & $parse("{}") %}',
      '{% $states.input.name.$uppercase() %}',
      '{% $substring(?, 0, 2) %}',
    ]) {
      expect(problems(value), value).toEqual([]);
    }
  });

  it('accepts calls of names bound in the expression', () => {
    for (const value of [
      '{% ($f := function($x){ $x + 1 }; $f(1)) %}',
      '{% ($f(1); $f := function($x){ $x }) %}',
      '{% $map([1], function($v, $i, $g) { $g($v) }) %}',
      '{% ($first := $substring(?, 0, 1); $first("abc")) %}',
      '{% Account.Order@$o.Product.$o() %}',
      '{% items#$i.$i() %}',
    ]) {
      expect(problems(value), value).toEqual([]);
    }
  });

  it('counts only calls, not names in strings or comments', () => {
    expect(problems('{% "$summ(1)" & /* $summ(2) */ "" %}')).toEqual([]);
    expect(problems('{% $states.input.summ %}')).toEqual([]);
  });

  it('reports each unknown call', () => {
    expect(problems('{% $foo(1) + $bar($foo(2)) %}').map((p) => p.text)).toEqual(['$foo', '$bar', '$foo']);
  });
});

describe('$states fields', () => {
  const site = (stateType: string, field: string, holder?: JsonataSite['holder']): JsonataSite => ({ stateType, field, holder });

  it('knows where each field exists', () => {
    const fields = (s: JsonataSite) => [...statesFieldsAt(s)].sort();
    expect(fields(site('Task', 'Output'))).toEqual(['context', 'input', 'result']);
    expect(fields(site('Map', 'Assign'))).toEqual(['context', 'input', 'result']);
    expect(fields(site('Parallel', 'Output'))).toEqual(['context', 'input', 'result']);
    expect(fields(site('Task', 'Arguments'))).toEqual(['context', 'input']);
    expect(fields(site('Task', 'TimeoutSeconds'))).toEqual(['context', 'input']);
    expect(fields(site('Map', 'ItemSelector'))).toEqual(['context', 'input']);
    expect(fields(site('Pass', 'Output'))).toEqual(['context', 'input']);
    expect(fields(site('Choice', 'Condition', 'choice-rule'))).toEqual(['context', 'input']);
    expect(fields(site('Choice', 'Output', 'choice-rule'))).toEqual(['context', 'input']);
    expect(fields(site('Task', 'Output', 'catcher'))).toEqual(['context', 'errorOutput', 'input']);
    expect(fields(site('Tsak', 'Output'))).toEqual(['context', 'input', 'result']);
  });

  it('reports $states.result before the result exists', () => {
    const found = problems('{% $states.result.Payload %}', { stateType: 'Task', field: 'Arguments', where: '"Arguments.Payload" of "Call"' });
    expect(found).toEqual([
      {
        kind: 'states-field',
        text: '$states.result',
        message:
          'The JSONata expression in "Arguments.Payload" of "Call" reads "$states.result", which does not exist yet: the arguments are evaluated before the state runs. Read the result in "Output" or "Assign".',
      },
    ]);
    expect(problems('{% $states.result %}', site('Pass', 'Output'))[0].message).toContain('which a Pass state does not have');
    expect(problems('{% $states.result %}', site('Choice', 'Condition', 'choice-rule'))[0].message).toContain('which a Choice state does not have');
    expect(problems('{% $states.result %}', site('Task', 'Output', 'catcher'))[0].message).toContain('Use "$states.errorOutput"');
    expect(problems('{% $states.result %}', site('Task', 'TimeoutSeconds'))[0].message).toContain('does not exist in "TimeoutSeconds"');
  });

  it('reports $states.errorOutput outside a catcher', () => {
    expect(problems('{% $states.errorOutput.Cause %}', taskOutput)).toEqual([
      {
        kind: 'states-field',
        text: '$states.errorOutput',
        message:
          'The JSONata expression in "Output" of "Call" reads "$states.errorOutput", which exists only in the "Output" and "Assign" of a catcher, where it holds the error.',
      },
    ]);
    expect(problems('{% $states.errorOutput.Cause %}', site('Task', 'Assign', 'catcher'))).toEqual([]);
  });

  it('reports fields $states does not have', () => {
    expect(problems('{% $states.inputs.a %}')).toEqual([
      {
        kind: 'states-field',
        text: '$states.inputs',
        message:
          'The JSONata expression in "Output" of "Call" reads "$states.inputs", which does not exist: "$states" has only input, result, errorOutput, context. Did you mean "$states.input"?',
      },
    ]);
  });

  it('reads the AST, not the text', () => {
    expect(problems('{% "$states.result" & $states.input.result %}', site('Pass', 'Output'))).toEqual([]);
    expect(problems('{% $states.`result` %}', site('Pass', 'Output')).map((p) => p.text)).toEqual(['$states.`result`']);
    expect(problems('{% $states.input.$states.result %}', site('Pass', 'Output')).map((p) => p.text)).toEqual(['$states.result']);
    expect(problems('{% $count($states.result[0].x) %}', site('Pass', 'Output')).map((p) => p.text)).toEqual(['$states.result']);
    // A parameter named $states hides the reserved variable.
    expect(problems('{% $map([1], function($states) { $states.result }) %}', site('Pass', 'Output'))).toEqual([]);
  });

  it('allows input and context everywhere', () => {
    for (const s of [site('Task', 'Arguments'), site('Choice', 'Condition', 'choice-rule'), site('Task', 'Output', 'catcher'), site('Wait', 'Seconds')]) {
      expect(problems('{% $states.input.a & $states.context.Execution.Id & $states %}', s)).toEqual([]);
    }
  });

  it('reports the offsets of the whole string value', () => {
    const value = '{%\n  $states.errorOutput\n%}';
    const [problem] = jsonataProblems(value, taskOutput);
    expect(value.slice(problem.start, problem.end)).toBe('$states.errorOutput');
  });
});

describe('analyseJsonata', () => {
  it('agrees with the parser on the simple expressions it analyses without it', () => {
    const samples = [
      '$states.input',
      ' $states.input.a.b ',
      '\n\t$states.result.Payload\n',
      '$states',
      '$states.inputs',
      '$x',
      '$x.y_z.A1',
      '$_',
      '$states.input.and.or.in',
      '$states.input.function',
      '$x.true',
      '$x.null',
      '0',
      '-12',
      '3.25',
      ' 131072 ',
      '007',
      '1.',
      '$states.errorOutput',
    ];
    for (const body of samples) {
      const fast = simplePathAnalysis(body);
      if (fast !== undefined) expect(fast, JSON.stringify(body)).toEqual(parseAnalysis(body));
    }
    expect(simplePathAnalysis('$x.true')).toBeUndefined();
    expect(simplePathAnalysis('$states.input')).toBeDefined();
  });

  it('caches by expression', () => {
    expect(analyseJsonata(' $summ(1) ')).toBe(analyseJsonata(' $summ(1) '));
  });

  it('never throws, even on absurd nesting', () => {
    const deep = '('.repeat(20_000) + '1' + ')'.repeat(20_000);
    expect(() => analyseJsonata(deep)).not.toThrow();
    expect(analyseJsonata(deep).syntaxError).toBeUndefined();
  });

  it('stays fast on thousands of distinct expressions', () => {
    const start = performance.now();
    for (let i = 0; i < 5_000; i++) analyseJsonata(` $states.input.orders.item${i}.price `);
    for (let i = 0; i < 1_000; i++) analyseJsonata(` $sum($states.input.items[price > ${i}].price) `);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('prepareJsonata', () => {
  // Bodies that could fool a batch: open strings, comments and brackets that reach into the
  // next body, and forms that parse inside parentheses but not alone.
  const tricky = [
    '$summ($states.input.a)',
    '$states.result.Payload',
    ' $count($states.input.items) > 0 ',
    'a;',
    'a; b',
    '($a := 1; $a)',
    '',
    '   ',
    '"abc',
    'def"',
    "'a), (b'",
    '/* open',
    'close */ 1',
    '1 /* done */',
    'a), (b',
    'a]',
    '%.x',
    'Account.Order.Product.{ "id": %.OrderID }',
    '$x.true',
    '1 +',
    '`abc',
    '/ab+c/i',
    '$contains($states.input.s, /a.*b/)',
    '$states.input ? 1 : 2',
    'function($x) { $x }',
    '${Offset} + 1',
    "'${Bucket}/' & $states.input.key",
    '$states.input ~> $foo',
    '..',
    '[1..3]',
    '{"a": 1, "b": $states.errorOutput}',
    '$map([1], function($v) { $v * 2 })',
    '($f := function($x) { $x }; $f(1))',
    '$states.input[0].$states.result',
    '**',
    'x ~> |a|{"b": $eval("1")}|',
    '\n  $states.input\n',
    '$states.`result`',
    '1e999',
  ];

  it('gives each body the analysis it has alone', () => {
    clearJsonataCache();
    prepareJsonata([...tricky, ...tricky]);
    for (const body of tricky) expect(analyseJsonata(body), JSON.stringify(body)).toEqual(parseAnalysis(body));
  });

  it('agrees with parsing alone in every order', () => {
    for (let round = 0; round < 5; round++) {
      clearJsonataCache();
      const order = tricky.map((body, i) => ({ body, key: (i * 7919 + round * 104729) % 9973 })).sort((a, b) => a.key - b.key);
      prepareJsonata(order.map((o) => o.body));
      for (const body of tricky) expect(analyseJsonata(body), JSON.stringify(body)).toEqual(parseAnalysis(body));
    }
  });

  it('parses a hundred bodies per call of the library', () => {
    clearJsonataCache();
    const bodies = Array.from({ length: 5_000 }, (_, i) => ` $merge([$states.input, {'s${i}': $sum($states.result.Payload[qty > ${i}].price)}]) `);
    bodies[1_234] = ' $sum($states.input.items ';
    const calls = vi.mocked(jsonata).mock.calls.length;
    // The number of library calls is the measure here; the time lives in bench/.
    prepareJsonata(bodies);
    // 50 batches, and about 2 × log2(100) more to find the body at fault by halving its batch.
    const used = vi.mocked(jsonata).mock.calls.length - calls;
    expect(used).toBeGreaterThan(50);
    expect(used).toBeLessThanOrEqual(50 + 14);
    expect(analyseJsonata(bodies[4_321])).toEqual(parseAnalysis(bodies[4_321]));
    expect(analyseJsonata(bodies[1_234]).syntaxError?.detail).toBe('expected ")" before end of expression');
  });
});
