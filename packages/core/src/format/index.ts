import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { Formatter } from './options.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export { formatCompact } from './compact.js';
export { formatGithub } from './github.js';
export { eslintSeverity, formatJson, toJsonResults, type JsonMessage, type JsonResult } from './json.js';
export { formatJunit } from './junit.js';
export { displayMessage } from './message.js';
export type { FormatOptions, Formatter } from './options.js';
export { formatSarif } from './sarif.js';
export { formatStylish } from './stylish.js';

/** Every built-in formatter by the name `--format` takes. */
export const formatters = { stylish: formatStylish, json: formatJson, compact: formatCompact, github: formatGithub, junit: formatJunit, sarif: formatSarif } as const satisfies Record<string, Formatter>;

export type FormatterName = keyof typeof formatters;
