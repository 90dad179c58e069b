// The fuzz test: a fixed slice (the first 2,000 cases of seed 1) of the long run that
// `npm run fuzz -- --iterations 100000` makes over mutations of the corpus. Every input gives
// diagnostics, never an exception, an internal-error, a range outside the text or more than
// 2 s. A failure prints the seed, the case and how to run it again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatters, lintDocument, parseDocument } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProblem, fuzzCase, fuzzSources, reproduction, runCase } from './fuzz/harness.mjs';
import { structuralBoundaries } from './fuzz/mutators.mjs';

const SEED = 1;
const CASES = 2000;
const CLI_CASES = 6;
// About 35 s of CPU; the generous limit is for a machine that other work keeps busy.
const TIMEOUT_MS = 300_000;
const engine = { formatters, lintDocument, parseDocument, rules };
const { files, notice } = fuzzSources();
if (notice) console.warn(notice);
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const cli = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));

describe(`fuzzing mutations of ${notice ? 'fixtures/ (no corpus)' : 'the corpus'}`, () => {
  it(`cases 0 to ${CASES - 1} of seed ${SEED}: diagnostics, never a crash, an internal-error or more than 2 s`, () => {
    const failed: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const fuzz = fuzzCase(SEED, index, files, engine);
      const { failures } = runCase(fuzz, engine);
      if (failures.length > 0) failed.push(reproduction(fuzz, failures));
    }
    expect(failed.join('\n')).toBe('');
  }, TIMEOUT_MS);

  it('truncation at every structural boundary of a JSON definition, a YAML definition and a template', () => {
    const failed: string[] = [];
    for (const path of ['examples/order-workflow.asl.json', 'require-retry/invalid/reports.asl.yaml', 'templates/sam/template.yaml']) {
      const source = fixture(path);
      const text = readFileSync(source, 'utf8');
      for (const at of new Set<number>(structuralBoundaries(text))) {
        const fuzz = { seed: SEED, index: -1, source, file: source, text: text.slice(0, at), steps: [`truncate at ${at}`], assumeDefinition: true };
        const { failures } = runCase(fuzz, engine);
        if (failures.length > 0) failed.push(reproduction(fuzz, failures));
      }
    }
    expect(failed.join('\n')).toBe('');
  });

  describe('through the spawned CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-lint-fuzz-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`cases 0 to ${CLI_CASES - 1}: exit 0 or 1 with a JSON report and no internal error`, () => {
      const failed: string[] = [];
      for (let index = 0; index < CLI_CASES; index++) {
        const fuzz = fuzzCase(SEED, index, files, engine);
        const file = join(dir, `${index}-${fuzz.file.slice(fuzz.file.lastIndexOf('/') + 1)}`);
        writeFileSync(file, fuzz.text);
        const problem = cliProblem(spawnSync(process.execPath, [cli, '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
        if (problem) failed.push(reproduction(fuzz, [`through the CLI: ${problem}`]));
      }
      expect(failed.join('\n')).toBe('');
    });
  });
});
