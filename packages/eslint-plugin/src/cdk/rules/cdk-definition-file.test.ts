import { parse, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleTester } from '../../test-support/rule-tester.js';
import rule from './cdk-definition-file.js';

// Linted as a file of the sample CDK app, whose definitions/ folder holds the definitions.
const filename = fileURLToPath(new URL('../../../../../fixtures/cdk-app/lib/definition-test.ts', import.meta.url));
// The rule names files relative to ESLint's working folder, which the rule tester puts at the root.
const definitions = resolve(filename, '../../definitions');
const shown = (name: string) => relative(parse(filename).root, resolve(definitions, name));
const app = (body: string) => `import * as path from 'node:path';
import { Stack, aws_stepfunctions as sfn } from 'aws-cdk-lib';
export class S extends Stack {
  build() {
    ${body}
  }
}`;

ruleTester.run('cdk-definition-file', rule, {
  valid: [
    ...rule.meta.docs.examples.valid.map((code) => ({ code, filename })),
    { code: app(`return sfn.DefinitionBody.fromFile(path.join(__dirname, '../definitions/refund-flow.asl.json'));`), filename },
    // A path this file cannot compute is left alone.
    { code: app(`return sfn.DefinitionBody.fromFile(process.env.DEFINITION!);`), filename },
    { code: app(`return sfn.DefinitionBody.fromString('{}');`), filename },
  ],
  invalid: [
    ...rule.meta.docs.examples.invalid.map((code) => ({
      code,
      filename,
      errors: [
        {
          messageId: 'problems' as const,
          line: 7,
          data: {
            file: shown('order-flow.asl.json'),
            summary: '2 problems (2 errors)',
            listed:
              `${shown('order-flow.asl.json')}:7:15 no-missing-state: "Next" of state "Take order" names "Ship ordre", which is not a state at the top level, so AWS rejects the definition. Did you mean "Ship order"?; ${shown('order-flow.asl.json')}:9:5 no-unreachable-state: State "Ship order" cannot be reached from StartAt "Take order": nothing transitions to it. Remove it or add a transition to it from a reachable state`,
            more: '',
          },
        },
      ],
    })),
    {
      code: app(`return sfn.DefinitionBody.fromFile(path.join(__dirname, '..', 'definitions', 'ingest.asl.json'));`),
      filename,
      errors: [{ messageId: 'problems', line: 5, column: 40 }],
    },
    {
      code: app('const file = `${__dirname}/../definitions/order-flow.asl.json`;\n    return sfn.DefinitionBody.fromFile(file);'),
      filename,
      errors: [{ messageId: 'problems' }],
    },
    {
      code: app(`return sfn.DefinitionBody.fromFile(fileURLToPath(new URL('../definitions/order-flow.asl.json', import.meta.url)));`).replace(
        "import * as path from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
      ),
      filename,
      errors: [{ messageId: 'problems' }],
    },
    {
      code: app(`return sfn.DefinitionBody.fromFile('definitions/missing.asl.json');`),
      filename,
      errors: [{ messageId: 'unreadable', data: { file: shown('missing.asl.json'), reason: 'it does not exist' } }],
    },
    {
      // The rule's options set severities as an sfn-lint config file does.
      code: app(`return sfn.DefinitionBody.fromFile(path.join(__dirname, '..', 'definitions', 'ingest.asl.json'));`),
      filename,
      options: [{ rules: { 'require-retry': 'off', 'states-all-last': 'off' } }],
      errors: [{ messageId: 'problems', data: { file: shown('ingest.asl.json'), summary: '1 problem (1 error)', listed: `${shown('ingest.asl.json')}:23:50 no-missing-state: "Catch[0].Next" of state "Record object" names "Give up", which is not a state at the top level, so AWS rejects the definition. Name an existing state, or add a state called "Give up"`, more: '' } }],
    },
  ],
});
