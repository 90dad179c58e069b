import { describe, expect, it } from 'vitest';
import { checkJsonPath } from './jsonpath.js';

/** Paths Step Functions compiles (Jayway JsonPath plus variables), found in deployed workflows or AWS docs. */
const valid = [
  '$',
  '$$',
  '$.a',
  '$.a.b.c',
  '$[0]',
  '$.[0]',
  '$.[?(@.OU > 0)]',
  '$.a[0][22][315].foo',
  '$.a[*]',
  '$.a.*',
  '$.*',
  '$..a',
  '$..*',
  '$..book[2]',
  '$..[0]',
  "$.a[?(@.b == 'x')]",
  '$.a[?(@.price < 10)]',
  '$.a[?(@.price < -10)]',
  '$.a[?(@.isbn)]',
  "$.a[?(@.Name == 'Cat')].Value",
  '$.a[?(@.Type.Text==AMOUNT_PAID)]',
  '$.book[?(@.price <= $[\'expensive\'])]',
  '$.book[?(@.author =~ /.*REES/i)]',
  '$.a[?(@.tags[0] == "x" && @.n > 1)]',
  '$[(@.length-1)].bar',
  '$.a[0:2]',
  '$.a[-1:]',
  '$.a[:2]',
  '$.a[1:]',
  '$.a[0:10:2]',
  '$.a[-1]',
  '$.a[0,1]',
  '$.a[0, 1, -2]',
  "$.a['b c']",
  '$.a["b"]',
  "$['store']['book']",
  "$['a','b']",
  "$[ 'a' ]",
  "$['it\\'s']",
  "$['a.b[c]']",
  '$.detail-type',
  '$.detail.case-id',
  '$.a.b-c.d',
  '$.&Ж中.\uD800\uDF46',
  '$.ÄÖÜ.名前',
  '$.a.length()',
  '$.a.min()',
  '$.a.keys()',
  "$.a.concat('x', $.b)",
  '$.store\\.book',
  '$.foo\\@bar.baz\\[\\[.\\?pretty',
  '$.a[0]b',
  '$.Reservations[0].Instances[0]InstanceId',
  '$.a@b',
  '$.a:b',
  '$.a$b',
  '$.1',
  '$.Payload.body',
  '$$.Execution.Id',
  '$$.Map.Item.Value',
  '$$.Task.Token',
  '$$.State.RetryCount',
  "$$.Execution.Input['a b']",
  '$var',
  '$varName.field',
  '$_private[0]',
  '$order.items[?(@.qty > 1)]',
  '$ÄÖÜ.x',
  '  $.a  ',
  '\n$.a\n',
];

describe('checkJsonPath accepts what Step Functions compiles', () => {
  it.each(valid)('%s', (path) => {
    expect(checkJsonPath(path)).toBeUndefined();
  });
});

const invalid: [path: string, message: string, offset: number, length: number][] = [
  ['', 'the path is empty', 0, 0],
  ['   ', 'the path is empty', 0, 3],
  ['a.b', 'does not start with "$"', 0, 3],
  ['Error', 'does not start with "$"', 0, 5],
  ['.a', 'does not start with "$"', 0, 1],
  ['@.a', 'starts with "@"', 0, 1],
  ["States.Format('{}', $.a)", 'is a function call, not a path', 0, 24],
  ['{% $x %}', 'does not start with "$"', 0, 8],
  ['$.', 'the path ends with "."', 1, 1],
  ['$.a.', 'the path ends with "."', 3, 1],
  ['$.a..', 'the path ends with ".."', 3, 2],
  ['$..', 'the path ends with ".."', 1, 2],
  ['$.a...b', 'has an empty step', 3, 3],
  ['$.a b', 'the field name "a b" contains a space', 3, 1],
  ['$.a .b', 'there is a space at position 4', 3, 1],
  ['$.a[0] .b', 'there is a space at position 7', 6, 1],
  ['$. a', 'there is a space after "."', 2, 1],
  ['$.a[', '"[" at position 4 is never closed', 3, 1],
  ['$.a[0', '"[" at position 4 is never closed', 3, 2],
  ["$.a['b]", "the quote ' at position 5 is never closed", 4, 3],
  ["$.a['b'", '"[" at position 4 is never closed', 3, 4],
  ["$.a['b'x]", 'must be "]" or ","', 7, 1],
  ["$.a['b',]", 'a quoted name must follow', 8, 1],
  ['$.a]', '"]" at position 4 has no matching opening bracket', 3, 1],
  ['$.a)', '")" at position 4 has no matching opening bracket', 3, 1],
  ['$.a[b]', '"[b]" is not a valid bracket step', 3, 3],
  ['$.a[]', '"[]" is not a valid bracket step', 3, 2],
  ['$.a[0x]', '"[0x]" is not a valid bracket step', 3, 4],
  ['$.a[?(@.b == 1]', '"]" at position 15 does not match the "("', 14, 1],
  ['$.a[?(@.b == 1)', '"[" at position 4 is never closed', 3, 12],
  ['$.a[?(@.b == 1) ', '"[" at position 4 is never closed', 3, 12],
  ['$.a[?(@.b == 1)x]', '"x" at position 16 must be "]"', 15, 1],
  ['$.a[?@.b]', 'must be written "[?(…)]"', 3, 2],
  ['$.a.length(', '"(" at position 11 is never closed', 10, 1],
  ['$a-b', '"$a" must be followed by "." or "[", not "-"', 2, 1],
  ['$$23', '"$$" must be followed by "." or "[", not "2"', 2, 1],
  ['$1', '"$" must be followed by "." or "[", not "1"', 1, 1],
  ['$-', '"$" must be followed by "." or "[", not "-"', 1, 1],
];

