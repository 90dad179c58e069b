import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The run step of action.yml, driven the way GitHub drives it: GITHUB_* and INPUT_* variables.
const repository = fileURLToPath(new URL('..', import.meta.url));
const script = join(repository, 'scripts/github-action.sh');

const BAD = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } }, null, 2);
const WARN = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'B' }] }, B: { Type: 'Succeed' } } }, null, 2);
const GOOD = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }, null, 2);

function runAction(files: Record<string, string>, inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), 'sfn-lint-action-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
  const githubOutput = join(workspace, 'github-output.txt');
  writeFileSync(githubOutput, '');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTION_PATH: repository, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: githubOutput, GITHUB_ACTIONS: 'true' };
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase().replaceAll('-', '_')}`] = value;
  const run = spawnSync('bash', [script], { env, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, workspace, output: readFileSync(githubOutput, 'utf8') };
}

describe('the GitHub Action', () => {
  it('annotates problems, writes the SARIF file and fails on errors', () => {
    const run = runAction({ 'bad.asl.json': BAD, 'good.asl.json': GOOD }, { paths: '.', format: 'github', 'sarif-file': 'out/sfn-lint.sarif', 'fail-level': 'error' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=bad\.asl\.json,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=no-missing-state::/m);
    const sarif = JSON.parse(readFileSync(join(run.workspace, 'out/sfn-lint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0].results.map((result) => result.ruleId)).toContain('no-missing-state');
    expect(run.output).toBe('sarif-file=out/sfn-lint.sarif\n');
  });

  it('fails on warnings only with fail-level warning, and never with never', () => {
    const files = { 'warn.asl.json': WARN };
    expect(runAction(files, { paths: '.', 'sarif-file': '', 'fail-level': 'error' }).status).toBe(0);
    expect(runAction(files, { paths: '.', 'sarif-file': '', 'fail-level': 'warning' }).status).toBe(1);
    expect(runAction({ 'bad.asl.json': BAD }, { paths: '.', 'sarif-file': '', 'fail-level': 'never' }).status).toBe(0);
  });

  it('takes several paths and quoted globs, and rejects an unknown fail level', () => {
    const run = runAction({ 'a.asl.json': BAD, 'b.asl.json': GOOD }, { paths: 'b.asl.json\n*.asl.json', 'sarif-file': '', format: 'compact' });
    expect(run.stdout).toMatch(/^a\.asl\.json:\d+:\d+: error /m);
    const bad = runAction({ 'b.asl.json': GOOD }, { paths: '.', 'fail-level': 'sometimes' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('::error title=sfn-lint::fail-level must be error, warning or never');
  });
});
