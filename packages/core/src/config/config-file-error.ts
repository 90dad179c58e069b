/** A config file that cannot be used; each line names the file and the key. Exit code 2. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';

  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}
