import type { Diagnostic, RuleDefinition } from '@sfn-lint/core';
import { displayMessage } from '@sfn-lint/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { cachedLint, engineRules } from './lint-cache.js';

export type AdapterRule = TSESLint.RuleModule<'finding', unknown[]>;

/** The ESLint settings key for sfn-lint's settings (machineType, lambdaIdempotent). */
export const SETTINGS_KEY = 'sfn-lint';

const BOM = '\uFEFF';

/**
 * One sfn-lint rule as an ESLint rule. The engine runs once per file for all of them;
 * this rule reports its own findings, with the CLI's positions and messages, and the
 * engine's fixes as ESLint fixes.
 */
function adapterRule(rule: RuleDefinition): AdapterRule {
  return {
    defaultOptions: [],
    meta: {
      type: rule.meta.category === 'document' || rule.meta.severity === 'error' ? 'problem' : 'suggestion',
      docs: { description: rule.meta.description, url: rule.docsUrl },
      fixable: rule.meta.fixable ? 'code' : undefined,
      schema: rule.meta.options ? [rule.meta.options as never] : [],
      messages: { finding: '{{message}}' },
    },
    create(context) {
      return {
        'Program:exit'() {
          const sourceCode = context.sourceCode;
          // ESLint strips a byte order mark from the text; the CLI reads it, and counts it as a column.
          const shift = sourceCode.hasBOM ? 1 : 0;
          const text = shift ? BOM + sourceCode.text : sourceCode.text;
          const options = context.options[0] as Record<string, unknown> | undefined;
          const settings = (context.settings[SETTINGS_KEY] ?? {}) as Record<string, unknown>;
          const result = cachedLint(sourceCode, {
            file: context.filename,
            text,
            settings,
            ruleOptions: options && Object.keys(options).length > 0 ? { id: rule.id, options } : undefined,
          });
          for (const diagnostic of result.diagnostics) {
            if (diagnostic.ruleId !== rule.id) continue;
            const start = result.document.lineMap.position(diagnostic.range.start);
            const end = result.document.lineMap.position(diagnostic.range.end);
            context.report({
              messageId: 'finding',
              data: { message: displayMessage(diagnostic) },
              loc: { start: { line: start.line, column: start.column - 1 }, end: { line: end.line, column: end.column - 1 } },
              fix: fixOf(diagnostic, shift),
            });
          }
        },
      };
    },
  };
}

function fixOf(diagnostic: Diagnostic, shift: number): TSESLint.ReportFixFunction | undefined {
  const edits = diagnostic.fix?.edits;
  if (!edits || edits.length === 0) return undefined;
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range.start - shift, edit.range.end - shift], edit.text));
}

/** Every sfn-lint rule, and the engine's own ids, as ESLint rules under the same ids. */
export const aslRules: Readonly<Record<string, AdapterRule>> = Object.fromEntries(engineRules.map((rule) => [rule.id, adapterRule(rule)]));
