// Timing helpers for the benchmarks: whole processes timed from spawn to exit, medians of
// several runs, and peak memory from GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs a command to its end and returns its wall time in ms. Exit codes 0 and 1 mean
 * "valid" and "problems found" for every tool here; anything else is a failed run.
 */
export function timeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`${command} ${args.join(' ').slice(0, 200)} failed (${result.status ?? result.error}): ${result.stderr.slice(0, 2000)}`);
  }
  return { ms, stdout: result.stdout };
}

/**
 * The median wall time of `runs` runs after one unmeasured warm-up run (disk cache, code
 * cache), and what the warm-up printed.
 */
export function medianProcess(command, args, runs) {
  const { stdout } = timeProcess(command, args);
  return { ms: median(Array.from({ length: runs }, () => timeProcess(command, args).ms)), stdout };
}

export const gnuTime = '/usr/bin/time';
export const canMeasureMemory = existsSync(gnuTime);

/** The peak resident set size of a command in MB, from GNU time's %M (KB). */
export function peakMemory(command, args) {
  const result = spawnSync(gnuTime, ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = result.stderr.trim().split('\n');
  const kb = Number(lines[lines.length - 1]);
  if (!Number.isFinite(kb)) throw new Error(`cannot read the peak memory of ${command}: ${result.stderr.slice(0, 500)}`);
  return kb / 1024;
}
