import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '@sfn-lint/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigFiles } from './config-files.js';

// These tests run the built binary: `npm test` builds first.
const BIN = fileURLToPath(new URL('../bin/sfn-lint.cjs', import.meta.url));

// A duplicate key in each of three states, one of them inside the Parallel state "Fan out".
const THREE_DUPLICATES = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Comment": "x", "Comment": "y", "Next": "Fan out" },
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Step", "States": { "Step": { "Type": "Pass", "Comment": "x", "Comment": "y", "End": true } } }
      ],
      "Next": "B"
    },
    "B": { "Type": "Pass", "Comment": "x", "Comment": "y", "End": true }
  }
}
`;
const DUPLICATE = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Comment": "x", "Comment": "y", "End": true }\n  }\n}\n';
// An unreachable state "B" (no-unreachable-state) and nothing else.
const UNREACHABLE = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true },\n    "B": { "Type": "Pass", "End": true }\n  }\n}\n';
// A .sync task: fine in a Standard workflow, reported by express-unsupported in an Express one.
const SYNC_TASK =
  '{\n  "StartAt": "Run",\n  "States": {\n    "Run": { "Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": { "JobName": "nightly" }, "End": true }\n  }\n}\n';

let root: string;

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sfnLint(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: join(root, options.cwd ?? ''), input: options.input ?? '', env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each finding as `file line:column severity rule state/path`, files relative to the test folder. */
function findings(run: Run): string[] {
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: number; line: number; column: number; statePath?: string[] }[] }[];
  return results.flatMap((result) =>
    result.messages.map((m) => `${result.filePath.slice(root.length + 1)} ${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId} ${m.statePath?.join('/') ?? '-'}`),
  );
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-config-')));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('config files', () => {
  it('apply the nearest config in the file\'s folder or above, without merging the ones further up', () => {
    write('nearest/sfn-lint.config.yaml', 'rules:\n  no-duplicate-key: warn\n  no-unreachable-state: off\n');
    write('nearest/sub/sfn-lint.config.json', '{ "rules": { "no-duplicate-key": "off" } }\n');
    write('nearest/a.asl.json', DUPLICATE);
    write('nearest/b.asl.json', UNREACHABLE);
    write('nearest/sub/deeper/c.asl.json', DUPLICATE);
    write('nearest/sub/deeper/d.asl.json', UNREACHABLE);
    write('elsewhere/e.asl.json', DUPLICATE);
    const run = sfnLint(['--format', 'json', 'nearest', 'elsewhere']);
    expect(run.stderr).toBe('');
    expect(findings(run)).toEqual([
      'elsewhere/e.asl.json 4:44 error no-duplicate-key A',
      'nearest/a.asl.json 4:44 warning no-duplicate-key A',
      // The nearer config says nothing about no-unreachable-state, so its default applies.
      'nearest/sub/deeper/d.asl.json 5:5 error no-unreachable-state B',
    ]);
  });

  it('use the file given with --config for every file, and its globs are relative to its folder', () => {
    write('explicit/configs/strict.yml', 'rules:\n  no-duplicate-key: warn\noverrides:\n  - files: ["../defs/b.asl.json"]\n    rules: { no-duplicate-key: off }\n');
    write('explicit/defs/sfn-lint.config.json', '{ "rules": { "no-duplicate-key": "error" } }\n');
    write('explicit/defs/a.asl.json', DUPLICATE);
    write('explicit/defs/b.asl.json', DUPLICATE);
    const run = sfnLint(['--format', 'json', '--config', 'explicit/configs/strict.yml', 'explicit/defs']);
    expect(findings(run)).toEqual(['explicit/defs/a.asl.json 4:44 warning no-duplicate-key A']);
    expect(sfnLint(['-c', 'explicit/configs/strict.yml', 'explicit/defs/a.asl.json']).status).toBe(0);
  });

  it('apply overrides by file in order, later ones winning, with their settings', () => {
    write(
      'by-file/sfn-lint.config.yaml',
      [
        'rules:',
        '  no-duplicate-key: warn',
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules: { no-duplicate-key: off }',
        '  - files: ["legacy/keep.asl.json"]',
        '    rules: { no-duplicate-key: error }',
        '  - files: ["**/*.express.asl.json"]',
        '    settings: { machineType: EXPRESS }',
      ].join('\n'),
    );
    write('by-file/a.asl.json', DUPLICATE);
    write('by-file/legacy/old.asl.json', DUPLICATE);
    write('by-file/legacy/keep.asl.json', DUPLICATE);
    write('by-file/jobs/run.asl.json', SYNC_TASK);
    write('by-file/jobs/run.express.asl.json', SYNC_TASK);
    expect(findings(sfnLint(['--format', 'json', 'by-file']))).toEqual([
      'by-file/a.asl.json 4:44 warning no-duplicate-key A',
      'by-file/jobs/run.express.asl.json 4:42 error express-unsupported Run',
      'by-file/legacy/keep.asl.json 4:44 error no-duplicate-key A',
    ]);
  });

  it('apply overrides by state path to the findings about those states and the states nested in them', () => {
    write(
      'by-state/sfn-lint.config.yaml',
      ['overrides:', '  - states: ["Fan out"]', '    rules: { no-duplicate-key: off }', '  - files: ["*.asl.json"]', '    states: ["B"]', '    rules: { no-duplicate-key: warn }'].join('\n'),
    );
    write('by-state/machine.asl.json', THREE_DUPLICATES);
    expect(findings(sfnLint(['--format', 'json', 'by-state']))).toEqual([
      'by-state/machine.asl.json 4:44 error no-duplicate-key A',
      'by-state/machine.asl.json 12:44 warning no-duplicate-key B',
    ]);
    // A rule off for the file but on for some states reports only those.
    write('by-state/only/sfn-lint.config.yaml', 'rules: { no-duplicate-key: off }\noverrides:\n  - states: ["Fan out/*"]\n    rules: { no-duplicate-key: error }\n');
    write('by-state/only/machine.asl.json', THREE_DUPLICATES);
    expect(findings(sfnLint(['--format', 'json', 'by-state/only']))).toEqual(['by-state/only/machine.asl.json 8:84 error no-duplicate-key Fan out/Step']);
  });

  it('skip ignored files, whether found in a folder, by a glob or named', () => {
    write('ignoring/sfn-lint.config.json', '{ "ignores": ["generated", "**/*.draft.asl.json"] }\n');
    write('ignoring/generated/a.asl.json', DUPLICATE);
    write('ignoring/defs/b.draft.asl.json', DUPLICATE);
    write('ignoring/defs/c.asl.json', DUPLICATE);
    const files = (run: Run) => (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath.slice(root.length + 1));
    expect(files(sfnLint(['--format', 'json', 'ignoring']))).toEqual(['ignoring/defs/c.asl.json']);
    expect(files(sfnLint(['--format', 'json', 'ignoring/**/*.asl.json']))).toEqual(['ignoring/defs/c.asl.json']);
    expect(sfnLint(['ignoring/generated/a.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(sfnLint(['--stdin', '--stdin-filename', 'ignoring/generated/x.asl.json'], { input: DUPLICATE })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('are read for standard input from its name, or from the current folder', () => {
    write('stdin/sfn-lint.config.yaml', 'rules: { no-duplicate-key: warn }\n');
    expect(findings(sfnLint(['--format', 'json', '--stdin', '--stdin-filename', 'stdin/x.asl.json'], { input: DUPLICATE }))).toEqual([
      'stdin/x.asl.json 4:44 warning no-duplicate-key A',
    ]);
    const unnamed = sfnLint(['--format', 'json', '--stdin'], { cwd: 'stdin', input: DUPLICATE });
    expect(JSON.parse(unnamed.stdout)[0].messages[0]).toMatchObject({ ruleId: 'no-duplicate-key', severity: 1 });
  });

  it('give way to --rule on the command line', () => {
    write('cli-wins/sfn-lint.config.yaml', 'rules: { no-duplicate-key: off }\noverrides:\n  - states: [A]\n    rules: { no-duplicate-key: off }\n');
    write('cli-wins/a.asl.json', DUPLICATE);
    expect(sfnLint(['cli-wins']).status).toBe(0);
    expect(findings(sfnLint(['--format', 'json', '--rule', 'no-duplicate-key:warn', 'cli-wins']))).toEqual(['cli-wins/a.asl.json 4:44 warning no-duplicate-key A']);
  });
});

describe('invalid config files', () => {
  it('exit 2 and name the file and the key, with the rule id meant', () => {
    write('invalid/rules/sfn-lint.config.yaml', 'rules:\n  no-dupe-key: off\n  no-dead-end: loud\nsettings:\n  machinetype: EXPRESS\n');
    write('invalid/rules/a.asl.json', DUPLICATE);
    expect(sfnLint(['invalid/rules'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'sfn-lint: invalid/rules/sfn-lint.config.yaml: rules.no-dupe-key: unknown rule "no-dupe-key". Did you mean no-duplicate-key?\n' +
        'sfn-lint: invalid/rules/sfn-lint.config.yaml: rules.no-dead-end: unknown severity "loud": use off, info, warn, warning or error.\n' +
        'sfn-lint: invalid/rules/sfn-lint.config.yaml: settings.machinetype: unknown setting "machinetype". Did you mean machineType?\n',
    });
  });

  it('exit 2 for unknown keys, rule options and syntax errors, with a line and column for the last', () => {
    write('invalid/keys/sfn-lint.config.json', '{ "rule": {}, "overrides": [{ "files": ["x"], "rules": { "no-dead-end": ["warn", { "max": 1 }] } }] }\n');
    write('invalid/keys/a.asl.json', DUPLICATE);
    expect(sfnLint(['invalid/keys']).stderr).toBe(
      'sfn-lint: invalid/keys/sfn-lint.config.json: rule: unknown key "rule". Did you mean rules?\n' +
        'sfn-lint: invalid/keys/sfn-lint.config.json: overrides[0].rules.no-dead-end: no-dead-end takes no options: give only a severity.\n',
    );
    write('invalid/syntax/sfn-lint.config.json', '{\n  "rules": {\n    "no-dead-end": "off",\n  }\n}\n');
    write('invalid/syntax/a.asl.json', DUPLICATE);
    expect(sfnLint(['invalid/syntax'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'sfn-lint: invalid/syntax/sfn-lint.config.json:3:25: Trailing comma: JSON does not allow a comma before "}". Remove it.\n',
    });
  });

  it('exit 2 when a folder has two config files, or --config names none', () => {
    write('invalid/two/sfn-lint.config.json', '{}\n');
    write('invalid/two/sfn-lint.config.yml', '{}\n');
    write('invalid/two/a.asl.json', DUPLICATE);
    expect(sfnLint(['invalid/two'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'sfn-lint: invalid/two: sfn-lint.config.json and sfn-lint.config.yml are both here; keep one, so that it is clear which applies.\n',
    });
    const missing = sfnLint(['--config', 'nope.yaml', 'invalid/two/a.asl.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sfn-lint: --config: no such file: nope\.yaml\n/);
  });
});

describe('--print-config', () => {
  it('prints what applies to a file, as JSON, and exits 0', () => {
    write(
      'print/sfn-lint.config.yaml',
      [
        'rules:',
        '  require-tracing: warn',
        'ignores: [old]',
        'settings: { lambdaIdempotent: false }',
        'overrides:',
        '  - files: ["express/**"]',
        '    rules: { no-duplicate-key: info }',
        '    settings: { machineType: EXPRESS }',
        '  - states: ["Poll*"]',
        '    rules: { loop-needs-wait: off }',
      ].join('\n'),
    );
    const run = sfnLint(['--print-config', 'print/express/flow.asl.json', '--rule', 'no-dead-end:warn']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as { rules: Record<string, unknown> };
    expect(printed).toMatchObject({
      configFile: 'print/sfn-lint.config.yaml',
      ignored: false,
      settings: { lambdaIdempotent: false, machineType: 'EXPRESS' },
      overrides: [{ states: ['Poll*'], rules: { 'loop-needs-wait': 'off' } }],
    });
    expect(printed.rules).toMatchObject({ 'require-tracing': 'warning', 'no-duplicate-key': 'info', 'no-dead-end': 'warning', 'no-missing-state': 'error' });
    expect(Object.keys(printed.rules).length).toBeGreaterThan(25);
    expect(JSON.parse(sfnLint(['--print-config', 'print/old/a.asl.json']).stdout)).toMatchObject({ ignored: true });
    expect(JSON.parse(sfnLint(['--print-config', 'elsewhere.asl.json'], { cwd: 'print/..' }).stdout)).toMatchObject({ configFile: null });
  });

  it('is a usage error beside files to lint', () => {
    const run = sfnLint(['--print-config', 'a.asl.json', 'b.asl.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^sfn-lint: --print-config shows the configuration of one file/);
  });
});

describe('ConfigFiles', () => {
  it('looks at each folder once and reads each config file once', () => {
    const config = write('cache/sfn-lint.config.yaml', 'rules: { no-dead-end: warn }\n');
    const configs = new ConfigFiles({ cwd: root, commandLine: {}, rules });
    expect(configs.effectiveFor(join(root, 'cache/a/b/x.asl.json')).rules).toEqual({ 'no-dead-end': { severity: 'warning' } });
    // Gone from the disk, but already known for this folder and the ones it looked at on the way up.
    unlinkSync(config);
    expect(configs.effectiveFor(join(root, 'cache/a/y.asl.json')).file).toBe(config);
    expect(configs.effectiveFor(join(root, 'cache/a/b/c/z.asl.json')).file).toBe(config);
    expect(new ConfigFiles({ cwd: root, commandLine: {}, rules }).effectiveFor(join(root, 'cache/a/y.asl.json')).file).toBeUndefined();
  });
});
