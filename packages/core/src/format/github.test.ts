import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { escapeData, escapeProperty, formatGithub } from './github.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, diagnostics: Omit<Diagnostic, 'file'>[], text = TEXT): LintResult {
  return { file, document: parseDocument(file, text), machines: [], diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}

/**
 * A workflow command read back as the Actions runner reads it (ActionCommand.TryParseV2):
 * the name up to a space, properties split on `,` and the first `=`, the data after `::`,
 * then the escapes undone, `%25` last.
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::([^ :]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const equals = pair.indexOf('=');
    properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
  }
  return { command: match[1], properties, data: unescapeData(match[3]) };
}

// [text, as the message (escapeData), as a property value (escapeProperty)]
const ESCAPES: [string, string, string][] = [
  ['plain text', 'plain text', 'plain text'],
  ['100%', '100%25', '100%25'],
  ['%0A is not a line break', '%250A is not a line break', '%250A is not a line break'],
  ['%%', '%25%25', '%25%25'],
  ['one\ntwo', 'one%0Atwo', 'one%0Atwo'],
  ['one\r\ntwo', 'one%0D%0Atwo', 'one%0D%0Atwo'],
  ['lone\rreturn', 'lone%0Dreturn', 'lone%0Dreturn'],
  ['a: b', 'a: b', 'a%3A b'],
  ['a, b', 'a, b', 'a%2C b'],
  ['::error::', '::error::', '%3A%3Aerror%3A%3A'],
  ['key=value', 'key=value', 'key=value'],
  ['C:\\defs\\a,b.json', 'C:\\defs\\a,b.json', 'C%3A\\defs\\a%2Cb.json'],
  ['"quotes" and \'apostrophes\'', '"quotes" and \'apostrophes\'', '"quotes" and \'apostrophes\''],
  ['tab\there', 'tab\there', 'tab\there'],
  ['État “Überweisung” 🚀', 'État “Überweisung” 🚀', 'État “Überweisung” 🚀'],
  ['%3A already escaped', '%253A already escaped', '%253A already escaped'],
  ['', '', ''],
];

describe('GitHub workflow-command escaping', () => {
  it.each(ESCAPES)('escapes %j as @actions/core does', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });

  it.each(ESCAPES)('reads %j back unchanged, as the runner parses it', (text) => {
    const file = `defs/${text}.json`;
    const [line] = formatGithub([result(file, [{ ruleId: 'r', severity: 'error', message: text, range: { start: 0, end: 1 } }])]).split('\n');
    const parsed = parseCommand(line);
    // Backslashes become slashes, as GitHub names a repository's files.
    expect(parsed.properties.file).toBe(file.replace(/\\/g, '/'));
    expect(parsed.data).toBe(text);
  });
});

describe('formatGithub', () => {
  it('writes one annotation per problem and a summary line', () => {
    const output = formatGithub(
      [
        result('/work/repo/defs/a.asl.json', [
          { ruleId: 'no-duplicate-key', severity: 'error', message: 'Duplicate key "StartAt".', range: { start: 4, end: 13 } },
          { ruleId: 'no-dead-end', severity: 'warning', message: 'State "A" never ends.', range: { start: 52, end: 77 } },
        ]),
        result('/work/repo/b.asl.json', []),
        result('/work/repo/c.yaml', [{ ruleId: 'some-info', severity: 'info', message: 'Consider this.', range: { start: 0, end: 0 }, machine: 'OrderFlow' }]),
      ],
      { cwd: '/work/repo/defs', root: '/work/repo' },
    );
    expect(output.split('\n')).toEqual([
      '::error file=defs/a.asl.json,line=2,endLine=2,col=3,endColumn=12,title=no-duplicate-key::Duplicate key "StartAt".',
      // Spans lines 4 to 5: no columns.
      '::warning file=defs/a.asl.json,line=4,endLine=5,title=no-dead-end::State "A" never ends.',
      '::notice file=c.yaml,line=1,endLine=1,col=1,endColumn=1,title=some-info::OrderFlow: Consider this.',
      'sfn-lint: 1 error, 1 warning and 1 info in 2 files',
      '',
    ]);
  });

  it('names files relative to cwd without a root, and says so when there is nothing to report', () => {
    const output = formatGithub(
      [result('/work/a.json', [{ ruleId: 'r', severity: 'warning', message: 'm', range: { start: 0, end: 1 } }]), result('/work/b.json', [])],
      { cwd: '/work' },
    );
    expect(output).toBe('::warning file=a.json,line=1,endLine=1,col=1,endColumn=2,title=r::m\nsfn-lint: 0 errors and 1 warning in 1 file\n');
    expect(formatGithub([result('/work/b.json', [])], { cwd: '/work' })).toBe('sfn-lint: no problems in 1 file\n');
  });
});
