// Writes docs/rules/<id>.md and the README's rule table from rule metadata.
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { renderRuleMarkdown, renderRuleTable, reservedRules } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { cdkRules, cdkRulesForDocs, renderCdkRuleMarkdown, renderCdkRuleTable } from '@sfn-lint/eslint-plugin';
import { docsPages } from './docs-pages.mjs';

const all = [...rules, ...reservedRules].sort((a, b) => a.id.localeCompare(b.id));
const readme = readFileSync('README.md', 'utf8');
const cdk = { rules: cdkRulesForDocs(cdkRules), renderRule: renderCdkRuleMarkdown, renderTable: renderCdkRuleTable };
const { files, readme: nextReadme } = docsPages(all, renderRuleMarkdown, renderRuleTable, readme, cdk);
mkdirSync('docs/rules', { recursive: true });
const wanted = new Set(files.map((f) => f.path.slice('docs/rules/'.length)));
for (const name of readdirSync('docs/rules')) if (name.endsWith('.md') && !wanted.has(name)) rmSync(`docs/rules/${name}`);
for (const file of files) writeFileSync(file.path, file.content);
if (nextReadme !== readme) writeFileSync('README.md', nextReadme);
console.log(`Wrote ${files.length} rule pages and the README rule tables.`);
