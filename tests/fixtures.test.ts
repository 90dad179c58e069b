import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { LineMap, lintText } from '@sfn-lint/core';
import { rules, rulesById } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';

const root = new URL('../fixtures/', import.meta.url);

/** Settings a rule's fixtures are written for; the valid ones must also be clean without them. */
const FOLDER_SETTINGS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'express-unsupported': { machineType: 'EXPRESS' },
};

function findings(name: string, text: string, settings?: Readonly<Record<string, unknown>>): string[] {
  const lines = new LineMap(text);
  return lintText(name, text, { rules, settings, assumeDefinition: true }).diagnostics.map((d) => {
    const start = lines.position(d.range.start);
    return `${d.ruleId} ${start.line}:${start.column} ${d.message}`;
  });
}

// fixtures/examples holds whole sample workflows, fixtures/templates whole templates and fixtures/cdk-app a CDK app
// for the ESLint plugin, not cases of one rule.
const ids = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'examples' && entry.name !== 'templates' && entry.name !== 'cdk-app')
  .map((entry) => entry.name)
  .sort();

describe.each(ids)('fixtures/%s', (id) => {
  const files = (kind: 'valid' | 'invalid'): string[] => {
    const folder = new URL(`${id}/${kind}/`, root);
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };
  const read = (kind: 'valid' | 'invalid', name: string): string => readFileSync(new URL(`${id}/${kind}/${name}`, root), 'utf8');
  const settings = FOLDER_SETTINGS[id];

  it.each(files('valid'))('valid/%s is clean under every rule', (name) => {
    const text = read('valid', name);
    expect(findings(name, text)).toEqual([]);
    if (settings) expect(findings(name, text, settings)).toEqual([]);
  });

  it.each(files('invalid'))(`invalid/%s is reported by ${id}`, (name) => {
    expect(rulesById.has(id), `no rule is registered as "${id}"`).toBe(true);
    const found = findings(name, read('invalid', name), settings).filter((finding) => finding.startsWith(`${id} `));
    expect(found.length).toBeGreaterThan(0);
  });
});