describe('checkJsonPath reports what cannot compile', () => {
  it.each(invalid)('%s', (path, message, offset, length) => {
    const problem = checkJsonPath(path);
    expect(problem?.message).toContain(message);
    expect(problem?.hint).toBeTruthy();
    expect([problem?.offset, problem?.length]).toEqual([offset, length]);
  });

  it('says what to write', () => {
    expect(checkJsonPath('$.first name')?.hint).toBe('Put it in brackets and quotes: "[\'first name\']".');
    expect(checkJsonPath('Error')?.hint).toBe('Write "$.Error" to read the field "Error" of the input.');
    expect(checkJsonPath('.a.b')?.hint).toBe('Write "$.a.b".');
    expect(checkJsonPath('$[b]')?.hint).toContain('Quote the name: "[\'b\']".');
    expect(checkJsonPath('$$23')?.hint).toBe('Write "$$.23" to read a field of the context object.');
  });
});

describe('checkJsonPath with reference: true (ResultPath)', () => {
  it.each(['$', '$.a', '$.a.b', '$.a[0]', "$['a b'].c", '$.a[-1]', '$.detail-type', '$.a\\.b', '$.[0]'])('accepts %s', (path) => {
    expect(checkJsonPath(path, { reference: true })).toBeUndefined();
  });

  it.each([
    ['$.a[*]', 'cannot use a wildcard ("[*]")', 3, 3],
    ['$.a.*', 'cannot use a wildcard ("*")', 4, 1],
    ['$..a', 'cannot use recursive descent ("..")', 1, 2],
    ["$.a[?(@.b == 'x')]", 'cannot use a filter', 3, 15],
    ['$[(@.length-1)]', 'cannot use an expression', 1, 14],
    ['$.a[0:2]', 'cannot use a slice ("[0:2]")', 3, 5],
    ['$.a[0,1]', 'cannot use a list of several names or indexes', 3, 5],
    ["$['a','b']", 'cannot use a list of several names or indexes', 1, 9],
    ['$.a.length()', 'cannot use a function call ("length()")', 4, 8],
    ['$foo', 'cannot name the variable "$foo"', 0, 4],
    ['$foo.bar', 'cannot name the variable "$foo"', 0, 4],
    ['$$.Execution', 'cannot write to the context object "$$"', 0, 2],
    ['$.a b', 'contains a space', 3, 1],
  ] as const)('rejects %s', (path, message, offset, length) => {
    const problem = checkJsonPath(path, { reference: true });
    expect(problem?.message).toContain(message);
    expect([problem?.offset, problem?.length]).toEqual([offset, length]);
  });
});

describe('checkJsonPath on hostile input', () => {
  it('stays linear on long and deeply bracketed text', () => {
    const started = Date.now();
    expect(checkJsonPath(`$.${'a'.repeat(2_000_000)}`)).toBeUndefined();
    expect(checkJsonPath(`$${'[0]'.repeat(200_000)}`)).toBeUndefined();
    expect(checkJsonPath(`$.a[?(${'('.repeat(100_000)}`)?.message).toContain('never closed');
    expect(checkJsonPath(`$.a[${"'x',".repeat(100_000)}'y']`)).toBeUndefined();
    expect(checkJsonPath(`$${'.'.repeat(100_000)}`)?.message).toContain('empty step');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
