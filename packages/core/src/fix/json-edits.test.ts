import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../diagnostic.js';
import { parseDocument, type SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { nodeAt, toValue } from '../document/node-access.js';
import { applyEdits } from './apply.js';
import { appendArrayItem, insertArrayItem, insertMember, renameKey } from './edits.js';

const RETRIER = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 };

/** Runs one edit builder on the node at `path` and returns the edited text, checking that it parses cleanly. */
function edited(text: string, path: (string | number)[], build: (document: SourceDocument, node: DocNode) => TextEdit[] | undefined, file = 'm.asl.json'): string {
  const document = parseDocument(file, text);
  const node = nodeAt(document.roots[0], path);
  expect(node, `no node at ${path.join('.')}`).toBeDefined();
  const edits = build(document, node!);
  expect(edits, 'no edit was built').toBeDefined();
  const result = applyEdits(text, edits!);
  const reparsed = parseDocument(file, result);
  expect(reparsed.problems.filter((p) => p.code === 'parse-error')).toEqual([]);
  return result;
}

/** The plain value of the edited text, for checking that an edit means what it should. */
const valueOf = (text: string, file = 'm.asl.json'): unknown => JSON.parse(JSON.stringify(toValue(parseDocument(file, text).roots[0])));

const twoSpaces = `{
  "StartAt": "Call",
  "States": {
    "Call": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "Payload": "$.order"
      },
      "End": true
    }
  }
}
`;

describe('renameKey (JSON)', () => {
  it('inserts only the suffix inside the quotes', () => {
    const result = edited(twoSpaces, ['States', 'Call', 'Parameters', 'Payload'], (d, n) => renameKey(d, n, 'Payload.$'));
    expect(result).toBe(twoSpaces.replace('"Payload"', '"Payload.$"'));
  });

  it('keeps the escapes the key was written with', () => {
    const text = '{"a\\u0062c": 1, "q\\"uote": 2}';
    expect(edited(text, ['abc'], (d, n) => renameKey(d, n, 'abc.$'))).toBe('{"a\\u0062c.$": 1, "q\\"uote": 2}');
    expect(edited(text, ['q"uote'], (d, n) => renameKey(d, n, 'other "name"'))).toBe('{"a\\u0062c": 1, "other \\"name\\"": 2}');
  });

  it('escapes what the new key needs', () => {
    const result = edited('{"a": 1}', ['a'], (d, n) => renameKey(d, n, 'a\\b\n'));
    expect(valueOf(result)).toEqual({ 'a\\b\n': 1 });
  });

  it('gives nothing for a node that is not a member', () => {
    const document = parseDocument('m.json', '{"a": [1]}');
    expect(renameKey(document, nodeAt(document.roots[0], ['a', 0])!, 'x')).toBeUndefined();
    expect(renameKey(document, document.roots[0], 'x')).toBeUndefined();
  });

  it('gives nothing for a node of another document', () => {
    const document = parseDocument('m.json', '{"a": 1}');
    const other = parseDocument('n.json', '{"a": 1}');
    expect(renameKey(document, nodeAt(other.roots[0], ['a'])!, 'b')).toBeUndefined();
  });
});

