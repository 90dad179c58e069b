import { formatJson } from './json.js';
import type { Formatter } from './options.js';
import { formatStylish } from './stylish.js';

export { eslintSeverity, formatJson, toJsonResults, type JsonMessage, type JsonResult } from './json.js';
export type { FormatOptions, Formatter } from './options.js';
export { formatStylish } from './stylish.js';

/** Every built-in formatter by the name `--format` takes. */
export const formatters: Readonly<Record<'stylish' | 'json', Formatter>> = { stylish: formatStylish, json: formatJson };

export type FormatterName = keyof typeof formatters;
