import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonTolerant } from './json.js';
import { buildStrictJsonTree, offerSpareBuffer } from './json-strict.js';
import { ProblemList } from './problem-list.js';
import type { DocNode } from './node.js';

function shape(node: DocNode | undefined): unknown {
  if (!node) return undefined;
  return {
    kind: node.kind,
    value: node.value,
    range: node.range,
    key: node.key,
    keyRange: node.keyRange,
    index: node.index,
    children: node.children?.map(shape),
  };
}

function positions(text: string) {
  return parseJson(text).problems.map((p) => `${p.code} ${p.range.start}-${p.range.end}: ${p.message}`);
}

describe('parseJson', () => {
  it('keeps exact ranges of keys and values', () => {
    const { root } = parseJson('{ "a" : [1, "x\\n", true, null], "b": {} }');
    const a = root!.children![0];
    expect([a.key, a.keyRange, a.range]).toEqual(['a', { start: 2, end: 5 }, { start: 8, end: 30 }]);
    expect(a.children!.map((c) => [c.kind, c.value, c.range.start, c.range.end])).toEqual([
      ['number', 1, 9, 10],
      ['string', 'x\n', 12, 17],
      ['boolean', true, 19, 23],
      ['null', null, 25, 29],
    ]);
  });

  it('reports duplicate keys with the first one as related', () => {
    const { problems } = parseJson('{"a":1,"a":2}');
    expect(problems).toMatchObject([{ code: 'no-duplicate-key', range: { start: 7, end: 10 }, related: [{ range: { start: 1, end: 4 } }] }]);
  });

  it('reads a bare ${placeholder} as a value', () => {
    const { root, problems } = parseJson('{"MaxConcurrency": ${max_concurrency}, "b": 1}');
    expect(problems).toEqual([]);
    expect(root!.children![0]).toMatchObject({ kind: 'placeholder', value: '${max_concurrency}' });
    expect(root!.children![1]).toMatchObject({ key: 'b', value: 1 });
  });

  it('goes on after syntax errors', () => {
    expect(positions('{"a":1,}')).toEqual(['parse-error 6-7: Trailing comma: JSON does not allow a comma before "}". Remove it.']);
    expect(positions('{"a" 1, "b": 2}')).toEqual(['parse-error 5-6: Expected ":" after the property name "a".']);
    expect(parseJson('{"a" 1, "b": 2}').root!.children!.map((c) => c.key)).toEqual(['a', 'b']);
    expect(positions('// note\n{}')[0]).toContain('Comments are not allowed');
    expect(positions('{"a": [1, 2}')[0]).toContain('Expected "]"');
    expect(positions('')[0]).toContain('empty');
    expect(positions('{"a":1}}')[0]).toContain('after the end');
  });

  it('never throws on broken or hostile input', () => {
    const inputs = ['{', '}', '[[[[', ']]]', '{"a":', '"', '{"a":"\\', '\u0000', '{,,,}', '[1,,2]', '{"a":}', 'nul', '-', '{"a":-}', '${', '{"a":${x'];
    for (const input of inputs) expect(() => parseJson(input)).not.toThrow();
  });

  it('handles 100,000 levels of nesting without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseJson(deep).problems).toEqual([]);
    expect(parseJsonTolerant(deep + ']').problems.length).toBe(1);
  });

  it('falls back to the tolerant parser for anything strict JSON does not allow', () => {
    const inputs = [
      '{"a":1,}', '[1,]', '[,1]', '{"a":01}', '{"a":1.}', '{"a":-}', '{"a":+1}', '{"a":.5}', '{"a":1e}', '"a\tb"',
      '{"a":"x\\qy"}', '{"a" 1}', '{"a":1 "b":2}', '{a:1}', '{"a":tru}', '{"a":nulls}', '[1] [2]', '{}}', '{"a":[}',
      '{"a":${x}}', '/* c */ {}', '{"a":1}// c', '\ufeff{"a":1}', "{'a':1}", '[', '', '   ', '{"a":"\\u12"}',
      '{"a":1,"a":2}', '[1,2,[3,{"b":[]}]]', '{"":""}', '0', '-0.5e+10', 'true', '"s"', 'null',
      // Raw control characters in keys and values, escapes, and the whitespace after a colon.
      '{"a\tb":1}', '{"a":"x\ny"}', '{"a":"x\u0001"}', '{"a":"x\u007f"}', '{"a\\"b": "c\\"d"}', '{"a\\\\":"\\\\"}',
      '{"a":  1, "b":\t2, "c": \n3, "d": \r\n 4,"e" :5}', '{"é😀":"ü😀x", "k": "😀"}',
      // Latin-1 beyond ASCII, read one byte per character; and characters whose low byte
      // is a quote or a brace, which must never be read that way.
      '{"é":"ü ÿ", "k": "\u00a0x"}', '{"a":"\u0122\u017b", "\u015d":[\u0131]}',
    ];
    for (const input of inputs) {
      const fast = parseJson(input);
      const tolerant = parseJsonTolerant(input);
      expect(shape(fast.root), input).toEqual(shape(tolerant.root));
      expect(fast.problems.map((p) => p.message), input).toEqual(tolerant.problems.map((p) => p.message));
    }
  });

  it('reads strict JSON itself and leaves raw control characters in strings to the tolerant parser', () => {
    const strict = ['{"a\\"b": "c\\"d"}', '{"a":"x\u007f"}', '{"a":  1, "b":\t2, "c": \n3, "d": \r\n 4,"e" :5}', '{"é😀":"ü😀x", "k": "😀"}'];
    for (const input of strict) expect(buildStrictJsonTree(input, new ProblemList()), input).toBeDefined();
    for (const input of ['{"a\tb":1}', '{"a":"x\ny"}', '{"a":"x\u0001"}', '{"a":"x\\\ny"}']) expect(buildStrictJsonTree(input, new ProblemList()), input).toBeUndefined();
  });

  it('gives array items their index and object members none', () => {
    for (const parse of [parseJson, parseJsonTolerant]) {
      const root = parse('{"a": [10, [], {"b": 1}, "x", 20]}').root!;
      const items = root.children![0].children!;
      expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4]);
      expect(root.children![0].index).toBeUndefined();
      expect(items[2].children![0].index).toBeUndefined();
    }
  });

  it('keeps __proto__ and constructor as ordinary keys', () => {
    const { root } = parseJson('{"__proto__": {"constructor": 1}}');
    expect(root!.children![0].key).toBe('__proto__');
    expect(root!.children![0].children![0].key).toBe('constructor');
  });

  it('reads the same trees once a spare buffer holds the code units, whatever the texts before', () => {
    const texts = [
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } }, Comment: 'x'.repeat(3000) }, null, 2),
      '{"b": [1, 2, {"c": "d"}]}',
      '{"Comment": "Café à la carte", "a": "\\u00e9"}',
      '{"Comment": "✓ beyond Latin-1", "b": 1}',
      '[1, 2] trailing',
      JSON.stringify({ long: 'y'.repeat(5000), list: Array.from({ length: 200 }, (_, i) => ({ i })) }),
    ];
    const before = texts.map((text) => JSON.stringify([shape(parseJson(text).root), parseJson(text).problems]));
    offerSpareBuffer(Buffer.alloc(4096, 0x7b));
    expect(texts.map((text) => JSON.stringify([shape(parseJson(text).root), parseJson(text).problems]))).toEqual(before);
    offerSpareBuffer(Buffer.alloc(1 << 16, 0x22));
    expect(texts.map((text) => JSON.stringify([shape(parseJson(text).root), parseJson(text).problems])).reverse()).toEqual([...before].reverse());
  });
});

const corpus = join(__dirname, '../../../../../shared/corpus');
const present = (() => {
  try {
    return statSync(corpus).isDirectory();
  } catch {
    return false;
  }
})();

if (!present) console.warn('Notice: ../shared/corpus is absent, so the parser agreement test on corpus files is skipped.');

describe.skipIf(!present)('strict and tolerant parsers agree', () => {
  it('on every JSON file of the corpus', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.json')) files.push(join(dir, entry.name));
      }
    };
    walk(corpus);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = parseJson(text);
      const tolerant = parseJsonTolerant(text);
      expect(shape(fast.root), file).toEqual(shape(tolerant.root));
      if (tolerant.problems.length === 0) {
        expect(fast.problems).toEqual(tolerant.problems);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
