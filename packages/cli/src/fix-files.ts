import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import type { Diagnostic, LintResult } from '@sfn-lint/core';
import { fixInPasses } from '@sfn-lint/core';
import type { FixMode } from './args.js';
import { writeFileAtomic } from './atomic-write.js';
import { readRelated } from './related-files.js';
import type { TextOutput } from './standard-streams.js';

/** Lints one file's text again, reading the files a template names through `read`. */
export type Relint = (text: string, read: typeof readRelated) => LintResult;

/**
 * `--fix` and `--fix-dry-run`: applies the safe fixes of each file in passes, and with
 * `--fix` writes every file they changed (the file itself, or a definition file its
 * template names), atomically and with its permissions kept. A file nothing changed is
 * not touched.
 */
export class FileFixer {
  /** False once a fixed file could not be written. */
  ok = true;

  constructor(
    private readonly mode: FixMode,
    /** `--quiet`: as in ESLint, warnings are neither reported nor fixed. */
    private readonly quiet: boolean,
    private readonly stderr: TextOutput,
  ) {}

  /** The result after fixing: the problems that remain, and the fixed text as `output`. */
  fix(first: LintResult, relint: Relint): LintResult {
    const { result, changed } = fixInPasses(first, (texts) => relint(texts.get(first.file) ?? first.document.text, overlay(texts)), {
      accept: (diagnostic: Diagnostic) => !this.quiet || diagnostic.severity === 'error',
    });
    if (this.mode === 'write') for (const [file, text] of changed) this.write(file, text);
    return result;
  }

  private write(file: string, text: string): void {
    try {
      // Through a link to the file it names: the rename would otherwise replace the link.
      const target = realpathSync(file);
      // The rename needs only the folder to be writable: a read-only file would be replaced
      // without a word, so its own permission is asked for first, as a write in place would.
      accessSync(target, constants.W_OK);
      writeFileAtomic(target, text, statSync(target).mode & 0o7777);
    } catch (error) {
      this.ok = false;
      this.stderr.write(`sfn-lint: cannot write the fixes to ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

/** Reads the files a template names, with the fixed texts of this run in place of their own. */
function overlay(texts: ReadonlyMap<string, string>): typeof readRelated {
  return (fromFile, path) => {
    const read = readRelated(fromFile, path);
    const fixed = read ? texts.get(read.file) : undefined;
    return read && fixed !== undefined ? { file: read.file, text: fixed } : read;
  };
}
