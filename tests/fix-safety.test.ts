import { applyFixes, fixInPasses, lintText, pathOf, toValue, unfixable, type Diagnostic, type LintResult } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, readText } from './corpus-files.js';
import { differences } from './fix-differences.js';

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the fix safety test on real files is skipped.');

const fixable = rules.filter((rule) => rule.meta.fixable);
const lint = (file: string, text: string): LintResult => lintText(file, text, { rules: fixable });

/**
 * The documents' values, with each DefinitionString (plain, Fn::Sub or Fn::Join) replaced
 * by the definition it holds, so that a fix inside one compares as a change of the
 * definition rather than of a string.
 */
function comparable(result: LintResult): unknown[] {
  const values = result.document.roots.map((root) => toValue(root));
  for (const machine of result.templateMachines ?? []) {
    if (machine.source !== 'string' || !machine.definition || !machine.definitionProperty) continue;
    const root = result.document.roots.findIndex((candidate) => machine.template.root === candidate);
    const path = pathOf(machine.definitionProperty);
    let holder = values[Math.max(0, root)] as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    holder[path[path.length - 1]] = toValue(machine.definition);
  }
  return values;
}

/** What identifies a finding across fixes of other findings. */
const identity = (d: Diagnostic): string => `${d.ruleId} ${d.machine ?? ''} ${d.statePath?.join('/') ?? ''} ${d.message}`;
const safe = (d: Diagnostic): boolean => d.fix?.safe === true;

describe.skipIf(!corpusPresent)('--fix on the corpus', () => {
  it('gives files that parse, lint without the fixed findings, change nothing else, and fix again to themselves', () => {
    const failures: string[] = [];
    let files = 0;
    let fixes = 0;
    let embedded = 0;
    let offered = 0;
    for (const file of corpusFiles()) {
      const text = readText(file);
      const name = corpusRelative(file);
      const first = lint(file, text);
      if (unfixable(first) || !first.diagnostics.some(safe)) continue;
      offered += first.diagnostics.filter(safe).length;
      const fixed = fixInPasses(first, (texts) => lint(file, texts.get(file) ?? text));
      const output = fixed.changed.get(file);
      if (output === undefined) {
        failures.push(`${name}: safe fixes were offered, but none went in`);
        continue;
      }
      files++;
      fixes += fixed.applied;
      const machinesWithStrings = new Set(first.templateMachines?.filter((m) => m.source === 'string').map((m) => m.label));
      embedded += first.diagnostics.filter((d) => safe(d) && d.machine !== undefined && machinesWithStrings.has(d.machine)).length;

      const after = lint(file, output);
      if (unfixable(after)) failures.push(`${name}: the fixed text does not parse`);
      const remaining = new Set(after.diagnostics.map(identity));
      for (const d of first.diagnostics.filter(safe)) if (remaining.has(identity(d))) failures.push(`${name}: still reported: ${d.ruleId} at ${d.statePath?.join('/')}`);
      if (after.diagnostics.some(safe)) failures.push(`${name}: safe fixes remain after ${fixed.passes} passes`);

      const before = comparable(first);
      const now = comparable(after);
      if (before.length !== now.length) failures.push(`${name}: ${before.length} documents became ${now.length}`);
      else before.forEach((value, i) => failures.push(...differences(value, now[i]).map((d) => `${name} (document ${i + 1}): ${d}`)));

      const again = fixInPasses(after, (texts) => lint(file, texts.get(file) ?? output));
      if (again.changed.size > 0 || applyFixes(output, after.diagnostics.filter(safe).map((d) => d.fix!)).text !== output) failures.push(`${name}: a second fix changes the text`);
    }
    console.log(`--fix on the corpus: ${fixes} fixes (${offered} safe fixes offered at first, ${embedded} of them inside DefinitionStrings) in ${files} files`);
    expect(files).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('differences', () => {
  const retrier = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 };
  it('accepts a new Retry or one inserted retrier, and nothing else', () => {
    expect(differences({ A: { Type: 'Task' } }, { A: { Type: 'Task', Retry: [retrier] } })).toEqual([]);
    expect(differences({ Retry: [{ ErrorEquals: ['States.ALL'] }] }, { Retry: [retrier, { ErrorEquals: ['States.ALL'] }] })).toEqual([]);
    expect(differences({ A: 1 }, { A: 2 })).toHaveLength(1);
    expect(differences({ A: {} }, { A: { Retry: [{ ...retrier, MaxAttempts: 3 }] } })).toHaveLength(1);
    expect(differences({ Retry: [] }, { Retry: [{ ...retrier, ErrorEquals: ['States.ALL'] }] })).toHaveLength(1);
    expect(differences({ Catch: [] }, { Catch: [retrier] })).toHaveLength(1);
  });

  it('accepts a key that gains ".$" over a path or intrinsic call, and nothing else', () => {
    expect(differences({ P: { a: '$.x', b: 'States.Format(1)' } }, { P: { 'a.$': '$.x', 'b.$': 'States.Format(1)' } })).toEqual([]);
    expect(differences({ P: { a: 'text' } }, { P: { 'a.$': 'text' } })).toHaveLength(2);
    expect(differences({ P: { a: '$.x' } }, { P: { 'a.$': '$.y' } })).toHaveLength(2);
    expect(differences({ P: { a: '$.x', 'a.$': '$.y' } }, { P: { 'a.$': '$.x' } })).not.toEqual([]);
  });
});
