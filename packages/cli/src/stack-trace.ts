import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeModule } from './node-builtins.js';

declare const __sfnLintBundleUrl: string | undefined;

/**
 * A stack trace in which each position in the bundle is given in the source file it came
 * from, read from the bundle's source map (dist/sfn-lint.cjs.map, made by every build).
 * The bundle's local names are minified, which makes it faster to read and load at every
 * start, so its own positions and names say little. Outside the bundle, or without its
 * map (an installed package ships none), the trace is returned as it is.
 */
export function sourceStack(stack: string): string {
  if (typeof __sfnLintBundleUrl !== 'string') return stack;
  const bundle = fileURLToPath(__sfnLintBundleUrl);
  let map: import('node:module').SourceMap;
  try {
    map = new (nodeModule().SourceMap)(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  } catch {
    return stack;
  }
  const position = new RegExp(`${bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');
  return stack.replace(position, (found, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as Partial<import('node:module').SourceMapping>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return found;
    return `${resolve(dirname(bundle), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
