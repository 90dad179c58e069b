import plugin from '@sfn-lint/eslint-plugin';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cliFindings, eslintFindings } from './cli-json.js';
import { corpusFiles, corpusPresent, corpusRelative, corpusRoot, readText } from './corpus-files.js';

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the ESLint corpus parity test is skipped.');

/** Standalone definitions: ASL files by name, and JSON or YAML files whose text has StartAt and no template. */
function definitionFiles(): string[] {
  return corpusFiles().filter((file) => {
    if (/\.asl\.(json|ya?ml)$/i.test(file)) return true;
    if (!/\.(json|json5|ya?ml)$/i.test(file)) return false;
    const text = readText(file);
    return text.includes('StartAt') && !/AWSTemplateFormatVersion|AWS::|Resources:|"Resources"|stepFunctions:/.test(text);
  });
}

describe.skipIf(!corpusPresent)('corpus through ESLint', () => {
  it('gives the same diagnostics as the CLI for every standalone definition', async () => {
    const files = definitionFiles();
    expect(files.length).toBeGreaterThan(300);
    const cli = cliFindings(files, corpusRoot);
    // The recommended ASL config, on every file rather than *.asl.* only, as the CLI lints the files it is given.
    const [asl] = plugin.configs.recommended;
    const eslint = new ESLint({ cwd: corpusRoot, overrideConfigFile: true, overrideConfig: [{ ...asl, files: ['**/*.json', '**/*.json5', '**/*.yaml', '**/*.yml'] }] as never });
    const differences: string[] = [];
    let findings = 0;
    for (const file of files) {
      const [result] = await eslint.lintText(readText(file), { filePath: file });
      const expected = cli.get(file) ?? [];
      const actual = eslintFindings(result);
      findings += actual.length;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`${corpusRelative(file)}:\n  ESLint ${JSON.stringify(actual)}\n  CLI    ${JSON.stringify(expected)}`);
    }
    expect(differences).toEqual([]);
    expect(findings).toBeGreaterThan(100);
  }, 600_000);
});
