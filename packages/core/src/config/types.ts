import type { SeveritySetting } from '../diagnostic.js';
import type { Range } from '../document/node.js';

/** One rule's setting in a config: its severity, and its options when it takes any. */
export interface ConfiguredRule {
  readonly severity: SeveritySetting;
  readonly options?: Readonly<Record<string, unknown>>;
}

export type ConfiguredRules = Readonly<Record<string, ConfiguredRule>>;

export interface ConfigOverride {
  /** Globs of files, relative to the config file's folder; every file when absent. */
  readonly files?: readonly string[];
  /** Globs of state paths ("Fan out/Step"); the override then sets severities for findings about those states only. */
  readonly states?: readonly string[];
  readonly rules: ConfiguredRules;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A configuration file, read and checked. Severities are normalised (`warn` is `warning`). */
export interface Config {
  readonly file: string;
  readonly rules: ConfiguredRules;
  /** Globs of files not to lint, relative to the config file's folder. */
  readonly ignores: readonly string[];
  /** Later entries win. */
  readonly overrides: readonly ConfigOverride[];
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A mistake in a config file, at the key it concerns. */
export interface ConfigProblem {
  readonly file: string;
  /** The key path, such as ["rules", "no-dupe-key"] or ["overrides", 0, "files"]; empty for the file as a whole. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly range: Range;
}

/** Severities for the findings about some states of a file. */
export interface StateOverride {
  readonly states: readonly string[];
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

/** What applies to one file: its config file's rules, overrides and settings, and the command line's. */
export interface EffectiveConfig {
  /** The config file it came from; undefined when there is none. */
  readonly file: string | undefined;
  /** Matched by `ignores`: the file is not linted. */
  readonly ignored: boolean;
  /** The rules that the config or the command line set; the others keep their defaults. */
  readonly rules: ConfiguredRules;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The overrides by state path that apply to this file, in order (later ones win). */
  readonly stateOverrides: readonly StateOverride[];
}
