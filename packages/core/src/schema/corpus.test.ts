import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateDefinition } from './validate-definition.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');
const present = existsSync(join(CORPUS, 'real'));
if (!present) console.warn(`Notice: ${CORPUS} is absent, so the schema corpus tests are skipped.`);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

/** JSON, JSON with bare `${placeholders}` (quoted here), or YAML; undefined if none parses. */
function parse(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  if (/\.ya?ml$/.test(path)) {
    try {
      return parseYaml(text, { logLevel: 'silent', maxAliasCount: -1 });
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    // fall through
  }
  try {
    return JSON.parse(text.replace(/(?<=[:[,]\s*)\$\{[^}"]*\}/g, (m) => JSON.stringify(m)));
  } catch {
    return undefined;
  }
}

const isAsl = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'StartAt' in value && 'States' in value;

/** real/ files with a recorded defect (VERDICTS.tsv): TD, TPL, INC. */
function knownDefects(): Set<string> {
  const tsv = readFileSync(join(CORPUS, 'real/VERDICTS.tsv'), 'utf8');
  return new Set(
    tsv
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter(([, verdict]) => verdict && verdict !== 'VALID' && verdict !== 'UNC')
      .map(([file]) => file),
  );
}

/**
 * Peer fixtures labelled valid that we report, each for a reason AWS enforces:
 * - state names must be unique across the whole machine (ASL-LS does not check);
 * - a Wait state needs a duration (the fixture only exercises Assign);
 * - Credentials takes "RoleArn", not "roleArn" (field names are case-sensitive);
 * - a JSONata machine cannot contain a JSONPath state.
 */
const PEER_LABELS_WE_DISAGREE_WITH = [
  'aws+amazon-states-language-service/valid/src/tests/json-strings/validationStrings.ts.d/documentSucceedFailTerminalState.asl.json',
  'aws+amazon-states-language-service/valid/src/tests/yaml-strings/validationStrings.ts.d/documentSucceedFailTerminalState.asl.yaml',
  'aws+amazon-states-language-service/valid/src/tests/json-strings/validationStrings.ts.d/documentWaitWithAssign.asl.json',
  'awslabs+statelint/valid/test/task-with-credentials.json',
  'wmfs+statelint/valid/test/fixtures/task-with-credentials.json',
  'ChristopheBougere+asl-validator/valid/src/__tests__/definitions/valid-map-with-item-batcher-jsonata.json',
];

describe.skipIf(!present)('schema validation on the corpus', () => {
  it('reports nothing on deployed standalone workflows (real/), except recorded defects', () => {
    const defects = knownDefects();
    const unexpected: string[] = [];
    let checked = 0;
    for (const file of files(join(CORPUS, 'real'))) {
      const definition = parse(file);
      if (!isAsl(definition)) continue;
      checked++;
      const name = relative(join(CORPUS, 'real'), file);
      if (defects.has(name)) continue;
      for (const issue of validateDefinition(definition)) unexpected.push(`${name}: ${JSON.stringify(issue.path)} ${issue.message}`);
    }
    expect(checked).toBeGreaterThan(200);
    expect(unexpected).toEqual([]);
  });

  it('reports nothing on peer fixtures labelled valid, except labels we disagree with', () => {
    const unexpected: string[] = [];
    const suites = join(CORPUS, 'peer-suites');
    for (const suite of readdirSync(suites)) {
      const dir = join(suites, suite, 'valid');
      if (!existsSync(dir)) continue;
      for (const file of files(dir)) {
        const name = relative(suites, file);
        const definition = parse(file);
        if (PEER_LABELS_WE_DISAGREE_WITH.includes(name)) {
          expect(validateDefinition(definition), name).not.toEqual([]);
          continue;
        }
        for (const issue of validateDefinition(definition)) unexpected.push(`${name}: ${issue.message}`);
      }
    }
    expect(unexpected).toEqual([]);
  });
});
