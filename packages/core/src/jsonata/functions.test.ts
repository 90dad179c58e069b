import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { JSONATA_FUNCTIONS, STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './functions.js';

describe('JSONata function tables', () => {
  it('list exactly the functions the installed jsonata library binds', () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('jsonata');
    const packageJson = JSON.parse(readFileSync(path.replace(/jsonata\.js$/, 'package.json'), 'utf8')) as { version: string };
    expect(packageJson.version).toBe('2.0.6');
    const source = readFileSync(path, 'utf8');
    const bound = [...source.matchAll(/staticFrame\.bind\('([A-Za-z0-9]+)'/g)].map((m) => m[1]);
    // $now and $millis are bound per expression, over the static frame.
    const perExpression = [...source.matchAll(/environment\.bind\('([A-Za-z0-9]+)', defineFunction/g)].map((m) => m[1]);
    expect(perExpression.sort()).toEqual(['millis', 'now']);
    expect([...JSONATA_FUNCTIONS].sort()).toEqual([...bound, ...perExpression].sort());
    expect(new Set(JSONATA_FUNCTIONS).size).toBe(JSONATA_FUNCTIONS.length);
  });

  it('add the Step Functions functions and leave out $eval', () => {
    for (const name of ['partition', 'range', 'hash', 'random', 'uuid', 'parse', 'sum', 'now', 'millis']) {
      expect(STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(name), name).toBe(true);
    }
    expect(STEP_FUNCTIONS_JSONATA_FUNCTIONS.has('eval')).toBe(false);
    expect(STEP_FUNCTIONS_JSONATA_FUNCTIONS.size).toBe(JSONATA_FUNCTIONS.length - 1 + 5);
  });
});
