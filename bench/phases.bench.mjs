// In one process, times each phase of linting a generated machine: parse, model, and
// every rule, on the first (cold) run and on warm runs. Shows where a whole-process
// run spends its time. Run: npm run build && node bench/phases.bench.mjs [states]
import { buildMachine, parseDocument, ScopeGraph } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { generateMachine } from './generate-machine.mjs';

const size = Number(process.argv[2] ?? 2400);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const text = JSON.stringify(generateMachine(size), null, 2);

const rows = new Map();
const record = (name, ms) => {
  if (!rows.has(name)) rows.set(name, []);
  rows.get(name).push(ms);
};
const time = (name, body) => {
  const start = performance.now();
  const result = body();
  record(name, performance.now() - start);
  return result;
};

for (let round = 0; round < rounds; round++) {
  // A fresh string each round, so nothing is cached by identity.
  const document = time('parse', () => parseDocument('machine.asl.json', `${text}${' '.repeat(round)}`));
  const machine = time('model', () => buildMachine(document, document.roots[0]));
  const graphs = new Map();
  const graph = (scope) => {
    let found = graphs.get(scope);
    if (!found) graphs.set(scope, (found = new ScopeGraph(scope)));
    return found;
  };
  for (const rule of rules) {
    const context = { document, settings: {}, options: {}, machine, graph, report() {} };
    time(rule.id, () => {
      rule.check?.(context);
      rule.checkDocument?.(context);
    });
  }
}

console.log(`${size} states, ${text.length} bytes; ms per phase: cold run, then the median and the least of the warm runs`);
const sorted = [...rows].sort((a, b) => b[1][0] - a[1][0]);
for (const [name, values] of sorted) {
  const warm = values.slice(1).sort((a, b) => a - b);
  const median = warm.length > 0 ? warm[Math.floor(warm.length / 2)] : NaN;
  const least = warm.length > 0 ? warm[0] : NaN;
  console.log(`${name.padEnd(28)} ${values[0].toFixed(1).padStart(7)} ${median.toFixed(1).padStart(7)} ${least.toFixed(1).padStart(7)}`);
}
