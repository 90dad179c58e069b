import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatKeyPath, parseConfig, type ConfigValidator } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../packages/core/src/config/config-validator.generated.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

interface Example {
  readonly where: string;
  /** The config file name the fence names, which picks JSON or YAML. */
  readonly file: string;
  readonly text: string;
}

/** Fenced blocks whose info string names a config file: ```yaml sfn-lint.config.yaml */
function configExamples(path: string): Example[] {
  const text = readFileSync(join(root, path), 'utf8');
  const examples: Example[] = [];
  const fence = /^```\w*[ \t]+(sfn-lint\.config\.(?:json|ya?ml))[ \t]*\n([\s\S]*?)^```/gm;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    const line = text.slice(0, match.index).split('\n').length;
    examples.push({ where: `${path}:${line}`, file: match[1], text: match[2] });
  }
  return examples;
}

const examples = ['README.md', ...markdownFiles('docs')].flatMap(configExamples);

describe('config examples in the docs', () => {
  it('are found: the README shows one in YAML and one in JSON', () => {
    const inReadme = examples.filter((example) => example.where.startsWith('README.md:')).map((example) => example.file);
    expect(inReadme).toEqual(['sfn-lint.config.yaml', 'sfn-lint.config.json']);
  });

  it('are found on every page of a rule that can be configured, with options where the rule takes some', () => {
    for (const rule of rules) {
      const onPage = examples.filter((example) => example.where.startsWith(`docs/rules/${rule.id}.md:`));
      expect(onPage.length, rule.id).toBe(rule.meta.options ? 2 : 1);
    }
  });

  for (const example of examples) {
    it(`${example.where} is valid against the config schema`, () => {
      const parsed = parseConfig(example.file, example.text, { validate: validateConfig as ConfigValidator, rules });
      expect(parsed.problems.map((p) => `${formatKeyPath(p.path)}: ${p.message}`)).toEqual([]);
    });
  }

  it('leave no YAML block that looks like a config unmarked', () => {
    // A fence that looks like a config but is not marked as one would escape the test above.
    for (const path of ['README.md', ...markdownFiles('docs')]) {
      const text = readFileSync(join(root, path), 'utf8');
      const unmarked = /^```ya?ml\n(?:#[^\n]*\n)*rules:/m.test(text);
      expect(unmarked, `${path} has a config example without "sfn-lint.config.yaml" after the fence`).toBe(false);
    }
  });
});
