import type { Dirent } from 'node:fs';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileGlob, isDataFile, isDefinitionFile, isGlob } from '@sfn-lint/core';
import { cloudAssemblyTemplates, isAssetDirectory } from './cloud-assembly.js';
import { UsageError } from './usage-error.js';

export interface FileTarget {
  /** Absolute path. */
  readonly path: string;
  /**
   * Lint whatever the file holds: it was named on the command line or is an `.asl.*` file.
   * Otherwise it is linted only when it holds a definition.
   */
  readonly always: boolean;
}

function skippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * The files that the command-line arguments name, sorted by path. Directories are searched;
 * globs are matched. A path that does not exist, or a glob that matches nothing, is a usage error.
 */
export function collectFiles(patterns: readonly string[], cwd: string): FileTarget[] {
  const targets = new Map<string, boolean>();
  const add = (path: string, always: boolean) => targets.set(path, always || targets.get(path) === true);

  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (isGlob(pattern)) {
          if (!matchGlob(pattern, cwd, add)) throw new UsageError(`No files match the pattern "${pattern}".`);
          continue;
        }
        throw new UsageError(`No such file or directory: ${pattern}`);
      }
      // It exists but cannot be examined: reading it reports the problem.
      add(path, true);
      continue;
    }
    if (isDirectory) {
      walk(
        path,
        Infinity,
        (file, name) => {
          if (isDefinitionFile(name)) add(file, true);
          else if (isDataFile(name)) add(file, false);
        },
        (template) => add(template, true),
      );
    } else {
      add(path, true);
    }
  }

  return [...targets]
    .map(([path, always]) => ({ path, always }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Adds every file the glob matches; false when none does. */
function matchGlob(pattern: string, cwd: string, add: (path: string, always: boolean) => void): boolean {
  const glob = compileGlob(pattern);
  const base = resolve(cwd, glob.base);
  let found = false;
  walk(base, glob.maxDepth, (file, name, relative) => {
    if (!glob.regex.test(relative)) return;
    found = true;
    add(file, isDefinitionFile(name));
  });
  return found;
}

/**
 * Visits the files below a directory, skipping node_modules and dot-directories. Symbolic links
 * are followed, but a directory already visited (by its real path) is not entered again.
 */
function walk(
  root: string,
  maxDepth: number,
  visit: (file: string, name: string, relative: string) => void,
  assemblyTemplate?: (file: string) => void,
): void {
  const visited = new Set<string>();
  const stack: { dir: string; relative: string; depth: number }[] = [{ dir: root, relative: '', depth: 0 }];
  while (stack.length > 0) {
    const { dir, relative, depth } = stack.pop()!;
    let entries: Dirent[];
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // An unreadable directory is skipped, as `find` would.
    }
    const assembly = assemblyTemplate ? cloudAssemblyTemplates(dir, entries.map((entry) => entry.name)) : undefined;
    if (assembly) for (const template of assembly) assemblyTemplate!(template);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // A dangling link.
        }
      }
      if (isDirectory) {
        if (!skippedDirectory(entry.name) && !(assembly && isAssetDirectory(entry.name)) && depth + 1 < maxDepth) stack.push({ dir: path, relative: childRelative, depth: depth + 1 });
      } else if (isFile) {
        visit(path, entry.name, childRelative);
      }
    }
  }
}
