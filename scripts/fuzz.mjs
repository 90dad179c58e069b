// The long fuzz run over mutations of the corpus (the test runs a slice of it):
//   npm run fuzz -- --iterations 100000 [--seed 1] [--from 0] [--cli 20] [--jobs 1]
//   npm run fuzz -- --seed 1 --case 1234      replays one case and prints its steps
// Cases run in a child process, so an input that never finishes is caught (after 60 s) and
// reported like any other failure, and the run goes on with the next case; processes, not
// worker threads, so that each one's CPU time is its own. A few cases
// also go through the spawned CLI. Exits 1 when any case failed.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatters, lintDocument, parseDocument } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { cliProblem, fuzzCase, fuzzSources, reproduction, runCase } from '../tests/fuzz/harness.mjs';

const engine = { formatters, lintDocument, parseDocument, rules };
const HANG_MS = 60_000;

if (process.send === undefined) {
  await main();
} else {
  process.once('message', ({ seed, from, to, files }) => {
    for (let index = from; index < to; index++) {
      process.send({ kind: 'start', index });
      const fuzz = fuzzCase(seed, index, files, engine);
      const { failures, ms } = runCase(fuzz, engine);
      process.send({ kind: 'done', index, ms, failures: failures.length > 0 ? reproduction(fuzz, failures) : undefined });
    }
    process.send({ kind: 'end' }, () => process.exit(0));
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const { files, notice } = fuzzSources();
  if (notice) console.log(notice);
  if (options.case !== undefined) {
    const fuzz = fuzzCase(options.seed, options.case, files, engine);
    const { failures, ms } = runCase(fuzz, engine);
    console.log(failures.length > 0 ? reproduction(fuzz, failures) : `case ${options.case} of seed ${options.seed} passed in ${ms.toFixed(0)} ms\n  steps: ${fuzz.steps.join('; ')}`);
    process.exitCode = failures.length > 0 ? 1 : 0;
    return;
  }
  const to = options.from + options.iterations;
  console.log(`Fuzzing cases ${options.from} to ${to - 1} of seed ${options.seed} over ${files.length} files, in ${options.jobs} process${options.jobs === 1 ? '' : 'es'}`);
  const started = performance.now();
  const failed = [];
  let slowest = { ms: 0, index: -1 };
  let done = 0;
  const onMessage = (message) => {
    if (message.kind !== 'done') return;
    if (message.ms > slowest.ms) slowest = { ms: message.ms, index: message.index };
    if (message.failures) {
      failed.push(message.index);
      console.log(message.failures);
    }
    if (++done % 5000 === 0) console.log(`  ${done} cases, ${((performance.now() - started) / 1000).toFixed(0)} s, ${failed.length} failed`);
  };
  // Each process takes a contiguous share of the cases.
  const share = Math.ceil(options.iterations / options.jobs);
  const jobs = Array.from({ length: options.jobs }, async (_, job) => {
    const end = Math.min(to, options.from + (job + 1) * share);
    let next = options.from + job * share;
    while (next < end) {
      const outcome = await runChild({ seed: options.seed, from: next, to: end, files }, onMessage);
      if (outcome.hung === undefined) break;
      // The process was stopped on a case that did not finish: report it and go on after it.
      failed.push(outcome.hung);
      console.log(reproduction(fuzzCase(options.seed, outcome.hung, files, engine), [`did not finish in ${HANG_MS / 1000} s`]));
      next = outcome.hung + 1;
    }
  });
  await Promise.all(jobs);
  const cliFailures = runThroughCli(options, files);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${options.iterations} cases in ${seconds.toFixed(0)} s (${(options.iterations / seconds).toFixed(0)} a second), ${failed.length} failed` +
      `; slowest: case ${slowest.index}, ${slowest.ms.toFixed(0)} ms; through the CLI: ${options.cli} cases, ${cliFailures} failed`,
  );
  process.exitCode = failed.length + cliFailures > 0 ? 1 : 0;
}

/** Runs cases in a child process until it ends ({}) or hangs on a case ({ hung: index }). */
function runChild(data, onMessage) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { stdio: 'inherit' });
    child.send(data);
    let current;
    let since = performance.now();
    const watchdog = setInterval(() => {
      if (current !== undefined && performance.now() - since > HANG_MS) {
        clearInterval(watchdog);
        child.kill('SIGKILL');
        resolve({ hung: current });
      }
    }, 1000);
    child.on('message', (message) => {
      if (message.kind === 'start') {
        current = message.index;
        since = performance.now();
      } else if (message.kind === 'end') {
        clearInterval(watchdog);
        resolve({});
      } else {
        current = undefined;
        onMessage(message);
      }
    });
    child.on('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}

/**
 * Runs the first `cli` cases' inputs through the built CLI, as a user would: it must exit
 * 0 or 1 with a JSON report and no internal error. Returns how many failed.
 */
function runThroughCli(options, files) {
  const cli = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'sfn-lint-fuzz-cli-'));
  let failures = 0;
  try {
    for (let index = options.from; index < options.from + options.cli; index++) {
      const fuzz = fuzzCase(options.seed, index, files, engine);
      const file = join(dir, `${index}-${fuzz.file.slice(fuzz.file.lastIndexOf('/') + 1)}`);
      writeFileSync(file, fuzz.text);
      const result = spawnSync(process.execPath, [cli, '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const problem = cliProblem(result);
      if (problem) {
        failures++;
        console.log(reproduction(fuzz, [`through the CLI: ${problem}`]));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

function parseArguments(args) {
  const options = { iterations: 10_000, seed: 1, from: 0, cli: 20, jobs: 1, case: undefined };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    const value = Number(args[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < (name === 'jobs' ? 1 : 0)) {
      console.error(`usage: npm run fuzz -- [--iterations N] [--seed N] [--from N] [--cli N] [--jobs N] [--case N]; got ${args[i]} ${args[i + 1] ?? ''}`);
      process.exit(2);
    }
    options[name] = value;
  }
  return options;
}
