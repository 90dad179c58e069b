// Compares the whole-process time of CLI builds on one file, in interleaved runs: this
// machine's speed drifts by 10 % within minutes, which separate batches of runs mistake for a
// change. Each round runs every build once, and `node -e 0` as the yardstick of the moment.
//
//   node bench/compare.mjs --save DIR      copies the current build (packages/cli/bin and
//                                          dist's scripts and caches) to DIR
//   node bench/compare.mjs [--runs N] FILE DIR...
//                                          times each saved build (and `.` for the current
//                                          one) on FILE, with arguments after `--` passed on
//
// Prints, per build, the least, first quartile and median wall time in ms, and, where GNU
// time is installed (/usr/bin/time), the median of three runs' minor page faults: a fresh
// page costs from 2 to 14 µs here depending on the spell, so page faults show a change
// that the wall time of one spell hides.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli', import.meta.url));
const args = process.argv.slice(2);

if (args[0] === '--save') {
  const target = resolve(args[1] ?? '');
  if (!args[1]) throw new Error('--save needs a folder');
  for (const sub of ['bin', 'dist']) mkdirSync(join(target, sub), { recursive: true });
  copyFileSync(join(cli, 'bin', 'sfn-lint.cjs'), join(target, 'bin', 'sfn-lint.cjs'));
  for (const name of readdirSync(join(cli, 'dist'))) {
    if (name.endsWith('.cjs') || name.endsWith('.cache') || name.endsWith('.cjs.map')) copyFileSync(join(cli, 'dist', name), join(target, 'dist', name));
  }
  console.log(`saved the current build to ${target}`);
  process.exit(0);
}

let runs = 30;
if (args[0] === '--runs') {
  runs = Number(args[1]);
  args.splice(0, 2);
}
const dash = args.indexOf('--');
const passed = dash >= 0 ? args.splice(dash).slice(1) : [];
const [file, ...builds] = args;
if (!file || builds.length === 0 || !(runs > 0)) {
  console.error('usage: node bench/compare.mjs [--runs N] FILE BUILD_DIR... [-- ARGS]   (BUILD_DIR . is the current build)');
  process.exit(2);
}

const bins = builds.map((dir) => (dir === '.' ? join(cli, 'bin', 'sfn-lint.cjs') : join(resolve(dir), 'bin', 'sfn-lint.cjs')));
const rows = [...builds.map((dir, i) => ({ label: dir, argv: [bins[i], file, ...passed] })), { label: 'node -e 0', argv: ['-e', '0'] }];
const times = rows.map(() => []);
for (let round = 0; round < runs; round++) {
  rows.forEach((row, i) => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, row.argv, { stdio: 'ignore' });
    times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
  });
}
const at = (values, fraction) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * fraction)];

/** Minor page faults of one run of each row, by GNU time; none where it is not installed (or is another time). */
function pageFaults() {
  if (!existsSync('/usr/bin/time')) return undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'sfn-lint-compare-'));
  const report = join(scratch, 'faults');
  try {
    const faults = rows.map((row) => {
      spawnSync('/usr/bin/time', ['-f', '%R', '-o', report, process.execPath, ...row.argv], { stdio: 'ignore' });
      return existsSync(report) ? Number(readFileSync(report, 'utf8').trim().split('\n').pop()) : NaN;
    });
    return faults.every(Number.isFinite) ? faults : undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
const faultRounds = [pageFaults(), pageFaults(), pageFaults()];

console.log(`${runs} interleaved runs on ${file}`);
rows.forEach((row, i) => {
  const faults = faultRounds.every(Boolean) ? `   page faults ${String(at(faultRounds.map((round) => round[i]), 0.5)).padStart(6)}` : '';
  console.log(`${row.label.padEnd(28)} least ${at(times[i], 0).toFixed(1).padStart(7)}   p25 ${at(times[i], 0.25).toFixed(1).padStart(7)}   median ${at(times[i], 0.5).toFixed(1).padStart(7)} ms${faults}`);
});
