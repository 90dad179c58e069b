// Whole-process timing of linting many files: serial, on worker threads (--concurrency)
// and from a warm --cache, over the shared real-world corpus (or the directory given as
// the first argument). Prints the median wall time and CPU time of several runs of each,
// taken in rounds (each case once per round) so that a change in the machine's load falls
// on every case alike, and the load average, since other work on the machine changes both.
//
//   npm run build && node bench/scale.bench.mjs [dir]        BENCH_RUNS=5 by default
//   BENCH_THRESHOLD=1 node bench/scale.bench.mjs             also: off vs 2 threads on the first N files
//
// Linux reports CPU time of waited-for children in /proc/self/stat; elsewhere it shows "-".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));
const corpus = process.argv[2] ?? fileURLToPath(new URL('../../shared/corpus', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
if (!existsSync(corpus)) {
  console.log(`Notice: ${corpus} is absent; give a directory to lint.`);
  process.exit(0);
}

/** CPU seconds (user + system) of the children waited for so far. */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 (cutime, cstime), counted from 1 with the pid and name before ") ".
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeRun(args) {
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status === 2) throw new Error(`sfn-lint ${args.join(' ')} failed: ${result.stderr}`);
  return { seconds, cpu: childrenCpu() - cpuBefore };
}

/**
 * Runs each case once per round, for `runs` rounds, so that a change in the machine's
 * load falls on every case alike; prints each case's median.
 */
function measure(cases) {
  const samples = cases.map(() => []);
  const loads = [];
  for (let round = 0; round < runs; round++) {
    cases.forEach(({ args, before }, i) => {
      before?.();
      samples[i].push(timeRun(args));
      loads.push(loadavg()[0]);
    });
  }
  const walls = cases.map(({ label }, i) => {
    const wall = median(samples[i].map((s) => s.seconds));
    const cpu = median(samples[i].map((s) => s.cpu));
    console.log(`${label.padEnd(34)} ${wall.toFixed(2).padStart(7)} s  ${Number.isNaN(cpu) ? '      -' : `${cpu.toFixed(2).padStart(7)} s`}`);
    return wall;
  });
  console.log(`${''.padEnd(34)} load average ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} during these runs`);
  return walls;
}

const cacheDir = mkdtempSync(join(tmpdir(), 'sfn-lint-scale-'));
const cacheFile = join(cacheDir, 'cache');
const coldFile = join(cacheDir, 'cold-cache');
console.log(`${corpus}: ${runs} runs each, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${'median of each'.padEnd(34)} ${'wall'.padStart(9)}  ${'CPU'.padStart(9)}`);
try {
  timeRun([corpus, '--cache', '--cache-location', cacheFile]);
  measure([
    { label: 'serial (--concurrency off)', args: [corpus, '--concurrency', 'off'] },
    { label: '--concurrency auto', args: [corpus, '--concurrency', 'auto'] },
    { label: '--concurrency 2', args: [corpus, '--concurrency', '2'] },
    { label: 'warm --cache', args: [corpus, '--cache', '--cache-location', cacheFile] },
    { label: 'cold --cache', args: [corpus, '--cache', '--cache-location', coldFile], before: () => rmSync(coldFile, { force: true }) },
  ]);

  if (process.env.BENCH_THRESHOLD) {
    const files = listFiles(corpus);
    console.log('\nthe first N files, named on the command line: serial and on 2 worker threads');
    for (const count of [25, 50, 100, 200, 400, 800].filter((n) => n <= files.length)) {
      const named = files.slice(0, count);
      const [serial, threads] = measure([
        { label: `${count} files, off`, args: [...named, '--concurrency', 'off'] },
        { label: `${count} files, 2 threads`, args: [...named, '--concurrency', '2'] },
      ]);
      console.log(`${''.padEnd(34)} threads/serial ${(threads / serial).toFixed(2)}`);
    }
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}

/** The definition and template files below a directory, sorted, as the threshold runs name them. */
function listFiles(root) {
  const found = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') stack.push(path);
      else if (entry.isFile() && /\.(json|ya?ml|template)$/i.test(entry.name)) found.push(path);
    }
  }
  return found.sort();
}
