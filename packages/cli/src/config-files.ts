import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  formatKeyPath,
  LineMap,
  parseConfig,
  printableConfig,
  resolveConfig,
  type Config,
  type ConfigProblem,
  type EffectiveConfig,
  type PrintedConfig,
  type RuleDefinition,
  type SeveritySetting,
} from '@sfn-lint/core';
import { ConfigFileError } from './config-file-error.js';
import { validateConfig } from './config-validator.generated.js';
import { UsageError } from './usage-error.js';

/** The names a config file may have, looked for in this order in each folder. */
export const CONFIG_FILE_NAMES = ['sfn-lint.config.json', 'sfn-lint.config.yaml', 'sfn-lint.config.yml'] as const;

export interface ConfigFilesOptions {
  readonly cwd: string;
  /** `--config`: this file for every linted file, instead of looking for the nearest. */
  readonly explicit?: string;
  /** `--rule` severities, which win over config files. */
  readonly commandLine: Readonly<Record<string, SeveritySetting>>;
  readonly rules: readonly RuleDefinition[];
}

/**
 * Finds and reads the config file of each linted file: the one given with `--config`, or
 * the nearest `sfn-lint.config.{json,yaml,yml}` in the file's folder or above, up to the
 * filesystem root. Each folder is looked at once, and each config file read once.
 */
export class ConfigFiles {
  private readonly nearest = new Map<string, Config | undefined>();
  private readonly read = new Map<string, Config>();
  private readonly explicit: Config | undefined;

  constructor(private readonly options: ConfigFilesOptions) {
    if (options.explicit !== undefined) {
      const file = resolve(options.cwd, options.explicit);
      if (!isFile(file)) throw new UsageError(`--config: no such file: ${options.explicit}`);
      this.explicit = this.load(file);
    }
  }

  /** What applies to a file (an absolute path); for standard input without a name, undefined. */
  effectiveFor(file: string | undefined): EffectiveConfig {
    const config = this.explicit ?? this.nearestTo(file === undefined ? this.options.cwd : dirname(file));
    // Standard input without a name is in no folder: only overrides without `files` apply to it.
    const path = config && file !== undefined ? relative(dirname(config.file), file).split(sep).join('/') : '';
    return resolveConfig(config, path, { commandLine: this.options.commandLine });
  }

  /** `--print-config`: the effective configuration of a file, with the config file it came from. */
  printable(file: string): { configFile: string | null } & PrintedConfig {
    const effective = this.effectiveFor(resolve(this.options.cwd, file));
    return { configFile: effective.file === undefined ? null : this.label(effective.file), ...printableConfig(effective, this.options.rules) };
  }

  private nearestTo(folder: string): Config | undefined {
    const visited: string[] = [];
    let found: Config | undefined;
    for (let current = folder; ; current = dirname(current)) {
      if (this.nearest.has(current)) {
        found = this.nearest.get(current);
        break;
      }
      visited.push(current);
      const file = this.configIn(current);
      if (file) {
        found = this.load(file);
        break;
      }
      if (dirname(current) === current) break;
    }
    for (const dir of visited) this.nearest.set(dir, found);
    return found;
  }

  /** The config file in a folder, if there is one. */
  private configIn(folder: string): string | undefined {
    const present = CONFIG_FILE_NAMES.filter((name) => isFile(join(folder, name)));
    if (present.length > 1) {
      throw new ConfigFileError([`sfn-lint: ${this.label(folder)}: ${present.join(' and ')} are both here; keep one, so that it is clear which applies.`]);
    }
    return present.length === 1 ? join(folder, present[0]) : undefined;
  }

  private load(file: string): Config {
    const known = this.read.get(file);
    if (known) return known;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigFileError([`sfn-lint: ${this.label(file)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`]);
    }
    const parsed = parseConfig(file, text, { validate: validateConfig, rules: this.options.rules });
    if (!parsed.config) throw new ConfigFileError(parsed.problems.map((problem) => this.problemLine(problem, text)));
    this.read.set(file, parsed.config);
    return parsed.config;
  }

  /** `sfn-lint: file: key.path: message`; a problem of the whole file (a syntax error) gets its line and column instead. */
  private problemLine(problem: ConfigProblem, text: string): string {
    if (problem.path.length > 0) return `sfn-lint: ${this.label(problem.file)}: ${formatKeyPath(problem.path)}: ${problem.message}`;
    const { line, column } = new LineMap(text).position(problem.range.start);
    return `sfn-lint: ${this.label(problem.file)}:${line}:${column}: ${problem.message}`;
  }

  /** A path as the user would type it: relative to the current directory when inside it. */
  private label(path: string): string {
    const relativePath = relative(this.options.cwd, path);
    return relativePath === '' ? '.' : relativePath.startsWith('..') || isAbsolute(relativePath) ? path : relativePath;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
