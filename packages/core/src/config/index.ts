export { CONFIG_FILE_NAMES, ConfigFiles, type ConfigFilesOptions, type ConfigHost } from './config-files.js';
export { ConfigFileError } from './config-file-error.js';
/** The config schema of the registered rules, precompiled by scripts/build-config-schema.mjs (a test fails when it is stale). */
export { validateConfig } from './config-validator.generated.js';
export { applyStateOverrides, lintOptionsFor } from './apply.js';
export { formatKeyPath } from './key-path.js';
export { parseConfig, type ConfigCheck, type ConfigValidator, type ParsedConfig } from './parse.js';
export { matchesPathOrParent } from './path-globs.js';
export { printableConfig, type PrintedConfig, type PrintedRule } from './print.js';
export { resolveConfig, type ResolveOptions } from './resolve.js';
export { CONFIG_SCHEMA_URL, configSchema, SEVERITY_NAMES } from './schema.js';
export { SETTINGS, type SettingSpec } from './settings.js';
export type * from './types.js';
export type { SchemaError } from './validation-messages.js';
