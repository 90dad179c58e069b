import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { parseDocument } from '../document/document.js';
import type { LintResult } from '../engine/lint.js';
import { formatJson, toJsonResults } from './json.js';
import { absolutePath, displayPath, repositoryPath } from './paths.js';

const TEXT = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';

function result(file: string, diagnostics: Omit<Diagnostic, 'file'>[], text = TEXT): LintResult {
  return { file, document: parseDocument(file, text), machines: [], diagnostics: diagnostics.map((d) => ({ ...d, file })) };
}

describe('formatJson', () => {
  it('gives ESLint-shaped results with 1-based positions and an exclusive end column', () => {
    const results = [
      result('/work/a.asl.json', [
        { ruleId: 'no-duplicate-key', severity: 'error', message: 'Duplicate.', range: { start: 4, end: 13 }, docsUrl: 'https://x/no-duplicate-key.md' },
        { ruleId: 'no-dead-end', severity: 'warning', message: 'Dead end.', range: { start: 52, end: 77 }, state: 'A', statePath: ['A'] },
        { ruleId: 'some-info', severity: 'info', message: 'Note.', range: { start: 0, end: 0 } },
      ]),
      result('/work/b.asl.json', []),
    ];
    expect(JSON.parse(formatJson(results, { cwd: '/work' }))).toEqual([
      {
        filePath: '/work/a.asl.json',
        messages: [
          {
            ruleId: 'no-duplicate-key',
            severity: 2,
            message: 'Duplicate.',
            line: 2,
            column: 3,
            endLine: 2,
            endColumn: 12,
            state: null,
            statePath: null,
            docsUrl: 'https://x/no-duplicate-key.md',
          },
          { ruleId: 'no-dead-end', severity: 1, message: 'Dead end.', line: 4, column: 19, endLine: 5, endColumn: 3, state: 'A', statePath: ['A'], docsUrl: null },
          { ruleId: 'some-info', severity: 1, message: 'Note.', line: 1, column: 1, endLine: 1, endColumn: 1, state: null, statePath: null, docsUrl: null },
        ],
        errorCount: 1,
        warningCount: 2,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
      { filePath: '/work/b.asl.json', messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
    ]);
  });

  it('resolves relative file names against cwd and keeps <stdin>', () => {
    const results = [result('defs/a.asl.json', []), result('./b.json', []), result('<stdin>', [])];
    expect(toJsonResults(results, { cwd: '/work/repo' }).map((r) => r.filePath)).toEqual(['/work/repo/defs/a.asl.json', '/work/repo/b.json', '<stdin>']);
  });

  it('counts lines after CRLF and lone CR line breaks', () => {
    const text = '{\r\n"a": 1,\r"b": 2}';
    const [json] = toJsonResults([result('/a.json', [{ ruleId: 'r', severity: 'error', message: 'm', range: { start: 11, end: 14 } }], text)]);
    expect(json.messages[0]).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 4 });
  });

  it('counts and gives safe fixes as ESLint does, other fixes as suggestions, and the fixed text as output', () => {
    const rename = { range: { start: 45, end: 45 }, text: '.$' };
    const fixed: LintResult = {
      ...result('/a.json', [
        { ruleId: 'r', severity: 'warning', message: 'm', range: { start: 40, end: 46 }, fix: { description: 'Rename', edits: [rename, { range: { start: 47, end: 47 }, text: ' ' }], safe: true } },
        { ruleId: 's', severity: 'error', message: 'n', range: { start: 40, end: 46 }, fix: { description: 'Maybe', edits: [{ range: { start: 0, end: 1 }, text: '[' }] } },
      ]),
      output: 'fixed',
    };
    const [json] = toJsonResults([fixed]);
    expect(json).toMatchObject({ errorCount: 1, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 1, output: 'fixed' });
    expect(json.messages[0].fix).toEqual({ range: [45, 47], text: `.$${TEXT.slice(45, 47)} ` });
    expect(json.messages[0]).not.toHaveProperty('suggestions');
    expect(json.messages[1]).not.toHaveProperty('fix');
    expect(json.messages[1].suggestions).toEqual([{ desc: 'Maybe', fix: { range: [0, 1], text: '[' } }]);
  });

  it('prints an empty array for no results', () => {
    expect(formatJson([])).toBe('[]');
  });
});

describe('paths', () => {
  it('resolves and shows paths', () => {
    expect(absolutePath('../x/a.json', '/work/repo')).toBe('/work/x/a.json');
    expect(absolutePath('a.json', 'C:\\repo')).toBe('C:\\repo\\a.json');
    expect(absolutePath('/abs/a.json', '/work')).toBe('/abs/a.json');
    expect(absolutePath('a.json', undefined)).toBe('a.json');
    expect(displayPath('/work/repo/defs/a.json', '/work/repo')).toBe('defs/a.json');
    expect(displayPath('/work/repository/a.json', '/work/repo')).toBe('/work/repository/a.json');
    expect(displayPath('/work/repo/a.json', '/work/repo/')).toBe('a.json');
    expect(displayPath('C:\\repo\\a.json', 'C:\\repo')).toBe('a.json');
  });

  it('names files relative to the repository root, with forward slashes', () => {
    expect(repositoryPath('defs/a.json', { cwd: '/work/repo/sub', root: '/work/repo' })).toBe('sub/defs/a.json');
    expect(repositoryPath('/work/repo/a.json', { root: '/work/repo/' })).toBe('a.json');
    expect(repositoryPath('a.json', { cwd: '/work/repo' })).toBe('a.json');
    expect(repositoryPath('../other/a.json', { cwd: '/work/repo', root: '/work/repo' })).toBe('/work/other/a.json');
    expect(repositoryPath('defs\\a.json', { cwd: 'C:\\repo', root: 'C:\\repo' })).toBe('defs/a.json');
    expect(repositoryPath('<stdin>', { cwd: '/work/repo' })).toBe('<stdin>');
  });
});
