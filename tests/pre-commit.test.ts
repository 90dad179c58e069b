import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The hook in .pre-commit-hooks.yaml, run by the real pre-commit the way a user's repository
// runs it. try-repo installs this checkout as the hook (tracked files, with their uncommitted
// changes), exactly as pre-commit installs a hook repository: npm install, npm pack, install.
const repository = fileURLToPath(new URL('..', import.meta.url));
const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
// CI installs pre-commit (.ci/run), so there a missing one is a failure, not a skip.
const mustRun = process.env.CI === 'true';
if (!available && !mustRun) console.warn('tests/pre-commit.test.ts: pre-commit is not installed here, so the hook test is skipped.');

const BAD = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Missing" }\n  }\n}\n';
const GOOD = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed" }\n  }\n}\n';

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
}

describe.skipIf(!available && !mustRun)('the pre-commit hook', () => {
  // Each try-repo installs the repository as the hook (npm install of the root package and
  // its workspaces, then the build), twice: about 50 s each on a busy 2-core machine. What
  // only tests, the VS Code extension or the sample CDK app need has lockfiles of its own
  // (tests/mermaid, tests/sarif-multitool, extension/, fixtures/cdk-app), so this install
  // stays near 120 MB of node_modules.
  it('fails on a bad definition and passes on a good one', { timeout: 300_000 }, () => {
    expect(available, 'pre-commit must be installed in CI').toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'sfn-lint-pre-commit-'));
    git(work, 'init', '-q');
    writeFileSync(join(work, 'bad.asl.json'), BAD);
    writeFileSync(join(work, 'good.asl.json'), GOOD);
    git(work, 'add', '.');
    const env = { ...process.env, PRE_COMMIT_HOME: join(work, '.pre-commit-home') };
    const tryRepo = (file: string) => spawnSync('pre-commit', ['try-repo', repository, 'sfn-lint', '--files', file], { cwd: work, env, encoding: 'utf8' });

    const bad = tryRepo('bad.asl.json');
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/sfn-lint\.+Failed/);
    expect(bad.stdout).toContain('no-missing-state');

    const good = tryRepo('good.asl.json');
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/sfn-lint\.+Passed/);
  });
});

describe('what installing the hook installs', () => {
  // pre-commit runs `npm install --dev --prod` at the repository root: the root package's dev
  // dependencies and every workspace's packages, all in package-lock.json. The large packages
  // that only tests, the VS Code extension or the sample CDK app need stay in the folders that
  // lock them, each installed with `npm ci --prefix <folder>`.
  const KEPT_OUT = {
    'tests/mermaid': ['mermaid', 'jsdom'],
    'tests/sarif-multitool': ['@microsoft/sarif-multitool'],
    'fixtures/cdk-app': ['aws-cdk-lib', 'constructs'],
    extension: ['mermaid', '@vscode/vsce', 'playwright-core', 'vscode-languageclient'],
  };
  const lock = (folder: string) => JSON.parse(readFileSync(join(repository, folder, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };

  it('holds none of the packages that have lockfiles of their own', () => {
    const installed = Object.keys(lock('.').packages);
    expect(installed.filter((path) => !path.includes('node_modules/')).sort()).toEqual(['', 'packages/cli', 'packages/core', 'packages/eslint-plugin', 'packages/language-server', 'rules']);
    for (const [folder, names] of Object.entries(KEPT_OUT)) {
      for (const name of names) {
        expect(lock(folder).packages, `${folder} locks ${name}`).toHaveProperty([`node_modules/${name}`]);
        expect(installed.filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`)), `${name} is in the root install`).toEqual([]);
      }
    }
  });
});
