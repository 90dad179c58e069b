import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface Activation {
  exports: string[];
  commands: string[];
  sections: string[];
  subscriptions: number;
}

/** Activates a bundled client with a stand-in for VS Code (activate-with-stand-in.cjs) and returns what it registered. */
export function activateBundle(clientFile: string): Activation {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, 'activate-with-stand-in.cjs'), clientFile], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The client did not activate:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
