import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { constructHead, constructLabel } from '../construct-label.js';
import { createRule } from '../rule-creator.js';
import { onCdkFile, unwrap } from '../source.js';

const TASKS = 'aws-stepfunctions-tasks';

export default createRule({
  name: 'cdk-task-retry',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a retrier on CDK integration tasks that have none of their own',
      recommended: true,
      whatItDoes:
        'Reports a task of `aws-cdk-lib/aws-stepfunctions-tasks` (`CallAwsService`, `DynamoGetItem`, `SqsSendMessage`, `EcsRunTask` …) on which `.addRetry()` is never called, and a `LambdaInvoke` whose `retryOnServiceExceptions: false` turns off the retrier CDK adds by default when no `.addRetry()` replaces it. It follows the task through variables, `this.` fields and helper functions of the same file, and chained calls such as `new tasks.CallAwsService(…).addRetry(…)`.',
      why: 'AWS services throttle and have brief failures; without a retrier the first one fails the whole execution, and a rerun starts from the beginning. A retrier with backoff turns most of them into a short delay. Only `LambdaInvoke` gets one from CDK without asking.',
      examples: {
        invalid: [
          `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export function describeTable(scope: Construct): sfn.IChainable {
  return new tasks.CallAwsService(scope, 'Describe table', {
    service: 'dynamodb',
    action: 'describeTable',
    parameters: { TableName: 'orders' },
    iamResources: ['arn:aws:dynamodb:*:*:table/orders'],
  });
}`,
        ],
        valid: [
          `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export function describeTable(scope: Construct): sfn.IChainable {
  const describe = new tasks.CallAwsService(scope, 'Describe table', {
    service: 'dynamodb',
    action: 'describeTable',
    parameters: { TableName: 'orders' },
    iamResources: ['arn:aws:dynamodb:*:*:table/orders'],
  });
  describe.addRetry({ errors: ['DynamoDb.ThrottlingException', 'DynamoDb.InternalServerErrorException'], maxAttempts: 4 });
  return describe;
}`,
        ],
      },
      whenNotToUse: 'When a failure must reach a person at once rather than be tried again, and a Catch on the task handles it.',
    },
    messages: {
      missingRetry:
        '{{kind}} "{{id}}" has no retrier, so one throttled or briefly failing call fails the whole execution. Call .addRetry() on it for the errors that are safe to try again, with backoff',
      lambdaWithoutRetry:
        'LambdaInvoke "{{id}}" turns off retryOnServiceExceptions and adds no retrier of its own, so Lambda\'s transient service errors (Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.ClientExecutionTimeoutException) fail the execution. Remove retryOnServiceExceptions: false, or call .addRetry() for those errors',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onCdkFile(context.sourceCode, (source) => {
      const retried = new Set<TSESTree.Node>();
      for (const call of source.calls) {
        const callee = unwrap(call.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'addRetry') {
          for (const origin of source.origins(callee.object)) retried.add(origin);
        }
      }
      for (const construction of source.constructions(TASKS)) {
        // A construct takes (scope, id, props); helper classes of the module such as launch targets do not.
        if (construction.args.length < 2 || retried.has(construction.node)) continue;
        const label = constructLabel(source, construction);
        if (construction.ref.name === 'LambdaInvoke') {
          const props = source.propsOf(construction.args[2]);
          const setting = props?.property('retryOnServiceExceptions');
          const value = setting && unwrap(setting.value);
          if (value?.type === AST_NODE_TYPES.Literal && value.value === false) {
            context.report({ node: setting!, messageId: 'lambdaWithoutRetry', data: label });
          }
          continue;
        }
        context.report({ loc: constructHead(construction), messageId: 'missingRetry', data: label });
      }
    });
  },
});
