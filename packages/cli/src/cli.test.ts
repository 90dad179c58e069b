import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
