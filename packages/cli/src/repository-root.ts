import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root of the git repository that holds `cwd`: the nearest directory with a `.git`
 * entry (a directory, or a file in worktrees and submodules), or `cwd` itself outside a
 * repository. Found without running git, which a pre-commit hook would pay for each time.
 */
export function repositoryRoot(cwd: string): string {
  for (let directory = cwd; ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return cwd;
  }
}
