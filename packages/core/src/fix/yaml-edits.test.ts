import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../diagnostic.js';
import { parseDocument, type SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { nodeAt, toValue } from '../document/node-access.js';
import { applyEdits } from './apply.js';
import { appendArrayItem, insertArrayItem, insertMember, renameKey } from './edits.js';

const RETRIER = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 };

function edited(text: string, path: (string | number)[], build: (document: SourceDocument, node: DocNode) => TextEdit[] | undefined): string {
  const document = parseDocument('m.asl.yaml', text);
  const node = nodeAt(document.roots[0], path);
  expect(node, `no node at ${path.join('.')}`).toBeDefined();
  const edits = build(document, node!);
  expect(edits, 'no edit was built').toBeDefined();
  const result = applyEdits(text, edits!);
  expect(parseDocument('m.asl.yaml', result).problems).toEqual([]);
  return result;
}

function refused(text: string, path: (string | number)[], build: (document: SourceDocument, node: DocNode) => TextEdit[] | undefined): void {
  const document = parseDocument('m.asl.yaml', text);
  const node = nodeAt(document.roots[0], path);
  expect(node).toBeDefined();
  expect(build(document, node!)).toBeUndefined();
}

const valueOf = (text: string): unknown => JSON.parse(JSON.stringify(toValue(parseDocument('m.asl.yaml', text).roots[0])));

const machine = `StartAt: Call
States:
  Call:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Parameters:
      Payload: $.order   # the order
      'Quoted': $.a
      "Double": $.b
    End: true
`;

