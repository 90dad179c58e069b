// Whole-process timing of the sfn-lint CLI on generated machines, as CI and pre-commit
// run it. Prints the median of several runs per size. Run: npm run bench
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMachine } from './generate-machine.mjs';

const cli = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '100,1000,2400,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'sfn-lint-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === 2) throw new Error(`sfn-lint failed: ${result.stderr}`);
  return ms;
}

const baseline = median(Array.from({ length: runs }, () => time(['-e', '0'])));
console.log(`node start-up (node -e 0): ${baseline.toFixed(0)} ms`);
console.log('states  bytes      median ms  ms per 1,000 states');
for (const size of sizes) {
  const file = join(dir, `machine-${size}.asl.json`);
  writeFileSync(file, JSON.stringify(generateMachine(size), null, 2));
  time([cli, file]);
  const ms = median(Array.from({ length: runs }, () => time([cli, file])));
  console.log(`${String(size).padStart(6)}  ${String(statSync(file).size).padStart(9)}  ${ms.toFixed(0).padStart(9)}  ${((ms - baseline) / (size / 1000)).toFixed(0).padStart(8)}`);
}
