import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { renderRuleMarkdown } from '../docs/render-rule.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { defineRule } from '../rule.js';
import { fileUri, relativeUri } from './file-uri.js';
import { formatSarif } from './sarif.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, diagnostics: Omit<Diagnostic, 'file'>[], text = TEXT): LintResult {
  return { file, document: parseDocument(file, text), machines: [], diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}

const DEAD_END = defineRule({
  id: 'no-dead-end',
  meta: {
    description: 'Disallow states that can never reach an end',
    category: 'graph',
    severity: 'warning',
    recommended: true,
    docs: { whatItDoes: 'Reports states from which no path ends.', why: 'Such an execution runs until it times out.', examples: { invalid: [], valid: [] } },
  },
});

// Loosely typed views of the log, enough for the assertions.
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Record<string, number> }; logicalLocations?: unknown[] }[];
  relatedLocations?: unknown[];
  partialFingerprints: { primaryLocationLineHash: string };
  properties?: Record<string, unknown>;
}
interface SarifRun {
  tool: { driver: { name: string; version?: string; informationUri: string; rules: Record<string, unknown>[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: string;
  results: SarifResult[];
}

function sarif(results: LintResult[], options: Parameters<typeof formatSarif>[1] = {}): SarifRun {
  const log = JSON.parse(formatSarif(results, options)) as { $schema: string; version: string; runs: SarifRun[] };
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
}

describe('formatSarif', () => {
  it('describes each rule that ran, with the docs page as help.markdown', () => {
    const run = sarif([], { rules: [DEAD_END], toolVersion: '1.2.3', cwd: '/work/repo' });
    expect(run.tool.driver).toMatchObject({ name: 'sfn-lint', version: '1.2.3', informationUri: 'https://github.com/sfn-lint/sfn-lint' });
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'no-dead-end',
        name: 'NoDeadEnd',
        shortDescription: { text: 'Disallow states that can never reach an end.' },
        fullDescription: { text: 'Reports states from which no path ends.' },
        help: {
          text: `Reports states from which no path ends.\n\nSuch an execution runs until it times out.\n\nDocumentation: ${DEAD_END.docsUrl}`,
          markdown: renderRuleMarkdown(DEAD_END),
        },
        helpUri: DEAD_END.docsUrl,
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['graph'] },
      },
    ]);
    expect(run.results).toEqual([]);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('gives each finding its rule, level, message and a region relative to %SRCROOT%', () => {
    const run = sarif(
      [
        result('/work/repo/defs/a.asl.json', [
          { ruleId: 'no-dead-end', severity: 'warning', message: 'State "A" never ends.', range: { start: 52, end: 77 }, state: 'A', statePath: ['A'] },
          { ruleId: 'parse-error', severity: 'error', message: 'Unexpected end.', range: { start: 4, end: 13 } },
          { ruleId: 'no-dead-end', severity: 'info', message: 'Inner.', range: { start: 52, end: 56 }, state: 'B', statePath: ['Fan out', 'B'], machine: 'OrderFlow' },
        ]),
      ],
      { rules: [DEAD_END], cwd: '/work/repo/defs', root: '/work/repo' },
    );
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    // parse-error is the engine's own id: described from its reserved definition, after the rules that ran.
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['no-dead-end', 'parse-error']);
    const [deadEnd, parseError, inner] = run.results;
    expect(deadEnd).toMatchObject({
      ruleId: 'no-dead-end',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'State "A" never ends.' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'defs/a.asl.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 19, endLine: 5, endColumn: 3 } },
          logicalLocations: [{ name: 'A', fullyQualifiedName: 'A', kind: 'object' }],
        },
      ],
      properties: { statePath: ['A'] },
    });
    expect(parseError).toMatchObject({ ruleId: 'parse-error', ruleIndex: 1, level: 'error' });
    expect(parseError.locations[0].logicalLocations).toBeUndefined();
    expect(parseError.properties).toBeUndefined();
    expect(inner).toMatchObject({
      level: 'note',
      message: { text: 'OrderFlow: Inner.' },
      locations: [{ logicalLocations: [{ name: 'B', fullyQualifiedName: 'OrderFlow/Fan out/B' }] }],
      properties: { statePath: ['Fan out', 'B'], machine: 'OrderFlow' },
    });
  });

  it('lists related locations, in the same file or another one', () => {
    const other = result('/work/repo/def.asl.json', [], '{\n  "StartAt": "X"\n}\n');
    const run = sarif(
      [
        result('/work/repo/t.yaml', [
          {
            ruleId: 'no-dead-end',
            severity: 'error',
            message: 'm',
            range: { start: 0, end: 1 },
            related: [
              { range: { start: 4, end: 13 }, message: 'here' },
              { range: { start: 4, end: 13 }, message: 'there', file: '/work/repo/def.asl.json' },
              { range: { start: 0, end: 1 }, message: 'unread', file: '/work/repo/gone.json' },
            ],
          },
        ]),
        other,
      ],
      { root: '/work/repo' },
    );
    expect(run.results[0].relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 't.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 12 } }, message: { text: 'here' } },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'def.asl.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 12 } }, message: { text: 'there' } },
      // A file whose text is not at hand: the file without a region.
      { id: 3, physicalLocation: { artifactLocation: { uri: 'gone.json', uriBaseId: '%SRCROOT%' } }, message: { text: 'unread' } },
    ]);
  });

  it('names files outside the root by absolute file URIs, percent-encoded', () => {
    const run = sarif(
      [
        result('/elsewhere/my defs/a#1.json', [{ ruleId: 'r', severity: 'error', message: 'm', range: { start: 0, end: 0 } }]),
        result('/work/repo/sub dir/ü.json', [{ ruleId: 'r', severity: 'error', message: 'm', range: { start: 0, end: 0 } }]),
      ],
      { root: '/work/repo' },
    );
    expect(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation)).toEqual([
      { uri: 'file:///elsewhere/my%20defs/a%231.json' },
      { uri: 'sub%20dir/%C3%BC.json', uriBaseId: '%SRCROOT%' },
    ]);
    // A rule without a definition is still described, so that ruleIndex points somewhere.
    expect(run.tool.driver.rules).toMatchObject([{ id: 'r', shortDescription: { text: 'r.' }, fullDescription: { text: 'r' }, help: { text: 'r' } }]);
  });
});

