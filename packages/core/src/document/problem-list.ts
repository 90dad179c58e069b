import type { ParseProblem, Range } from './node.js';

/**
 * Problems of one code kept per document. One syntax error can set off thousands more, and
 * so can a pasted block of duplicate keys: a 3.6 MB file with 600,000 duplicate keys made
 * 600,000 diagnostics, which took gigabytes to report, and no reader goes past the first few.
 */
export const MAX_PROBLEMS_PER_CODE = 100;

const counted = (count: number, one: string, many: string): string =>
  `${count.toLocaleString('en-US')} more ${count === 1 ? `${one} follows` : `${many} follow`} from here and ${count === 1 ? 'is' : 'are'} not listed`;

const LEFT_OUT: Record<ParseProblem['code'], (count: number) => string> = {
  'parse-error': (count) => `${counted(count, 'syntax error', 'syntax errors')}. Fix the ones above first: one syntax error often causes the next.`,
  'no-duplicate-key': (count) => `${counted(count, 'duplicate key', 'duplicate keys')}. AWS silently keeps only the last of each key: remove the duplicates.`,
};

/**
 * The problems a parser finds in one document, up to MAX_PROBLEMS_PER_CODE of each code.
 * The ones past that are only counted, and `list` closes each such code with one problem
 * at the first left out, saying how many follow.
 */
export class ProblemList {
  private readonly kept: ParseProblem[] = [];
  private readonly counts = new Map<ParseProblem['code'], number>();
  private readonly firstLeftOut = new Map<ParseProblem['code'], Range>();

  add(problem: ParseProblem): void {
    const count = (this.counts.get(problem.code) ?? 0) + 1;
    this.counts.set(problem.code, count);
    if (count <= MAX_PROBLEMS_PER_CODE) this.kept.push(problem);
    else if (!this.firstLeftOut.has(problem.code)) this.firstLeftOut.set(problem.code, problem.range);
  }

  /** How many problems were found, kept or not. */
  get size(): number {
    let size = 0;
    for (const count of this.counts.values()) size += count;
    return size;
  }

  /** The kept problems, in the order found, then a closing problem per code that had more. */
  list(): ParseProblem[] {
    const result = this.kept.slice();
    for (const [code, range] of this.firstLeftOut) {
      result.push({ code, message: LEFT_OUT[code](this.counts.get(code)! - MAX_PROBLEMS_PER_CODE), range });
    }
    return result;
  }
}
