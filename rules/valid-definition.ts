import { defineRule, nodeAt, parseResource, validateDefinitionNode, type DocNode, type Range } from '@sfn-lint/core';

/** The deepest node that exists along a path, with how many steps were found. */
function deepestNode(root: DocNode, path: readonly (string | number)[]): { node: DocNode; complete: boolean } {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const next = nodeAt(node, [path[i]]);
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

/**
 * Where an issue points. A whole object or array is too large a mark: an issue about a
 * container (a missing field, say) marks the property name that holds it, or else its
 * opening bracket.
 */
function issueRange(node: DocNode, at: 'key' | 'value', complete: boolean): Range {
  if (at === 'key' && complete && node.keyRange) return node.keyRange;
  if (node.kind === 'object' || node.kind === 'array') {
    return node.keyRange ?? { start: node.range.start, end: node.range.start + 1 };
  }
  return node.range;
}

export default defineRule({
  id: 'valid-definition',
  meta: {
    description: 'Require a definition that AWS accepts: fields, types, ranges and query-language rules of the spec',
    category: 'definition',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Checks the definition against the Amazon States Language: which fields each state type allows in each query ' +
        'language (JSONPath or JSONata), required fields, value types and ranges, mutually exclusive fields, Retry and ' +
        'Catch entries, Distributed Map settings, state names of 1 to 80 characters, unique across the whole machine. ' +
        'Substitution placeholders such as `${OrderFunctionArn}` are accepted wherever a substituted value could stand.',
      why:
        'AWS rejects a definition that breaks the spec when you deploy it, often far from where you wrote it. Each ' +
        'finding points at the exact field, says what is wrong and what to write instead.',
      examples: {
        invalid: [
          {
            title: 'A Fail state cannot have Next; TimeoutSeconds must be a positive integer.',
            code:
              '{\n  "StartAt": "Call",\n  "States": {\n    "Call": {\n      "Type": "Task",\n      "Resource": "arn:aws:states:::lambda:invoke",\n' +
              '      "TimeoutSeconds": "ten",\n      "Next": "Stop"\n    },\n    "Stop": { "Type": "Fail", "Next": "Call" }\n  }\n}',
          },
        ],
        valid: [
          {
            code:
              '{\n  "StartAt": "Call",\n  "States": {\n    "Call": {\n      "Type": "Task",\n      "Resource": "arn:aws:states:::lambda:invoke",\n' +
              '      "Arguments": { "FunctionName": "${WorkerArn}" },\n      "QueryLanguage": "JSONata",\n      "TimeoutSeconds": 10,\n' +
              '      "Retry": [{ "ErrorEquals": ["States.ALL"], "MaxAttempts": 2 }],\n      "Next": "Stop"\n    },\n' +
              '    "Stop": { "Type": "Fail", "Error": "Stopped" }\n  }\n}',
          },
        ],
      },
    },
  },
  check(context) {
    const { root } = context.machine;
    for (const issue of validateDefinitionNode(root)) {
      const { node, complete } = deepestNode(root, issue.path);
      context.report({ range: issueRange(node, issue.at, complete), node, message: issue.message });
    }
    for (const limit of context.machine.limits) context.report({ node: limit.node, message: limit.message });
    // The schema checks that a Resource is a string; the integration catalog knows which
    // strings are resources at all (a Lambda ARN with an empty qualifier, say).
    for (const state of context.machine.states) {
      if (state.kind !== 'Task' || state.resource?.kind !== 'string') continue;
      const resource = parseResource(state.resource);
      if (resource.kind === 'invalid') {
        context.report({ node: state.resource, message: `The Resource of Task state "${state.name}" is not valid: ${resource.reason}` });
      }
    }
  },
});
