import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

// These tests run the built binary: `npm test` builds first.
const BIN = fileURLToPath(new URL('../bin/sfn-lint.cjs', import.meta.url));

const RETRIER = {
  ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

/** A Lambda Task without the ".$" on its payload and without a retrier: two safe fixes. */
const DEFINITION = {
  StartAt: 'Charge',
  States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge', Payload: '$.order' }, End: true } },
};
const FIXED_DEFINITION = {
  StartAt: 'Charge',
  States: {
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge', 'Payload.$': '$.order' }, Retry: [RETRIER], End: true },
  },
};
const JSON_FILE = `${JSON.stringify(DEFINITION, null, 2)}\n`;

const YAML_FILE = `# The order workflow
StartAt: Charge
States:
  Charge:
    Type: Task   # charges the card
    Resource: arn:aws:states:::lambda:invoke
    Parameters:
      FunctionName: charge
      Payload: $.order   # the whole order
    End: true
`;
/** The same with the key renamed and the retrier added before End, in the file's own layout. */
const YAML_FIXED = YAML_FILE.replace('Payload: $.order', 'Payload.$: $.order').replace(
  '    End: true\n',
  `    Retry:
      - ErrorEquals:
          - Lambda.ClientExecutionTimeoutException
          - Lambda.ServiceException
          - Lambda.AWSLambdaException
          - Lambda.SdkClientException
        IntervalSeconds: 2
        MaxAttempts: 6
        BackoffRate: 2
    End: true
`,
);

const machine = (definitionString: unknown) => ({ Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::1:role/r', DefinitionString: definitionString } });
const JOIN_PARTS = [
  '{\n  "StartAt": "Charge",\n  "States": {\n    "Charge": {\n      "Type": "Task",\n      "Resource": "arn:aws:states:::lambda:invoke",\n      "Parameters": { "FunctionName": "',
  { Ref: 'Fn' },
  '", "Payload": "$.order" },\n',
  '      "End": true\n    }\n  }\n}',
];
const JSON_TEMPLATE = `${JSON.stringify(
  { Resources: { Plain: machine(JSON.stringify(DEFINITION, null, 2)), Joined: machine({ 'Fn::Join': ['', JOIN_PARTS] }) } },
  null,
  2,
)}\n`;

const YAML_TEMPLATE = `Resources:
  # A literal block
  Block:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::1:role/r
      DefinitionString: |
        {
          "StartAt": "Charge",
          "States": {
            "Charge": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "charge", "Payload": "$.order" },
              "End": true
            }
          }
        }
  Subbed:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::1:role/r
      DefinitionString: !Sub
        - '{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "\${Fn}", "Parameters": {"Payload": "$.order", "Stack": "\${AWS::StackName}"}, "End": true}}}'
        - Fn: !GetAtt Worker.Arn
`;

/** Missing states: errors that no fix can mend. */
const UNFIXABLE = `${JSON.stringify({ StartAt: 'Charge', States: { Charge: { ...DEFINITION.States.Charge, End: undefined, Next: 'Ship' } } }, null, 2)}\n`;

// Only the rules with fixes, so that the expectations are about them.
const ONLY_FIXES = ['--rule', 'require-logging:off', '--rule', 'iam-unused-permission:off', '--rule', 'iam-missing-permission:off', '--rule', 'iam-no-wildcard-resource:off'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
const roots: string[] = [];

function sfnLint(args: string[], options: { input?: string; user?: number } = {}): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const user = options.user === undefined ? {} : { uid: options.user, gid: options.user };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: root, input: options.input ?? '', env, encoding: 'utf8', ...user });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

const read = (name: string): string => readFileSync(join(root, name), 'utf8');
const identity = (name: string) => {
  const stat = statSync(join(root, name));
  return { ino: stat.ino, mtimeMs: stat.mtimeMs, mode: stat.mode };
};
const definitionsOf = (template: string): Record<string, unknown> => {
  const resources = (JSON.parse(template) as { Resources: Record<string, { Properties: { DefinitionString: unknown } }> }).Resources;
  return Object.fromEntries(
    Object.entries(resources).map(([id, resource]) => {
      const value = resource.Properties.DefinitionString;
      const text = typeof value === 'string' ? value : (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '${Fn}')).join('');
      return [id, JSON.parse(text)];
    }),
  );
};

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-fix-')));
  roots.push(root);
});

afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('sfn-lint --fix', () => {
  it('fixes a JSON file, reports nothing left, and a second run changes nothing', () => {
    write('order.asl.json', JSON_FILE);
    const run = sfnLint(['--fix', 'order.asl.json']);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const fixed = read('order.asl.json');
    expect(JSON.parse(fixed)).toEqual(FIXED_DEFINITION);
    // Minimal edits: the lines that were there are still there, in order.
    expect(fixed).toContain('"Parameters": {\n        "FunctionName": "charge",\n        "Payload.$": "$.order"\n      },\n      "Retry": [');

    const before = identity('order.asl.json');
    expect(sfnLint(['--fix', 'order.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(read('order.asl.json')).toBe(fixed);
    expect(identity('order.asl.json')).toEqual(before);
  });

  it('keeps the comments and the layout of a YAML file', () => {
    write('order.asl.yaml', YAML_FILE);
    expect(sfnLint(['--fix', 'order.asl.yaml']).status).toBe(0);
    expect(read('order.asl.yaml')).toBe(YAML_FIXED);
  });

  it('fixes definitions in a CloudFormation JSON template, in a plain DefinitionString and in one built with Fn::Join', () => {
    write('template.json', JSON_TEMPLATE);
    const run = sfnLint(['--fix', ...ONLY_FIXES, 'template.json']);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const fixed = read('template.json');
    const joined = { ...FIXED_DEFINITION, States: { Charge: { ...FIXED_DEFINITION.States.Charge, Parameters: { FunctionName: '${Fn}', 'Payload.$': '$.order' } } } };
    expect(definitionsOf(fixed)).toEqual({ Plain: FIXED_DEFINITION, Joined: joined });
    // The Join keeps its parts: the reference and the part after it are where they were.
    const parts = (JSON.parse(fixed) as { Resources: { Joined: { Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } } } }).Resources.Joined.Properties.DefinitionString['Fn::Join'][1];
    expect(parts).toHaveLength(4);
    expect(parts.slice(0, 2)).toEqual(JOIN_PARTS.slice(0, 2));
    expect(sfnLint(['--fix', ...ONLY_FIXES, 'template.json']).status).toBe(0);
    expect(read('template.json')).toBe(fixed);
  });

  it('fixes definitions in a YAML template, in a block scalar and in an Fn::Sub, keeping comments and references', () => {
    write('template.yaml', YAML_TEMPLATE);
    expect(sfnLint(['--fix', ...ONLY_FIXES, 'template.yaml'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const fixed = read('template.yaml');
    expect(fixed).toContain('  # A literal block\n');
    expect(fixed).toContain(
      [
        '              "Parameters": { "FunctionName": "charge", "Payload.$": "$.order" },',
        '              "Retry": [',
        '                {',
        '                  "ErrorEquals": [',
        '                    "Lambda.ClientExecutionTimeoutException",',
      ].join('\n'),
    );
    expect(fixed).toContain(
      `- '{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "\${Fn}", "Parameters": {"Payload.$": "$.order", "Stack": "\${AWS::StackName}"}, ` +
        `"Retry": [{"ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"], ` +
        `"IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}], "End": true}}}'\n        - Fn: !GetAtt Worker.Arn\n`,
    );
    const again = sfnLint(['--fix-dry-run', '--format', 'json', ...ONLY_FIXES, 'template.yaml']);
    expect(JSON.parse(again.stdout)).toMatchObject([{ messages: [], fixableWarningCount: 0 }]);
    expect(JSON.parse(again.stdout)[0]).not.toHaveProperty('output');
  });

  it('fixes the definition file that a SAM template names, with the template', () => {
    write('order.asl.json', JSON_FILE);
    write('template.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: order.asl.json\n');
    const run = sfnLint(['--fix-dry-run', '--format', 'json', 'template.yaml']);
    const results = JSON.parse(run.stdout) as { filePath: string; output?: string }[];
    expect(results.find((result) => result.filePath === join(root, 'order.asl.json'))?.output).toBeDefined();
    expect(read('order.asl.json')).toBe(JSON_FILE);
    // Named beside its template, the file is fixed once, and reported once, with its output.
    const fixed = JSON.parse(sfnLint(['--fix', '--format', 'json', 'order.asl.json', 'template.yaml']).stdout) as { filePath: string; output?: string }[];
    expect(fixed.map((result) => result.filePath)).toEqual([join(root, 'order.asl.json'), join(root, 'template.yaml')]);
    expect(JSON.parse(fixed[0].output!)).toEqual(FIXED_DEFINITION);
    expect(JSON.parse(read('order.asl.json'))).toEqual(FIXED_DEFINITION);
  });

  it('leaves a file that does not parse alone, and does not count its fixes as fixable', () => {
    const broken = JSON_FILE.replace('"End": true', '"End": true,');
    write('broken.asl.json', broken);
    const before = identity('broken.asl.json');
    const run = sfnLint(['--fix', 'broken.asl.json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('require-path-suffix');
    expect(run.stdout).not.toContain('potentially fixable');
    expect(identity('broken.asl.json')).toEqual(before);
    const [result] = JSON.parse(sfnLint(['--format', 'json', 'broken.asl.json']).stdout) as { fixableWarningCount: number; messages: { suggestions?: unknown[] }[] }[];
    expect(result.fixableWarningCount).toBe(0);
    expect(result.messages.filter((message) => message.suggestions)).toHaveLength(2);
  });

  it('does not touch a file that needs no fix', () => {
    write('clean.asl.json', `${JSON.stringify(FIXED_DEFINITION, null, 2)}\n`);
    const before = identity('clean.asl.json');
    expect(sfnLint(['--fix', 'clean.asl.json']).status).toBe(0);
    expect(identity('clean.asl.json')).toEqual(before);
  });

  it('reports the problems that remain and exits by them', () => {
    write('unfixable.asl.json', UNFIXABLE);
    const run = sfnLint(['--fix', 'unfixable.asl.json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no-missing-state');
    expect(run.stdout).not.toContain('require-path-suffix');
    expect(run.stdout).not.toContain('lambda-transient-retry');
    expect(run.stdout).not.toContain('potentially fixable');
    expect(read('unfixable.asl.json')).toContain('"Payload.$"');
  });

  it('fixes no warnings with --quiet, as ESLint does', () => {
    write('order.asl.json', JSON_FILE);
    const before = identity('order.asl.json');
    expect(sfnLint(['--fix', '--quiet', 'order.asl.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(identity('order.asl.json')).toEqual(before);
  });

  it('keeps the file mode, and writes through a symbolic link to the file', () => {
    write('order.asl.json', JSON_FILE);
    chmodSync(join(root, 'order.asl.json'), 0o640);
    symlinkSync('order.asl.json', join(root, 'link.asl.json'));
    expect(sfnLint(['--fix', 'link.asl.json']).status).toBe(0);
    expect(lstatSync(join(root, 'link.asl.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'link.asl.json'))).toBe('order.asl.json');
    expect(JSON.parse(read('order.asl.json'))).toEqual(FIXED_DEFINITION);
    expect(statSync(join(root, 'order.asl.json')).mode & 0o777).toBe(0o640);
  });

  it('does not replace a read-only file, and exits 2', () => {
    write('order.asl.json', JSON_FILE);
    chmodSync(join(root, 'order.asl.json'), 0o444);
    // Root may write any file, so as root the run is made as nobody, in a folder anyone may write.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(root, 0o777);
    const run = sfnLint(['--fix', 'order.asl.json'], asRoot ? { user: 65534 } : {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot write the fixes to');
    expect(read('order.asl.json')).toBe(JSON_FILE);
  });

  it('refuses standard input and --fix-dry-run beside it, with exit code 2', () => {
    expect(sfnLint(['--fix', '--stdin'], { input: JSON_FILE })).toMatchObject({ status: 2, stdout: '', stderr: expect.stringContaining('--fix-dry-run') });
    expect(sfnLint(['--fix', '--fix-dry-run', 'x.asl.json'])).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot be used together') });
  });

  it('leaves the original file whole when killed between writing the fixed text and the rename', async () => {
    const path = write('order.asl.json', JSON_FILE);
    // Stops the process just before the rename that would put the fixed text in place,
    // and says so, so that the kill comes at exactly that point on every run.
    const hook = write(
      'pause-before-rename.cjs',
      `const fs = require('node:fs');
const rename = fs.renameSync;
fs.renameSync = function (from, to) {
  fs.writeSync(2, 'renaming ' + from + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  return rename.apply(this, arguments);
};
`,
    );
    const child = spawn(process.execPath, ['--require', hook, BIN, '--fix', path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const temporary = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /renaming (.+)\n/.exec(stderr);
        if (match) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`exited before the rename: ${stderr}`)));
    });
    // The fixed text is complete on disk, beside the untouched original.
    expect(JSON.parse(readFileSync(temporary, 'utf8'))).toEqual(FIXED_DEFINITION);
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(readFileSync(path, 'utf8')).toBe(JSON_FILE);
    // What is left is a hidden temporary file, which a lint of the folder does not take for a definition.
    expect(readdirSync(root).filter((name) => name !== 'pause-before-rename.cjs' && name !== 'order.asl.json')).toEqual([temporary.slice(root.length + 1)]);
    expect(temporary.slice(root.length + 1)).toMatch(/^\.order\.asl\.json\..+\.tmp$/);
    rmSync(hook);
    const lint = sfnLint(['--format', 'json', '.']);
    expect((JSON.parse(lint.stdout) as { filePath: string }[]).map((result) => result.filePath)).toEqual([path]);
  });
});

describe('sfn-lint --fix-dry-run', () => {
  it('writes nothing, reports what would remain, and gives the fixed text as output in JSON', () => {
    write('order.asl.yaml', YAML_FILE);
    write('unfixable.asl.json', UNFIXABLE);
    const before = [identity('order.asl.yaml'), identity('unfixable.asl.json')];
    const run = sfnLint(['--fix-dry-run', '--format', 'json', 'order.asl.yaml', 'unfixable.asl.json']);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[]; output?: string }[];
    expect(results[0]).toMatchObject({ filePath: join(root, 'order.asl.yaml'), messages: [], output: YAML_FIXED });
    expect(results[1].messages.map((m) => m.ruleId)).toEqual(['no-missing-state']);
    expect(read('order.asl.yaml')).toBe(YAML_FILE);
    expect(read('unfixable.asl.json')).toBe(UNFIXABLE);
    expect([identity('order.asl.yaml'), identity('unfixable.asl.json')]).toEqual(before);
  });

  it('fixes standard input into the JSON output', () => {
    const run = sfnLint(['--fix-dry-run', '--stdin', '--stdin-filename', 'order.asl.yaml', '--format', 'json'], { input: YAML_FILE });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ messages: [], output: YAML_FIXED }]);
  });
});

describe('sfn-lint without --fix', () => {
  it('counts what --fix would fix, as ESLint does, and lists each safe fix in JSON', () => {
    write('order.asl.json', JSON_FILE);
    const run = sfnLint(['order.asl.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\u2716 2 problems (0 errors, 2 warnings)\n  0 errors and 2 warnings potentially fixable with the `--fix` option.\n');
    const [result] = JSON.parse(sfnLint(['--format', 'json', 'order.asl.json']).stdout) as { messages: { fix?: { range: [number, number]; text: string } }[]; fixableWarningCount: number }[];
    expect(result.fixableWarningCount).toBe(2);
    const rename = result.messages[1].fix!;
    expect(JSON_FILE.slice(0, rename.range[0]) + rename.text + JSON_FILE.slice(rename.range[1])).toContain('"Payload.$": "$.order"');
    expect(result).not.toHaveProperty('output');
  });
});
