import { defineRule, literalByName, literalContainer, pathLike, type DocNode } from '@sfn-lint/core';

/** A value for a message: quoted, and cut short when long. */
function quote(text: string): string {
  return JSON.stringify(text.length <= 60 ? text : `${text.slice(0, 59)}…`);
}

interface Finding {
  readonly node: DocNode;
  /** `key` for a `.$` key, `value` for a value that looks like a path. */
  readonly at: 'key' | 'value';
}

/** `.$` keys and path-like string values anywhere in a Result, in source order. */
function findings(result: DocNode): Finding[] {
  const found: Finding[] = [];
  const stack: DocNode[] = [result];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'string') {
      const text = node.value as string;
      if (pathLike(text) && !(node.key !== undefined && literalByName(node.key, text))) found.push({ node, at: 'value' });
      continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child.key?.endsWith('.$') && child.key.length > 2) found.push({ node: child, at: 'key' });
      else if (!literalContainer(child.key)) stack.push(child);
    }
  }
  return found.sort((a, b) => (a.node.keyRange ?? a.node.range).start - (b.node.keyRange ?? b.node.range).start);
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export default defineRule({
  id: 'no-path-in-static-result',
  meta: {
    description: 'Disallow paths, intrinsic calls and ".$" keys in a Pass state\'s static Result',
    category: 'definition',
    severity: 'warning',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports, in the `Result` of a JSONPath-mode Pass state, every key ending in `.$` and every string that looks ' +
        'like a path (`$.order`, `$$.Execution.Id`) or an intrinsic function call (`States.Format(…)`), at any depth. ' +
        'This is the check AWS\'s validator calls PASS_RESULT_IS_STATIC.',
      why:
        '`Result` is output exactly as written: Step Functions evaluates no path, function or `.$` key in it. A Pass state ' +
        'meant to reshape its input with `Result` outputs the key "order.$" and the text "$.order" instead. Use ' +
        '`Parameters` with `.$` keys to build the output from the input, or, in a JSONata state, `Output`.',
      examples: {
        invalid: [
          {
            title: 'Result is static: the output holds the key "id.$" and the text "$$.Execution.Id".',
            code: pretty({
              StartAt: 'Prepare',
              States: {
                Prepare: { Type: 'Pass', Result: { 'id.$': '$.order.id', run: '$$.Execution.Id' }, ResultPath: '$.prepared', End: true },
              },
            }),
          },
        ],
        valid: [
          {
            code: pretty({
              StartAt: 'Prepare',
              States: {
                Prepare: { Type: 'Pass', Parameters: { 'id.$': '$.order.id', 'run.$': '$$.Execution.Id', source: 'orders' }, ResultPath: '$.prepared', Next: 'Defaults' },
                Defaults: { Type: 'Pass', Result: { retries: 3, currency: 'USD', price: '$5' }, ResultPath: '$.defaults', End: true },
              },
            }),
          },
        ],
      },
      whenNotToUse:
        'When the output really is meant to hold JSONPath text, for example a template that a later task passes on to ' +
        'a service that evaluates it. Values under keys ending in "Path", "Paths" or "Filter", `${Placeholder}` values, ' +
        'prices such as "$.99" and strings with spaces are never reported.',
    },
  },
  check(context) {
    for (const state of context.machine.states) {
      // A JSONata state may not have Result at all; valid-definition says so.
      if (state.kind !== 'Pass' || state.queryLanguage !== 'JSONPath' || !state.result) continue;
      const remedy = 'Use "Parameters" with keys ending in ".$" to build the output from the input (in a JSONata state, "Output").';
      for (const finding of findings(state.result)) {
        const { node } = finding;
        const message =
          finding.at === 'key'
            ? `"${node.key}" in the Result of Pass state "${state.name}" ends in ".$", but Result is static: the state outputs the key "${node.key}" as written and evaluates nothing. ${remedy}`
            : `The Result of Pass state "${state.name}" holds ${quote(node.value as string)}, which looks like a ${pathLike(node.value as string) === 'path' ? 'path' : 'function call'}, but Result is static: the state outputs the literal text. ${remedy}`;
        context.report({ node, at: finding.at, state, message });
      }
    }
  },
});
