import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Reads a file that a template names (SAM DefinitionUri, Serverless ${file(…)}), relative to the template. */
export function readRelated(fromFile: string, path: string): { file: string; text: string } | undefined {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}
