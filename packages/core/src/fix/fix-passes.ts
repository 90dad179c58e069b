import type { Diagnostic, Fix } from '../diagnostic.js';
import type { LintResult } from '../engine/lint.js';
import { applyFixes } from './apply.js';

/** As ESLint: fixing one problem may uncover another, but a run never loops for ever. */
export const MAX_FIX_PASSES = 10;

export interface FixPassesOptions {
  /** Which findings to fix, of those whose fix is safe; all of them when left out. */
  readonly accept?: (diagnostic: Diagnostic) => boolean;
  readonly maxPasses?: number;
}

export interface FixedResult {
  /**
   * The lint of the fixed text, so only the problems that remain. It and its included
   * results carry the fixed text as `output` when their file changed.
   */
  readonly result: LintResult;
  /** The fixed text of each file the fixes changed, by file name. */
  readonly changed: ReadonlyMap<string, string>;
  /** How many fixes went in, over every pass. */
  readonly applied: number;
  /** How many passes applied fixes. */
  readonly passes: number;
}

/** Fixed texts by file name. */
type Texts = Map<string, string>;

/**
 * True when the file, or a DefinitionString in it, does not parse. Such a file is not
 * fixed: its tree is the tolerant parser's guess, and an edit placed by a guess can land
 * anywhere.
 */
export const unfixable = (result: LintResult): boolean =>
  result.document.problems.some((problem) => problem.code === 'parse-error') ||
  (result.templateMachines ?? []).some((machine) => machine.problems.some((problem) => problem.severity === 'error'));

/** A lint result and the definition files its template includes, each with its own text. */
function filesOf(result: LintResult): LintResult[] {
  return [result, ...(result.included ?? [])];
}

/**
 * Applies the safe fixes of a lint result in passes: each pass applies every fix that does
 * not overlap one applied before it, then lints the new text again (`lint` is given the
 * texts to use in place of the files' own), until no fix applies or `maxPasses` passes
 * ran. A file that does not parse is left alone, and a pass after which a fixed file no
 * longer parses is thrown away, and fixing stops there. Fixes of definition files that a
 * template includes go to those files.
 */
export function fixInPasses(first: LintResult, lint: (texts: ReadonlyMap<string, string>) => LintResult, options: FixPassesOptions = {}): FixedResult {
  const accept = options.accept ?? (() => true);
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const originals = new Map(filesOf(first).map((result) => [result.file, result.document.text]));
  let texts: Texts = new Map();
  let result = first;
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const next: Texts = new Map(texts);
    let count = 0;
    for (const file of filesOf(result)) {
      if (unfixable(file)) continue;
      const fixes = file.diagnostics.filter((diagnostic) => diagnostic.fix?.safe === true && accept(diagnostic)).map((diagnostic) => diagnostic.fix as Fix);
      if (fixes.length === 0) continue;
      const fixed = applyFixes(file.document.text, fixes);
      if (fixed.text === file.document.text) continue;
      next.set(file.file, fixed.text);
      count += fixed.applied.length;
    }
    if (count === 0) break;
    const relinted = lint(next);
    if (filesOf(relinted).some((file) => next.get(file.file) !== texts.get(file.file) && unfixable(file))) break;
    texts = next;
    result = relinted;
    applied += count;
    passes++;
  }
  const changed = new Map([...texts].filter(([file, text]) => originals.get(file) !== text));
  return { result: withOutput(result, changed), changed, applied, passes };
}

function withOutput(result: LintResult, changed: ReadonlyMap<string, string>): LintResult {
  const output = (file: LintResult): LintResult => (changed.has(file.file) ? { ...file, output: changed.get(file.file) } : file);
  const included = result.included?.map(output);
  return { ...output(result), ...(included ? { included } : {}) };
}
