import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigFiles as CoreConfigFiles, validateConfig, type ConfigHost, type RuleDefinition, type SeveritySetting } from '@sfn-lint/core';
import { UsageError } from './usage-error.js';

export { CONFIG_FILE_NAMES } from '@sfn-lint/core';

/** Node's file system, for core's config finder. */
export const nodeConfigHost: ConfigHost = {
  path,
  isFile,
  readFile: (file) => readFileSync(file, 'utf8'),
};

export interface ConfigFilesOptions {
  readonly cwd: string;
  /** `--config`: this file for every linted file, instead of looking for the nearest. */
  readonly explicit?: string;
  /** `--rule` severities, which win over config files. */
  readonly commandLine: Readonly<Record<string, SeveritySetting>>;
  readonly rules: readonly RuleDefinition[];
}

/** Core's config finder on Node's file system; a `--config` that names no file is a usage error. */
export class ConfigFiles extends CoreConfigFiles {
  constructor(options: ConfigFilesOptions) {
    if (options.explicit !== undefined && !isFile(path.resolve(options.cwd, options.explicit))) throw new UsageError(`--config: no such file: ${options.explicit}`);
    super({ ...options, validate: validateConfig, host: nodeConfigHost });
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
