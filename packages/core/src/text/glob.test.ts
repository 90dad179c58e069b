import { describe, expect, it } from 'vitest';
import { compileGlob, globRegExp, isGlob } from './glob.js';

function matches(pattern: string, path: string): boolean {
  return compileGlob(pattern).regex.test(path);
}

describe('compileGlob', () => {
  it('starts the search at the segments without glob characters', () => {
    expect(compileGlob('src/defs/**/*.asl.json')).toMatchObject({ base: 'src/defs', maxDepth: Infinity });
    expect(compileGlob('*.json')).toMatchObject({ base: '.', maxDepth: 1 });
    expect(compileGlob('/abs/*/x.json')).toMatchObject({ base: '/abs', maxDepth: 2 });
    expect(compileGlob('/*.json')).toMatchObject({ base: '/' });
    expect(compileGlob('a/{b,c/d}/*.json')).toMatchObject({ base: 'a' });
  });

  it('matches *, **, ?, [...] and {a,b}', () => {
    const { base } = compileGlob('src/**/*.asl.{json,yaml}');
    expect(base).toBe('src');
    for (const path of ['x.asl.json', 'a/x.asl.yaml', 'a/b/c/x.asl.json']) expect(matches('src/**/*.asl.{json,yaml}', path)).toBe(true);
    for (const path of ['x.asl.yml', 'a/x.json']) expect(matches('src/**/*.asl.{json,yaml}', path)).toBe(false);
    expect(matches('*.json', 'a.json')).toBe(true);
    expect(matches('*.json', 'd/a.json')).toBe(false);
    expect(matches('d?fs/*.json', 'defs/a.json')).toBe(true);
    expect(matches('d?fs/*.json', 'dfs/a.json')).toBe(false);
    expect(matches('[ab].json', 'b.json')).toBe(true);
    expect(matches('[!ab].json', 'b.json')).toBe(false);
    expect(matches('{a,b/c}.json', 'b/c.json')).toBe(true);
    expect(matches('**', 'a/b/c')).toBe(true);
    expect(matches('a/**/b.json', 'a/b.json')).toBe(true);
  });

  it('reads unbalanced braces and regex characters literally', () => {
    expect(matches('{a.json', '{a.json')).toBe(true);
    expect(matches('a+(b).json*', 'a+(b).json')).toBe(true);
    expect(matches('*.json', 'aXjson')).toBe(false);
  });

  it('matches whole paths with globRegExp', () => {
    expect(globRegExp('defs/**/*.asl.json').test('defs/a/b.asl.json')).toBe(true);
    expect(globRegExp('defs/**/*.asl.json').test('other/defs/b.asl.json')).toBe(false);
    expect(globRegExp('Fan out/*').test('Fan out/Step')).toBe(true);
    expect(globRegExp('Fan out/*').test('Fan out/Step/Inner')).toBe(false);
    expect(globRegExp('legacy\\*.json').test('legacy/a.json')).toBe(true);
  });

  it('tells globs from paths', () => {
    expect(isGlob('src/*.json')).toBe(true);
    expect(isGlob('src/{a,b}.json')).toBe(true);
    expect(isGlob('src/a.json')).toBe(false);
  });
});