describe('primaryLocationLineHash', () => {
  const hashes = (text: string, findings: [string, number][]) =>
    sarif([result('/r/a.json', findings.map(([ruleId, start]) => ({ ruleId, severity: 'error', message: 'm', range: { start, end: start } })), text)], { root: '/r' }).results.map(
      (r) => r.partialFingerprints.primaryLocationLineHash,
    );

  it('is hash:occurrence, stable across runs, lines inserted above and re-indentation', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {}\n}\n';
    const [first] = hashes(text, [['r', text.indexOf('"States"')]]);
    expect(first).toMatch(/^[0-9a-f]{16}:1$/);
    expect(hashes(text, [['r', text.indexOf('"States"')]])).toEqual([first]);
    const moved = '{\n\n  "Comment": "new",\n  "StartAt": "A",\n\t\t"States": {}\n}\n';
    expect(hashes(moved, [['r', moved.indexOf('"States"')]])).toEqual([first]);
    const crlf = text.replace(/\n/g, '\r\n');
    expect(hashes(crlf, [['r', crlf.indexOf('"States"')]])).toEqual([first]);
  });

  it('differs by rule and by line content, and counts findings of a rule on lines that read the same', () => {
    const text = '[\n  "x",\n  "x",\n  "y"\n]\n';
    const [x1, x2, y, otherRule] = hashes(text, [
      ['r', 4],
      ['r', 11],
      ['r', 18],
      ['s', 4],
    ]);
    expect(x2).toBe(x1.replace(/:1$/, ':2'));
    expect(y.split(':')[0]).not.toBe(x1.split(':')[0]);
    expect(otherRule).toMatch(/:1$/);
    expect(otherRule.split(':')[0]).not.toBe(x1.split(':')[0]);
  });
});

describe('file URIs', () => {
  it.each([
    ['/work/repo', false, 'file:///work/repo'],
    ['/work/repo/', true, 'file:///work/repo/'],
    ['/work/my repo', true, 'file:///work/my%20repo/'],
    ['C:\\work\\repo', true, 'file:///C:/work/repo/'],
    ['\\\\server\\share\\a.json', false, 'file://server/share/a.json'],
    ['/a/100%/#?.json', false, 'file:///a/100%25/%23%3F.json'],
  ])('%s is %s', (path, directory, uri) => {
    expect(fileUri(path, directory)).toBe(uri);
  });

  it('encodes relative paths segment by segment', () => {
    expect(relativeUri('defs\\sub/a b.json')).toBe('defs/sub/a%20b.json');
    expect(relativeUri('<stdin>')).toBe('%3Cstdin%3E');
  });
});
