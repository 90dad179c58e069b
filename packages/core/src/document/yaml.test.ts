import { parse, parseDocument as parseYamlDocument, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { member } from './node-access.js';
import type { DocNode } from './node.js';
import { parseYaml } from './yaml.js';

describe('parseYaml', () => {
  it('keeps exact ranges of keys and values', () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n';
    const root = parseYaml(text).documents[0].root!;
    const startAt = member(root, 'StartAt')!;
    expect([startAt.value, startAt.keyRange, startAt.range]).toEqual(['A', { start: 0, end: 7 }, { start: 9, end: 10 }]);
    const type = member(member(member(root, 'States'), 'A'), 'Type')!;
    expect(text.slice(type.range.start, type.range.end)).toBe('Succeed');
  });

  it('gives each sequence item its index, aliases and empty items included', () => {
    const text = 'base: &b {k: 1}\nlist:\n  - *b\n  -\n  -\n  - last\n  - *b\n';
    const list = member(parseYaml(text).documents[0].root!, 'list')!;
    expect(list.children!.map((item) => item.index)).toEqual([0, 1, 2, 3, 4]);
    expect(member(list.children![0], 'k')!.index).toBeUndefined();
  });

  it('reads Yes and No as strings (YAML 1.2), as AWS does', () => {
    const root = parseYaml('States:\n  Yes: {Type: Succeed}\n  No: {Type: Fail}\n').documents[0].root!;
    expect(member(root, 'States')!.children!.map((c) => c.key)).toEqual(['Yes', 'No']);
  });

  it('reads every document of a multi-document file', () => {
    const { documents } = parseYaml('StartAt: A\n---\nStartAt: B\n');
    expect(documents.map((d) => member(d.root, 'StartAt')?.value)).toEqual(['A', 'B']);
  });

  it('expands aliases and merge keys', () => {
    const text = 'retry: &retry\n  - ErrorEquals: [States.ALL]\nbase: &base\n  Type: Pass\nStates:\n  A:\n    <<: *base\n    Retry: *retry\n';
    const root = parseYaml(text).documents[0].root!;
    const a = member(member(root, 'States'), 'A')!;
    expect(member(a, 'Type')?.value).toBe('Pass');
    expect(member(a, 'Retry')?.kind).toBe('array');
  });

  it('stops an alias bomb with a diagnostic instead of hanging', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = Date.now();
    const { problems } = parseYaml(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problems.some((p) => p.code === 'parse-error' && p.message.includes('alias bomb'))).toBe(true);
  });

  it('stops a bomb of aliases that refer to no anchor, and reports each such alias once', () => {
    // Ten aliases to a missing anchor, copied a million times by the levels above them.
    const lines = [`a1: &a1 [${Array(10).fill('*a0').join(', ')}]`];
    for (let i = 2; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { documents, problems } = parseYaml(lines.join('\n'));
    const missing = problems.filter((p) => p.message.includes('refers to no anchor'));
    expect(missing).toHaveLength(10);
    expect(new Set(missing.map((p) => p.range.start)).size).toBe(10);
    expect(problems.filter((p) => p.message.includes('alias bomb'))).toHaveLength(1);
    expect(countNodes(documents[0].root!)).toBeLessThan(250_000);
  });

  it('counts the empty values of copied maps against the alias budget', () => {
    // In a flow map, a key with no ":" has no value node at all.
    const empty = Array.from({ length: 5000 }, (_, i) => `k${i}`).join(', ');
    const lines = [`a0: &a0 {${empty}}`];
    for (let i = 1; i < 6; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { documents, problems } = parseYaml(lines.join('\n'));
    expect(problems.filter((p) => p.message.includes('alias bomb'))).toHaveLength(1);
    // Without the bound this is 500 million nodes.
    expect(countNodes(documents[0].root!)).toBeLessThan(250_000);
  });

  it('reports a duplicate key of a map once however often aliases copy it', () => {
    const text = 'base: &base {a: 1, a: 2}\ncopies: [*base, *base, *base]\n';
    const { documents, problems } = parseYaml(text);
    expect(problems).toMatchObject([{ code: 'no-duplicate-key', range: { start: 19, end: 20 } }]);
    expect(member(documents[0].root!, 'copies')!.children!.map((copy) => copy.children!.length)).toEqual([2, 2, 2]);
  });

  it('resolves each alias to the last anchor of its name before it, as the yaml package does', () => {
    const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &y [*y]\nf: *z\nmerged: {<<: [{p: 1, q: 1}, {q: 2, r: 2}], s: 3}\n';
    const { documents, problems } = parseYaml(text);
    const root = documents[0].root!;
    expect(['b', 'd'].map((key) => member(root, key)?.value)).toEqual([1, 2]);
    expect(member(root, 'e')!.children![0].kind).toBe('null');
    expect(member(root, 'f')!.kind).toBe('null');
    expect(problems.map((p) => p.message)).toEqual(['Alias "*y" refers to no anchor before it (or to itself).', 'Alias "*z" refers to no anchor before it (or to itself).']);
    const merged = member(root, 'merged')!;
    expect(merged.children!.map((c) => [c.key, c.value])).toEqual([['p', 1], ['q', 1], ['r', 2], ['s', 3]]);
  });

  it('reports duplicate keys with the first one as related', () => {
    const { problems } = parseYaml('a: 1\na: 2\n');
    expect(problems).toMatchObject([{ code: 'no-duplicate-key', range: { start: 5, end: 6 }, related: [{ range: { start: 0, end: 1 } }] }]);
  });

  it('reports syntax errors and keeps what parses', () => {
    const { documents, problems } = parseYaml('StartAt: A\nStates:\n  A: {Type: Succeed\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(member(documents[0].root, 'StartAt')?.value).toBe('A');
  });

  it('reads CloudFormation short-form tags as their long form, and keeps odd names', () => {
    const text = 'Resource: !GetAtt Fn.Arn\n__proto__: 1\nconstructor: 2\nJoined: !Join ["", [a, !Ref B]]\n';
    const root = parseYaml(text).documents[0].root!;
    const resource = member(root, 'Resource')!;
    expect(resource.kind).toBe('object');
    expect(text.slice(resource.range.start, resource.range.end)).toBe('!GetAtt Fn.Arn');
    const getAtt = member(resource, 'Fn::GetAtt')!;
    expect(getAtt.value).toBe('Fn.Arn');
    expect(text.slice(getAtt.keyRange!.start, getAtt.keyRange!.end)).toBe('!GetAtt');
    const ref = member(root, 'Joined')!.children![0].children![1].children![1];
    expect(ref.children![0].key).toBe('Ref');
    expect(ref.children![0].value).toBe('B');
    expect(root.children!.map((c) => c.key)).toEqual(['Resource', '__proto__', 'constructor', 'Joined']);
  });

  it('reports the first syntax error of a document, with a count of the ones that follow from it', () => {
    const { problems } = parseYaml('A:\n  B: {\n  "x": 1,\n}\nC: [\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/more syntax errors? follows? in this document/);
  });

  it('keeps the range of an error at the end of the text inside the text', () => {
    for (const text of ['A: "unterminated', "A: 'unterminated", 'Type: Task\nResource: "arn:aws:lam']) {
      const [problem] = parseYaml(text).problems;
      expect(problem.range.end).toBeLessThanOrEqual(text.length);
      expect(problem.range.start).toBeLessThanOrEqual(problem.range.end);
    }
  });

  it('reads long double-quoted strings as the yaml package does, with the same ranges', () => {
    const bodies = ['x', 'é🚀', String.raw`a\"b\\c\/\t\u00e9\x41\U0001F680\n\_`, '  spaced  ', "it's"];
    for (const body of bodies) {
      const quoted = `"${body.repeat(Math.ceil(70_000 / body.length))}"`;
      // In a mapping, in a flow sequence, and under a CloudFormation tag (read as its long form).
      const cases: [string, (root: DocNode) => DocNode, (value: any) => string][] = [
        [`Key: ${quoted}\nNext: 1\n`, (root) => member(root, 'Key')!, (value) => value.Key],
        [`[${quoted}, 2]\n`, (root) => root.children![0], (value) => value[0]],
        [`Sub: !Sub ${quoted}\n`, (root) => member(member(root, 'Sub'), 'Fn::Sub')!, (value) => value.Sub],
      ];
      for (const [text, nodeOf, valueOf] of cases) {
        const node = nodeOf(parseYaml(text).documents[0].root!);
        expect(node.value).toBe(valueOf(parse(text, { customTags: [{ tag: '!Sub', resolve: (value: string) => value }] })));
        expect(text.slice(node.range.start, node.range.end)).toBe(quoted);
      }
    }
  });

  it('reads long double-quoted strings on several lines, or with no closing quote, as the yaml package does', () => {
    const bodies = ['a  \n  b', 'fold\n\n   two breaks', 'crlf \r\n  next\r', 'joined\\\n   on', 'tabs\t\t\n\t x', '\\x41\\u00e9\\U0001F680'];
    for (const body of bodies) {
      const inner = `${body}z`.repeat(Math.ceil(70_000 / (body.length + 1)));
      for (const text of [`Key: "${inner}"\nNext: 1\n`, `List:\n  - "${inner}"\n`, `Key: "${inner}`, `Key: "${inner}\\`]) {
        const { documents, problems } = parseYaml(text);
        const theirs = parseYamlDocument(text, { uniqueKeys: false, strict: false });
        const root = documents[0].root!;
        const [node, their] = text.startsWith('List')
          ? [member(root, 'List')!.children![0], theirs.getIn(['List', 0], true) as Scalar]
          : [member(root, 'Key')!, theirs.get('Key', true) as Scalar];
        expect(node.value).toBe(their.value);
        expect([node.range.start, node.range.end]).toEqual(their.range!.slice(0, 2));
        const first = theirs.errors[0]?.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        expect(problems[0]?.message.slice(0, first?.length)).toBe(first);
      }
    }
  });

  it('reports a bad escape of a long unclosed string before its missing quote, as the yaml package does', () => {
    const text = `Key: "${'x'.repeat(70_000)}\\q and no end`;
    const [problem] = parseYaml(text).problems;
    expect(problem.message).toBe('Invalid escape sequence \\q. 1 more syntax error follows in this document; fix this one first.');
    expect(problem.range.start).toBe(text.indexOf('\\q'));
  });

  it('reads a 10 MB double-quoted string', () => {
    const root = parseYaml(`Result: "${'a\\"'.repeat(2_500_000)}"\n`).documents[0].root!;
    expect(member(root, 'Result')?.value).toBe('a\\"'.repeat(2_500_000).replace(/\\"/g, '"'));
  });

  it('reports a bad escape in a long double-quoted string where it is, and keeps it as written, as the yaml package does', () => {
    for (const escape of ['\\q', '\\x4', '\\uZZZZ', '\\U00110000']) {
      const text = `A: "${'x'.repeat(70_000)}${escape}"\nB: 1\n`;
      const { documents, problems } = parseYaml(text);
      expect(problems[0]?.message).toMatch(/^Invalid escape sequence/);
      expect(problems[0]?.range.start).toBe(text.indexOf('\\'));
      expect(member(documents[0].root!, 'A')?.value).toBe(parse(text, { logLevel: 'silent' }).A);
    }
  });

  it('handles CRLF line ends', () => {
    const root = parseYaml('StartAt: A\r\nStates: {}\r\n').documents[0].root!;
    expect(member(root, 'StartAt')?.range).toEqual({ start: 9, end: 10 });
  });
});

function countNodes(root: DocNode): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    if (node.children) stack.push(...node.children);
  }
  return count;
}
