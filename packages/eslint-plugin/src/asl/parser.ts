import { yamlComments } from '@sfn-lint/core';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * A parser for ASL files that parses nothing: ESLint gets an empty Program spanning the
 * text, and the adapter rules hand the text to the sfn-lint engine. YAML comments become
 * line comments, so `# eslint-disable-next-line sfn-lint/rule-id` works as in JavaScript.
 */
export const aslParser = {
  meta: { name: '@sfn-lint/eslint-plugin/asl-parser', version: '0.1.0' },
  parseForESLint(text: string, options?: { filePath?: string }) {
    const isYaml = /\.ya?ml$/i.test(options?.filePath ?? '');
    const lines = new LineStarts(text);
    const comments: TSESTree.LineComment[] = isYaml
      ? yamlComments(text).map((comment) => ({
          type: 'Line' as TSESTree.AST_TOKEN_TYPES.Line,
          value: comment.text.slice(1),
          range: [comment.range.start, comment.range.end] as [number, number],
          loc: { start: lines.at(comment.range.start), end: lines.at(comment.range.end) },
        }))
      : [];
    const ast = {
      type: 'Program',
      body: [],
      sourceType: 'module',
      comments,
      tokens: [],
      range: [0, text.length],
      loc: { start: { line: 1, column: 0 }, end: lines.at(text.length) },
    };
    return { ast, visitorKeys: { Program: [] } };
  },
};

/** ESLint's positions (1-based lines, 0-based columns) for offsets, with ESLint's line breaks. */
class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    const breaks = /\r\n|[\r\n\u2028\u2029]/g;
    for (let match = breaks.exec(text); match; match = breaks.exec(text)) this.starts.push(match.index + match[0].length);
  }

  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] };
  }
}