describe('insertMember (JSON)', () => {
  it('matches two-space indentation, at the end of the object', () => {
    const result = edited(twoSpaces, ['States', 'Call'], (d, n) => insertMember(d, n, 'Retry', [RETRIER]));
    expect(result).toBe(
      twoSpaces.replace(
        '      "End": true\n',
        `      "End": true,
      "Retry": [
        {
          "ErrorEquals": [
            "Lambda.ServiceException",
            "Lambda.SdkClientException"
          ],
          "IntervalSeconds": 2,
          "MaxAttempts": 6,
          "BackoffRate": 2
        }
      ]
`,
      ),
    );
    expect(valueOf(result)).toMatchObject({ States: { Call: { Retry: [RETRIER], End: true } } });
  });

  it('goes before the first of the named keys', () => {
    const result = edited(twoSpaces, ['States', 'Call'], (d, n) => insertMember(d, n, 'TimeoutSeconds', 30, { before: ['Next', 'End'] }));
    expect(result).toBe(twoSpaces.replace('      "End": true\n', '      "TimeoutSeconds": 30,\n      "End": true\n'));
  });

  it('goes first when the named key is the first member', () => {
    const result = edited(twoSpaces, ['States', 'Call'], (d, n) => insertMember(d, n, 'Comment', 'x', { before: ['Type'] }));
    expect(result).toBe(twoSpaces.replace('      "Type": "Task",\n', '      "Comment": "x",\n      "Type": "Task",\n'));
  });

  it('matches four-space indentation', () => {
    const text = '{\n    "StartAt": "A",\n    "States": {\n        "A": {\n            "Type": "Pass",\n            "End": true\n        }\n    }\n}';
    const result = edited(text, ['States', 'A'], (d, n) => insertMember(d, n, 'Result', { a: [1] }));
    expect(result).toBe(
      '{\n    "StartAt": "A",\n    "States": {\n        "A": {\n            "Type": "Pass",\n            "End": true,\n' +
        '            "Result": {\n                "a": [\n                    1\n                ]\n            }\n        }\n    }\n}',
    );
  });

  it('matches tabs', () => {
    const text = '{\n\t"StartAt": "A",\n\t"States": {\n\t\t"A": {\n\t\t\t"Type": "Pass",\n\t\t\t"End": true\n\t\t}\n\t}\n}\n';
    const result = edited(text, ['States', 'A'], (d, n) => insertMember(d, n, 'Result', { a: 1 }));
    expect(result).toBe('{\n\t"StartAt": "A",\n\t"States": {\n\t\t"A": {\n\t\t\t"Type": "Pass",\n\t\t\t"End": true,\n\t\t\t"Result": {\n\t\t\t\t"a": 1\n\t\t\t}\n\t\t}\n\t}\n}\n');
  });

  it('keeps a minified file on one line', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}';
    const result = edited(text, ['States', 'A'], (d, n) => insertMember(d, n, 'Retry', [RETRIER], { before: ['End'] }));
    expect(result).toBe(
      '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",' +
        '"Retry":[{"ErrorEquals":["Lambda.ServiceException","Lambda.SdkClientException"],"IntervalSeconds":2,"MaxAttempts":6,"BackoffRate":2}],"End":true}}}',
    );
  });

  it('writes into an empty object of a minified file', () => {
    expect(edited('{"a":{}}', ['a'], (d, n) => insertMember(d, n, 'b', 1))).toBe('{"a":{"b":1}}');
  });

  it('keeps CRLF line breaks', () => {
    const text = twoSpaces.replace(/\n/g, '\r\n');
    const result = edited(text, ['States', 'Call', 'Parameters'], (d, n) => insertMember(d, n, 'TaskToken.$', '$$.Task.Token'));
    expect(result).toBe(text.replace('"Payload": "$.order"\r\n', () => '"Payload": "$.order",\r\n        "TaskToken.$": "$$.Task.Token"\r\n'));
    expect(result).not.toMatch(/[^\r]\n/);
  });

  it('writes a one-line object on one line, with its spacing', () => {
    const text = '{\n  "Parameters": { "a": 1, "b": [1, 2] },\n  "Tight": {"a":1}\n}\n';
    expect(edited(text, ['Parameters'], (d, n) => insertMember(d, n, 'c', { d: [true, null] }))).toBe(
      '{\n  "Parameters": { "a": 1, "b": [1, 2], "c": { "d": [true, null] } },\n  "Tight": {"a":1}\n}\n',
    );
    expect(edited(text, ['Tight'], (d, n) => insertMember(d, n, 'b', 2))).toBe('{\n  "Parameters": { "a": 1, "b": [1, 2] },\n  "Tight": {"a":1,"b":2}\n}\n');
  });

  it('opens an empty object over lines in a pretty file', () => {
    const text = '{\n  "A": {\n    "Parameters": {}\n  }\n}\n';
    expect(edited(text, ['A', 'Parameters'], (d, n) => insertMember(d, n, 'x.$', '$.x'))).toBe('{\n  "A": {\n    "Parameters": {\n      "x.$": "$.x"\n    }\n  }\n}\n');
    const spaced = '{\n  "A": {\n    "Parameters": { }\n  }\n}\n';
    expect(edited(spaced, ['A', 'Parameters'], (d, n) => insertMember(d, n, 'x.$', '$.x'))).toBe('{\n  "A": {\n    "Parameters": {\n      "x.$": "$.x"\n    }\n  }\n}\n');
  });

  it('writes keys and strings with JSON escapes', () => {
    const result = edited('{\n  "a": 1\n}', [], (d, n) => insertMember(d, n, 'q"\n', 'line\nbreak "quoted" \\ é'));
    expect(valueOf(result)).toEqual({ a: 1, 'q"\n': 'line\nbreak "quoted" \\ é' });
  });

  it('does not look for the key first: that is the caller\'s business', () => {
    const result = edited('{"a": 1}', [], (d, n) => insertMember(d, n, 'a', 2));
    expect(result).toBe('{"a": 1, "a": 2}');
  });

  it('gives nothing for a value JSON cannot hold, or a node that is not an object', () => {
    const document = parseDocument('m.json', '{"a": [1]}');
    expect(insertMember(document, document.roots[0], 'f', () => 1)).toBeUndefined();
    expect(insertMember(document, nodeAt(document.roots[0], ['a'])!, 'f', 1)).toBeUndefined();
  });
});