describe('renameKey (YAML)', () => {
  it('keeps plain, single- and double-quoted keys in their style', () => {
    const params = ['States', 'Call', 'Parameters'];
    expect(edited(machine, [...params, 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'))).toBe(machine.replace('Payload:', () => 'Payload.$:'));
    expect(edited(machine, [...params, 'Quoted'], (d, n) => renameKey(d, n, 'Quoted.$'))).toBe(machine.replace("'Quoted'", () => "'Quoted.$'"));
    expect(edited(machine, [...params, 'Double'], (d, n) => renameKey(d, n, 'Double.$'))).toBe(machine.replace('"Double"', () => '"Double.$"'));
  });

  it('quotes a new key that cannot be plain', () => {
    const result = edited(machine, ['States', 'Call', 'Parameters', 'Payload'], (d, n) => renameKey(d, n, 'a: b'));
    expect(result).toBe(machine.replace('Payload:', '"a: b":'));
    expect(valueOf(result)).toMatchObject({ States: { Call: { Parameters: { 'a: b': '$.order' } } } });
  });

  it('renames in a flow mapping', () => {
    const text = 'Parameters: {Payload: $.order, Other: 1}\n';
    expect(edited(text, ['Parameters', 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'))).toBe('Parameters: {Payload.$: $.order, Other: 1}\n');
  });

  it('refuses a key that lives in an alias or a merge key', () => {
    const text = `base: &base
  Payload: $.x
copy: *base
merged:
  <<: *base
  Other: 1
`;
    refused(text, ['copy', 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'));
    refused(text, ['merged', 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'));
    refused(text, ['base', 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'));
    expect(edited(text, ['merged', 'Other'], (d, n) => renameKey(d, n, 'Other.$'))).toBe(text.replace('Other:', 'Other.$:'));
  });
});

describe('insertMember (YAML)', () => {
  it('adds a block member at the keys\' column, after the last one', () => {
    const result = edited(machine, ['States', 'Call'], (d, n) => insertMember(d, n, 'Retry', [RETRIER]));
    expect(result).toBe(
      `${machine}    Retry:
      - ErrorEquals:
          - Lambda.ServiceException
          - Lambda.SdkClientException
        IntervalSeconds: 2
        MaxAttempts: 6
        BackoffRate: 2
`,
    );
    expect(valueOf(result)).toMatchObject({ States: { Call: { End: true, Retry: [RETRIER] } } });
  });

  it('goes before a named key, after the comment that ends the line before', () => {
    const result = edited(machine, ['States', 'Call', 'Parameters'], (d, n) => insertMember(d, n, 'TaskToken.$', '$$.Task.Token', { before: ['Quoted'] }));
    expect(result).toBe(machine.replace("      'Quoted'", () => "      TaskToken.$: $$.Task.Token\n      'Quoted'"));
  });

  it('goes before the first key when that is the one named', () => {
    const result = edited(machine, ['States', 'Call'], (d, n) => insertMember(d, n, 'Comment', 'yes', { before: ['Type'] }));
    // YAML 1.1 reads a plain yes as true: the string is quoted.
    expect(result).toBe(machine.replace('    Type: Task', '    Comment: "yes"\n    Type: Task'));
  });

  it('follows the file\'s indentation and unindented sequences', () => {
    const text = 'States:\n    A:\n        Type: Pass\n        Result:\n        - 1\n        End: true\n';
    const result = edited(text, ['States', 'A'], (d, n) => insertMember(d, n, 'Retry', [{ ErrorEquals: ['X'], Nested: { a: 1 } }]));
    expect(result).toBe(`${text}        Retry:\n        - ErrorEquals:\n          - X\n          Nested:\n              a: 1\n`);
  });

  it('adds the line break a file without a final one lacks', () => {
    expect(edited('a: 1\nb: 2', [], (d, n) => insertMember(d, n, 'c', 3))).toBe('a: 1\nb: 2\nc: 3\n');
  });

  it('keeps CRLF line breaks', () => {
    const text = machine.replace(/\n/g, '\r\n');
    const result = edited(text, ['States', 'Call'], (d, n) => insertMember(d, n, 'TimeoutSeconds', 30, { before: ['End'] }));
    expect(result).toBe(text.replace('    End: true', '    TimeoutSeconds: 30\r\n    End: true'));
  });

  it('goes after a nested block value and a block scalar', () => {
    const text = 'A:\n  Parameters:\n    x: 1\n  Comment: |\n    two\n    lines\n\n# trailing comment\nB: 1\n';
    expect(edited(text, ['A'], (d, n) => insertMember(d, n, 'End', true))).toBe(
      'A:\n  Parameters:\n    x: 1\n  Comment: |\n    two\n    lines\n  End: true\n\n# trailing comment\nB: 1\n',
    );
    expect(edited(text, ['A'], (d, n) => insertMember(d, n, 'Type', 'Pass', { before: ['Comment'] }))).toBe(
      'A:\n  Parameters:\n    x: 1\n  Type: Pass\n  Comment: |\n    two\n    lines\n\n# trailing comment\nB: 1\n',
    );
  });

  it('adds to a mapping that is a sequence item', () => {
    const text = 'Retry:\n  - ErrorEquals: [X]\n    MaxAttempts: 1\n';
    expect(edited(text, ['Retry', 0], (d, n) => insertMember(d, n, 'BackoffRate', 2))).toBe(`${text}    BackoffRate: 2\n`);
    expect(edited(text, ['Retry', 0], (d, n) => insertMember(d, n, 'Comment', 'c', { before: ['ErrorEquals'] }))).toBe(
      'Retry:\n  - ErrorEquals: [X]\n    Comment: c\n    MaxAttempts: 1\n',
    );
  });

  it('adds to a flow mapping in flow style', () => {
    const text = 'A: {Type: Pass, End: true}   # note\nB: { }\nC: {"Type": "Pass"}\n';
    const result = edited(text, ['A'], (d, n) => insertMember(d, n, 'Result', { list: ['a,b', 'c'], count: 1 }));
    expect(result).toBe('A: {Type: Pass, End: true, Result: { list: ["a,b", c], count: 1 }}   # note\nB: { }\nC: {"Type": "Pass"}\n');
    expect(valueOf(result)).toMatchObject({ A: { Result: { list: ['a,b', 'c'], count: 1 } } });
    expect(edited(text, ['B'], (d, n) => insertMember(d, n, 'x.$', '$.x'))).toBe(text.replace('B: { }', 'B: { x.$: $.x }'));
    expect(edited(text, ['C'], (d, n) => insertMember(d, n, 'Result', { a: [1] }))).toBe(text.replace('{"Type": "Pass"}', '{"Type": "Pass", "Result": {"a": [1]}}'));
  });

  it('quotes strings that YAML would read as something else', () => {
    const values = ['yes', 'on', '1.5', 'null', '', ' padded', 'a: b', '#x', '- dash', 'multi\nline', '$$.Task.Token', '{% $x %}'];
    const result = edited('a: 1\n', [], (d, n) => insertMember(d, n, 'list', values));
    expect(valueOf(result)).toEqual({ a: 1, list: values });
  });

  it('refuses to edit a mapping shared through an anchor or copied by an alias', () => {
    const text = 'base: &base\n  a: 1\ncopy: *base\n';
    refused(text, ['base'], (d, n) => insertMember(d, n, 'b', 2));
    refused(text, ['copy'], (d, n) => insertMember(d, n, 'b', 2));
  });

  it('refuses to place a member after a value that is an alias', () => {
    const text = 'x: &x [1]\nA:\n  Type: Pass\n  Result: *x\n';
    refused(text, ['A'], (d, n) => insertMember(d, n, 'End', true));
  });
});

describe('appendArrayItem (YAML)', () => {
  it('adds a block item at the dashes\' column', () => {
    const text = 'Retry:\n  - ErrorEquals: [States.Timeout]\n    MaxAttempts: 2\nNext: B\n';
    const result = edited(text, ['Retry'], (d, n) => appendArrayItem(d, n, RETRIER));
    expect(result).toBe(
      'Retry:\n  - ErrorEquals: [States.Timeout]\n    MaxAttempts: 2\n  - ErrorEquals:\n      - Lambda.ServiceException\n      - Lambda.SdkClientException\n' +
        '    IntervalSeconds: 2\n    MaxAttempts: 6\n    BackoffRate: 2\nNext: B\n',
    );
    expect(valueOf(result)).toEqual({ Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }, RETRIER], Next: 'B' });
  });

  it('adds to an unindented sequence', () => {
    expect(edited('Retry:\n- a\n- b\nEnd: true\n', ['Retry'], (d, n) => appendArrayItem(d, n, ['c', 'd']))).toBe('Retry:\n- a\n- b\n- - c\n  - d\nEnd: true\n');
  });

  it('adds to flow sequences', () => {
    const text = 'a: [x, y]\nb: []\nc: [\n  1,\n  2\n]\n';
    expect(edited(text, ['a'], (d, n) => appendArrayItem(d, n, { k: 'v' }))).toBe(text.replace('[x, y]', '[x, y, { k: v }]'));
    expect(edited(text, ['b'], (d, n) => appendArrayItem(d, n, 1))).toBe(text.replace('b: []', 'b: [1]'));
    expect(edited(text, ['c'], (d, n) => appendArrayItem(d, n, 3))).toBe(text.replace('  2\n]', '  2,\n  3\n]'));
  });

  it('adds to a JSON-style flow sequence as JSON', () => {
    expect(edited('a: [{"x": 1}]\n', ['a'], (d, n) => appendArrayItem(d, n, { y: 'z' }))).toBe('a: [{"x": 1}, {"y": "z"}]\n');
  });
});

describe('insertArrayItem (YAML)', () => {
  const text = 'Retry:\n  - ErrorEquals: [Lambda.ServiceException]\n  - ErrorEquals: [States.ALL]\n    MaxAttempts: 1\nEnd: true\n';

  it('goes before a later item, or first', () => {
    expect(edited(text, ['Retry'], (d, n) => insertArrayItem(d, n, 1, { ErrorEquals: ['X'] }))).toBe(
      'Retry:\n  - ErrorEquals: [Lambda.ServiceException]\n  - ErrorEquals:\n      - X\n  - ErrorEquals: [States.ALL]\n    MaxAttempts: 1\nEnd: true\n',
    );
    expect(edited(text, ['Retry'], (d, n) => insertArrayItem(d, n, 0, 'first'))).toBe(`Retry:\n  - first\n${text.slice('Retry:\n'.length)}`);
    expect(edited(text, ['Retry'], (d, n) => insertArrayItem(d, n, 9, 'last'))).toBe(text.replace('End: true', '  - last\nEnd: true'));
  });

  it('goes first or between in a flow sequence, and before a key in a flow mapping', () => {
    expect(edited('a: [x, y]\n', ['a'], (d, n) => insertArrayItem(d, n, 0, 'w'))).toBe('a: [w, x, y]\n');
    expect(edited('a: [x, y]\n', ['a'], (d, n) => insertArrayItem(d, n, 1, 'w'))).toBe('a: [x, w, y]\n');
    expect(edited('a: {b: 1, c: 2}\n', ['a'], (d, n) => insertMember(d, n, 'x', 0, { before: ['b'] }))).toBe('a: {x: 0, b: 1, c: 2}\n');
    expect(edited('a: {b: 1, c: 2}\n', ['a'], (d, n) => insertMember(d, n, 'x', 0, { before: ['c'] }))).toBe('a: {b: 1, x: 0, c: 2}\n');
  });

  it('refuses a negative or fractional index', () => {
    refused(text, ['Retry'], (d, n) => insertArrayItem(d, n, -1, 'x'));
    refused(text, ['Retry'], (d, n) => insertArrayItem(d, n, 0.5, 'x'));
  });
});

