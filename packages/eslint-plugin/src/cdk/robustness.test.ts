import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cdkRules } from './index.js';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    plugins: { 'sfn-lint': { rules: cdkRules as never } },
    languageOptions: { parser: tsParser as never },
    rules: Object.fromEntries(Object.keys(cdkRules).map((id) => [`sfn-lint/${id}`, 'error'])),
  },
];

/** Code that is odd, circular or wrong on purpose: the rules must neither throw nor loop. */
const oddities = [
  '',
  `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';\nnew sfn.StateMachine();`,
  `import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';\nnew tasks.CallAwsService(...args);\nnew tasks[name](this, 'x', {});\nnew (tasks.CallAwsService)(this, 'y', null);`,
  `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';\nlet a = b; let b = a;\nnew sfn.StateMachine(this, 'M', a);\na.addRetry();`,
  `import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';\nfunction f(x: any): any { return f(x); }\nf(new tasks.CallAwsService(this, 'T', f({}))).addRetry();`,
  `import * as iam from 'aws-cdk-lib/aws-iam';\nimport * as sfn from 'aws-cdk-lib/aws-stepfunctions';\nconst m = new sfn.StateMachine(this, 'M', { role: m.role });\nm.addToRolePolicy(new iam.PolicyStatement({ actions: [...actions, '*'], resources: [...'*'] }));\nm.role.addToPolicy();`,
  `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';\nsfn.DefinitionBody.fromFile();\nsfn.DefinitionBody.fromFile(path.join());\nsfn.DefinitionBody.fromFile('/');\nsfn.DefinitionBody.fromFile(\`\${x}.json\`);\nsfn.DefinitionBody.fromFile('\\u0000');`,
  `import { aws_stepfunctions } from 'aws-cdk-lib';\nclass A extends B { static { this.x = this.x; } x = this.x; m() { return this.m(); } }\nnew aws_stepfunctions.StateMachine(this, 'M', { logs: { level: aws_stepfunctions.LogLevel[level] } });`,
  `import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';\nconst o = { ...o, integrationPattern: o.integrationPattern };\nnew tasks.SqsSendMessage(this, 'S', o);`,
];

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.') ? [] : typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('CDK rules on any code', () => {
  it('never throw on odd or circular code', () => {
    const linter = new Linter();
    for (const code of oddities) {
      const messages = linter.verify(code, config, join(repository, 'fixtures/cdk-app/lib/odd.ts'));
      expect(messages.filter((m) => m.fatal && !m.message.startsWith('Parsing error')), code).toEqual([]);
    }
  });

  it('never throw on this repository\'s own TypeScript', () => {
    const linter = new Linter();
    const files = ['packages/eslint-plugin', 'rules', 'fixtures'].flatMap((folder) => typescriptFiles(join(repository, folder)));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) linter.verify(readFileSync(file, 'utf8'), config, file);
  });
});
