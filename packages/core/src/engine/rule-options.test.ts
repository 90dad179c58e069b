import { describe, expect, it } from 'vitest';
import { defineRule, type RuleMeta } from '../rule.js';
import { lintText } from './lint.js';

const meta: RuleMeta = {
  description: 'Reports the options it was given',
  category: 'definition',
  severity: 'warning',
  recommended: true,
  options: { type: 'object', properties: { limit: { type: 'integer' } }, additionalProperties: false },
  docs: { whatItDoes: 'Reports its options.', why: 'To test options.', examples: { invalid: [], valid: [] } },
};

const echo = defineRule({
  id: 'echo-options',
  meta,
  check(context) {
    context.report({ node: context.machine.node, message: `machine ${JSON.stringify(context.options)}` });
  },
  checkDocument(context) {
    context.report({ range: { start: 0, end: 0 }, message: `document ${JSON.stringify(context.options)}` });
  },
});

const DEFINITION = '{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }';

describe('rule options', () => {
  it('reach every check of the rule as context.options', () => {
    const result = lintText('a.asl.json', DEFINITION, { rules: [echo], ruleOptions: { 'echo-options': { limit: 3 } } });
    expect(result.diagnostics.map((d) => d.message).sort()).toEqual(['document {"limit":3}', 'machine {"limit":3}']);
  });

  it('are empty when none were given', () => {
    const result = lintText('a.asl.json', DEFINITION, { rules: [echo], ruleOptions: { other: { limit: 1 } } });
    expect(result.diagnostics.map((d) => d.message).sort()).toEqual(['document {}', 'machine {}']);
  });
});
