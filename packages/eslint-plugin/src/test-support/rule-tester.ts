import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import { cdkTypesFor, requireCdkTypes } from './cdk-types.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
// The first typed case builds a program of aws-cdk-lib's declarations, which takes a while on a busy machine.
const SLOW = 180_000;
RuleTester.it = (name, fn) => it(name, fn, SLOW);
RuleTester.itOnly = (name, fn) => it.only(name, fn, SLOW);

/** A project whose files see aws-cdk-lib's real types, for the typed cases. */
export const typedRoot = fileURLToPath(new URL('./typed/', import.meta.url));

/** Rules without type information: a lone file, as an editor lints it without a tsconfig. */
export const ruleTester = new RuleTester();

/** Rules with the project's types; its cases are skipped, with a notice, where aws-cdk-lib is not installed. */
class TypedRuleTester extends RuleTester {
  override run(...args: Parameters<RuleTester['run']>): void {
    const [name] = args;
    if (!cdkTypesFor(name)) {
      describe.skip(name, () => super.run(...args));
      return;
    }
    requireCdkTypes();
    super.run(...args);
  }
}

export const typedRuleTester = new TypedRuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typedRoot } },
});

/** A stack class around the given constructor body, with the imports CDK code usually has. */
export function inStack(body: string, imports = ''): string {
  return `import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
${imports}
export class TestStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
${body
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  }
}
`;
}
