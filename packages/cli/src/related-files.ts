import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Reads a file a template names (SAM DefinitionUri, Serverless ${file(…)}), relative to the template. */
export function readRelated(fromFile: string, path: string): { file: string; text: string } | undefined {
  const file = relatedPath(fromFile, path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/** Where a file a template names is, as an absolute path. */
export function relatedPath(fromFile: string, path: string): string {
  return resolve(dirname(fromFile), path);
}
