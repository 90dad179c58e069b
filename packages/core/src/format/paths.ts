// Formatters stay free of node:path so that core also runs outside Node.

const VIRTUAL = /^<.*>$/;

export function isAbsolute(file: string): boolean {
  return file.startsWith('/') || file.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(file);
}

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

/** The file's absolute path, resolved against `cwd`; `<stdin>`-style names stay as they are. */
export function absolutePath(file: string, cwd: string | undefined): string {
  if (!cwd || VIRTUAL.test(file) || isAbsolute(file)) return file;
  const separator = separatorOf(cwd);
  const parts = cwd.split(/[\\/]/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (const part of file.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(part);
  }
  return parts.length === 1 ? parts[0] + separator : parts.join(separator);
}

/** The path to show a person: relative to `cwd` when the file is inside it. */
export function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || VIRTUAL.test(file)) return file;
  const absolute = absolutePath(file, cwd);
  return pathInside(absolute, cwd) ?? absolute;
}

/** The part of `absolute` below `directory`, or undefined when the file is not inside it. */
export function pathInside(absolute: string, directory: string): string | undefined {
  const base = /[\\/]$/.test(directory) ? directory : directory + separatorOf(directory);
  return absolute.startsWith(base) && absolute.length > base.length ? absolute.slice(base.length) : undefined;
}

/**
 * The path as CI services name a repository's files: relative to `root` (the repository
 * root, else `cwd`) with forward slashes; a file outside it keeps its absolute path.
 */
export function repositoryPath(file: string, options: { readonly cwd?: string; readonly root?: string }): string {
  if (VIRTUAL.test(file)) return file;
  const absolute = absolutePath(file, options.cwd);
  const root = options.root ?? options.cwd;
  const inside = root === undefined ? undefined : pathInside(absolute, root);
  return (inside ?? absolute).replace(/\\/g, '/');
}
