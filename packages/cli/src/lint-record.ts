import type { Diagnostic, LintResult, RelatedReader } from '@sfn-lint/core';
import { detectFormat, LineMap, unfixable } from '@sfn-lint/core';
import { readRelated, relatedPath } from './related-files.js';
import { nodeCrypto } from './node-builtins.js';

/**
 * What formatting a file's result needs, as plain data that survives JSON and a worker's
 * message: the findings, not the document tree or the model.
 */
export interface StoredResult {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed?: number;
  readonly included?: readonly StoredResult[];
}

/** A file that a template's lint read beside it, and the hash of what it held then (null: it could not be read). */
export interface RelatedRead {
  readonly file: string;
  readonly hash: string | null;
}

/** One file's lint as plain data. */
export interface LintRecord {
  /** Null: a searched file that holds no definition. */
  readonly result: StoredResult | null;
  /** Every file the lint asked for beside the target, found or not: the result depends on each. */
  readonly related: readonly RelatedRead[];
}

export function contentHash(text: string | Buffer): string {
  return nodeCrypto().createHash('sha1').update(text).digest('base64');
}

export function storedResult(result: LintResult): StoredResult {
  // The restored result has no parse problems to tell that the file does not parse, and
  // such a file's fixes are only suggestions: say so on the fixes themselves.
  const diagnostics = unfixable(result)
    ? result.diagnostics.map((diagnostic) => (diagnostic.fix?.safe ? { ...diagnostic, fix: { ...diagnostic.fix, safe: false } } : diagnostic))
    : result.diagnostics;
  return {
    file: result.file,
    diagnostics,
    ...(result.suppressed === undefined ? {} : { suppressed: result.suppressed }),
    ...(result.included ? { included: result.included.map(storedResult) } : {}),
  };
}

/**
 * A LintResult again, for the formatters: they read only the findings and the text (lines
 * and columns, SARIF's line hashes), so the document has its text and no tree.
 * `textOf` gives the text of the file itself and of each included file.
 */
export function restoredResult(stored: StoredResult, textOf: (file: string) => string): LintResult {
  const text = textOf(stored.file);
  return {
    file: stored.file,
    document: { file: stored.file, text, format: detectFormat(stored.file, text), roots: [], problems: [], lineMap: new LineMap(text) },
    machines: [],
    diagnostics: stored.diagnostics,
    ...(stored.suppressed === undefined ? {} : { suppressed: stored.suppressed }),
    ...(stored.included ? { included: stored.included.map((included) => restoredResult(included, textOf)) } : {}),
  };
}

/**
 * Reads the files templates name, as readRelated does, and remembers what it read: hashes
 * for the cache, texts for restoring the results of included files.
 */
export class RelatedRecorder {
  private readonly reads = new Map<string, { hash: string | null; text: string | undefined }>();

  readonly reader: RelatedReader = (fromFile, path) => {
    const found = readRelated(fromFile, path);
    const file = found?.file ?? relatedPath(fromFile, path);
    this.reads.set(file, { hash: found ? contentHash(found.text) : null, text: found?.text });
    return found;
  };

  related(): RelatedRead[] {
    return [...this.reads].map(([file, { hash }]) => ({ file, hash }));
  }

  /** The texts read, by file. */
  texts(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [file, { text }] of this.reads) if (text !== undefined) texts.set(file, text);
    return texts;
  }
}
