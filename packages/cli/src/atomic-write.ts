import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from './node-builtins.js';

/**
 * Writes a file so that readers see the old content or the new, never a part: the text
 * goes to a temporary file beside it, is flushed to disk, and is renamed over the target.
 * A CI step that uploads the file after a killed run then finds no truncated report.
 * With `mode`, the file gets exactly those permission bits, whatever the umask.
 */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  const directory = dirname(path);
  makeDirectory(directory);
  const temporary = join(directory, `.${basename(path)}.${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never write through a file or link that someone else put at that name.
    const fd = openSync(temporary, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync loops forever where mkdir
 * fails with ENOENT under an existing parent, as in /proc.
 */
function makeDirectory(directory: string): void {
  if (existsSync(directory)) return;
  const parent = dirname(directory);
  if (parent !== directory) makeDirectory(parent);
  try {
    mkdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
