import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes } from './apply.js';

const edit = (start: number, end: number, text: string) => ({ range: { start, end }, text });

describe('applyEdits', () => {
  it('applies edits in offset order, whatever order they come in', () => {
    expect(applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(2, 2, '+')])).toBe('Ab+cdEf');
  });

  it('keeps insertions at one offset in the order given, before a replacement there', () => {
    expect(applyEdits('abc', [edit(1, 2, 'B'), edit(1, 1, '1'), edit(1, 1, '2')])).toBe('a12Bc');
  });

  it('ignores an edit that overlaps one applied before it', () => {
    expect(applyEdits('abcdef', [edit(1, 4, 'X'), edit(2, 3, 'Y'), edit(3, 5, 'Z')])).toBe('aXef');
  });

  it('lets an insertion sit at the end of a replacement', () => {
    expect(applyEdits('abc', [edit(0, 1, 'A'), edit(1, 1, '!')])).toBe('A!bc');
  });

  it('ignores edits outside the text', () => {
    expect(applyEdits('abc', [edit(2, 9, 'X'), edit(-1, 0, 'Y'), edit(2, 1, 'Z'), edit(3, 3, '.')])).toBe('abc.');
  });

  it('returns the text unchanged without edits', () => {
    expect(applyEdits('abc', [])).toBe('abc');
  });
});

describe('applyFixes', () => {
  it('applies a fix whole or skips it whole', () => {
    const first = { description: 'one', edits: [edit(0, 1, 'A'), edit(4, 5, 'E')] };
    const second = { description: 'two', edits: [edit(2, 3, 'C'), edit(4, 6, '!')] };
    const third = { description: 'three', edits: [edit(5, 6, 'F')] };
    const result = applyFixes('abcdef', [first, second, third]);
    expect(result.text).toBe('AbcdEF');
    expect(result.applied).toEqual([first, third]);
    expect(result.skipped).toEqual([second]);
  });

  it('skips a second insertion at the same offset from another fix', () => {
    const result = applyFixes('ab', [
      { description: 'x', edits: [edit(1, 1, 'x')] },
      { description: 'y', edits: [edit(1, 1, 'y')] },
    ]);
    expect(result.text).toBe('axb');
    expect(result.skipped.map((f) => f.description)).toEqual(['y']);
  });
});
