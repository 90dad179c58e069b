import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli, writeBelow, type CliRun } from '../../../tests/cli-process.js';

// "B" is unreachable: one no-unreachable-state error.
const UNREACHABLE = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true },\n    "B": { "Type": "Pass", "End": true }\n  }\n}\n';
const CLEAN = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}\n';
const TEMPLATE = [
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  Flow:',
  '    Type: AWS::Serverless::StateMachine',
  '    Properties:',
  '      DefinitionUri: flows/flow.json',
  '',
].join('\n');

let root: string;

const write = (path: string, text: string): string => writeBelow(root, path, text);
const sfnLint = (args: string[], input = ''): CliRun => runCli(args, { cwd: root, input });

/** The files the cache holds entries for. */
function cachedFiles(cacheFile = join(root, '.sfn-lintcache')): string[] {
  const text = readFileSync(cacheFile, 'utf8');
  return Object.keys(JSON.parse(text.slice(text.indexOf('\n') + 1)) as object).sort();
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-cache-')));
  write('a.asl.json', UNREACHABLE);
  write('b.asl.json', CLEAN);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('--cache', () => {
  it('stores results in .sfn-lintcache and reports the same from it', () => {
    const plain = sfnLint(['.', '--format', 'json']);
    const cold = sfnLint(['.', '--format', 'json', '--cache']);
    expect(existsSync(join(root, '.sfn-lintcache'))).toBe(true);
    expect(cachedFiles()).toEqual([join(root, 'a.asl.json'), join(root, 'b.asl.json')]);
    const warm = sfnLint(['.', '--format', 'json', '--cache']);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(plain.status).toBe(1);
  });

  it('lints a file again when its text changes', () => {
    sfnLint(['.', '--cache']);
    write('a.asl.json', CLEAN);
    expect(sfnLint(['.', '--cache'])).toEqual({ status: 0, stdout: '', stderr: '' });
    write('b.asl.json', UNREACHABLE);
    const run = sfnLint(['.', '--cache', '--format', 'compact']);
    expect(run.stdout).toMatch(/^b\.asl\.json:5:5: error .* \[no-unreachable-state\]\n$/);
  });

  it('lints again when --rule, a config file or its settings change', () => {
    expect(sfnLint(['.', '--cache']).status).toBe(1);
    expect(sfnLint(['.', '--cache', '--rule', 'no-unreachable-state:off']).status).toBe(0);
    expect(sfnLint(['.', '--cache', '--rule', 'no-unreachable-state:warn']).stdout).toContain('warning');
    write('sfn-lint.config.json', '{ "rules": { "no-unreachable-state": "off" } }\n');
    expect(sfnLint(['.', '--cache']).status).toBe(0);
    write('sfn-lint.config.json', '{ "rules": { "no-unreachable-state": "info" } }\n');
    expect(sfnLint(['.', '--cache', '--format', 'compact']).stdout).toContain(': info ');
    expect(sfnLint(['.', '--cache', '--format', 'compact', '--report-unused-disable-directives']).stdout).toContain(': info ');
  });

  it('lints a template again when a file it reads (DefinitionUri) changes, appears or goes', () => {
    write('template.yaml', TEMPLATE);
    const args = ['template.yaml', '--cache', '--format', 'compact', '--rule', 'require-logging:off'];
    const missing = sfnLint(args);
    expect(missing.stdout).toContain('cannot be read');
    write('flows/flow.json', CLEAN);
    expect(sfnLint(args).stdout).toBe('');
    write('flows/flow.json', UNREACHABLE);
    const changed = sfnLint(args);
    expect(changed.stdout).toMatch(/^flows\/flow\.json:5:5: error .*no-unreachable-state\]\n$/);
    expect(sfnLint(args)).toEqual(changed);
    rmSync(join(root, 'flows/flow.json'));
    expect(sfnLint(args)).toEqual(missing);
  });

  it('is written where --cache-location says: a file, or a directory', () => {
    sfnLint(['.', '--cache', '--cache-location', 'caches/lint-cache']);
    expect(cachedFiles(join(root, 'caches/lint-cache'))).toHaveLength(2);
    sfnLint(['.', '--cache', '--cache-location', 'new-dir/']);
    expect(cachedFiles(join(root, 'new-dir/.sfn-lintcache'))).toHaveLength(2);
    mkdirSync(join(root, 'existing'));
    sfnLint(['.', '--cache', '--cache-location', 'existing']);
    expect(cachedFiles(join(root, 'existing/.sfn-lintcache'))).toHaveLength(2);
    expect(existsSync(join(root, '.sfn-lintcache'))).toBe(false);
  });

  it('ignores a corrupt cache and replaces it', () => {
    const plain = sfnLint(['.', '--format', 'json']);
    sfnLint(['.', '--cache']);
    const cache = readFileSync(join(root, '.sfn-lintcache'), 'utf8');
    for (const corrupt of [cache.slice(0, cache.length / 2), cache.replace('no-unreachable-state', 'no-unreachable-stat'), `${cache.slice(0, cache.indexOf('\n'))}\n[]`, '{"sfnLintCache":1}\n{', '']) {
      write('.sfn-lintcache', corrupt);
      expect(sfnLint(['.', '--format', 'json', '--cache'])).toEqual(plain);
      expect(cachedFiles()).toHaveLength(2);
    }
  });

  it('leaves a file that is not an sfn-lint cache alone, with a warning', () => {
    const plain = sfnLint(['.', '--format', 'json']);
    const foreign = '{ "name": "not a cache" }\n';
    write('package.json', foreign);
    const run = sfnLint(['a.asl.json', 'b.asl.json', '--format', 'json', '--cache', '--cache-location', 'package.json']);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sfn-lint: .*package\.json is not an sfn-lint cache, so it was left alone/);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(foreign);
  });

  it('warns and still reports when the cache cannot be written', () => {
    write('blocker', 'a file, not a directory\n');
    const run = sfnLint(['.', '--cache', '--cache-location', 'blocker/cache']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no-unreachable-state');
    expect(run.stderr).toMatch(/^sfn-lint: cannot write the cache .*blocker\/cache/);
  });

  it('drops the entries of files that are gone', () => {
    sfnLint(['.', '--cache']);
    rmSync(join(root, 'b.asl.json'));
    sfnLint(['a.asl.json', '--cache']);
    expect(cachedFiles()).toEqual([join(root, 'a.asl.json')]);
  });

  it('keeps the entries of files not linted in this run', () => {
    sfnLint(['.', '--cache']);
    sfnLint(['a.asl.json', '--cache']);
    expect(cachedFiles()).toHaveLength(2);
  });

  it('never caches standard input', () => {
    const run = sfnLint(['--stdin', '--stdin-filename', 'x.asl.json', '--cache'], UNREACHABLE);
    expect(run.status).toBe(1);
    expect(existsSync(join(root, '.sfn-lintcache'))).toBe(false);
  });

  it('rejects --cache-location without --cache', () => {
    const run = sfnLint(['.', '--cache-location', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--cache-location needs --cache.');
  });
});

describe('--concurrency', () => {
  it('reports the same on worker threads as on one, in the same order', () => {
    for (let i = 0; i < 12; i++) write(`many/m${String(i).padStart(2, '0')}.asl.json`, i % 3 === 0 ? UNREACHABLE : CLEAN);
    write('many/template.yaml', TEMPLATE);
    write('many/flows/flow.json', UNREACHABLE);
    for (const format of ['json', 'stylish', 'sarif']) {
      const serial = sfnLint(['many', '--format', format, '--concurrency', 'off']);
      expect(serial.status).toBe(1);
      expect(sfnLint(['many', '--format', format, '--concurrency', '3'])).toEqual(serial);
      expect(sfnLint(['many', '--format', format, '--concurrency', '2', '--cache'])).toEqual(serial);
      expect(sfnLint(['many', '--format', format, '--concurrency', 'auto'])).toEqual(serial);
    }
  });

  it('stops with an internal error, not a hang, when a worker thread throws', () => {
    // A copy of the built CLI whose worker threads throw on their first job.
    const cli = join(root, 'cli');
    for (const path of ['bin', 'dist', 'package.json']) cpSync(join(BIN, '../..', path), join(cli, path), { recursive: true });
    const bundle = join(cli, 'dist/sfn-lint.cjs');
    const code = readFileSync(bundle, 'latin1');
    // The bundle's names are minified; the reply a worker builds for a batch keeps its property names.
    expect(code.split('replies:')).toHaveLength(2);
    writeFileSync(bundle, code.replace('replies:', 'replies:(()=>{throw new Error("the worker broke")})(),unused:'), 'latin1');
    for (let i = 0; i < 6; i++) write(`many/m${i}.asl.json`, CLEAN);
    const sfnLintCopy = (concurrency: string) => runCli(['many', '--concurrency', concurrency], { cwd: root, bin: join(cli, 'bin/sfn-lint.cjs') });
    const run = sfnLintCopy('2');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sfn-lint: internal error: the worker broke\nSet SFN_LINT_DEBUG=1 for the stack trace. Please report this.\n');
    expect(run.stdout).toBe('');
    expect(sfnLintCopy('off')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // With SFN_LINT_DEBUG, the stack trace names the source files, not the minified bundle.
    const debug = runCli(['many', '--concurrency', '2'], { cwd: root, bin: join(cli, 'bin/sfn-lint.cjs'), env: { SFN_LINT_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/^sfn-lint: internal error: Error: the worker broke\n\s+at .*lint-worker\.ts:\d+:\d+/);
    expect(debug.stderr).not.toMatch(/sfn-lint\.cjs:\d+/);
  });

  it('takes auto, off or a number of threads', () => {
    for (const value of ['0', 'two', '-1', '1.5']) {
      const run = sfnLint(['.', `--concurrency=${value}`]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--concurrency takes auto, off or a number of threads (1 or more), not "${value}".`);
    }
    expect(sfnLint(['.', '--concurrency', '1']).status).toBe(1);
  });
});
