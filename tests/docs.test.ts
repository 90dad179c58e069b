import { readFileSync, readdirSync } from 'node:fs';
import { lintText, renderRuleMarkdown, renderRuleTable, reservedRules } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { cdkRules, cdkRulesForDocs, renderCdkRuleMarkdown, renderCdkRuleTable } from '@sfn-lint/eslint-plugin';
import { describe, expect, it } from 'vitest';
import { docsPages } from '../scripts/docs-pages.mjs';

const all = [...rules, ...reservedRules].sort((a, b) => a.id.localeCompare(b.id));
const cdk = { rules: cdkRulesForDocs(cdkRules), renderRule: renderCdkRuleMarkdown, renderTable: renderCdkRuleTable };

describe('rule registry', () => {
  it('is sorted by id and has one file per rule', () => {
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
    const files = readdirSync(new URL('../rules/', import.meta.url))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts')
      .map((name) => name.slice(0, -3));
    expect(files.sort()).toEqual([...ids].sort());
  });

  it('uses kebab-case ids and complete metadata', () => {
    for (const rule of all) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.meta.docs.whatItDoes.length).toBeGreaterThan(10);
      expect(rule.meta.docs.why.length).toBeGreaterThan(10);
      expect(rule.docsUrl).toContain(`${rule.id}.md`);
    }
  });
});

describe('generated docs', () => {
  it('are current (run `npm run docs` when this fails)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const { files, readme: expectedReadme } = docsPages(all, renderRuleMarkdown, renderRuleTable, readme, cdk);
    expect(readme).toBe(expectedReadme);
    for (const file of files) {
      const onDisk = readFileSync(new URL(`../${file.path}`, import.meta.url), 'utf8');
      expect(onDisk, file.path).toBe(file.content);
    }
    const pages = readdirSync(new URL('../docs/rules/', import.meta.url)).filter((name) => name.endsWith('.md'));
    expect(pages.sort()).toEqual(files.map((f) => f.path.slice('docs/rules/'.length)).sort());
  });
});

describe('doc examples', () => {
  for (const rule of rules) {
    const { invalid, valid } = rule.meta.docs.examples;
    it(`${rule.id} has at least one invalid and one valid example`, () => {
      expect(invalid.length).toBeGreaterThan(0);
      expect(valid.length).toBeGreaterThan(0);
    });
    invalid.forEach((example, i) => {
      it(`${rule.id}: invalid example ${i + 1} is reported`, () => {
        const file = example.language === 'yaml' ? 'example.asl.yaml' : 'example.asl.json';
        const found = lintText(file, example.code, { rules: [rule], assumeDefinition: true, settings: example.settings }).diagnostics.filter(
          (d) => d.ruleId === rule.id,
        );
        expect(found.length).toBeGreaterThan(0);
      });
    });
    valid.forEach((example, i) => {
      it(`${rule.id}: valid example ${i + 1} is clean under every rule`, () => {
        const file = example.language === 'yaml' ? 'example.asl.yaml' : 'example.asl.json';
        const found = lintText(file, example.code, { rules, assumeDefinition: true, settings: example.settings }).diagnostics;
        expect(found.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
      });
    });
  }
});
