import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { generateValidatorsSource, OUTPUT } from '../../scripts/build-schema.mjs';
import { OBJECTS, STATE_TYPES } from './asl-fields.js';
import { buildAslSchemas } from './asl-schema.js';

describe('generated validators', () => {
  it('match the field tables (run `node packages/core/scripts/build-schema.mjs` after editing them)', () => {
    const expected = (generateValidatorsSource as (s: unknown) => string)(buildAslSchemas());
    expect(readFileSync(OUTPUT as string, 'utf8') === expected).toBe(true);
  });

  it('export one validator per state type and query language', () => {
    const names = Object.keys(buildAslSchemas().validators).sort();
    const expected = ['Branch', 'ItemProcessor', 'Iterator', 'Root', ...STATE_TYPES.flatMap((t) => [`${t}_J`, `${t}_P`])];
    expect(names).toEqual(expected.sort());
  });

  it('give every state type Comment, Type and QueryLanguage', () => {
    for (const type of STATE_TYPES) {
      for (const field of ['Type', 'Comment', 'QueryLanguage']) expect(OBJECTS[type].fields[field], `${type}.${field}`).toBeDefined();
    }
  });
});
