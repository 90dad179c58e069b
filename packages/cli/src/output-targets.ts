import type { FormatterName } from '@sfn-lint/core';
import { UsageError } from './usage-error.js';

/** The formats `--format` takes. Kept here rather than read from core, so that `--help` loads no linter code. */
export const FORMAT_NAMES = ['stylish', 'json', 'compact', 'github', 'junit', 'sarif'] as const satisfies readonly FormatterName[];
export type FormatName = (typeof FORMAT_NAMES)[number];
// Fails to compile when core gains a formatter this list lacks.
const listsEveryFormatter: Exclude<FormatterName, FormatName> extends never ? true : false = true;
void listsEveryFormatter;

export interface OutputTarget {
  readonly format: FormatName;
  /** The file to write, as given; undefined for standard output. */
  readonly file?: string;
}

/** A `--format NAME` or `-o FILE` option, in command-line order. */
export interface OutputOption {
  readonly name: 'format' | 'output-file';
  readonly value: string;
}

/**
 * Where each report goes. Each `-o FILE` writes the `--format` given before it; a `--format`
 * without an `-o` writes to standard output, and only one may. With one `--format` (or
 * none: stylish), a single `-o` may stand anywhere, as in ESLint.
 */
export function outputTargets(options: readonly OutputOption[]): OutputTarget[] {
  const targets: { format: FormatName; file?: string }[] = [];
  const leading: string[] = [];
  for (const { name, value } of options) {
    if (name === 'format') {
      targets.push({ format: formatName(value) });
      continue;
    }
    const last = targets[targets.length - 1];
    if (!last) leading.push(value);
    else if (last.file !== undefined) throw new UsageError(`--format ${last.format} already writes to ${last.file}: give another --format before -o ${value}.`);
    else last.file = value;
  }
  if (targets.length === 0) targets.push({ format: 'stylish' });
  if (leading.length > 0) {
    if (targets.length > 1 || leading.length > 1 || targets[0].file !== undefined) {
      throw new UsageError(`-o ${leading[0]} comes before any --format: with several outputs, put each -o after the --format it writes.`);
    }
    targets[0].file = leading[0];
  }
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`Only one format can go to standard output, not ${toStdout.map((t) => t.format).join(' and ')}: give -o FILE after the others.`);
  }
  const files = new Set<string>();
  for (const { file } of targets) {
    if (file === undefined) continue;
    if (files.has(file)) throw new UsageError(`Two formats write to ${file}.`);
    files.add(file);
  }
  return targets;
}

function formatName(value: string): FormatName {
  const name = FORMAT_NAMES.find((format) => format === value);
  if (!name) throw new UsageError(`Unknown format "${value}": use ${FORMAT_NAMES.slice(0, -1).join(', ')} or ${FORMAT_NAMES[FORMAT_NAMES.length - 1]}.`);
  return name;
}
