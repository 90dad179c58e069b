import { describe, expect, it } from 'vitest';
import { topLevelJsonKeys } from './json-top-level.js';

describe('topLevelJsonKeys', () => {
  it('lists the keys of the top-level object, skipping every value', () => {
    const text = `\ufeff// a comment
{
  "Comment": "a } and a ] and \\" in a string",
  "StartAt": "A", /* between */
  "States": { "A": { "Type": "Pass", "Parameters": { "list": [1, [2, {"x": "{"}], "]"] }, "End": true } },
  "Version": \${version},
  "esc\\u0061ped": null,
}`;
    expect(topLevelJsonKeys(text)).toEqual(['Comment', 'StartAt', 'States', 'Version', 'escaped']);
  });

  it('gives no keys for a top level that is not an object', () => {
    expect(topLevelJsonKeys('[{"States": {}}]')).toEqual([]);
    expect(topLevelJsonKeys('"States"')).toEqual([]);
    expect(topLevelJsonKeys('{}')).toEqual([]);
  });

  it('cannot tell for text it does not understand, which the parser then reads', () => {
    for (const text of ['', '   ', '{ States: {} }', '{ "a": [1, 2 }', '{ "a": "open', '{ "a" 1 }', '{ "a": 1 / 2 }', '{ "a": {']) {
      expect(topLevelJsonKeys(text), text).toBeUndefined();
    }
  });

  it('reads a large data file in one pass', () => {
    const snapshot = `{"snapshot": {"meta": {"States": 1}}, "nodes": [${'1,2,3,'.repeat(500_000)}0], "strings": ["StartAt"]}`;
    expect(topLevelJsonKeys(snapshot)).toEqual(['snapshot', 'nodes', 'strings']);
  });
});
