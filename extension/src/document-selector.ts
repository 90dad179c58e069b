import { ASL_LANGUAGES } from './protocol.js';

/** A `vscode.DocumentFilter`, as plain data, so that this module does not need the editor. */
export interface DocumentFilterData {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/** Definition files by name, whichever language another extension gives them. */
export const ASL_FILE_PATTERN = '**/*.asl.{json,yaml,yml}';

/**
 * The documents the language server is sent: the ASL languages in any scheme (an unsaved
 * buffer too), definition files by name, and the files that `sfnLint.validate` adds
 * (templates, `cdk.out`), on disk.
 */
export function documentSelector(validate: readonly string[]): DocumentFilterData[] {
  const patterns = [ASL_FILE_PATTERN, ...validate.filter((glob) => glob !== ASL_FILE_PATTERN)];
  return [...ASL_LANGUAGES.map((language) => ({ language })), ...patterns.map((pattern) => ({ scheme: 'file', pattern }))];
}
