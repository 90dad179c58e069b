import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic, SeveritySetting } from '@sfn-lint/core';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { createRule } from '../rule-creator.js';
import { lintDefinitionFile } from '../definition-lint.js';
import { pathText } from '../definition-path.js';
import { onCdkFile, unwrap } from '../source.js';
import { SETTINGS_KEY } from '../../asl/adapter-rules.js';

/** How many of a file's problems the message lists; the rest are counted. */
const LISTED = 3;

type Options = [{ rules?: Record<string, SeveritySetting | 'warn'> }];

export default createRule<Options, 'problems' | 'unreadable'>({
  name: 'cdk-definition-file',
  meta: {
    type: 'problem',
    docs: {
      description: 'Run sfn-lint on the definition file that DefinitionBody.fromFile reads',
      recommended: true,
      whatItDoes:
        'Runs the full sfn-lint analysis (the recommended rules, as `sfn-lint FILE` does) on the file that `sfn.DefinitionBody.fromFile(path)` names, and reports on the call how many problems it has, with the first few as `file:line:column rule-id message`, which editors and terminals open at the place. The path may be a literal (relative to the CDK app, the folder with `cdk.json`), or built with `path.join(__dirname, …)`, `path.resolve`, a template literal or `new URL(…, import.meta.url)`. A file that does not exist is reported too, as `cdk synth` would fail.',
      why: 'A definition kept in its own file is checked by nobody until it is deployed, and the CDK code that uses it is where a reviewer looks. The summary puts its problems next to the code that ships it.',
      examples: {
        invalid: [
          `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export function orderFlow(scope: Construct): sfn.StateMachine {
  // order-flow.asl.json names a state that does not exist.
  return new sfn.StateMachine(scope, 'Order flow', {
    definitionBody: sfn.DefinitionBody.fromFile('definitions/order-flow.asl.json'),
  });
}`,
        ],
        valid: [
          `import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export function orderFlow(scope: Construct): sfn.StateMachine {
  return new sfn.StateMachine(scope, 'Order flow', {
    definitionBody: sfn.DefinitionBody.fromFile('definitions/refund-flow.asl.json'),
  });
}`,
        ],
      },
    },
    messages: {
      problems: '{{file}} has {{summary}}: {{listed}}{{more}}',
      unreadable: 'DefinitionBody.fromFile reads {{file}}, but {{reason}}, so cdk synth will fail',
    },
    schema: [
      {
        type: 'object',
        properties: {
          rules: {
            type: 'object',
            description: 'Severities of sfn-lint rules for the definition file, as in an sfn-lint config file',
            additionalProperties: { type: 'string', enum: ['off', 'info', 'warn', 'warning', 'error'] },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const severities = Object.fromEntries(Object.entries(options.rules ?? {}).map(([id, value]) => [id, value === 'warn' ? 'warning' : value])) as Record<string, SeveritySetting>;
    const settings = (context.settings[SETTINGS_KEY] ?? {}) as Record<string, unknown>;
    return onCdkFile(context.sourceCode, (source) => {
      for (const call of source.calls) {
        const ref = source.refOf(unwrap(call.callee));
        if (ref?.module !== 'aws-stepfunctions' || ref.name !== 'DefinitionBody.fromFile' || !call.arguments[0]) continue;
        const argument = call.arguments[0];
        const written = pathText(source, argument, context.filename);
        if (written === undefined) continue;
        const file = isAbsolute(written) ? written : resolve(appFolder(context.filename, context.cwd), written);
        const shown = relative(context.cwd, file) || file;
        const linted = lintDefinitionFile(file, severities, settings);
        if (!linted.ok) {
          context.report({ node: argument, messageId: 'unreadable', data: { file: shown, reason: linted.reason } });
          continue;
        }
        const results = [linted.result, ...(linted.result.included ?? [])];
        const located = results.flatMap((result) => result.diagnostics.map((problem) => ({ problem, at: result.document.lineMap.position(problem.range.start) })));
        const problems = located.map(({ problem }) => problem);
        if (problems.length === 0) continue;
        const listed = located
          .slice(0, LISTED)
          .map(({ problem, at }) => `${relative(context.cwd, problem.file) || problem.file}:${at.line}:${at.column} ${problem.ruleId}: ${problem.message.replace(/\.$/, '')}`)
          .join('; ');
        const more = problems.length > LISTED ? `; and ${problems.length - LISTED} more (lint the file to see them all)` : '';
        context.report({ node: argument, messageId: 'problems', data: { file: shown, summary: summary(problems), listed, more } });
      }
    });
  },
});

function summary(problems: readonly Diagnostic[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const infos = problems.length - errors - warnings;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'note')].filter(Boolean).join(', ');
  return `${plural(problems.length, 'problem')} (${counts})`;
}

function plural(count: number, noun: string): string {
  return count === 0 ? '' : `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Where `cdk synth` runs the app, which is what a relative path in fromFile is relative to:
 * the nearest folder above the source with a cdk.json, else ESLint's working folder.
 */
function appFolder(sourceFile: string, cwd: string): string {
  for (let folder = dirname(sourceFile); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'cdk.json'))) return folder;
    if (dirname(folder) === folder) return cwd;
  }
}
