import type { Diagnostic, LintOptions, LintResult, SourceDocument } from '@sfn-lint/core';
import { detectFormat, docsUrlFor, holdsStateMachines, lintDocument, mayHoldStateMachines, parseDocument } from '@sfn-lint/core';
import type { FileTarget } from './files.js';
import { tuneForText } from './short-run-tuning.js';
import { readTextFile } from './text-file.js';

/** The result for one file, or undefined for a searched file that holds no definition. */
export function lintFile(target: FileTarget, options: LintOptions): LintResult | undefined {
  let text: string;
  try {
    text = readTextFile(target.path);
  } catch (error) {
    if (!target.always) return undefined;
    return readError(target.path, error);
  }
  return lintFileText(target, text, options);
}

/** A file's text, or undefined when it cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readTextFile(path);
  } catch {
    return undefined;
  }
}

/** lintFile for a file whose text was already read. */
export function lintFileText(target: FileTarget, text: string, options: LintOptions): LintResult | undefined {
  const format = detectFormat(target.path, text);
  let document: SourceDocument;
  if (target.always) {
    tuneForText(text.length, format);
    document = parseDocument(target.path, text, format);
  } else {
    // Most data files are not definitions: a look at the text spares parsing them.
    if (!mayHoldStateMachines(text, format)) return undefined;
    tuneForText(text.length, format);
    document = parseDocument(target.path, text, format);
    if (!holdsStateMachines(document)) return undefined;
  }
  return lintDocument(document, { ...options, assumeDefinition: target.always });
}

function readError(file: string, error: unknown): LintResult {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
  // Reported under parse-error: the file's text could not be had, so nothing in it was checked.
  const diagnostic: Diagnostic = { ruleId: 'parse-error', severity: 'error', message: `This file cannot be read (${reason}), so it was not checked.`, file, range: { start: 0, end: 0 }, docsUrl: docsUrlFor('parse-error') };
  return { file, document: parseDocument(file, ''), machines: [], diagnostics: [diagnostic] };
}
