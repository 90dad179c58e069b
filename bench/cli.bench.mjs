// sfn-lint side by side with its peers (@wmfs/statelint, asl-validator and
// amazon-states-language-service), each as its users run it:
//   (a) the whole process on generated machines of 100 to 10,000 states, and how it grows;
//       then, on 2,400 states, rounds that run every tool once each, beside `node -e 0`;
//   (b) one process over the real JSON workflows of the shared corpus: files per second;
//   (c) start-up: one small file, as a pre-commit hook runs it;
//   (d) in-process validation of the 2,400-state (1 MB) machine, warm;
//   (e) peak memory on 10,000 states.
// Times are medians of several runs; ratios are the peer's time over sfn-lint's. The targets
// are for a 2-core machine: the 1 MB machine as a whole process in under 300 ms (the median
// of the interleaved rounds), then a tighter target for each of (a) to (e).
// Run: npm run bench (installs the peers into bench/ when missing).
// BENCH_SIZES, BENCH_RUNS (sfn-lint), BENCH_PEER_RUNS and BENCH_INTERLEAVED_ROUNDS change the
// sizes and run counts.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMachine } from './generate-machine.mjs';
import { canMeasureMemory, median, medianProcess, peakMemory, timeProcess } from './measure.mjs';
import { ensurePeers, peers, sfnLint } from './peers.mjs';

