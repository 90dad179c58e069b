import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared real-world corpus beside the repository; absent on a machine without it. */
export const corpusRoot = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/corpus');
export const corpusPresent = existsSync(corpusRoot);

const textExtensions = /\.(json|json5|ya?ml|asl|tpl|template)$/i;

/** Every text file under a corpus folder that could hold a definition, sorted. */
export function corpusFiles(folder = ''): string[] {
  const result: string[] = [];
  const stack = [join(corpusRoot, folder)];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (textExtensions.test(entry.name)) result.push(path);
    }
  }
  return result.sort();
}

export function corpusRelative(path: string): string {
  return relative(corpusRoot, path);
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
