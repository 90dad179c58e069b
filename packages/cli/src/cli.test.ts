import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the built binary: `npm test` builds first.
const BIN = fileURLToPath(new URL('../bin/sfn-lint.cjs', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const CLEAN = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';
const CLEAN_YAML = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n';
// The second "Comment" is at line 4, columns 44 to 53 (exclusive).
const DUPLICATE = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Comment": "x", "Comment": "y", "End": true }\n  }\n}\n';
// The second "Comment" is at line 6, columns 5 to 12 (exclusive).
const DUPLICATE_YAML = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: x\n    Comment: y\n    End: true\n';
const SYNTAX_ERROR = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  \n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let root: string;

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function sfnLint(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (options.env?.NO_COLOR !== undefined) env.NO_COLOR = options.env.NO_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? root, input: options.input ?? '', env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
  errorCount: number;
  warningCount: number;
}

function json(run: Run): JsonResult[] {
  return JSON.parse(run.stdout) as JsonResult[];
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-cli-')));
  write('clean.asl.json', CLEAN);
  write('duplicate.asl.json', DUPLICATE);
  write('broken.asl.json', SYNTAX_ERROR);
  write('tree/defs/x.asl.json', CLEAN);
  write('tree/defs/sub/y.asl.yaml', CLEAN_YAML);
  write('tree/z.json', CLEAN);
  write('tree/pkg.json', '{ "name": "pkg", "version": "1.0.0" }\n');
  write('tree/mentions.yaml', 'description: "a StartAt and States that is not a definition"\n');
  write('tree/notes.txt', CLEAN);
  write('tree/node_modules/dep/w.asl.json', DUPLICATE);
  write('tree/.hidden/h.asl.json', DUPLICATE);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('sfn-lint', () => {
  it('prints nothing and exits 0 for a clean file', () => {
    expect(sfnLint(['clean.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reports a duplicate key in the stylish format and exits 1', () => {
    const before = statSync(join(root, 'duplicate.asl.json')).mtimeMs;
    const run = sfnLint(['duplicate.asl.json', 'clean.asl.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('duplicate.asl.json');
    expect(lines[2]).toMatch(/^ {2}4:44 {2}error {2}Duplicate key "Comment"\S*( \S+)* {2}no-duplicate-key$/);
    expect(lines.slice(3)).toEqual(['', '\u2716 1 problem (1 error, 0 warnings)', '']);
    // Never writes to a linted file.
    expect(readFileSync(join(root, 'duplicate.asl.json'), 'utf8')).toBe(DUPLICATE);
    expect(statSync(join(root, 'duplicate.asl.json')).mtimeMs).toBe(before);
  });

  it('reports a syntax error as parse-error', () => {
    const run = sfnLint(['broken.asl.json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\n {2}6:1 +error +.+ {2}parse-error\n/);
    const [result] = json(sfnLint(['--format', 'json', 'broken.asl.json']));
    expect(result.messages.filter((m) => m.ruleId === 'parse-error')).toMatchObject([{ severity: 2, line: 6, column: 1, endLine: 6, endColumn: 1 }]);
  });

  it('writes ESLint-compatible JSON with exact positions, one entry per file', () => {
    const run = sfnLint(['--format', 'json', 'duplicate.asl.json', 'clean.asl.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(json(run)).toEqual([
      { filePath: join(root, 'clean.asl.json'), messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
      {
        filePath: join(root, 'duplicate.asl.json'),
        messages: [
          {
            ruleId: 'no-duplicate-key',
            severity: 2,
            message: expect.stringContaining('Duplicate key "Comment"'),
            line: 4,
            column: 44,
            endLine: 4,
            endColumn: 53,
            state: 'A',
            statePath: ['A'],
            docsUrl: expect.stringMatching(/no-duplicate-key\.md$/),
          },
        ],
        errorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
    ]);
  });

  it('searches directories for definitions, skipping node_modules and dot-directories', () => {
    const run = sfnLint(['--format', 'json', 'tree']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(json(run).map((r) => r.filePath)).toEqual(['tree/defs/sub/y.asl.yaml', 'tree/defs/x.asl.json', 'tree/z.json'].map((p) => join(root, p)));
  });

  it('passes over a large data file that mentions States without parsing it', () => {
    // Parsed into nodes, 1.5 million numbers would need far more than the 64 MB the heap is given.
    const data = write('data-dir/report.json', `{"meta": {"States": "counted"}, "values": [${Array.from({ length: 1_500_000 }, (_, i) => i % 10).join(',')}]}`);
    write('data-dir/flow.json', CLEAN);
    expect(statSync(data).size).toBeGreaterThan(2_000_000);
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, '--format', 'json', 'data-dir'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(json({ status: run.status, stdout: run.stdout, stderr: run.stderr }).map((r) => r.filePath)).toEqual([join(root, 'data-dir/flow.json')]);
  });

  it('searches the current directory when given no path', () => {
    const run = sfnLint(['--format', 'json'], { cwd: join(root, 'tree') });
    expect(json(run).map((r) => r.filePath)).toEqual(['defs/sub/y.asl.yaml', 'defs/x.asl.json', 'z.json'].map((p) => join(root, 'tree', p)));
  });

  it('matches quoted globs with *, **, ? and {a,b}', () => {
    const paths = (...args: string[]) => json(sfnLint(['--format', 'json', ...args])).map((r) => r.filePath.slice(root.length + 1));
    expect(paths('tree/**/*.asl.{json,yaml}')).toEqual(['tree/defs/sub/y.asl.yaml', 'tree/defs/x.asl.json']);
    expect(paths('tree/defs/*.asl.*')).toEqual(['tree/defs/x.asl.json']);
    expect(paths('tree/d?fs/x.asl.json')).toEqual(['tree/defs/x.asl.json']);
    // A glob is a search: a plain file that holds no definition is left out.
    expect(paths('tree/*.json')).toEqual(['tree/z.json']);
    // node_modules is not searched, so this glob matches nothing.
    expect(sfnLint(['**/w.asl.json']).status).toBe(2);
  });

  it('fails with exit 2 for a glob that matches nothing', () => {
    const run = sfnLint(['tree/**/*.nothing']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No files match the pattern "tree/**/*.nothing"');
  });

  it('lints a file named on the command line even when it is not a definition', () => {
    const run = sfnLint(['--format', 'json', 'tree/pkg.json']);
    expect(json(run).map((r) => r.filePath)).toEqual([join(root, 'tree/pkg.json')]);
  });

  it('reads standard input, with --stdin-filename choosing YAML', () => {
    const run = sfnLint(['--stdin', '--stdin-filename', 'a.asl.yaml', '--format', 'json'], { input: DUPLICATE_YAML });
    expect(run.status).toBe(1);
    const [result] = json(run);
    expect(result.filePath).toBe(join(root, 'a.asl.yaml'));
    expect(result.messages).toMatchObject([{ ruleId: 'no-duplicate-key', line: 6, column: 5, endLine: 6, endColumn: 12 }]);

    const stylish = sfnLint(['--stdin'], { input: DUPLICATE });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout.split('\n')[1]).toBe('<stdin>');
    expect(sfnLint(['--stdin', '--stdin-filename', 'b.asl.yaml'], { input: CLEAN_YAML })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('exits 1 when warnings exceed --max-warnings', () => {
    const over = sfnLint(['--rule', 'no-duplicate-key:warn', '--max-warnings', '0', 'duplicate.asl.json']);
    expect(over.status).toBe(1);
    expect(over.stdout).toMatch(/ {2}4:44 {2}warning {2}.* {2}no-duplicate-key\n/);
    expect(over.stdout).toContain('\u2716 1 problem (0 errors, 1 warning)\n');
    expect(over.stderr).toBe('sfn-lint found too many warnings (maximum: 0).\n');

    const within = sfnLint(['--rule', 'no-duplicate-key:warning', '--max-warnings', '1', 'duplicate.asl.json']);
    expect(within.status).toBe(0);
    expect(within.stderr).toBe('');
    expect(within.stdout).toContain('1 warning');

    expect(sfnLint(['--rule', 'no-duplicate-key:warn', 'duplicate.asl.json']).status).toBe(0);
  });

  it('reports only errors with --quiet', () => {
    expect(sfnLint(['--quiet', '--rule', 'no-duplicate-key:warn', 'duplicate.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const errors = sfnLint(['--quiet', 'duplicate.asl.json']);
    expect(errors.status).toBe(1);
    expect(errors.stdout).toContain('no-duplicate-key');
    // Hidden warnings still count towards --max-warnings.
    expect(sfnLint(['--quiet', '--max-warnings', '0', '--rule', 'no-duplicate-key:warn', 'duplicate.asl.json']).status).toBe(1);
  });

  it('turns a rule off with --rule id:off', () => {
    expect(sfnLint(['--rule', 'no-duplicate-key:off', 'duplicate.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('honours suppressions, and reports those that suppress nothing with --report-unused-disable-directives', () => {
    write('suppressed.asl.yaml', DUPLICATE_YAML.replace('    Comment: y\n', '    # sfn-lint-disable-next-line no-duplicate-key -- the second one is meant\n    Comment: y\n'));
    expect(sfnLint(['suppressed.asl.yaml'])).toEqual({ status: 0, stdout: '', stderr: '' });
    // Line 3 is "  # sfn-lint-disable-next-line no-unreachable-state": the rule id starts at column 32.
    write('stale.asl.yaml', CLEAN_YAML.replace('  A:\n', '  # sfn-lint-disable-next-line no-unreachable-state\n  A:\n'));
    expect(sfnLint(['stale.asl.yaml'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const reported = sfnLint(['--report-unused-disable-directives', 'stale.asl.yaml', 'suppressed.asl.yaml']);
    expect(reported.status).toBe(0);
    expect(reported.stdout).toMatch(/ {2}3:32 {2}warning {2}This sfn-lint-disable-next-line comment suppresses no "no-unreachable-state" finding\. Remove it {2}unused-disable-directive\n/);
    expect(reported.stdout).toContain('\u2716 1 problem (0 errors, 1 warning)\n');
    const results = json(sfnLint(['--report-unused-disable-directives', '--format', 'json', 'stale.asl.yaml']));
    expect(results[0].messages).toMatchObject([{ ruleId: 'unused-disable-directive', severity: 1, line: 3, column: 32, endLine: 3, endColumn: 52 }]);
    expect(sfnLint(['--report-unused-disable-directives', '--max-warnings', '0', 'stale.asl.yaml']).status).toBe(1);
  });

  it('shows info diagnostics as info', () => {
    const run = sfnLint(['--rule', 'no-duplicate-key:info', 'duplicate.asl.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ {2}4:44 {2}info {2}.* {2}no-duplicate-key\n/);
    expect(json(sfnLint(['--format', 'json', '--rule', 'no-duplicate-key:info', 'duplicate.asl.json']))[0]).toMatchObject({
      errorCount: 0,
      warningCount: 1,
      messages: [{ severity: 1 }],
    });
  });

  it('rejects an unknown rule id with exit 2 and suggests close ones', () => {
    const run = sfnLint(['--rule', 'no-dupe-key:off', 'clean.asl.json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Unknown rule "no-dupe-key". Did you mean');
    expect(run.stderr).toContain('no-duplicate-key');
  });

  it('rejects bad option values with exit 2', () => {
    for (const args of [
      ['--rule', 'no-duplicate-key:loud', 'clean.asl.json'],
      ['--rule', 'no-duplicate-key', 'clean.asl.json'],
      ['--format', 'xml', 'clean.asl.json'],
      ['--max-warnings', 'many', 'clean.asl.json'],
      ['--no-such-option', 'clean.asl.json'],
      ['--stdin', 'clean.asl.json'],
    ]) {
      const run = sfnLint(args);
      expect({ args, status: run.status, stdout: run.stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(run.stderr).toMatch(/^sfn-lint: /);
    }
  });

  it('fails with exit 2 for a path that does not exist', () => {
    const run = sfnLint(['clean.asl.json', 'missing.asl.json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No such file or directory: missing.asl.json');
  });

  it('prints help and the version', () => {
    const help = sfnLint(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sfn-lint /);
    expect(help.stdout).toContain('--max-warnings');
    expect(help.stdout).toContain('--output-file');
    expect(help.stdout).toContain('stylish (default), json, compact, github,\n                            junit or sarif');
    expect(help.stderr).toBe('');
    expect(sfnLint(['--version'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('colours only when asked, and --no-color wins when last', () => {
    expect(sfnLint(['duplicate.asl.json']).stdout).not.toContain('\u001b[');
    expect(sfnLint(['--color', 'duplicate.asl.json'], { env: { NO_COLOR: '1' } }).stdout).toContain('\u001b[31merror\u001b[39m');
    expect(sfnLint(['--color', '--no-color', 'duplicate.asl.json']).stdout).not.toContain('\u001b[');
  });

  it('does not loop on a symbolic link to a parent directory', () => {
    write('loop/a/x.asl.json', CLEAN);
    symlinkSync('..', join(root, 'loop/a/up'));
    const run = sfnLint(['--format', 'json', 'loop']);
    expect(run.status).toBe(0);
    expect(json(run).map((r) => r.filePath)).toEqual([join(root, 'loop/a/x.asl.json')]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it cannot read and goes on', () => {
    const path = write('unreadable.asl.json', CLEAN);
    chmodSync(path, 0o000);
    const run = sfnLint(['--format', 'json', 'unreadable.asl.json', 'clean.asl.json']);
    expect(run.status).toBe(1);
    expect(json(run)[1].messages).toMatchObject([{ ruleId: 'parse-error', severity: 2 }]);
  });

  it('lints a 1 MB file quickly', () => {
    const states = Array.from({ length: 12_000 }, (_, i) => `    "S${i}": { "Type": "Pass", "Next": "S${i + 1}" }`);
    states.push('    "S12000": { "Type": "Succeed" }');
    const path = write('big.asl.json', `{\n  "StartAt": "S0",\n  "States": {\n${states.join(',\n')}\n  }\n}\n`);
    expect(statSync(path).size).toBeGreaterThan(500_000);
    const start = performance.now();
    const run = sfnLint(['--format', 'json', 'big.asl.json']);
    expect(run.stderr).toBe('');
    expect(json(run)[0].filePath).toBe(path);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

// Several findings in two files: an error with related locations, warnings, and a clean file.
const FINDINGS = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Missing" },\n    "Lost": { "Type": "Pass", "End": true },\n    "B": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Lost" }, { "ErrorEquals": ["X"], "Next": "Lost" } ], "End": true }\n  }\n}\n';

describe('output formats and files', () => {
  let repo: string;

  beforeAll(() => {
    // A repository whose root is above the working directory: CI formats name files from the root.
    repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    write('repo/sub/defs/findings.asl.json', FINDINGS);
    write('repo/sub/defs/dup, "odd".asl.json', DUPLICATE);
    write('repo/sub/clean.asl.json', CLEAN);
  });

  it('compact: one line per problem relative to cwd, nothing for a clean run', () => {
    const run = sfnLint(['--format', 'compact', 'duplicate.asl.json', 'clean.asl.json']);
    expect(run).toEqual({
      status: 1,
      stdout: 'duplicate.asl.json:4:44: error Duplicate key "Comment": AWS silently keeps only the last one. Remove or rename one of them. [no-duplicate-key]\n',
      stderr: '',
    });
    expect(sfnLint(['--format', 'compact', 'clean.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('github: annotations with paths from the repository root, escaped, and a summary line', () => {
    const run = sfnLint(['--format', 'github', 'defs/dup, "odd".asl.json', 'clean.asl.json'], { cwd: join(repo, 'sub') });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^::error file=sub\/defs\/dup%2C "odd"\.asl\.json,line=4,endLine=4,col=44,endColumn=53,title=no-duplicate-key::Duplicate key "Comment"/);
    expect(lines.slice(1)).toEqual(['sfn-lint: 1 error and 0 warnings in 1 file', '']);
    expect(sfnLint(['--format', 'github', 'clean.asl.json'], { cwd: join(repo, 'sub') })).toEqual({ status: 0, stdout: 'sfn-lint: no problems in 1 file\n', stderr: '' });
  });

  it('writes each -o file with the --format before it, and the one --format without -o to standard output', () => {
    const cwd = join(repo, 'sub');
    const run = sfnLint(['--format', 'github', '--format', 'sarif', '-o', 'out/results.sarif', '--format', 'junit', '--output-file', 'out/junit.xml', '-f', 'json', '-o', 'out/r.json', 'defs'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^::error file=sub\/defs\//);
    expect(run.stdout).toMatch(/\nsfn-lint: \d+ errors? and \d+ warnings? in 2 files\n$/);
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/results.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'sub/defs/dup%2C%20%22odd%22.asl.json', uriBaseId: '%SRCROOT%' });
    expect(readFileSync(join(cwd, 'out/junit.xml'), 'utf8')).toContain('<testsuite name="sub/defs/findings.asl.json"');
    expect((JSON.parse(readFileSync(join(cwd, 'out/r.json'), 'utf8')) as JsonResult[]).map((r) => r.filePath)).toEqual([
      join(cwd, 'defs/dup, "odd".asl.json'),
      join(cwd, 'defs/findings.asl.json'),
    ]);
    // Written through a temporary file beside each target; none is left behind.
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['junit.xml', 'r.json', 'results.sarif']);
  });

  it('takes a single -o before or after its --format, and -o alone writes stylish', () => {
    const before = sfnLint(['-o', 'before.txt', '--format', 'compact', 'duplicate.asl.json']);
    expect(before).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(readFileSync(join(root, 'before.txt'), 'utf8')).toMatch(/^duplicate\.asl\.json:4:44: error /);
    const alone = sfnLint(['duplicate.asl.json', '-o', 'alone.txt']);
    expect(alone).toEqual({ status: 1, stdout: '', stderr: '' });
    // No colour in a file, even from a terminal, unless --color asks for it.
    expect(readFileSync(join(root, 'alone.txt'), 'utf8')).toMatch(/^\nduplicate\.asl\.json\n {2}4:44 {2}error {2}/);
    // A clean run still writes its (empty) report, replacing the old one.
    expect(sfnLint(['--format', 'compact', '-o', 'before.txt', 'clean.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(root, 'before.txt'), 'utf8')).toBe('');
  });

  it('rejects ambiguous or conflicting --format/-o pairs with exit 2', () => {
    for (const [args, message] of [
      [['--format', 'github', '--format', 'json', 'clean.asl.json'], 'Only one format can go to standard output, not github and json'],
      [['-o', 'a.txt', '--format', 'sarif', '--format', 'json', 'clean.asl.json'], '-o a.txt comes before any --format'],
      [['--format', 'sarif', '-o', 'a.sarif', '-o', 'b.sarif', 'clean.asl.json'], '--format sarif already writes to a.sarif'],
      [['--format', 'sarif', '-o', 'same', '--format', 'json', '-o', 'same', 'clean.asl.json'], 'Two formats write to same'],
      [['--format', 'xml', 'clean.asl.json'], 'Unknown format "xml": use stylish, json, compact, github, junit or sarif.'],
    ] as const) {
      const run = sfnLint([...args]);
      expect({ args, status: run.status, stdout: run.stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(join(root, 'a.sarif'))).toBe(false);
  });

  it('reports a file it cannot write with exit 2, and still writes the other reports', () => {
    const run = sfnLint(['--format', 'sarif', '-o', 'clean.asl.json/x.sarif', '--format', 'compact', 'duplicate.asl.json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^duplicate\.asl\.json:4:44: error /);
    expect(run.stderr).toMatch(/^sfn-lint: cannot write clean\.asl\.json\/x\.sarif: ENOTDIR/);
    expect(readFileSync(join(root, 'clean.asl.json'), 'utf8')).toBe(CLEAN);
  });

  it('keeps the exit codes: 1 for problems and 0 for a clean run when writing to files', () => {
    expect(sfnLint(['--format', 'junit', '-o', 'j.xml', 'duplicate.asl.json']).status).toBe(1);
    expect(sfnLint(['--format', 'junit', '-o', 'j.xml', 'clean.asl.json']).status).toBe(0);
    expect(readFileSync(join(root, 'j.xml'), 'utf8')).toContain('<testcase name="sfn-lint" classname="clean.asl.json"/>');
    expect(sfnLint(['--format', 'sarif', '-o', 'w.sarif', '--max-warnings', '0', '--rule', 'no-duplicate-key:warn', 'duplicate.asl.json']).status).toBe(1);
  });
});

// Microsoft's SARIF validator, a self-contained .NET program in the npm package
// @microsoft/sarif-multitool (the binary comes in @microsoft/sarif-multitool-<platform>, and
// runs without the package's install script). Its bin.js runs the tool through a shell,
// which splits the `;` lists that its options take, so the tests run the binary itself.
// It lives in tests/sarif-multitool with its own lockfile, out of the root package:
// pre-commit installs a hook's dev dependencies, and the binary is 100 MB. CI installs it
// (.ci/run), so there a missing one is a failure, not a skip.
const SARIF_CHECK = fileURLToPath(new URL('../../../tests/sarif-multitool/', import.meta.url));
const validatorInstalled = existsSync(join(SARIF_CHECK, 'node_modules/@microsoft/sarif-multitool/package.json'));
const validatorMustRun = process.env.CI === 'true';
if (!validatorInstalled && !validatorMustRun) {
  console.warn('packages/cli/src/cli.test.ts: the SARIF validator is not installed (npm ci --prefix tests/sarif-multitool), so the SARIF output is not checked with it.');
}

/** The validator's binary, which must be executable: npm here runs no install scripts, so its mode is the one in the package. */
function sarifMultitool(): string {
  const binary = createRequire(join(SARIF_CHECK, 'package.json'))('@microsoft/sarif-multitool') as string;
  accessSync(binary, constants.X_OK);
  return binary;
}
// SARIF2006 looks up every URI in the log over the network, which this machine does not have.
const VALIDATOR_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

interface Finding {
  readonly ruleId: string;
  readonly level: string;
}

/** The validator's findings on a SARIF file at every level, GitHub's ingestion rules on; its output for a failure message. */
function validateSarif(file: string): { findings: Finding[]; output: string } {
  const config = join(dirname(file), 'validator-config.xml');
  const log = `${file}.validation.sarif`;
  writeFileSync(config, VALIDATOR_CONFIG);
  const run = spawnSync(sarifMultitool(), ['validate', file, '--rule-kind', 'Sarif;Gh;Ghas', '--level', 'Error;Warning;Note', '--config', config, '--output', log, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  const output = `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}`;
  // The validator exits 0 even when it finds errors: its log is what tells.
  expect(run.status, output).toBe(0);
  const validation = JSON.parse(readFileSync(log, 'utf8')) as { runs: { results: { ruleId: string; level?: string }[]; invocations: { executionSuccessful: boolean }[] }[] };
  expect(validation.runs[0].invocations[0].executionSuccessful, output).toBe(true);
  // A result without a level is a warning (SARIF §3.27.10).
  return { findings: validation.runs[0].results.map((r) => ({ ruleId: r.ruleId, level: r.level ?? 'warning' })), output };
}

/**
 * The official SARIF 2.1.0 schema, as the validator package ships it, compiled with ajv. The
 * validator reports nothing at all for a log it cannot read into its object model (an
 * unknown `level`, say), so the schema is checked too.
 */
function sarifSchemaErrors(log: unknown): unknown[] {
  const require = createRequire(import.meta.url);
  const schemaFile = join(dirname(sarifMultitool()), 'sarif-2.1.0.json');
  const Ajv2020 = (require('ajv/dist/2020') as { default: new (options: object) => { addFormat(name: string, test: RegExp | boolean): void; compile(schema: object): { (data: unknown): boolean; errors?: unknown[] | null } } }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // RFC 3986: unreserved and reserved characters, and percent-escapes.
  const uriReference = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri-reference', uriReference);
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/);
  ajv.addFormat('date-time', true);
  ajv.addFormat('uuid', true);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  return validate(log) ? [] : (validate.errors ?? []);
}

describe.skipIf(!validatorInstalled && !validatorMustRun)('SARIF output checked by the SARIF validator', () => {
  const templates = fileURLToPath(new URL('../../../fixtures/templates/', import.meta.url));
  const examples = fileURLToPath(new URL('../../../fixtures/examples/', import.meta.url));

  it('has no errors or warnings, GitHub code scanning rules included', () => {
    const dir = join(root, 'validator');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'findings.asl.json'), FINDINGS);
    writeFileSync(join(dir, 'duplicate.asl.yaml'), DUPLICATE_YAML);
    writeFileSync(join(dir, 'broken.asl.json'), SYNTAX_ERROR);
    writeFileSync(join(dir, 'clean.asl.json'), CLEAN);
    // Findings of every level (require-tracing and unchecked-definition give notes), in
    // standalone files, a parse error, templates with machine labels and a cdk.out.
    const run = sfnLint(
      ['--format', 'sarif', '-o', 'results.sarif', '--rule', 'require-tracing:info', '.', join(templates, 'sam'), join(templates, 'cdk.out'), join(templates, 'cloudformation'), examples],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const file = join(dir, 'results.sarif');
    const log = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { level: string; locations: { logicalLocations?: unknown }[]; relatedLocations?: unknown }[] }[] };
    const results = log.runs[0].results;
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
    expect(results.some((r) => r.relatedLocations)).toBe(true);
    expect(results.some((r) => r.locations[0].logicalLocations)).toBe(true);

    const { findings, output } = validateSarif(file);
    // Its notes (message arguments, snippets it would like) show that it read the results.
    expect(findings.length, output).toBeGreaterThan(results.length);
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning'), output).toEqual([]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('is a validator that does find errors (a broken copy of real output)', () => {
    const dir = join(root, 'validator-canary');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'duplicate.asl.json'), DUPLICATE);
    expect(sfnLint(['--format', 'sarif', '-o', 'good.sarif', 'duplicate.asl.json'], { cwd: dir }).status).toBe(1);
    const log = JSON.parse(readFileSync(join(dir, 'good.sarif'), 'utf8')) as {
      runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete log.runs[0].tool.driver.rules[0].help;
    writeFileSync(join(dir, 'broken.sarif'), JSON.stringify(log, null, 2));
    const { findings } = validateSarif(join(dir, 'broken.sarif'));
    expect(findings).toEqual(expect.arrayContaining([{ ruleId: 'JSON1008', level: 'error' }, { ruleId: 'GH2012', level: 'error' }]));
    expect(sarifSchemaErrors(log)).not.toEqual([]);
  });
});

describe('code cache', () => {
  const bin = fileURLToPath(new URL('../bin/', import.meta.url));
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));

  /** A copy of the CLI with the loader and the named files of dist/, removed after `body`. */
  function withCopy(files: readonly string[], body: (copy: string) => void): void {
    const copy = mkdtempSync(join(tmpdir(), 'sfn-lint-copy-'));
    try {
      mkdirSync(join(copy, 'bin'));
      mkdirSync(join(copy, 'dist'));
      copyFileSync(join(bin, 'sfn-lint.cjs'), join(copy, 'bin', 'sfn-lint.cjs'));
      for (const file of files) copyFileSync(join(dist, file), join(copy, 'dist', file));
      body(copy);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  it('has one cache per script, each starting with a copy of the script it was made for', () => {
    const scripts = ['jsonata', 'sfn-lint', 'yaml'];
    expect(readdirSync(dist).filter((name) => name.endsWith('.cache'))).toEqual(scripts.map((name) => `${name}.cache`));
    for (const name of scripts) {
      const script = readFileSync(join(dist, `${name}.cjs`));
      const cache = readFileSync(join(dist, `${name}.cache`));
      expect(cache.readUInt32LE(0)).toBe(script.length);
      expect(cache.subarray(4, 4 + script.length).equals(script)).toBe(true);
      expect(cache.length).toBeGreaterThan(4 + script.length);
    }
  });

  it('is not used for an edited script, even one of the same length, so stale bytecode never runs', () => {
    // V8 checks only the length: with the old cache, the edited bundle would still print "Lints".
    withCopy(['sfn-lint.cache'], (copy) => {
      const bundle = readFileSync(join(dist, 'sfn-lint.cjs'), 'latin1');
      const edited = bundle.replace('Lints AWS Step Functions', 'Lintz AWS Step Functions');
      expect(edited.length).toBe(bundle.length);
      expect(edited).not.toBe(bundle);
      writeFileSync(join(copy, 'dist', 'sfn-lint.cjs'), edited, 'latin1');
      const run = spawnSync(process.execPath, [join(copy, 'bin', 'sfn-lint.cjs'), '--help'], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('Lintz AWS Step Functions');
    });
  });

  it('is accepted by V8 in a run: the build makes the caches under the tier cap the CLI sets at start', () => {
    // V8 rejects a cache made under other flags, silently; the hook reports what it decided.
    const hook = join(root, 'report-cache.cjs');
    writeFileSync(
      hook,
      "const vm = require('node:vm'); const Script = vm.Script;\n" +
        'vm.Script = class extends Script { constructor(source, options) { super(source, options);\n' +
        "  if (options && options.cachedData) process.stderr.write(`${options.filename.split(/[\\\\/]/).pop()} ${this.cachedDataRejected ? 'rejected' : 'accepted'}\\n`); } };\n",
    );
    const yamlFile = join(root, 'cache-check.asl.yaml');
    writeFileSync(yamlFile, CLEAN_YAML);
    const run = spawnSync(process.execPath, ['--require', hook, BIN, yamlFile], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual(['sfn-lint.cjs accepted', 'yaml.cjs accepted']);
  });

  it('loads only the Node modules a clean lint needs, and warns of nothing', () => {
    // A hook reports, as the process exits, the Node modules the run loaded after it.
    const hook = join(root, 'report-modules.cjs');
    writeFileSync(
      hook,
      'const before = new Set(process.moduleLoadList);\n' +
        "process.on('exit', () => require('node:fs').writeSync(2, process.moduleLoadList.filter((m) => !before.has(m)).join('\\n')));\n",
    );
    const loaded = (file: string) => {
      const run = spawnSync(process.execPath, ['--require', hook, BIN, join(root, file)], { encoding: 'utf8' });
      return { status: run.status, stdout: run.stdout, modules: run.stderr.split('\n') };
    };
    const clean = loaded('clean.asl.json');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
    // node:v8 and the streams, node:module with the ES module loader, and node:os are not needed.
    for (const unneeded of ['NativeModule v8', 'NativeModule stream', 'NativeModule module', 'NativeModule os']) expect(clean.modules).not.toContain(unneeded);
    // process.binding's deprecation warning is held back, and the tiers are still capped.
    expect(clean.modules.filter((m) => m.includes('Warning') || m.includes('DEP0111'))).toEqual([]);
    expect(clean.modules).toContain('Internal Binding v8');
    // A run with something to report writes it whole, through Node's streams.
    const dirty = loaded('duplicate.asl.json');
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toContain('no-duplicate-key');
    expect(dirty.modules).toContain('NativeModule stream');
  });

  it('runs under node\'s deprecation flags, which the V8 flags it sets must not trip', () => {
    // --no-deprecation makes process.noDeprecation read-only; --throw-deprecation turns a warning into a crash.
    for (const flag of ['--no-deprecation', '--throw-deprecation', '--trace-deprecation', '--pending-deprecation']) {
      const run = spawnSync(process.execPath, [flag, BIN, join(root, 'clean.asl.json')], { encoding: 'utf8' });
      expect({ flag, status: run.status, stderr: run.stderr }).toEqual({ flag, status: 0, stderr: '' });
    }
  });

  it('holds the young generation through a large file, unless node was given heap flags', () => {
    // A hook reports the young generation's size as the run ends.
    const hook = join(root, 'report-young.cjs');
    writeFileSync(
      hook,
      "process.on('exit', () => process.stderr.write(String(require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size)));\n",
    );
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) states[`Step ${i}`] = { Type: 'Pass', Parameters: { 'item.$': `$.items[${i}]`, note: 'x'.repeat(40) }, ResultPath: `$.results.s${i}`, Next: `Step ${i + 1}` };
    states['Step 3000'] = { Type: 'Succeed' };
    const large = write(join(root, 'large.asl.json'), JSON.stringify({ StartAt: 'Step 0', States: states }, null, 2));
    expect(statSync(large).size).toBeGreaterThan(512 * 1024);
    const youngSize = (args: string[]) => {
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(run.status).toBe(0);
      return Number(run.stderr);
    };
    const held = youngSize(['--require', hook, BIN, large]);
    const free = youngSize(['--semi-space-growth-factor=2', '--require', hook, BIN, large]);
    expect(held).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(free).toBeGreaterThan(held);
  });

  it('leaves yaml and jsonata unloaded when no file needs them', () => {
    // Without their scripts, a JSON file without JSONata still lints.
    withCopy(['sfn-lint.cjs', 'sfn-lint.cache'], (copy) => {
      const run = spawnSync(process.execPath, [join(copy, 'bin', 'sfn-lint.cjs'), '--format', 'json', join(root, 'duplicate.asl.json')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('no-duplicate-key');
    });
  });
});

describe('templates', () => {
  const templates = fileURLToPath(new URL('../../../fixtures/templates/', import.meta.url));

  it('lints the stacks of a cdk.out directory that manifest.json lists, nested stacks included, and skips asset folders', () => {
    const run = sfnLint(['--format', 'json', join(templates, 'cdk.out')]);
    expect(run.status).toBe(1);
    const results = json(run);
    expect(results.map((r) => r.filePath.slice(templates.length))).toEqual(['cdk.out/OrdersStack.template.json', 'cdk.out/OrdersStackAuditNested.nested.template.json']);
    const deadEnd = results[1].messages.find((m) => m.ruleId === 'no-dead-end');
    expect(deadEnd?.message).toMatch(/^OrdersStack\/Audit\/AuditFlow: /);
    expect(deadEnd).toMatchObject({ line: 13, column: 60, machine: 'OrdersStack/Audit/AuditFlow' });
  });

  it('reports a SAM DefinitionUri file once, as part of its template, even when the folder walk finds it too', () => {
    const run = sfnLint(['--format', 'json', join(templates, 'sam')]);
    const files = json(run).map((r) => r.filePath.slice(templates.length));
    expect(files).toEqual(['sam/statemachine/flow.asl.json', 'sam/template.yaml']);
    const stylish = sfnLint([join(templates, 'sam/template.yaml')]);
    expect(stylish.stdout).toContain('SubFlow: "Next" of state "Call" names "Nowhere"');
  });
});

describe('sfn-lint policy', () => {
  const templates = fileURLToPath(new URL('../../../fixtures/templates/', import.meta.url));

  it('prints the least-privilege policy of one state machine, references kept as Fn::Sub', () => {
    const run = sfnLint(['policy', join(templates, 'cloudformation/join-definition.template.json')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DynamoDBPutItem',
          Effect: 'Allow',
          Action: ['dynamodb:PutItem'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}' }],
        },
        { Sid: 'InvokeLambdaFunctions', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [{ 'Fn::Sub': '${Worker.Arn}' }] },
      ],
    });
  });

  it('picks one machine of several with --machine, in YAML', () => {
    const run = sfnLint(['policy', join(templates, 'sam/template.yaml'), '--machine', 'FileFlow', '--format', 'yaml']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('- lambda:InvokeFunction');
    expect(run.stdout).toContain('- Fn::Sub: ${Orders.Arn}');
    expect(run.stdout).not.toContain('# ');
  });

  it('shows the needs beside the grants with --diff', () => {
    const run = sfnLint(['policy', '--diff', join(templates, 'cloudformation/join-definition.template.json')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Flow (');
    expect(run.stdout).toContain('role FlowRole)');
    expect(run.stdout).toMatch(/ok {6}lambda:InvokeFunction on \$\{Worker\.Arn\} \[Work\] {2}<- the inline policy flow/);
    expect(run.stdout).toContain('dynamodb:* on * (a wildcard, broader than the actions needed)  <- the inline policy flow');
  });

  it('is a usage error without a template, and names a machine that is not there', () => {
    expect(sfnLint(['policy']).status).toBe(2);
    const run = sfnLint(['policy', join(templates, 'sam/template.yaml'), '--machine', 'Nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no state machine "Nope"');
  });
});

describe('sfn-lint rule', () => {
  it('prints the same text as the rule\'s docs page', () => {
    const run = sfnLint(['rule', 'no-dead-end']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(new URL('../../../docs/rules/no-dead-end.md', import.meta.url), 'utf8'));
  });

  it('names close ids for an unknown one', () => {
    const run = sfnLint(['rule', 'no-dead-ends']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown rule "no-dead-ends". Did you mean no-dead-end?');
  });
});
