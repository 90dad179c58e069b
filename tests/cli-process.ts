import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built command, as users run it: `npm test` builds first. */
export const BIN = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs sfn-lint (or another copy of its bin) as a process, with colour left to the arguments. */
export function runCli(args: readonly string[], options: { cwd: string; input?: string; bin?: string; env?: Readonly<Record<string, string>> }): CliRun {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd, input: options.input ?? '', env, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a file below a directory, making the folders it needs, and returns its path. */
export function writeBelow(root: string, path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}