describe('appendArrayItem (JSON)', () => {
  const withRetry = `{
  "Type": "Task",
  "Retry": [
    {
      "ErrorEquals": ["States.Timeout"],
      "MaxAttempts": 2
    }
  ]
}`;

  it('adds an item over lines at the items\' indentation', () => {
    const result = edited(withRetry, ['Retry'], (d, n) => appendArrayItem(d, n, RETRIER));
    expect(result).toBe(
      withRetry.replace(
        '      "MaxAttempts": 2\n    }\n',
        `      "MaxAttempts": 2
    },
    {
      "ErrorEquals": [
        "Lambda.ServiceException",
        "Lambda.SdkClientException"
      ],
      "IntervalSeconds": 2,
      "MaxAttempts": 6,
      "BackoffRate": 2
    }
`,
      ),
    );
    expect(valueOf(result)).toEqual({ Type: 'Task', Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }, RETRIER] });
  });

  it('adds to a one-line array on its line', () => {
    expect(edited('{\n  "a": ["x", "y"]\n}', ['a'], (d, n) => appendArrayItem(d, n, { z: 1 }))).toBe('{\n  "a": ["x", "y", { "z": 1 }]\n}');
    expect(edited('{"a":["x"]}', ['a'], (d, n) => appendArrayItem(d, n, 'y'))).toBe('{"a":["x","y"]}');
  });

  it('opens an empty array over lines in a pretty file', () => {
    expect(edited('{\n  "Retry": []\n}\n', ['Retry'], (d, n) => appendArrayItem(d, n, { MaxAttempts: 0 }))).toBe(
      '{\n  "Retry": [\n    {\n      "MaxAttempts": 0\n    }\n  ]\n}\n',
    );
  });

  it('gives nothing for a node that is not an array', () => {
    const document = parseDocument('m.json', '{"a": {}}');
    expect(appendArrayItem(document, nodeAt(document.roots[0], ['a'])!, 1)).toBeUndefined();
  });

  it('inserts before a later item, or first', () => {
    const text = '{\n  "Retry": [\n    { "ErrorEquals": ["X"] },\n    { "ErrorEquals": ["States.ALL"] }\n  ]\n}\n';
    expect(edited(text, ['Retry'], (d, n) => insertArrayItem(d, n, 1, { ErrorEquals: ['Y'] }))).toBe(
      '{\n  "Retry": [\n    { "ErrorEquals": ["X"] },\n    {\n      "ErrorEquals": [\n        "Y"\n      ]\n    },\n    { "ErrorEquals": ["States.ALL"] }\n  ]\n}\n',
    );
    expect(edited('{"a":[1,2]}', ['a'], (d, n) => insertArrayItem(d, n, 0, 0))).toBe('{"a":[0,1,2]}');
  });
});

