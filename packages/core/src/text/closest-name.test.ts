import { describe, expect, it } from 'vitest';
import { closeNames, closestName } from './closest-name.js';

const ids = ['no-dead-end', 'no-duplicate-key', 'no-missing-state', 'no-unreachable-state', 'require-choice-default'];

describe('closestName', () => {
  it('finds a name equal but for case, or one or two edits away', () => {
    expect(closestName('startat', ['StartAt', 'States'])).toBe('StartAt');
    expect(closestName('Sates', ['StartAt', 'States'])).toBe('States');
    expect(closestName('Comment', ['StartAt', 'States'])).toBeUndefined();
  });
});

describe('closeNames', () => {
  it('lists close ids, and ids that contain a fragment', () => {
    expect(closeNames('no-dupe-key', ids)).toEqual(['no-duplicate-key']);
    expect(closeNames('unreachable', ids)).toEqual(['no-unreachable-state']);
    expect(closeNames('no-missing-stat', ids)[0]).toBe('no-missing-state');
    expect(closeNames('zzz', ids)).toEqual([]);
  });
});
