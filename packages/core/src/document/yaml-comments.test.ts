import { describe, expect, it } from 'vitest';
import { yamlComments } from './yaml-comments.js';

describe('yamlComments', () => {
  it('finds every comment with its exact range', () => {
    const text = '# top\nStartAt: A # after a value\nStates:\n  # indented\n  A: {Type: Pass, # in a flow map\n      End: true}\n---\nb: 1 #last';
    const comments = yamlComments(text);
    expect(comments.map((c) => c.text)).toEqual(['# top', '# after a value', '# indented', '# in a flow map', '#last']);
    for (const comment of comments) expect(text.slice(comment.range.start, comment.range.end)).toBe(comment.text);
    expect(comments[1].range).toEqual({ start: 17, end: 32 });
  });

  it('does not take a # inside a quoted string, a block scalar or a plain scalar for a comment', () => {
    const text = [
      'a: "x # y"',
      "b: 'x # y'",
      'c: x#y',
      'd: |',
      '  # a line of the block',
      '  more',
      'e: >-',
      '  # folded',
      'f: "multi',
      '  # line"',
      '',
    ].join('\n');
    expect(yamlComments(text)).toEqual([]);
  });

  it('keeps offsets right after a byte order mark, CRLF line ends and a document marker', () => {
    const text = '\uFEFF---\r\na: 1\r\n# one\r\n...\r\n--- # two\r\nb: 2\r\n';
    const comments = yamlComments(text);
    expect(comments.map((c) => text.slice(c.range.start, c.range.end))).toEqual(['# one', '# two']);
  });

  it('reads broken YAML without throwing', () => {
    const text = 'a: [1, 2\nb: {c\n# still a comment\n';
    expect(yamlComments(text).map((c) => c.text)).toEqual(['# still a comment']);
  });
});
