import { readFileSync } from 'node:fs';

/** sfn-lint's version, from the CLI package's manifest. */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