const sizes = (process.env.BENCH_SIZES ?? '100,1000,2400,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const peerRuns = Number(process.env.BENCH_PEER_RUNS ?? 3);
const node = process.execPath;
const dir = mkdtempSync(join(tmpdir(), 'sfn-lint-bench-'));
const corpusReal = fileURLToPath(new URL('../../shared/corpus/real', import.meta.url));
const smallFile = fileURLToPath(new URL('../fixtures/examples/order-workflow.asl.json', import.meta.url));
const targets = [];

ensurePeers();

const ms = (value) => `${value.toFixed(0)} ms`;
const ratio = (peer, ours) => `${(peer / ours).toFixed(1)}×`;
const cell = (text, width) => String(text).padStart(width);
const target = (name, met, measured, wanted) => targets.push({ name, met, measured, wanted });

function machineFile(size) {
  const file = join(dir, `machine-${size}.asl.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateMachine(size), null, 2));
  return file;
}

const baseline = median(Array.from({ length: runs }, () => timeProcess(node, ['-e', '0']).ms));
console.log(`Node ${process.version}, node start-up (node -e 0): ${ms(baseline)}; medians of ${runs} runs for sfn-lint, ${peerRuns} for each peer\n`);

// (a) Whole process on generated machines.
console.log('(a) Whole process on generated machines (ms; in brackets: the peer\'s time over sfn-lint\'s)');
const tools = [sfnLint, ...peers];
console.log(`${'states'.padStart(6)} ${'bytes'.padStart(9)} ${tools.map((tool) => cell(tool.name, 32)).join('')}`);
// Each round times every size once, so that a slow spell of the machine (page faults here
// cost 2 µs in one minute and 14 µs in another) weighs on all sizes of a tool alike and does
// not bend its growth: timed size after size, the largest, which faults the most, could
// land alone in such a spell.
const whole = new Map(
  tools.map((tool) => {
    const files = sizes.map(machineFile);
    for (const file of files) timeProcess(node, tool.cli([file])); // warm-up: disk cache, code cache
    const times = files.map(() => []);
    for (let round = 0; round < (tool === sfnLint ? runs : peerRuns); round++) files.forEach((file, i) => times[i].push(timeProcess(node, tool.cli([file])).ms));
    return [tool.name, new Map(sizes.map((size, i) => [size, median(times[i])]))];
  }),
);
for (const size of sizes) {
  const ours = whole.get(sfnLint.name).get(size);
  const cells = tools.map((tool) => {
    const value = whole.get(tool.name).get(size);
    return cell(tool === sfnLint ? ms(value) : `${ms(value)} (${ratio(value, ours)})`, 32);
  });
  console.log(`${cell(size, 6)} ${cell(statSync(machineFile(size)).size, 9)} ${cells.join('')}`);
}
// The marginal cost, (t(b) − t(a)) / (b − a) between consecutive sizes, leaves out start-up;
// for linear growth it stays flat, so the last interval's over the first's stays near 1.
console.log('Growth: ms per 1,000 more states between consecutive sizes, and the last interval\'s slope over the first\'s (1.0 is linear)');
for (const tool of tools) {
  const times = whole.get(tool.name);
  const slopes = sizes.slice(1).map((size, i) => ({ from: sizes[i], to: size, slope: ((times.get(size) - times.get(sizes[i])) / (size - sizes[i])) * 1000 }));
  const growth = slopes.length >= 2 ? slopes[slopes.length - 1].slope / slopes[0].slope : NaN;
  const listed = slopes.map(({ from, to, slope }) => `${from}→${to}: ${slope.toFixed(0)}`).join(', ');
  console.log(`  ${tool.name.padEnd(32)} ${listed}${Number.isFinite(growth) ? `; ratio ${growth.toFixed(2)}` : ''}`);
  if (tool === sfnLint && Number.isFinite(growth)) target('(a) linear growth (slope ratio ≤ 1.5)', growth <= 1.5, growth.toFixed(2), '≤ 1.5');
}
if (sizes.includes(2400)) {
  const ours = whole.get(sfnLint.name).get(2400);
  target('(a) 2,400 states (1 MB), whole process', ours <= 200, ms(ours), '≤ 200 ms');
  interleaved(machineFile(2400));
}

// (b) One process over the real JSON workflows.
console.log('\n(b) One process over the real JSON workflows of the corpus (files per second)');
if (!existsSync(corpusReal)) {
  console.log(`  skipped: the corpus is not at ${corpusReal}`);
} else {
  const files = realWorkflows(corpusReal);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`  ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB (standalone ASL JSON: the input every peer reads)`);
  const ours = medianProcess(node, sfnLint.cli(files), runs).ms;
  const oursRate = files.length / (ours / 1000);
  console.log(`  ${'sfn-lint (one CLI process)'.padEnd(58)} ${cell(ms(ours), 9)} ${cell(oursRate.toFixed(0), 6)} files/s`);
  let fastest = 0;
  for (const peer of peers) {
    // The whole driver process: loading the library counts, as sfn-lint's start-up does.
    const { ms: peerMs, stdout } = medianProcess(node, [peer.driver, '--files', ...files], peerRuns);
    const { threw } = JSON.parse(stdout);
    const rate = files.length / (peerMs / 1000);
    fastest = Math.max(fastest, rate);
    console.log(`  ${`${peer.name} (its library, one process)`.padEnd(58)} ${cell(ms(peerMs), 9)} ${cell(rate.toFixed(0), 6)} files/s  (sfn-lint ${ratio(oursRate, rate)} as many)${threw > 0 ? `; threw on ${threw} files` : ''}`);
  }
  target('(b) files/s over the fastest peer', oursRate >= 3 * fastest, ratio(oursRate, fastest), '≥ 3×');
}

// (c) Start-up on one small file.
console.log('\n(c) Start-up: one small file (fixtures/examples/order-workflow.asl.json), as a pre-commit hook runs it');
const startup = medianProcess(node, sfnLint.cli([smallFile]), Math.max(runs, 11)).ms;
console.log(`  ${'sfn-lint'.padEnd(32)} ${cell(ms(startup), 8)}`);
for (const peer of peers) {
  const peerMs = medianProcess(node, peer.cli([smallFile]), Math.max(peerRuns, 5)).ms;
  console.log(`  ${peer.name.padEnd(32)} ${cell(ms(peerMs), 8)}  (${ratio(peerMs, startup)})`);
}
target('(c) start-up on one small file', startup <= 150, ms(startup), '≤ 150 ms');

// (d) In-process validation of the 1 MB machine, warm.
console.log('\n(d) In-process validation of the 2,400-state machine (ms: first call, then the median of the warm calls)');
const mb = machineFile(2400);
const rounds = String(Math.max(peerRuns, 5) + 1);
const inProcess = (driver) => JSON.parse(timeProcess(node, [driver, '--repeat', rounds, mb]).stdout);
const oursWarm = inProcess(sfnLint.driver);
console.log(`  ${'sfn-lint core (lintText)'.padEnd(46)} ${cell(oursWarm.cold.toFixed(0), 6)} ${cell(oursWarm.warm.toFixed(0), 6)}`);
const peerWarm = new Map();
for (const peer of peers) {
  const warm = inProcess(peer.driver);
  peerWarm.set(peer, warm);
  const what = peer.name === 'amazon-states-language-service' ? `${peer.name} (doValidation)` : peer.name;
  console.log(`  ${what.padEnd(46)} ${cell(warm.cold.toFixed(0), 6)} ${cell(warm.warm.toFixed(0), 6)}  (warm ${ratio(warm.warm, oursWarm.warm)})`);
}
// sfn-lint's own language server, driven over stdio as an editor drives it: first analysis
// after didOpen, then edit-to-diagnostics of one-character edits (bench/language-server.bench.mjs).
const lsp = JSON.parse(timeProcess(node, [fileURLToPath(new URL('./language-server.bench.mjs', import.meta.url)), '2400', '20', '--json']).stdout);
console.log(
  `  ${'sfn-lint language server (edit → diagnostics)'.padEnd(46)} ${cell(lsp.first.toFixed(0), 6)} ${cell(lsp.median.toFixed(0), 6)}  (language service warm ${ratio(peerWarm.get(peers[2]).warm, lsp.median)}; p90 ${lsp.p90.toFixed(0)} ms)`,
);
target('(d) language server, edit to diagnostics', lsp.median <= 50, ms(lsp.median), '≤ 50 ms');

// (e) Peak memory on 10,000 states.
console.log('\n(e) Peak memory (max RSS) on 10,000 states');
if (!canMeasureMemory) {
  console.log('  skipped: /usr/bin/time (GNU time) is not installed');
} else {
  const big = machineFile(10000);
  const ours = peakMemory(node, sfnLint.cli([big]));
  console.log(`  ${'sfn-lint'.padEnd(32)} ${cell(ours.toFixed(0), 5)} MB`);
  for (const peer of peers) {
    const peerMb = peakMemory(node, peer.cli([big]));
    console.log(`  ${peer.name.padEnd(32)} ${cell(peerMb.toFixed(0), 5)} MB  (${ratio(peerMb, ours)})`);
  }
  target('(e) peak memory on 10,000 states', ours < 200, `${ours.toFixed(0)} MB`, '< 200 MB');
}

console.log('\nTargets');
for (const { name, met, measured, wanted } of targets) console.log(`  ${met ? 'PASS' : 'MISS'}  ${name.padEnd(44)} ${cell(measured, 8)}  (target ${wanted})`);

/**
 * The 2,400-state machine again, each round running `node -e 0`, sfn-lint and every peer
 * once: this machine's speed changes by a third from minute to minute, and tools timed in
 * separate batches can land in different spells. Quartiles per tool, and the medians of
 * each round's ratios to sfn-lint.
 */
function interleaved(file) {
  const rounds = Number(process.env.BENCH_INTERLEAVED_ROUNDS ?? 15);
  const tools = [{ name: 'node -e 0', args: ['-e', '0'] }, { name: sfnLint.name, args: sfnLint.cli([file]) }, ...peers.map((peer) => ({ name: peer.name, args: peer.cli([file]) }))];
  // NODE_EXTRA_CA_CERTS makes every Node process parse the certificate file before any of
  // its own code runs (about 40 ms on a 2-core machine), whatever the tool. Where it is set,
  // two more rows show how much of each start it takes.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    tools.push({ name: 'node -e 0, certificates unset', args: ['-e', '0'], env }, { name: `${sfnLint.name}, certificates unset`, args: sfnLint.cli([file]), env });
  }
  const times = tools.map(() => []);
  for (let round = 0; round < rounds; round++) tools.forEach((tool, i) => times[i].push(timeProcess(node, tool.args, tool.env ? { env: tool.env } : {}).ms));
  const quartile = (values, q) => [...values].sort((a, b) => a - b)[Math.round(q * (values.length - 1))];
  console.log(`(a′) The 2,400-state machine, ${rounds} rounds of every tool once (ms: least / first quartile / median / third quartile)`);
  tools.forEach((tool, i) => {
    const spread = [0, 0.25, 0.5, 0.75].map((q) => cell(quartile(times[i], q).toFixed(0), 5)).join(' /');
    const isPeer = peers.some((peer) => peer.name === tool.name);
    const perRound = isPeer ? `  (${ratio(median(times[i].map((t, round) => t / times[1][round])), 1)} per round)` : '';
    console.log(`  ${tool.name.padEnd(36)} ${spread}${perRound}`);
  });
  if (process.env.NODE_EXTRA_CA_CERTS) console.log(`  (NODE_EXTRA_CA_CERTS is set to ${process.env.NODE_EXTRA_CA_CERTS}: every tool's rows above the last two include it)`);
  const ours = quartile(times[1], 0.5);
  target('(a′) 2,400 states (1 MB), median of the rounds', ours < 300, ms(ours), '< 300 ms');
}

/** The corpus files that are standalone ASL JSON: valid JSON whose top level has StartAt and States. */
function realWorkflows(root) {
  const found = [];
  const stack = [root];
  while (stack.length > 0) {
    const folder = stack.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.json') && isWorkflow(path)) found.push(path);
    }
  }
  return found.sort();
}

function isWorkflow(path) {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) && 'StartAt' in value && 'States' in value;
  } catch {
    return false;
  }
}
