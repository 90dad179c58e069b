import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { constructHead, constructLabel } from '../construct-label.js';
import { createRule } from '../rule-creator.js';
import { onCdkFile } from '../source.js';

const STATE_MACHINE = new Set(['StateMachine']);

export default createRule({
  name: 'cdk-state-machine-logging',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require CDK state machines to log ALL events',
      recommended: true,
      whatItDoes:
        'Reports `new sfn.StateMachine(…)` without `logs`, with `logs` but no `level` (CDK then logs ERROR events only), or with a `level` other than `LogLevel.ALL`.',
      why: 'Execution history is kept for 90 days for Standard workflows and not at all for Express ones. Without logs at level ALL, the input and output of each state, which is what you need to understand a failed or wrong execution, is gone or was never recorded.',
      examples: {
        invalid: [
          `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export function orderFlow(scope: Construct, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, 'Order flow', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
  });
}`,
        ],
        valid: [
          `import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export function orderFlow(scope: Construct, definition: sfn.IChainable): sfn.StateMachine {
  return new sfn.StateMachine(scope, 'Order flow', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    logs: { destination: new logs.LogGroup(scope, 'Order flow logs'), level: sfn.LogLevel.ALL },
  });
}`,
        ],
      },
      whenNotToUse: 'When the states handle data that must not be written to CloudWatch Logs; then log at ERROR with includeExecutionData: false, and turn this rule off for that machine.',
    },
    messages: {
      noLogs: 'State machine "{{id}}" has no logs, so its executions leave no trace beyond the execution history. Add logs: { destination: a LogGroup, level: sfn.LogLevel.ALL }',
      noLevel: 'The logs of state machine "{{id}}" have no level, so CDK logs ERROR events only. Add level: sfn.LogLevel.ALL',
      lowLevel: 'State machine "{{id}}" logs at {{level}}, so the input and output of each state are not recorded. Use sfn.LogLevel.ALL',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onCdkFile(context.sourceCode, (source) => {
      for (const construction of source.constructions('aws-stepfunctions', STATE_MACHINE)) {
        const label = constructLabel(source, construction);
        const props = source.propsOf(construction.args[2]);
        if (!props) continue;
        const logs = props.property('logs');
        if (!logs) {
          if (!props.open) context.report({ loc: constructHead(construction), messageId: 'noLogs', data: label });
          continue;
        }
        const logProps = source.propsOf(logs.value);
        if (!logProps) continue;
        const level = logProps.property('level');
        if (!level) {
          if (!logProps.open) context.report({ node: logs, messageId: 'noLevel', data: label });
          continue;
        }
        const ref = source.refOf(level.value);
        const name = ref?.module === 'aws-stepfunctions' && ref.name.startsWith('LogLevel.') ? ref.name.slice('LogLevel.'.length) : undefined;
        if (name && name !== 'ALL') context.report({ node: level.value.type === AST_NODE_TYPES.Identifier ? level : level.value, messageId: 'lowLevel', data: { ...label, level: name } });
      }
    });
  },
});
