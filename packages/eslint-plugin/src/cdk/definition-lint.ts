import { readFileSync, statSync } from 'node:fs';
import type { LintResult, SeveritySetting } from '@sfn-lint/core';
import { lintText } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { readRelated } from '../related-files.js';

/** The recommended set, as the CLI runs it without a config file. */
const recommended: Readonly<Record<string, SeveritySetting>> = Object.fromEntries(rules.filter((rule) => !rule.meta.recommended).map((rule) => [rule.id, 'off']));

const cache = new Map<string, { readonly stamp: string; readonly result: LintResult }>();

export type DefinitionLint = { readonly ok: true; readonly result: LintResult } | { readonly ok: false; readonly reason: string };

/**
 * The full sfn-lint analysis of a definition file, as `sfn-lint FILE` with no config file
 * reports it. Cached by path, size and modification time: an editor lints the same CDK
 * file on every keystroke.
 */
export function lintDefinitionFile(file: string, severities: Readonly<Record<string, SeveritySetting>>, settings: Readonly<Record<string, unknown>>): DefinitionLint {
  let stamp: string;
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, reason: 'it is not a file' };
    stamp = `${stat.size}:${stat.mtimeMs}:${JSON.stringify(severities)}:${JSON.stringify(settings)}`;
    const cached = cache.get(file);
    if (cached?.stamp === stamp) return { ok: true, result: cached.result };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : String(error) };
  }
  const result = lintText(file, text, { rules, severities: { ...recommended, ...severities }, settings, assumeDefinition: true, readRelated });
  cache.set(file, { stamp, result });
  return { ok: true, result };
}
