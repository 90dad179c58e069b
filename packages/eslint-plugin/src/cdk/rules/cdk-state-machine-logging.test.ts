import { inStack, ruleTester } from '../../test-support/rule-tester.js';
import rule from './cdk-state-machine-logging.js';

const body = `definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start'))`;

ruleTester.run('cdk-state-machine-logging', rule, {
  valid: [
    ...rule.meta.docs.examples.valid,
    inStack(`const logging: sfn.LogOptions = { destination: new logs.LogGroup(this, 'Logs'), level: sfn.LogLevel.ALL, includeExecutionData: true };
new sfn.StateMachine(this, 'Machine', { ${body}, logs: logging });`),
    // What this file cannot see may hold the logs.
    inStack(`new sfn.StateMachine(this, 'Machine', { ...props, ${body} } as never);`),
    inStack(`new sfn.StateMachine(this, 'Machine', { ${body}, logs: (props as any).logs });`),
    inStack(`const level = sfn.LogLevel.ALL;
new sfn.StateMachine(this, 'Machine', { ${body}, logs: { destination: new logs.LogGroup(this, 'Logs'), level } });`),
    // Not aws-cdk-lib's StateMachine.
    `import { StateMachine } from './machines';
new StateMachine(this, 'Machine', {});`,
  ],
  invalid: [
    ...rule.meta.docs.examples.invalid.map((code) => ({ code, errors: [{ messageId: 'noLogs' as const, data: { id: 'Order flow' }, line: 5, column: 10, endColumn: 50 }] })),
    {
      code: `import { Stack } from 'aws-cdk-lib';
import { DefinitionBody, LogLevel, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
export class S extends Stack {
  readonly machine = new StateMachine(this, 'Machine', {
    definitionBody: DefinitionBody.fromChainable(new Pass(this, 'Start')),
    logs: { destination: new LogGroup(this, 'Logs'), level: LogLevel.ERROR },
  });
}`,
      errors: [{ messageId: 'lowLevel', data: { id: 'Machine', level: 'ERROR' }, line: 7, column: 61 }],
    },
    {
      code: inStack(`new sfn.StateMachine(this, 'Machine', { ${body}, logs: { destination: new logs.LogGroup(this, 'Logs') } });`),
      errors: [{ messageId: 'noLevel', data: { id: 'Machine' } }],
    },
    {
      code: inStack(`const level = sfn.LogLevel.OFF;
new sfn.StateMachine(this, 'Machine', { ${body}, logs: { destination: new logs.LogGroup(this, 'Logs'), level } });`),
      errors: [{ messageId: 'lowLevel', data: { id: 'Machine', level: 'OFF' } }],
    },
    {
      // A subclass in the same file is still a StateMachine.
      code: inStack(`new AuditedMachine(this, 'Audited', { ${body} });`, `class AuditedMachine extends sfn.StateMachine {}`),
      errors: [{ messageId: 'noLogs', data: { id: 'Audited' } }],
    },
    {
      code: `import { aws_stepfunctions as sfn, App, Stack } from 'aws-cdk-lib';
const stack = new Stack(new App(), 'S');
const props = { definitionBody: sfn.DefinitionBody.fromString('{}') };
new sfn.StateMachine(stack, 'Machine', props);`,
      errors: [{ messageId: 'noLogs', data: { id: 'Machine' } }],
    },
  ],
});
