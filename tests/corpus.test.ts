import { lintText, type Diagnostic } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, readText } from './corpus-files.js';
import knownDefects from './corpus-known-defects.json' with { type: 'json' };

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the corpus tests are skipped.');

/** Rules that mirror what AWS accepts: on deployed workflows they must stay silent. */
const definitionRules = ['valid-definition', 'no-missing-state', 'no-unreachable-state', 'states-all-last', 'valid-path', 'valid-intrinsic', 'valid-jsonata'];

describe.skipIf(!corpusPresent)('corpus', () => {
  it('lints every file without a crash or an internal error', () => {
    const failures: string[] = [];
    for (const file of corpusFiles()) {
      const text = readText(file);
      for (const assumeDefinition of [false, true]) {
        try {
          const result = lintText(file, text, { rules, assumeDefinition });
          for (const d of result.diagnostics) if (d.ruleId === 'internal-error') failures.push(`${corpusRelative(file)}: ${d.message}`);
        } catch (error) {
          failures.push(`${corpusRelative(file)}: threw ${(error as Error).stack}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports no definition error on deployed workflows, except known true defects', () => {
    const unexpected: string[] = [];
    const known = knownDefects as Record<string, string>;
    for (const file of corpusFiles('real')) {
      const result = lintText(file, readText(file), { rules });
      if (result.machines.length === 0) continue;
      const errors = result.diagnostics.filter((d: Diagnostic) => d.severity === 'error' && definitionRules.includes(d.ruleId));
      const name = corpusRelative(file);
      if (errors.length > 0 && !(name in known)) {
        unexpected.push(...errors.map((d) => `${name}: ${d.ruleId}: ${d.message}`));
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('agrees with at least 95% of the peers\' labelled fixtures', () => {
    let agree = 0;
    const disagreements: string[] = [];
    const files = corpusFiles('peer-suites');
    for (const file of files) {
      const result = lintText(file, readText(file), { rules, assumeDefinition: true });
      const hasError = result.diagnostics.some((d) => d.severity === 'error');
      const invalid = file.includes('/invalid/');
      if (hasError === invalid) agree++;
      else disagreements.push(corpusRelative(file));
    }
    const ratio = agree / files.length;
    console.log(`peer-suites: ${agree}/${files.length} agree (${(ratio * 100).toFixed(1)}%)`);
    expect(ratio, disagreements.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
