import { createRule } from '../rule-creator.js';
import { constructLabel } from '../construct-label.js';
import { onCdkFile } from '../source.js';

const TIMEOUTS = ['taskTimeout', 'heartbeatTimeout', 'timeout', 'heartbeat'];

export default createRule({
  name: 'cdk-task-token-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a taskTimeout or heartbeatTimeout on CDK tasks that wait for a task token',
      recommended: true,
      whatItDoes:
        'Reports a task of `aws-cdk-lib/aws-stepfunctions-tasks` built with `integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN` and none of `taskTimeout`, `heartbeatTimeout` (or the deprecated `timeout` and `heartbeat`). The props may come through a variable or a spread of a known object.',
      why: 'Such a task waits until someone calls SendTaskSuccess or SendTaskFailure with its token. If the worker crashes or the message is lost, nobody ever does, and the execution waits as long as it may run: a year for a Standard workflow. A heartbeat notices a dead worker early; both raise States.Timeout, which a retrier or catcher can handle.',
      examples: {
        invalid: [
          `import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function askForApproval(scope: Construct, queue: sqs.IQueue): tasks.SqsSendMessage {
  return new tasks.SqsSendMessage(scope, 'Ask for approval', {
    queue,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
  });
}`,
        ],
        valid: [
          `import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function askForApproval(scope: Construct, queue: sqs.IQueue): tasks.SqsSendMessage {
  return new tasks.SqsSendMessage(scope, 'Ask for approval', {
    queue,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
    taskTimeout: sfn.Timeout.duration(Duration.days(2)),
    heartbeatTimeout: sfn.Timeout.duration(Duration.hours(1)),
  });
}`,
        ],
      },
    },
    messages: {
      noTimeout:
        '{{kind}} "{{id}}" waits for a task token with no taskTimeout or heartbeatTimeout: if the token never comes back, the execution waits until it times out itself, a year for a Standard workflow. Add taskTimeout (and heartbeatTimeout for long waits)',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onCdkFile(context.sourceCode, (source) => {
      for (const construction of source.constructions('aws-stepfunctions-tasks')) {
        const props = source.propsOf(construction.args[2]);
        const pattern = props?.property('integrationPattern');
        if (!props || !pattern || props.open) continue;
        const ref = source.refOf(pattern.value);
        if (ref?.module !== 'aws-stepfunctions' || ref.name !== 'IntegrationPattern.WAIT_FOR_TASK_TOKEN') continue;
        if (TIMEOUTS.some((key) => props.property(key))) continue;
        context.report({ node: pattern, messageId: 'noTimeout', data: constructLabel(source, construction) });
      }
    });
  },
});
