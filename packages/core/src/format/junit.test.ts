import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { formatJunit } from './junit.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, diagnostics: Omit<Diagnostic, 'file'>[], text = TEXT): LintResult {
  return { file, document: parseDocument(file, text), machines: [], diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML 1.0 that the JUnit format writes (a declaration, elements,
 * attributes, text, references; no comments, CDATA or DTD). It throws on anything not
 * well-formed: a raw `<` or `&`, an unknown entity, a character XML does not allow, `]]>`
 * in text, a duplicate attribute, a mismatched end tag. Kept here so that the test does
 * not depend on the formatter's own escaping code.
 */
function parseXml(source: string): XmlElement {
  const CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
  if (!CHAR.test(source)) throw new Error('a character XML does not allow');
  const xml = source.replace(/\r\n?/g, '\n'); // §2.11 end-of-line handling
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${at}: ${JSON.stringify(xml.slice(at, at + 30))}`);
  };
  const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(xml) ?? fail('a name expected');
    at = NAME.lastIndex;
    return match[0];
  };
  const space = () => {
    while (/[ \t\n]/.test(xml[at] ?? '')) at++;
  };
  const reference = (): string => {
    const match = /^&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/.exec(xml.slice(at)) ?? fail('a bad reference');
    at += match[0].length;
    if (match[1]) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[match[1]]!;
    const character = String.fromCodePoint(match[2] ? Number(match[2]) : parseInt(match[3], 16));
    if (!CHAR.test(character)) fail('a reference to a character XML does not allow');
    return character;
  };
  const element = (): XmlElement => {
    if (xml[at] !== '<') fail('< expected');
    at++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = at;
      space();
      if (xml.startsWith('/>', at)) {
        at += 2;
        return node;
      }
      if (xml[at] === '>') break;
      if (at === before) fail('space expected before an attribute');
      const key = name();
      if (key in node.attributes) fail(`duplicate attribute ${key}`);
      space();
      if (xml[at] !== '=') fail('= expected');
      at++;
      space();
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") fail('a quote expected');
      at++;
      let value = '';
      while (xml[at] !== quote) {
        const c = xml[at] ?? fail('an unclosed attribute');
        if (c === '<') fail('< in an attribute');
        if (c === '&') value += reference();
        else {
          value += /[\t\n]/.test(c) ? ' ' : c; // §3.3.3 attribute-value normalization
          at++;
        }
      }
      at++;
      node.attributes[key] = value;
    }
    at++;
    for (;;) {
      if (xml.startsWith('</', at)) {
        at += 2;
        if (name() !== node.name) fail(`</${node.name}> expected`);
        space();
        if (xml[at] !== '>') fail('> expected');
        at++;
        return node;
      }
      const c = xml[at] ?? fail(`an unclosed <${node.name}>`);
      if (c === '<') node.children.push(element());
      else if (c === '&') node.text += reference();
      else {
        if (xml.startsWith(']]>', at)) fail(']]> in text');
        node.text += c;
        at++;
      }
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (declaration) at = declaration[0].length;
  space();
  const root = element();
  space();
  if (at !== xml.length) fail('content after the root element');
  return root;
}

describe('the test XML parser', () => {
  it.each(['<a>x & y</a>', '<a>x < y</a>', '<a b="1" b="2"/>', '<a><b></a></b>', '<a>&nbsp;</a>', '<a>]]></a>', '<a>\u0001</a>', '<a>&#1;</a>', '<a/><b/>', '<a b="<"/>'])(
    'rejects %j',
    (xml) => {
      expect(() => parseXml(xml)).toThrow();
    },
  );

  it('reads references and normalizes attribute whitespace', () => {
    expect(parseXml('<a b="x&#10;y\tz &amp; &#x1F680;">1 &lt; 2 &gt; 0\r\n</a>')).toEqual({ name: 'a', attributes: { b: 'x\ny z & 🚀' }, children: [], text: '1 < 2 > 0\n' });
  });
});

describe('formatJunit', () => {
  it('writes a testsuite per file and a testcase per file and rule; a clean file passes one testcase', () => {
    const xml = formatJunit(
      [
        result('/work/defs/a.asl.json', [
          { ruleId: 'no-duplicate-key', severity: 'error', message: 'Duplicate key "StartAt".', range: { start: 4, end: 13 } },
          { ruleId: 'no-dead-end', severity: 'warning', message: 'State "A" never ends.', range: { start: 52, end: 77 } },
          { ruleId: 'no-duplicate-key', severity: 'warning', message: 'Duplicate key "States".', range: { start: 21, end: 29 }, machine: 'Flow' },
        ]),
        result('/work/b.asl.json', []),
      ],
      { cwd: '/work' },
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(root).toMatchObject({ name: 'testsuites', attributes: { name: 'sfn-lint', tests: '3', failures: '2', errors: '0' } });
    const [a, b] = root.children;
    expect(root.children).toHaveLength(2);
    expect(a).toMatchObject({ name: 'testsuite', attributes: { name: 'defs/a.asl.json', tests: '2', failures: '2', errors: '0' } });
    expect(a.children.map((c) => [c.name, c.attributes])).toEqual([
      ['testcase', { name: 'no-dead-end', classname: 'defs/a.asl.json' }],
      ['testcase', { name: 'no-duplicate-key', classname: 'defs/a.asl.json' }],
    ]);
    const [deadEnd, duplicate] = a.children.map((testcase) => {
      expect(testcase.children).toHaveLength(1);
      return testcase.children[0];
    });
    expect(deadEnd).toEqual({ name: 'failure', attributes: { message: 'State "A" never ends.', type: 'warning' }, children: [], text: '4:19 State "A" never ends.' });
    // The worst severity of the rule's findings, and every finding in the body.
    expect(duplicate).toEqual({
      name: 'failure',
      attributes: { message: 'Duplicate key "StartAt". (and 1 more)', type: 'error' },
      children: [],
      text: '2:3 Duplicate key "StartAt".\n3:2 Flow: Duplicate key "States".',
    });
    expect(b).toMatchObject({
      name: 'testsuite',
      attributes: { name: 'b.asl.json', tests: '1', failures: '0', errors: '0' },
      children: [{ name: 'testcase', attributes: { name: 'sfn-lint', classname: 'b.asl.json' }, children: [], text: '' }],
    });
  });

  it('escapes markup, line breaks and characters XML 1.0 cannot carry', () => {
    const message = 'a < b && c > d, "quoted" \'single\' ]]> tab\there\nnext\r\nline\rend \u0000\u0001\u001B\u007F\uD800\uFFFE\uFFFF 🚀 é';
    // Characters XML cannot carry at all become visible \uXXXX escapes; DEL (U+007F) is allowed.
    const shown = message.replace('\u0000\u0001\u001B', '\\u0000\\u0001\\u001B').replace('\uD800\uFFFE\uFFFF', '\\uD800\\uFFFE\\uFFFF');
    const file = '/work/R&D "defs"/<a>.json';
    const xml = formatJunit([result(file, [{ ruleId: 'r', severity: 'info', message, range: { start: 0, end: 1 } }])], { cwd: '/work' });
    const suite = parseXml(xml).children[0];
    expect(suite.attributes.name).toBe('R&D "defs"/<a>.json');
    const testcase = suite.children[0];
    expect(testcase.attributes).toEqual({ name: 'r', classname: 'R&D "defs"/<a>.json' });
    expect(testcase.children[0].attributes).toEqual({ message: shown, type: 'info' });
    expect(testcase.children[0].text).toBe(`1:1 ${shown}`);
  });

  it('writes an empty testsuites element for no files', () => {
    const xml = formatJunit([]);
    expect(parseXml(xml)).toEqual({ name: 'testsuites', attributes: { name: 'sfn-lint', tests: '0', failures: '0', errors: '0' }, children: [], text: '' });
  });
});
