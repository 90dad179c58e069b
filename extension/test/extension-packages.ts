import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The extension's packages (the language client, Mermaid, vsce, playwright-core …) have their
// own package-lock.json, out of the root install: pre-commit installs the root package's dev
// dependencies to run the hook, and these are large. `npm ci --prefix extension` installs
// them (.ci/run and `npm run package:vscode` do); the extension builds with the root's
// esbuild and TypeScript, so the root install comes first.
const extensionRoot = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
const missing = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
  (name) => !existsSync(join(extensionRoot, 'node_modules', name, 'package.json')),
);
// CI installs them, so there a missing one is a failure, not a skip.
const mustRun = process.env.CI === 'true';

/**
 * Whether the tests that build or package the extension run here: yes when its packages are
 * installed, and always in CI. Otherwise says once, for `testFile`, what is not checked and why.
 */
export function extensionPackagesFor(testFile: string, what: string): boolean {
  if (missing.length === 0 || mustRun) return true;
  console.warn(`${testFile}: the extension's packages are not installed (npm ci --prefix extension), so ${what}.`);
  return false;
}

/** Throws, naming them, when the extension's packages are missing (in CI, where the tests that need them still run). */
export function requireExtensionPackages(): void {
  if (missing.length > 0) throw new Error(`The extension's packages ${missing.join(', ')} are not installed: run npm ci --prefix extension.`);
}
