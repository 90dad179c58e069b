import type { PlatformPath } from 'node:path';
import type { SeveritySetting } from '../diagnostic.js';
import { LineMap } from '../document/line-map.js';
import type { RuleDefinition } from '../rule.js';
import { ConfigFileError } from './config-file-error.js';
import { formatKeyPath } from './key-path.js';
import { parseConfig, type ConfigValidator } from './parse.js';
import { printableConfig, type PrintedConfig } from './print.js';
import { resolveConfig } from './resolve.js';
import type { Config, ConfigProblem, EffectiveConfig } from './types.js';

/** The names a config file may have, looked for in this order in each folder. */
export const CONFIG_FILE_NAMES = ['sfn-lint.config.json', 'sfn-lint.config.yaml', 'sfn-lint.config.yml'] as const;

/**
 * What finding config files needs from the file system. Core does no I/O: each front end
 * (the CLI, the language server) hands in Node's own functions.
 */
export interface ConfigHost {
  readonly path: Pick<PlatformPath, 'dirname' | 'isAbsolute' | 'join' | 'relative' | 'resolve' | 'sep'>;
  isFile(path: string): boolean;
  /** The file's text; throws (with a `code` such as ENOENT) when it cannot be read. */
  readFile(path: string): string;
}

export interface ConfigFilesOptions {
  /** The folder paths are shown relative to, and standard input is taken to be in. */
  readonly cwd: string;
  /** A config file for every linted file, instead of looking for the nearest (`--config`); it must exist. */
  readonly explicit?: string;
  /** Severities that win over config files (`--rule`). */
  readonly commandLine: Readonly<Record<string, SeveritySetting>>;
  readonly rules: readonly RuleDefinition[];
  /** The precompiled validator of the rules' config schema. */
  readonly validate: ConfigValidator;
  readonly host: ConfigHost;
}

/**
 * Finds and reads the config file of each linted file: the explicit one, or the nearest
 * `sfn-lint.config.{json,yaml,yml}` in the file's folder or above, up to the filesystem
 * root. Each folder is looked at once, and each config file read once, for the life of the
 * object: a front end that watches files makes a new one when a config changes.
 */
export class ConfigFiles {
  private readonly nearest = new Map<string, Config | undefined>();
  private readonly read = new Map<string, Config>();
  private readonly explicit: Config | undefined;

  constructor(private readonly options: ConfigFilesOptions) {
    if (options.explicit !== undefined) this.explicit = this.load(options.host.path.resolve(options.cwd, options.explicit));
  }

  /** What applies to a file (an absolute path); for standard input without a name, undefined. */
  effectiveFor(file: string | undefined): EffectiveConfig {
    const path = this.options.host.path;
    const config = this.explicit ?? this.nearestTo(file === undefined ? this.options.cwd : path.dirname(file));
    // Standard input without a name is in no folder: only overrides without `files` apply to it.
    const relative = config && file !== undefined ? path.relative(path.dirname(config.file), file).split(path.sep).join('/') : '';
    return resolveConfig(config, relative, { commandLine: this.options.commandLine });
  }

  /** `--print-config`: the effective configuration of a file, with the config file it came from. */
  printable(file: string): { configFile: string | null } & PrintedConfig {
    const effective = this.effectiveFor(this.options.host.path.resolve(this.options.cwd, file));
    return { configFile: effective.file === undefined ? null : this.label(effective.file), ...printableConfig(effective, this.options.rules) };
  }

  private nearestTo(folder: string): Config | undefined {
    const { dirname } = this.options.host.path;
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
    const { host } = this.options;
    const present = CONFIG_FILE_NAMES.filter((name) => host.isFile(host.path.join(folder, name)));
    if (present.length > 1) {
      throw new ConfigFileError([`sfn-lint: ${this.label(folder)}: ${present.join(' and ')} are both here; keep one, so that it is clear which applies.`]);
    }
    return present.length === 1 ? host.path.join(folder, present[0]) : undefined;
  }

  private load(file: string): Config {
    const known = this.read.get(file);
    if (known) return known;
    let text: string;
    try {
      text = this.options.host.readFile(file);
    } catch (error) {
      throw new ConfigFileError([`sfn-lint: ${this.label(file)}: cannot be read (${(error as { code?: string }).code ?? String(error)}).`]);
    }
    const parsed = parseConfig(file, text, { validate: this.options.validate, rules: this.options.rules });
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
  private label(file: string): string {
    const path = this.options.host.path;
    const relativePath = path.relative(this.options.cwd, file);
    return relativePath === '' ? '.' : relativePath.startsWith('..') || path.isAbsolute(relativePath) ? file : relativePath;
  }
}
