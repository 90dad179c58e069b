import { describe, expect, it } from 'vitest';
import { lintText, type LintResult } from '../engine/lint.js';
import { defineRule, type RuleDefinition } from '../rule.js';
import { fixInPasses } from './fix-passes.js';
import { insertMember } from './edits.js';

/** Adds a Comment to each state without one, one state per pass, safe or not as told. */
function commentRule(safe: boolean): RuleDefinition {
  return defineRule({
    id: 'test-comment',
    meta: { description: 'Comment', category: 'definition', severity: 'warning', recommended: true, fixable: true, docs: { whatItDoes: '', why: '', examples: { invalid: [], valid: [] } } },
    check(context) {
      const states = context.machine.states.filter((state) => !state.node.children?.some((child) => child.key === 'Comment'));
      states.forEach((state, i) => {
        // Only the first gets a fix each time, so that fixing takes a pass per state.
        const edits = i === 0 ? insertMember(context.document, state.node, 'Comment', state.name) : undefined;
        context.report({ node: state.node, at: 'key', message: `State "${state.name}" has no Comment.`, ...(edits ? { fix: { description: 'Add a Comment', edits, safe } } : {}) });
      });
    },
  });
}

const machine = (states: number) =>
  JSON.stringify({ StartAt: 'S0', States: Object.fromEntries(Array.from({ length: states }, (_, i) => [`S${i}`, i + 1 < states ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' }])) }, null, 2);

function fix(text: string, rule: RuleDefinition, maxPasses?: number) {
  const lint = (current: string): LintResult => lintText('m.asl.json', current, { rules: [rule] });
  return fixInPasses(lint(text), (texts) => lint(texts.get('m.asl.json') ?? text), { maxPasses });
}

describe('fixInPasses', () => {
  it('fixes in passes until nothing is left, and reports what remains on the fixed text', () => {
    const fixed = fix(machine(3), commentRule(true));
    expect(fixed.passes).toBe(3);
    expect(fixed.applied).toBe(3);
    expect(fixed.result.diagnostics).toEqual([]);
    const output = fixed.changed.get('m.asl.json')!;
    expect(fixed.result.output).toBe(output);
    expect(Object.values(JSON.parse(output).States).map((state) => (state as { Comment: string }).Comment)).toEqual(['S0', 'S1', 'S2']);
  });

  it('stops after the last pass allowed', () => {
    const fixed = fix(machine(4), commentRule(true), 2);
    expect(fixed.passes).toBe(2);
    expect(fixed.result.diagnostics).toHaveLength(2);
  });

  it('leaves suggestions alone, and changes nothing then', () => {
    const fixed = fix(machine(2), commentRule(false));
    expect(fixed.changed.size).toBe(0);
    expect(fixed.result.output).toBeUndefined();
    expect(fixed.result.diagnostics).toHaveLength(2);
  });

  it('leaves a file that does not parse alone', () => {
    const broken = machine(2).replace('"Type": "Succeed"', '"Type": "Succeed",,');
    expect(fix(broken, commentRule(true)).changed.size).toBe(0);
  });

  it('leaves a template alone when a DefinitionString does not parse, even with parse-error off', () => {
    const template = (definition: string) => JSON.stringify({ Resources: { M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: definition } } } });
    const lint = (text: string): LintResult => lintText('t.json', text, { rules: [commentRule(true)], severities: { 'parse-error': 'off' } });
    const fixes = (text: string) => fixInPasses(lint(text), (texts) => lint(texts.get('t.json') ?? text));
    expect(fixes(template(machine(2))).changed.size).toBe(1);
    expect(fixes(template(machine(2).replace('"Type": "Succeed"', '"Type": "Succeed",,'))).changed.size).toBe(0);
  });
});
