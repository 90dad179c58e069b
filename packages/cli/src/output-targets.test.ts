import { describe, expect, it } from 'vitest';
import { outputTargets, type OutputOption } from './output-targets.js';
import { UsageError } from './usage-error.js';

const format = (value: string): OutputOption => ({ name: 'format', value });
const file = (value: string): OutputOption => ({ name: 'output-file', value });

describe('outputTargets', () => {
  it('is stylish to standard output by default', () => {
    expect(outputTargets([])).toEqual([{ format: 'stylish' }]);
  });

  it('binds each -o to the --format before it; a --format without -o goes to standard output', () => {
    expect(outputTargets([format('github'), format('sarif'), file('r.sarif'), format('junit'), file('j.xml')])).toEqual([
      { format: 'github' },
      { format: 'sarif', file: 'r.sarif' },
      { format: 'junit', file: 'j.xml' },
    ]);
    expect(outputTargets([format('sarif'), file('r.sarif'), format('json'), file('r.json')])).toEqual([
      { format: 'sarif', file: 'r.sarif' },
      { format: 'json', file: 'r.json' },
    ]);
    expect(outputTargets([format('sarif'), format('sarif'), file('r.sarif')])).toEqual([{ format: 'sarif' }, { format: 'sarif', file: 'r.sarif' }]);
  });

  it('lets a single -o stand before its only --format, or alone for stylish', () => {
    expect(outputTargets([file('r.sarif'), format('sarif')])).toEqual([{ format: 'sarif', file: 'r.sarif' }]);
    expect(outputTargets([file('out.txt')])).toEqual([{ format: 'stylish', file: 'out.txt' }]);
  });

  it.each([
    [[format('github'), format('json')], 'Only one format can go to standard output, not github and json: give -o FILE after the others.'],
    [[format('stylish'), format('compact'), format('json'), file('x')], 'Only one format can go to standard output, not stylish and compact'],
    [[file('a'), format('sarif'), format('json')], '-o a comes before any --format: with several outputs, put each -o after the --format it writes.'],
    [[file('a'), file('b')], '-o a comes before any --format'],
    [[file('a'), format('sarif'), file('b')], '-o a comes before any --format'],
    [[format('sarif'), file('a'), file('b')], '--format sarif already writes to a: give another --format before -o b.'],
    [[format('sarif'), file('a'), format('json'), file('a')], 'Two formats write to a.'],
    [[format('checkstyle')], 'Unknown format "checkstyle": use stylish, json, compact, github, junit or sarif.'],
  ])('rejects %j', (options, message) => {
    expect(() => outputTargets(options)).toThrow(UsageError);
    expect(() => outputTargets(options)).toThrow(message);
  });
});
