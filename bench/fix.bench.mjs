// Times --fix's work in one process: linting a definition whose every state has a fixable
// finding, then fixing it in passes, standalone and inside a YAML template's
// DefinitionString (a block scalar), where each fix is written through the string's
// layout and proved by reading it back. Run: npm run build && node bench/fix.bench.mjs [states]
import { fixInPasses, lintText } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';

const size = Number(process.argv[2] ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const fixable = rules.filter((rule) => rule.meta.fixable);

const states = {};
for (let i = 0; i < size; i++) {
  states[`S${i}`] = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `f${i}`, Payload: '$.order' },
    ...(i + 1 < size ? { Next: `S${i + 1}` } : { End: true }),
  };
}
const definition = JSON.stringify({ StartAt: 'S0', States: states }, null, 2);
const block = definition.split('\n').map((line) => `        ${line}`).join('\n');
const inputs = {
  'standalone JSON': ['machine.asl.json', definition],
  'YAML DefinitionString': ['template.yaml', `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: |\n${block}\n`],
};

console.log(`${size} states, ${2 * size} fixable findings; ms per round (first, then the best warm)`);
for (const [name, [file, text]] of Object.entries(inputs)) {
  const lints = [];
  const fixes = [];
  let summary = '';
  for (let round = 0; round < rounds; round++) {
    const source = `${text}${' '.repeat(round)}`;
    const lint = (current) => lintText(file, current, { rules: fixable });
    let start = performance.now();
    const first = lint(source);
    lints.push(performance.now() - start);
    start = performance.now();
    const fixed = fixInPasses(first, (texts) => lint(texts.get(file) ?? source));
    fixes.push(performance.now() - start);
    summary = `${fixed.applied} fixes in ${fixed.passes} passes, ${fixed.result.diagnostics.length} findings left`;
  }
  const show = (times) => `${times[0].toFixed(0)} / ${Math.min(...times.slice(1)).toFixed(0)}`;
  console.log(`${name.padEnd(22)} lint ${show(lints).padEnd(12)} fix ${show(fixes).padEnd(12)} ${summary}`);
}
