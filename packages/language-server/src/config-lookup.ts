import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigFileError, ConfigFiles, resolveConfig, validateConfig, type ConfigHost, type EffectiveConfig } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';

const host: ConfigHost = {
  path,
  isFile: (file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
  readFile: (file) => readFileSync(file, 'utf8'),
};

/** What applies to a file, or why its config cannot be used (the lint then runs with the defaults). */
export interface ConfigLookupResult {
  readonly effective: EffectiveConfig;
  readonly problem?: string;
}

/**
 * The nearest config file of each linted file, found and read by core's `ConfigFiles` as
 * the CLI does. Read once; `reset` forgets everything when a config file or the workspace
 * changes.
 */
export class ConfigLookup {
  private files: ConfigFiles;

  constructor(private readonly cwd: () => string) {
    this.files = this.create();
  }

  reset(): void {
    this.files = this.create();
  }

  /** For a file on disk (an absolute path), or undefined for an unsaved buffer. */
  effectiveFor(file: string | undefined): ConfigLookupResult {
    try {
      return { effective: this.files.effectiveFor(file) };
    } catch (error) {
      const problem = error instanceof ConfigFileError ? error.lines.join('\n') : `sfn-lint: the config file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      return { effective: resolveConfig(undefined, ''), problem };
    }
  }

  private create(): ConfigFiles {
    return new ConfigFiles({ cwd: this.cwd(), commandLine: {}, rules, validate: validateConfig, host });
  }
}
