// In-process timing of @sfn-lint/eslint-plugin, warm: the ASL rules through ESLint against
// the engine alone on the same machines (the adapter runs the engine once per file for all
// its rules, so the two should be close), and the CDK rules on generated stacks of N tasks.
// Run: npm run build && node bench/eslint-plugin.bench.mjs
import { lintText } from '@sfn-lint/core';
import plugin from '@sfn-lint/eslint-plugin';
import { rules } from '@sfn-lint/rules';
import { Linter } from 'eslint';
import { generateMachine } from './generate-machine.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(body) {
  body();
  return median(
    Array.from({ length: runs }, () => {
      const start = process.hrtime.bigint();
      body();
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
}

const linter = new Linter();
const recommended = plugin.configs.recommended;

console.log('ASL through ESLint (configs.recommended) against the engine alone');
console.log('states  engine ms  eslint ms');
for (const size of [100, 1000, 2400]) {
  const text = JSON.stringify(generateMachine(size), null, 2);
  const engine = time(() => lintText('bench.asl.json', text, { rules, assumeDefinition: true }));
  const eslint = time(() => linter.verify(text, recommended, 'bench.asl.json'));
  console.log(`${String(size).padStart(6)}  ${engine.toFixed(1).padStart(9)}  ${eslint.toFixed(1).padStart(9)}`);
}

/** A stack of N CallAwsService tasks made by a helper, every other one retried, in one machine. */
function cdkStack(count) {
  const lines = [
    "import { Stack } from 'aws-cdk-lib';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';",
    "import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';",
    'const describe = (scope: Stack, id: string) =>',
    "  new tasks.CallAwsService(scope, id, { service: 'dynamodb', action: 'describeTable', parameters: { TableName: id }, iamResources: ['*'] });",
    'export class Big extends Stack {',
    '  build() {',
    "    let chain: sfn.Chain = sfn.Chain.start(new sfn.Pass(this, 'Start'));",
  ];
  for (let i = 0; i < count; i++) {
    lines.push(`    const task${i} = describe(this, 'Task ${i}');`);
    if (i % 2 === 0) lines.push(`    task${i}.addRetry({ maxAttempts: 3 });`);
    lines.push(`    chain = chain.next(task${i});`);
  }
  lines.push("    const machine = new sfn.StateMachine(this, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(chain) });");
  lines.push("    machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: ['*'] }));", '  }', '}');
  return lines.join('\n');
}

console.log('\nCDK rules (configs.recommended, no type information) on one generated stack');
console.log(' tasks  lines  ms');
for (const size of [10, 100, 1000]) {
  const code = cdkStack(size);
  const ms = time(() => linter.verify(code, recommended, 'stack.ts'));
  console.log(`${String(size).padStart(6)}  ${String(code.split('\n').length).padStart(5)}  ${ms.toFixed(1)}`);
}
